"""The number of SQL queries per results page is fixed: it does not grow with the results (no ``.specific`` per row).

The search's own queries are pinned (the view, before its template renders), on warm caches: the site; a count and a
ranked slice for pages and for documents (a kind that nothing matches is counted, not ranked); the texts of the
results page's pages (one query whatever their types) and of its documents (the libraries that give documents their
addresses come from the shared cache); the editors' picks. The query log is written once the response is sent (when it
is closed): one statement on PostgreSQL (both upserts), two on SQLite. Rendering the template then costs the same
queries for few and many results (the layout's own, which other parts of the site own, are not pinned here).
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale

from search import views
from tests import factories
from tests.search.conftest import AUTOCOMPLETE_URL, SEARCH_URL

pytestmark = pytest.mark.django_db

# The two kinds' counts: one per kind on SQLite. On PostgreSQL one statement holds both counts and both kinds' ranked
# slices (search.selectors.count_and_rank_all), and each kind's ranked objects are then read by primary key: the same
# number of queries as one statement for the counts and one ranked slice per kind.
COUNT_QUERIES = 1 if connection.vendor == "postgresql" else 2
# A first results page showing pages and documents, for words without editors' picks (the shared cache lists the
# promoted queries); was 13 (and 14 on PostgreSQL) with the query log in the view and the picks always read, then 8,
# then 7 with the libraries kept in the shared cache, then 6 on PostgreSQL with the documents' texts read with them.
SEARCH_QUERIES = 4 + COUNT_QUERIES + (0 if connection.vendor == "postgresql" else 1)
LATER_PAGE_QUERIES = SEARCH_QUERIES  # no editors' picks, ever
PICKS_QUERIES = 1  # when the words have editors' picks
# When a pick's page is in another language than the search's: its translations in the search's language.
PICK_TRANSLATIONS_QUERIES = 1
# What a results page spends on the kinds it shows: the pages' texts; the documents' texts and their libraries.
PAGE_TEXT_QUERIES = 1
# The libraries that give documents their addresses are kept in the shared cache (search.selectors.library_addresses):
# a query on a cold cache only; was one more for each. On PostgreSQL the documents' texts are read with the documents
# (search.selectors.ranked_objects).
DOCUMENT_TEXT_QUERIES = 0 if connection.vendor == "postgresql" else 1
# On PostgreSQL the objects of a kind are read only when the page shows one of them (the statement's ranks say which:
# search.selectors.ranked_in_one_statement); SQLite's result sets read each kind's best.
UNSHOWN_KIND_QUERIES = 1 if connection.vendor == "postgresql" else 0
SUGGESTION_QUERIES = 2  # pages, documents (the site comes from the process's table: portal.sites)
# "Did you mean" when a search finds nothing (search.spelling): on a warm cache its vocabulary costs no query (the
# words of the pages and of the documents, two queries, are read once per generation and audience).
DID_YOU_MEAN_QUERIES = 0
# When the titles fill fewer than 8 suggestions: pages and documents whose text matches, once each.
SUGGESTION_FILL_QUERIES = 2


# A search asked again (the same words, kind and page, by a request that may see the same things) is answered from
# the shared cache (search.results_cache): nothing of the search's own. The results page's view still reads the site
# (``measure`` calls the view without the middleware that gives it from the process's table); suggestions, none.
REPEATED_SEARCH_QUERIES = 1
REPEATED_SUGGESTION_QUERIES = 0


@pytest.fixture(autouse=True)
def _answered_afresh(settings, request):
    """The pins below are of a search's own queries: answered afresh, not from the shared cache of answers, unless
    a test asks for it (``kept_answers``)."""
    if "kept_answers" not in request.fixturenames:
        settings.SEARCH_RESULTS_CACHE_SECONDS = 0


@pytest.fixture
def kept_answers(settings):
    settings.SEARCH_RESULTS_CACHE_SECONDS = 300


def log_queries():
    """The query log's statements, run when the response is closed."""
    return 1 if connection.vendor == "postgresql" else 2


@pytest.fixture
def make_matches(home_page, documents_page, about_page):
    def make(count):
        for number in range(count):
            factories.StandardPageFactory(parent=home_page, title=f"Budget page {number}", intro="A budget page.")
            factories.PortalDocumentFactory(title=f"Budget document {number}", description="A budget document.")
        about_page.intro = "The federation's budget."
        about_page.save_revision().publish()

    return make


