"""The About pages cost a fixed number of queries, however many cards, offices or documents they show."""

import pytest

from tests import factories
from tests.fixtures import html

pytestmark = pytest.mark.django_db

# Anonymous visitor, warm caches (see ``assert_warm_queries``; the child-page cards, their pictures and which page
# a path names come from the cache; the site from the process's table, portal.sites): the root page and the page
# itself, plus what each page type needs.
ABOUT_PAGE_QUERIES = 2
ALLIANCE_PAGE_QUERIES = 3  # related documents (the regional offices come from the cache)
WHY_JOIN_PAGE_QUERIES = 3  # related documents


@pytest.mark.parametrize("children", [2, 10])
def test_about_page_query_count_does_not_grow_with_children(about_page, assert_warm_queries, children):
    # The Alliance and Why-join pages may exist once each, so generic pages stand in to make the list long;
    # the cards are built by the same code whatever the children's type.
    for _ in range(children):
        factories.StandardPageFactory(parent=about_page, listing_image=factories.CustomImageFactory())
    response = assert_warm_queries(about_page.url, ABOUT_PAGE_QUERIES)
    assert len(html(response).find("main").select("article.card")) == children


@pytest.mark.parametrize(("related", "offices"), [(1, 4), (6, 8)])
def test_alliance_page_query_count_does_not_grow_with_documents_or_offices(
    alliance_page, members_collection, assert_warm_queries, related, offices
):
    for _ in range(offices - alliance_page.regional_offices.count()):
        factories.RegionalOfficeFactory(page=alliance_page)
    alliance_page.related_documents = [
        {"type": "document", "value": factories.PortalDocumentFactory().pk} for _ in range(related)
    ] + [{"type": "document", "value": factories.PortalDocumentFactory(collection=members_collection).pk}]
    alliance_page.save_revision().publish()
    response = assert_warm_queries(alliance_page.url, ALLIANCE_PAGE_QUERIES)
    main = html(response).find("main")
    assert len(main.select("article.document-card")) == related
    assert len(main.select(".offices > li")) == offices


@pytest.mark.parametrize("related", [1, 6])
def test_why_join_page_query_count_does_not_grow_with_related_documents(why_join_page, assert_warm_queries, related):
    why_join_page.related_documents = [
        {"type": "document", "value": factories.PortalDocumentFactory().pk} for _ in range(related)
    ]
    why_join_page.save_revision().publish()
    response = assert_warm_queries(why_join_page.url, WHY_JOIN_PAGE_QUERIES)
    assert len(html(response).find("main").select("article.document-card")) == related
