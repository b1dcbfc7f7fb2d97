"""Pages are found by their slugs as Wagtail finds them, with the pages along the path read in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
    assert _title(client.get("/first/news/")) == "News of the first"
    assert _title(client.get("/second/news/")) == "News of the second"
    assert _title(client.get("/second/news/item/")) == "An item"


@pytest.mark.parametrize("path", ["/nowhere/", "/first/nowhere/", "/first/news/item/", "/nowhere/news/"])
def test_a_path_that_names_no_page_is_not_found(client, two_sections, path):
    assert client.get(path).status_code == 404


def test_an_unpublished_page_is_not_found_but_its_live_children_are(client, two_sections):
    first, _second = two_sections
    first.unpublish()
    assert client.get("/first/").status_code == 404
    assert _title(client.get("/first/news/")) == "News of the first"


def test_a_page_deeper_down_costs_no_more_queries_than_one_near_the_top(
    client, two_sections, django_assert_max_num_queries
):
    client.get("/first/")
    client.get("/second/news/item/")
    with CaptureQueriesContext(connection) as near_the_top:
        client.get("/first/")
    with django_assert_max_num_queries(len(near_the_top)):
        client.get("/second/news/item/")


def test_the_documents_library_still_routes_its_own_document_pages(client, documents_page):
    document = factories.PortalDocumentFactory(title="Annual report")
    response = client.get(f"{documents_page.url}{document.pk}-annual-report/")
    assert response.status_code == 200
    assert "Annual report" in response.content.decode()