def measure(view, language="en", **params):
    """``(queries of the view, queries of rendering its template, the response)``, on warm caches, at the search
    address in ``language``."""

    def call():
        request = RequestFactory().get(SEARCH_URL.replace("/en/", f"/{language}/"), params)
        request.user = AnonymousUser()
        with translation.override(language):
            with CaptureQueriesContext(connection) as in_view:
                response = view(request)
            with CaptureQueriesContext(connection) as in_template:
                response.render()
        return len(in_view), len(in_template), response

    call()  # the first page rendered creates the site's settings: new content, a new generation of the caches
    call()
    return call()


def not_shown(response):
    """The queries a results page does not spend on a kind it does not show (see ``PAGE_TEXT_QUERIES``)."""
    kinds = {result.kind for result in response.context_data["results_page"].object_list}
    return ("page" not in kinds) * (PAGE_TEXT_QUERIES + UNSHOWN_KIND_QUERIES) + ("document" not in kinds) * (
        DOCUMENT_TEXT_QUERIES + UNSHOWN_KIND_QUERIES
    )


@pytest.mark.parametrize("matches", [2, 12])
def test_a_results_page_costs_the_same_queries_for_few_and_many_results(make_matches, matches):
    make_matches(matches)
    in_view, _in_template, response = measure(views.search, q="budget")
    assert in_view == SEARCH_QUERIES - not_shown(response)
    assert len(response.context_data["results_page"].object_list) == min(2 * matches + 1, 10)


def test_the_query_log_is_written_once_the_response_is_sent(make_matches):
    make_matches(2)
    _in_view, _in_template, response = measure(views.search, q="budget")
    assert not Query.objects.filter(query_string="budget").exists()  # the warm-up's response was never closed
    # As the test client does: the request's end must not close the test's database connection.
    request_finished.disconnect(close_old_connections)
    try:
        with CaptureQueriesContext(connection) as log:
            response.close()
    finally:
        request_finished.connect(close_old_connections)
    assert len(log) == log_queries()
    assert Query.objects.get(query_string="budget").hits == 1


def test_words_with_editors_picks_cost_one_query_more(make_matches, home_page):
    make_matches(2)
    promoted = factories.StandardPageFactory(parent=home_page, title="Where the money goes")
    SearchPromotion.objects.create(query=Query.get("budget"), page=promoted)
    in_view, _in_template, response = measure(views.search, q="budget")
    assert [pick.title for pick in response.context_data["search"].picks] == ["Where the money goes"]
    assert in_view == SEARCH_QUERIES + PICKS_QUERIES - not_shown(response)


def test_picks_in_another_language_cost_one_query_more_and_only_when_a_pick_needs_translating(home_page):
    french_home = home_page.copy_for_translation(Locale.objects.get(language_code="fr"))
    french_home.save_revision().publish()
    for number in range(3):
        factories.StandardPageFactory(parent=french_home, title=f"Budget en français {number}", intro="Le budget.")
    without_picks, _in_template, response = measure(views.search, language="fr", q="budget")
    assert response.context_data["search"].picks == []

    english = factories.StandardPageFactory(parent=home_page, title="Where the money goes")
    french = english.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.title = "Où va l’argent"
    french.save_revision().publish()
    promotion = SearchPromotion.objects.create(query=Query.get("budget"), page=english)
    in_view, _in_template, response = measure(views.search, language="fr", q="budget")
    assert [pick.title for pick in response.context_data["search"].picks] == ["Où va l’argent"]
    assert in_view == without_picks + PICKS_QUERIES + PICK_TRANSLATIONS_QUERIES
    # A pick already in the search's language needs no translation: no more than any pick.
    promotion.page = french
    promotion.save()
    in_view, _in_template, response = measure(views.search, language="fr", q="budget")
    assert [pick.title for pick in response.context_data["search"].picks] == ["Où va l’argent"]
    assert in_view == without_picks + PICKS_QUERIES


@pytest.mark.parametrize("matches", [6, 30])
def test_a_later_results_page_costs_the_same_queries_without_the_log_or_picks(make_matches, matches):
    make_matches(matches)
    in_view, _in_template, response = measure(views.search, q="budget", page="2")
    assert in_view == LATER_PAGE_QUERIES - not_shown(response)
    assert len(response.context_data["results_page"].object_list) == min(2 * matches + 1 - 10, 10)


