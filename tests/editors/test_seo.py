"""What search engines and social networks read in a page's head: title, description, canonical address, Open Graph
and Twitter tags with an image rendition, and ``noindex`` where a page is not for them."""

import pytest
from django.urls import reverse

from tests import factories
from tests.fixtures import html

pytestmark = pytest.mark.django_db


def meta(soup):
    """``{property or name: content}`` of the head's meta tags."""
    return {tag.get("property") or tag.get("name"): tag.get("content") for tag in soup.head.find_all("meta")}


@pytest.fixture
def page(home_page):
    return factories.StandardPageFactory(
        parent=home_page,
        title="Annual assembly",
        slug="annual-assembly",
        intro="Where members decide the federation's course.",
    )


def test_title_follows_the_pattern_seo_title_or_title_then_organisation(client, page, site_settings):
    assert html(client.get(page.url)).title.string == "Annual assembly | National Federation of Co-operatives"
    page.seo_title = "The annual assembly of co-operatives"
    page.save_revision().publish()
    assert (
        html(client.get(page.url)).title.string
        == "The annual assembly of co-operatives | National Federation of Co-operatives"
    )


def test_meta_description_comes_from_the_search_description_or_else_the_intro(client, page):
    assert meta(html(client.get(page.url)))["description"] == "Where members decide the federation's course."
    page.search_description = "The federation's yearly general assembly."
    page.save_revision().publish()
    tags = meta(html(client.get(page.url)))
    assert tags["description"] == "The federation's yearly general assembly."
    assert tags["og:description"] == tags["twitter:description"] == "The federation's yearly general assembly."


def test_canonical_url_and_open_graph_describe_the_page(client, page, site_settings):
    soup = html(client.get(page.url, {"utm_source": "newsletter"}))
    canonical = soup.head.find("link", rel="canonical")["href"]
    assert canonical == "http://localhost/en/annual-assembly/"
    tags = meta(soup)
    assert tags["og:url"] == canonical
    assert tags["og:title"] == tags["twitter:title"] == "Annual assembly"
    assert tags["og:site_name"] == "National Federation of Co-operatives"
    assert tags["og:type"] == "website"
    assert tags["og:locale"] == "en_GB"


def test_social_image_is_a_rendition_of_the_pages_listing_image(client, page):
    page.listing_image = factories.CustomImageFactory(description="Delegates voting with green cards.")
    page.save_revision().publish()
    tags = meta(html(client.get(page.url)))
    assert tags["og:image"].startswith("http://localhost/media/images/")
    assert ".fill-1200x630" in tags["og:image"]
    assert tags["twitter:image"] == tags["og:image"]
    assert tags["og:image:alt"] == tags["twitter:image:alt"] == "Delegates voting with green cards."
    assert tags["twitter:card"] == "summary_large_image"
    # The rendition is served.
    assert client.get(tags["og:image"].removeprefix("http://localhost")).status_code == 200


def test_social_image_falls_back_to_the_default_of_the_site_settings(client, page, site_settings):
    site_settings.default_social_image = factories.CustomImageFactory(description="The federation's logo.")
    site_settings.save()
    tags = meta(html(client.get(page.url)))
    assert ".fill-1200x630" in tags["og:image"]
    assert tags["og:image:alt"] == "The federation's logo."


def test_a_members_only_image_is_never_offered_as_the_social_image(client, page, members_collection, site_settings):
    page.listing_image = factories.CustomImageFactory(collection=members_collection)
    page.save_revision().publish()
    tags = meta(html(client.get(page.url)))
    assert "og:image" not in tags
    assert tags["twitter:card"] == "summary"
    site_settings.default_social_image = factories.CustomImageFactory(description="Public picture.")
    site_settings.save()
    assert meta(html(client.get(page.url)))["og:image:alt"] == "Public picture."


def test_twitter_site_comes_from_the_x_account_in_the_site_settings(client, page, site_settings):
    site_settings.social_links = [
        {"type": "link", "value": {"platform": "x", "url": "https://x.com/coopfed", "link_text": ""}}
    ]
    site_settings.save()
    assert meta(html(client.get(page.url)))["twitter:site"] == "@coopfed"


def test_members_pages_are_marked_noindex(client, member, private_area):
    client.force_login(member)
    assert meta(html(client.get(private_area.url)))["robots"] == "noindex"


def test_public_pages_are_not_marked_noindex(client, page):
    assert "robots" not in meta(html(client.get(page.url)))


def test_search_results_are_marked_noindex(client, page):
    response = client.get(reverse("search"), {"q": "assembly"})
    assert response["X-Robots-Tag"] == "noindex"
    assert meta(html(response))["robots"] == "noindex"


def test_filtered_library_pages_are_marked_noindex_and_the_plain_list_is_not(client, documents_page):
    factories.PortalDocumentFactory(title="Annual report")
    assert meta(html(client.get(documents_page.url, {"q": "annual"})))["robots"] == "noindex"
    assert "robots" not in meta(html(client.get(documents_page.url)))


def test_a_library_document_page_has_one_canonical_url_its_own(client, documents_page):
    document = factories.PortalDocumentFactory(title="Annual report")
    url = documents_page.url + documents_page.reverse_subpage("document", args=[document.pk, document.slug])
    soup = html(client.get(url))
    canonicals = soup.head.find_all("link", rel="canonical")
    # On the Site's address, like the pages' canonical links (not the request's Host, "testserver").
    assert [link["href"] for link in canonicals] == [f"http://localhost{url}"]
    assert len(soup.head.find_all("meta", property="og:url")) == 1
