"""A library request costs the same number of queries whatever the number of documents, the page or the filters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.documents.conftest import make_document

pytestmark = pytest.mark.django_db

# Anonymous visitor, warm caches (see ``assert_warm_queries``): Wagtail's routing and the page's own queries (site,
# root page, the library page; restrictions, settings, menu, breadcrumbs and which page the path names come from the
# cache), then the library's three: the categories, every facet count and the total in one, and the page of
# documents.
LIBRARY_QUERIES = 5


@pytest.fixture(params=[5, 40], ids=["5 documents", "40 documents"])
def documents(request, library, categories, members_collection):
    for number in range(request.param):
        make_document(
            f"Document {number}",
            category=categories["guides"] if number % 2 else categories["reports"],
            language=("en", "fr", "es")[number % 3],
            data=b"a,b\n" if number % 4 == 0 else None,
            filename=f"document-{number}.csv" if number % 4 == 0 else None,
        )
    make_document("Members' papers", collection=members_collection)
    return request.param


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"page": "2"},
        {"category": "guides", "language": "fr"},
        {"year": "2024", "type": "pdf", "sort": "title"},
        {"sort": "oldest", "page": "2"},
    ],
    ids=["plain", "page 2", "category and language", "year, type and title order", "oldest, page 2"],
)
def test_library_query_count_does_not_grow_with_documents_or_pages(library, documents, assert_warm_queries, params):
    response = assert_warm_queries(library.url, LIBRARY_QUERIES, **params)
    assert response.status_code == 200


def test_library_search_query_count_does_not_grow_with_documents(library, categories, client):
    """A search adds a planner hint on PostgreSQL (see ``documents.selectors.search_plan``), so its count is compared
    with itself rather than pinned."""

    def count_for(params):
        client.get(library.url, params)
        with CaptureQueriesContext(connection) as queries:
            client.get(library.url, params)
        return len(queries)

    make_document("Guide one", text="Solidarity and housing.", category=categories["guides"])
    few = count_for({"q": "solidarity"})
    for number in range(30):
        make_document(f"Guide {number}", text="Solidarity and housing.", category=categories["guides"])
    assert count_for({"q": "solidarity"}) == few
    assert count_for({"q": "solidarity", "page": "2", "category": "guides"}) == few
