"""``sitemap.xml`` lists public pages and public documents only, for everyone; ``robots.txt`` points to it; editors
manage redirects in the admin."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect

from tests import factories

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - the site's own sitemap
    return [loc.text for loc in root.findall("sm:url/sm:loc", NS)]


@pytest.fixture
def content(home_page, private_area, members_collection, documents_page):
    """Public and members-only pages and documents, in and out of the library's collection."""
    library_collection = factories.CollectionFactory(name="Library")
    documents_page.collection = library_collection
    documents_page.save_revision().publish()
    return {
        "public_page": factories.StandardPageFactory(parent=home_page, title="News", slug="news"),
        "members_page": private_area.get_children().get(),
        "library_document": factories.PortalDocumentFactory(title="Annual report", collection=library_collection),
        "loose_document": factories.PortalDocumentFactory(title="Press kit"),
        "members_document": factories.PortalDocumentFactory(title="Board minutes", collection=members_collection),
        "documents_page": documents_page,
    }


def test_sitemap_lists_public_pages(client, content):
    locations = sitemap_locations(client)
    assert "http://localhost/" in locations
    assert "http://localhost/news/" in locations
    assert "http://localhost/documents/" in locations


def test_sitemap_lists_a_library_document_at_its_page_and_another_at_its_download(client, content):
    locations = sitemap_locations(client)
    library, document = content["documents_page"], content["library_document"]
    detail = "http://localhost" + library.url + library.reverse_subpage("document", args=[document.pk, document.slug])
    assert detail in locations
    assert "http://localhost" + content["loose_document"].url in locations


@pytest.mark.parametrize("who", ["anonymous", "member", "superuser"])
def test_sitemap_never_lists_members_only_pages_or_documents_for_anyone(client, content, who, member, superuser):
    if who != "anonymous":
        client.force_login(member if who == "member" else superuser)
    text = client.get("/sitemap.xml").content.decode()
    assert "private-areas" not in text
    assert content["members_page"].slug not in text
    document = content["members_document"]
    assert f"/{document.pk}-{document.slug}/" not in text
    assert document.url not in text


def test_sitemap_leaves_out_a_draft_and_a_library_that_is_members_only(client, content, members_group, home_page):
    from tests.fixtures import restrict_page

    factories.StandardPageFactory(parent=home_page, slug="draft-news", live=False)
    restrict_page(content["documents_page"], groups=[members_group])
    text = client.get("/sitemap.xml").content.decode()
    assert "draft-news" not in text
    assert "/documents/" not in text
    # The document is still public, so it is listed at its download address instead.
    assert "http://localhost" + content["library_document"].url in text


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert not any(line.startswith("Disallow: /search") for line in lines), "noindex must stay readable"


def test_robots_txt_names_no_members_only_address(client, private_area):
    assert "private-areas" not in client.get("/robots.txt").content.decode()


def test_editor_creates_a_redirect_in_the_admin_and_it_works(client, editor, home_page):
    target = factories.StandardPageFactory(parent=home_page, title="Join us", slug="join-us")
    client.force_login(editor)
    assert client.get(reverse("wagtailredirects:index")).status_code == 200
    response = client.post(
        reverse("wagtailredirects:add"),
        {"old_path": "/membership", "site": "", "is_permanent": "on", "redirect_page": target.pk, "redirect_link": ""},
    )
    assert response.status_code == 302
    assert Redirect.objects.filter(old_path="/membership").exists()

    client.logout()
    response = client.get("/membership/")
    assert response.status_code == 301
    assert response["Location"].endswith("/join-us/")
