"""Pages are found by their slugs as Wagtail finds them, with the pages along the path read in one query, and which
page a path names remembered in the shared cache."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from home import routing
from home.models import SiteSettings
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_sections(home_page):
    """Two sections with a child of the same slug each, and a grandchild under the second."""
    first = factories.StandardPageFactory(parent=home_page, title="First", slug="first")
    second = factories.StandardPageFactory(parent=home_page, title="Second", slug="second")
    factories.StandardPageFactory(parent=first, title="News of the first", slug="news")
    news = factories.StandardPageFactory(parent=second, title="News of the second", slug="news")
    factories.StandardPageFactory(parent=news, title="An item", slug="item")
    return first, second


def _title(response):
    return response.content.decode().split("<h1>", 1)[1].split("</h1>", 1)[0]


def test_the_same_slug_under_two_parents_leads_to_each_ones_own_page(client, two_sections):
    assert _title(client.get("/en/first/news/")) == "News of the first"
    assert _title(client.get("/en/second/news/")) == "News of the second"
    assert _title(client.get("/en/second/news/item/")) == "An item"


@pytest.mark.parametrize("path", ["/en/nowhere/", "/en/first/nowhere/", "/en/first/news/item/", "/en/nowhere/news/"])
def test_a_path_that_names_no_page_is_not_found(client, two_sections, path):
    assert client.get(path).status_code == 404


def test_an_unpublished_page_is_not_found_but_its_live_children_are(client, two_sections):
    first, _second = two_sections
    first.unpublish()
    assert client.get("/en/first/").status_code == 404
    assert _title(client.get("/en/first/news/")) == "News of the first"


def test_a_page_deeper_down_costs_no_more_queries_than_one_near_the_top(
    client, two_sections, django_assert_max_num_queries
):
    client.get("/en/first/")
    client.get("/en/second/news/item/")
    with CaptureQueriesContext(connection) as near_the_top:
        client.get("/en/first/")
    with django_assert_max_num_queries(len(near_the_top)):
        client.get("/en/second/news/item/")


def test_the_documents_library_still_routes_its_own_document_pages(client, documents_page):
    document = factories.PortalDocumentFactory(title="Annual report")
    response = client.get(f"{documents_page.url}{document.pk}-annual-report/")
    assert response.status_code == 200
    assert "Annual report" in response.content.decode()


# Which page a path names is remembered (home.routing): the remembered answer never outlives a change.


def test_a_renamed_section_moves_its_pages_to_the_new_address_at_once(client, two_sections):
    _first, second = two_sections
    assert _title(client.get("/en/second/news/item/")) == "An item"
    second.slug = "renamed"
    second.save_revision().publish()
    assert client.get("/en/second/news/item/").status_code == 404
    assert _title(client.get("/en/renamed/news/item/")) == "An item"


def test_a_moved_page_leaves_its_old_address_at_once(client, two_sections):
    first, second = two_sections
    assert _title(client.get("/en/second/news/item/")) == "An item"
    Page.objects.get(url_path__endswith="/second/news/item/").move(first, pos="last-child")
    old = client.get("/en/second/news/item/")
    assert old.status_code != 200  # Wagtail's automatic redirect, if any, leads to the new address
    assert old.status_code == 404 or old["Location"] == "/en/first/item/"
    assert _title(client.get("/en/first/item/")) == "An item"


def test_a_page_deleted_and_replaced_under_the_same_address_is_the_one_served(client, two_sections):
    first, _second = two_sections
    assert _title(client.get("/en/first/news/")) == "News of the first"
    Page.objects.get(url_path__endswith="/first/news/").delete()
    factories.StandardPageFactory(parent=first, title="Fresh news", slug="news")
    assert _title(client.get("/en/first/news/")) == "Fresh news"


def test_a_remembered_page_that_is_unpublished_is_not_found(client, two_sections):
    assert _title(client.get("/en/first/news/")) == "News of the first"
    Page.objects.get(url_path__endswith="/first/news/").specific.unpublish()
    assert client.get("/en/first/news/").status_code == 404


def test_a_wrong_remembered_answer_is_checked_and_replaced(client, home_page, two_sections):
    first, second = two_sections
    assert _title(client.get("/en/first/")) == "First"
    # As if another process had remembered the path before a change this one never heard of.
    cache.set(routing._key(home_page, ["first"]), (second.pk, second.content_type_id))
    assert _title(client.get("/en/first/")) == "First"
    assert cache.get(routing._key(home_page, ["first"])) == (first.pk, first.content_type_id)


def test_an_unknown_address_is_not_remembered(client, home_page, two_sections):
    assert client.get("/en/no/such/page/").status_code == 404
    keys = [routing._key(home_page, parts) for parts in (["no"], ["no", "such"], ["no", "such", "page"])]
    assert cache.get_many(keys) == {}


def test_a_remembered_library_still_routes_its_document_pages(client, documents_page):
    document = factories.PortalDocumentFactory(title="Annual report")
    address = f"{documents_page.url}{document.pk}-annual-report/"
    for _ in range(2):  # the second time, the library comes from what was remembered
        assert "Annual report" in client.get(address).content.decode()


@override_settings(CACHE_IS_SHARED=False)
def test_without_a_shared_cache_nothing_is_remembered_and_pages_are_still_found(client, home_page, two_sections):
    for _ in range(2):
        assert _title(client.get("/en/second/news/item/")) == "An item"
    assert cache.get(routing._key(home_page, ["second", "news", "item"])) is None
    assert cache.get(SiteSettings.footer_cache_key(Site.objects.get(is_default_site=True).pk)) is None