def test_rendering_costs_the_same_queries_for_few_and_many_results(home_page, documents_page, about_page):
    factories.StandardPageFactory(parent=home_page, title="Budget page", intro="A budget page.")
    factories.PortalDocumentFactory(title="Budget document", description="A budget document.")
    _in_view, few, _response = measure(views.search, q="budget")
    for number in range(12):
        factories.StandardPageFactory(parent=home_page, title=f"Budget page {number}", intro="A budget page.")
        factories.PortalDocumentFactory(title=f"Budget document {number}", description="A budget document.")
    _in_view, many, response = measure(views.search, q="budget")
    assert len(response.context_data["results_page"].object_list) == 10
    assert many == few


def test_a_kind_without_matches_is_counted_but_not_ranked(home_page, documents_page):
    factories.StandardPageFactory(parent=home_page, title="Budget page", intro="A budget page.")
    in_view, _in_template, _response = measure(views.search, q="budget")
    assert in_view == SEARCH_QUERIES - 1 - DOCUMENT_TEXT_QUERIES
    in_view, _in_template, _response = measure(views.search, q="zzyzx")
    assert in_view == SEARCH_QUERIES - 2 - PAGE_TEXT_QUERIES - DOCUMENT_TEXT_QUERIES + DID_YOU_MEAN_QUERIES


def test_a_page_of_one_kind_reads_nothing_for_the_other(make_matches):
    make_matches(12)
    in_view, _in_template, response = measure(views.search, q="budget", kind="documents")
    assert {result.kind for result in response.context_data["results_page"].object_list} == {"document"}
    # Pages are counted (for their tab), not ranked.
    assert in_view == SEARCH_QUERIES - 1 - PAGE_TEXT_QUERIES
    in_view, _in_template, response = measure(views.search, q="budget", kind="pages")
    assert {result.kind for result in response.context_data["results_page"].object_list} == {"page"}
    assert in_view == SEARCH_QUERIES - 1 - DOCUMENT_TEXT_QUERIES  # documents counted, not ranked


@pytest.mark.parametrize("matches", [4, 12])
def test_suggestions_cost_the_same_queries_for_a_full_list_of_titles(
    client, make_matches, django_assert_num_queries, matches
):
    make_matches(matches)
    client.get(AUTOCOMPLETE_URL, {"q": "budg"})
    with django_assert_num_queries(SUGGESTION_QUERIES):
        response = client.get(AUTOCOMPLETE_URL, {"q": "budg"})
    assert len(response.json()["suggestions"]) == 8


@pytest.mark.parametrize("matches", [1, 3])
def test_suggestions_filled_from_the_text_cost_the_same_queries_for_few_and_more_titles(
    client, make_matches, django_assert_num_queries, matches
):
    make_matches(matches)
    client.get(AUTOCOMPLETE_URL, {"q": "budget"})
    with django_assert_num_queries(SUGGESTION_QUERIES + SUGGESTION_FILL_QUERIES):
        response = client.get(AUTOCOMPLETE_URL, {"q": "budget"})
    titles = [suggestion["title"] for suggestion in response.json()["suggestions"]]
    assert len(titles) == 2 * matches + 1  # and the About page, whose intro speaks of the budget
    assert titles[-1] == "About us"


@pytest.mark.parametrize("matches", [2, 12])
def test_the_same_search_again_costs_only_the_site(make_matches, kept_answers, matches):
    make_matches(matches)
    in_view, in_template, response = measure(views.search, q="budget")
    assert in_view == REPEATED_SEARCH_QUERIES
    assert len(response.context_data["results_page"].object_list) == min(2 * matches + 1, 10)
    _in_view, fresh_template, _response = measure(views.search, q="budget", kind="pages")
    assert in_template <= fresh_template  # rendering a kept answer reads nothing more


def test_the_same_suggestions_again_cost_no_query(client, make_matches, kept_answers, django_assert_num_queries):
    make_matches(4)
    client.get(AUTOCOMPLETE_URL, {"q": "budg"})
    with django_assert_num_queries(REPEATED_SUGGESTION_QUERIES):
        response = client.get(AUTOCOMPLETE_URL, {"q": "budg"})
    assert len(response.json()["suggestions"]) == 8
