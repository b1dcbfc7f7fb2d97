"""The number of SQL queries per results page is fixed: it does not grow with the results (no ``.specific`` per row).

Counted on warm caches (``assert_warm_queries``): the site; a count and a ranked slice for pages and for documents;
the texts of the results page's pages (one query whatever their types) and of its documents; the libraries that
give documents their addresses; the editors' picks; the query log (a savepoint, the query, its daily hits, the
increment, the release; on PostgreSQL also ``SET LOCAL synchronous_commit``); the layout's own queries (the menu).
"""

import pytest
from django.db import connection

from tests import factories
from tests.site_search.conftest import AUTOCOMPLETE_URL, SEARCH_URL, result_titles

pytestmark = pytest.mark.django_db

RESULTS_PAGE_QUERIES = 15
SUGGESTION_QUERIES = 4  # the site, pages, documents, the libraries


def log_queries():
    return 1 if connection.vendor == "postgresql" else 0


@pytest.fixture
def make_matches(home_page, documents_page, about_page):
    def make(count):
        for number in range(count):
            factories.StandardPageFactory(parent=home_page, title=f"Budget page {number}", intro="A budget page.")
            factories.PortalDocumentFactory(title=f"Budget document {number}", description="A budget document.")
        about_page.intro = "The federation's budget."
        about_page.save_revision().publish()

    return make


@pytest.mark.parametrize("matches", [2, 12])
def test_a_results_page_costs_the_same_queries_for_few_and_many_results(assert_warm_queries, make_matches, matches):
    make_matches(matches)
    response = assert_warm_queries(SEARCH_URL, RESULTS_PAGE_QUERIES + log_queries(), q="budget")
    assert len(result_titles(response)) == min(2 * matches + 1, 10)


@pytest.mark.parametrize("matches", [6, 30])
def test_a_later_results_page_costs_the_same_queries_without_the_log_or_picks(
    assert_warm_queries, make_matches, matches
):
    make_matches(matches)
    response = assert_warm_queries(SEARCH_URL, RESULTS_PAGE_QUERIES - 6, q="budget", page="2")
    assert len(result_titles(response)) == min(2 * matches + 1 - 10, 10)


@pytest.mark.parametrize("matches", [2, 12])
def test_suggestions_cost_the_same_queries_for_few_and_many_titles(
    client, make_matches, django_assert_num_queries, matches
):
    make_matches(matches)
    client.get(AUTOCOMPLETE_URL, {"q": "budg"})
    with django_assert_num_queries(SUGGESTION_QUERIES):
        response = client.get(AUTOCOMPLETE_URL, {"q": "budg"})
    assert len(response.json()["suggestions"]) == min(2 * matches, 8)
