"""The documents library costs a fixed number of queries, however many documents it lists."""

import pytest

from tests import factories
from tests.fixtures import html

pytestmark = pytest.mark.django_db

# Anonymous visitor, warm caches (see ``assert_warm_queries``): routing (the root page and the library page; the site
# and which page the path names come from the process's table and the cache), site settings, menu and breadcrumbs as on
# every page, then the categories, one query for every facet count and the total, and one for the page of documents.
DOCUMENTS_LIBRARY_QUERIES = 5


@pytest.mark.parametrize("documents", [3, 30])
def test_documents_library_query_count_does_not_grow_with_documents(
    documents_page, members_collection, assert_warm_queries, documents
):
    for _ in range(documents):
        factories.PortalDocumentFactory()
    factories.PortalDocumentFactory(collection=members_collection)
    response = assert_warm_queries(documents_page.url, DOCUMENTS_LIBRARY_QUERIES)
    assert len(html(response).find("main").select("article.document-card")) == min(documents, documents_page.per_page)
