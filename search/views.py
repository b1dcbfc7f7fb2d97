from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Site

from members.access import visible_pages

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request):
    """The site search page. Results come only from pages the request may see.

    The full search (documents, ranking, highlighting, editors' picks) comes with the search issue; this
    view already asks the access module, so a members-only page never appears to anyone else.
    """
    query = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:MAX_QUERY_LENGTH]
    results = []
    site = Site.find_for_request(request)
    if query and site:
        pages = visible_pages(request, site.root_page.get_descendants(inclusive=True))
        results = pages.specific().search(query)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    response = TemplateResponse(request, "search/search.html", {"search_query": query, "results_page": page})
    response["X-Robots-Tag"] = "noindex"
    return response
