"""The API's query counts are constant: a listing costs the same whether it has 2 items or 20, and the numbers are
pinned. Each request is made twice and the second one counted (caches warm, as on a running site)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


def rich_body(site, number):
    return [
        {"type": "heading", "value": {"text": f"Item {number}", "level": "h2"}},
        {
            "type": "rich_text",
            "value": f'<p><a linktype="page" id="{site.about.pk}">About</a> and '
            f'<a linktype="page" id="{site.notices.pk}">notices</a>, '
            f'<a linktype="document" id="{site.public_doc.pk}">a file</a>.</p>',
        },
        {
            "type": "image",
            "value": {"image": {"image": site.public_image.pk, "alt_text": "A", "decorative": False}, "caption": ""},
        },
        {"type": "call_to_action", "value": {"heading": "Join", "page": site.why_join.pk, "external_url": ""}},
        {"type": "document_links", "value": {"heading": "", "documents": [site.public_doc.pk, site.private_doc.pk]}},
        {"type": "faq", "value": {"heading": "", "items": [{"question": "Q", "answer": "<p>A</p>"}]}},
    ]


def add_pages(site, count):
    for number in range(count):
        page = factories.StandardPageFactory(parent=site.section.get_parent())
        page.body = rich_body(site, number)
        page.listing_image = site.public_image
        page.related_documents = [{"type": "document", "value": site.public_doc.pk}]
        page.save_revision().publish()


def warm_count(client, url, **headers):
    assert client.get(url, **headers).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(queries), response


LISTING = "/api/v2/pages/?type=home.StandardPage&fields=*&limit=20"
# Every page listing and detail has one query for the pages' languages and translations (``meta.locale`` and
# ``meta.translations``, portal.api.endpoints.attach_page_translations), whatever the number of pages.


@pytest.mark.parametrize(("headers", "expected"), [(False, 11), (True, 13)])
def test_listing_with_all_fields_costs_the_same_for_2_or_20_pages(
    api_client, api_site, member_token, headers, expected
):
    extra = bearer(member_token) if headers else {}
    add_pages(api_site, 2)
    few, response = warm_count(api_client, LISTING, **extra)
    assert len(response.json()["items"]) >= 3
    add_pages(api_site, 16)
    many, response = warm_count(api_client, LISTING, **extra)
    assert len(response.json()["items"]) == (20 if headers else 19)
    assert few == many == expected


@pytest.mark.parametrize(("url", "expected"), [("/api/v2/pages/?limit=20", 4), ("/api/v2/pages/?fields=*&limit=20", 4)])
def test_generic_listings_cost_a_fixed_number_of_queries(api_client, api_site, url, expected):
    add_pages(api_site, 16)
    count, response = warm_count(api_client, url)
    assert len(response.json()["items"]) == 20
    assert count == expected


def test_page_detail_costs_a_fixed_number_of_queries(api_client, api_site):
    add_pages(api_site, 1)
    page = api_site.standard
    page.body = rich_body(api_site, 0) * 5
    page.save_revision().publish()
    count, _response = warm_count(api_client, f"/api/v2/pages/{page.pk}/")
    assert count == 13


@pytest.mark.parametrize(("url", "expected"), [("/api/v2/documents/?fields=*", 3), ("/api/v2/images/?fields=*", 4)])
def test_documents_and_images_listings_cost_a_fixed_number_of_queries(api_client, api_site, url, expected):
    for number in range(10):
        factories.PortalDocumentFactory(title=f"Extra document {number}")
        factories.CustomImageFactory(title=f"Extra image {number}")
    count, response = warm_count(api_client, url)
    assert len(response.json()["items"]) >= 10
    assert count == expected
