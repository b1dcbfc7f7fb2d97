"""The site search page and its title suggestions. The queries live in ``search.selectors``."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from search import results_cache, selectors, spelling
from search.languages import LANGUAGES
from search.text import only_stop_words


@require_safe
def search(request):
    """``/<language>/search/?q=&kind=&page=&languages=``: pages and documents the request may see, best first, in
    the address's language (``languages=all``: in every language).

    Any input answers with a page: an empty or unsearchable query asks for words, a query of stop words only ("the")
    asks for a more specific word, an unknown kind shows all, a page number that is not one shows the first page and
    one past the end the last. When nothing matches, popular public searches are offered instead. The same words
    asked again by a request that may see the same things are answered from the shared cache
    (``search.results_cache``) until the content changes. Each search (its first page) is logged for the admin's
    popular-searches report, once the response is sent.
    """
    params = selectors.SearchParams.from_querydict(request.GET)
    if not params.has_words:
        outcome = selectors.SearchOutcome(params)
    elif only_stop_words(params.query, selectors.search_languages(request, params.all_languages) or LANGUAGES):
        # "the": nothing to search for in any language searched (the index holds no stop words); said so, at no cost.
        outcome = selectors.SearchOutcome(params, too_common=True, picks=selectors.editors_picks(request, params.query))
    else:
        outcome = results_cache.remembered(request, ("search", params), lambda: answer(request, params))
    context = {"search_query": params.query, "search": outcome, "results_page": outcome.page}
    response = TemplateResponse(request, "search/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    searched = params.has_words and not outcome.too_common
    if searched and params.page == 1 and request.GET.get("page") in (None, "", "1"):
        # The visitor does not wait for the log: it is written once the page is sent.
        selectors.after_response(response, selectors.log_search, params.query)
    return response


def answer(request, params):
    """The results page's outcome for ``params``: results, and when nothing matched, popular searches and a
    correction of the words."""
    outcome = selectors.run_search(request, params)
    if outcome.total == 0:
        languages = selectors.search_languages(request, params.all_languages)
        outcome.popular = selectors.popular_searches(languages)
        outcome.did_you_mean = spelling.did_you_mean(request, params.query, languages)
    return outcome


@require_safe
def autocomplete(request):
    """``/<language>/search/autocomplete/?q=``: JSON title suggestions within the request's access, in the
    address's language (``languages=all``: in every language).

    ``{"query": "...", "suggestions": [{"title": "...", "url": "...", "kind": "page" | "document"}, ...]}``.
    A logged-in user's answer is private (``members.middleware`` sends ``Cache-Control: private, no-store``).
    """
    query = selectors.clean_query(request.GET.get("q"))
    all_languages = selectors.wants_all_languages(request.GET)
    found = results_cache.remembered(
        request, ("suggestions", query, all_languages), lambda: selectors.suggestions(request, query, all_languages)
    )
    response = JsonResponse(
        {"query": query, "suggestions": found},
        json_dumps_params={"ensure_ascii": False},
    )
    response["X-Robots-Tag"] = "noindex"
    return response
