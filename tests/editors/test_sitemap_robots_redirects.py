"""``sitemap.xml`` is an index of paginated section sitemaps that list public pages and public documents only, for
everyone, at a constant number of queries per sitemap page; ``robots.txt`` points to it; editors manage redirects in
the admin."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from documents.sitemaps import PublicDocumentsSitemap
from home.models import StandardPage
from home.sitemaps import PublicPagesSitemap
from tests import factories

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _xml(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)  # noqa: S314 - the site's own sitemap


def _local(location):
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sitemap_pages(client):
    """The addresses (path and query) of the sitemap pages that ``/sitemap.xml`` lists, in order."""
    index = _xml(client.get("/sitemap.xml"))
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    return [_local(loc.text) for loc in index.findall("sm:sitemap/sm:loc", NS)]


def sitemap_entries(client):
    """``[(location, lastmod or None), ...]`` of every sitemap page the index lists, in order."""
    entries = []
    for address in sitemap_pages(client):
        for url in _xml(client.get(address)).findall("sm:url", NS):
            entries.append((url.findtext("sm:loc", namespaces=NS), url.findtext("sm:lastmod", namespaces=NS)))
    return entries


def sitemap_locations(client):
    return [location for location, _lastmod in sitemap_entries(client)]


def sitemap_text(client):
    """The index and every sitemap page it lists, as one text."""
    return client.get("/sitemap.xml").content.decode() + "".join(
        client.get(address).content.decode() for address in sitemap_pages(client)
    )


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


def test_sitemap_is_an_index_of_one_sitemap_per_section(client, content):
    assert sitemap_pages(client) == ["/sitemap-pages.xml", "/sitemap-documents.xml"]


def test_sitemap_lists_public_pages_with_their_publication_date(client, content):
    published = datetime.datetime(2025, 3, 14, 12, tzinfo=datetime.UTC)
    Page.objects.filter(pk=content["public_page"].pk).update(last_published_at=published)
    entries = dict(sitemap_entries(client))
    assert "http://localhost/en/" in entries
    assert "http://localhost/en/documents/" in entries
    assert entries["http://localhost/en/news/"] == "2025-03-14"


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
    text = sitemap_text(client)
    assert "/news/" in text, "the sections were read"
    assert "private-areas" not in text
    assert content["members_page"].slug not in text
    document = content["members_document"]
    assert f"/{document.pk}-{document.slug}/" not in text
    assert document.url not in text


def test_sitemap_leaves_out_a_draft_and_a_library_that_is_members_only(client, content, members_group, home_page):
    from tests.fixtures import restrict_page

    factories.StandardPageFactory(parent=home_page, slug="draft-news", live=False)
    restrict_page(content["documents_page"], groups=[members_group])
    text = sitemap_text(client)
    assert "draft-news" not in text
    assert "/en/documents/" not in text
    # The document is still public, so it is listed at its download address instead.
    assert "http://localhost" + content["library_document"].url in text


def test_sitemap_leaves_out_another_sites_pages(client, content):
    other_home = Page.objects.get(depth=1).add_child(instance=StandardPage(title="Elsewhere", slug="elsewhere"))
    other_home.add_child(instance=StandardPage(title="Elsewhere news", slug="elsewhere-news"))
    Site.objects.create(hostname="elsewhere.example", root_page=other_home)
    text = sitemap_text(client)
    assert "http://localhost/en/news/" in text
    assert "elsewhere" not in text


@pytest.fixture
def small_pages(monkeypatch):
    """Sitemap pages of two entries, to page through a small site."""
    monkeypatch.setattr(PublicPagesSitemap, "limit", 2)
    monkeypatch.setattr(PublicDocumentsSitemap, "limit", 2)


def test_sitemap_pages_hold_at_most_limit_entries_and_together_list_every_entry_once(client, content, small_pages):
    factories.PortalDocumentFactory(title="Statutes")
    whole = sitemap_locations(client)
    pages = sitemap_pages(client)
    assert "/sitemap-pages.xml?p=2" in pages
    assert "/sitemap-documents.xml?p=2" in pages
    sizes = [len(_xml(client.get(address)).findall("sm:url", NS)) for address in pages]
    assert max(sizes) == 2
    assert len(whole) == len(set(whole)) == sum(sizes)
    assert "http://localhost/en/news/" in whole


@pytest.mark.parametrize(
    "address",
    [
        "/sitemap-nothing.xml",
        "/sitemap-pages.xml?p=abc",
        "/sitemap-pages.xml?p=0",
        "/sitemap-pages.xml?p=-1",
        "/sitemap-pages.xml?p=99999",
        "/sitemap-documents.xml?p=99999",
    ],
)
def test_an_unknown_section_or_sitemap_page_is_not_found(client, content, address):
    assert client.get(address).status_code == 404


def test_a_page_type_with_its_own_sitemap_entries_is_asked_for_them(client, content, monkeypatch):
    def get_sitemap_urls(self, request=None):
        assert type(self) is StandardPage, "asked as its own type"
        return [{"location": f"http://localhost/custom/{self.slug}/", "lastmod": None}]

    monkeypatch.setattr(StandardPage, "get_sitemap_urls", get_sitemap_urls, raising=False)
    locations = sitemap_locations(client)
    assert "http://localhost/custom/news/" in locations
    assert "http://localhost/en/news/" not in locations
    assert "http://localhost/en/documents/" in locations, "other page types keep Wagtail's entries"


# Warm caches (see ``assert_warm_queries``; the site comes from the process's table, portal.sites): for pages a count
# and the page of entries, and for documents a count, the page of entries, the public libraries and the collections; the
# index counts each section and reads the newest page date. Never a query per entry: the same with 3 or 30 extra pages
# and documents. Pages: 3 (was 2 with the site's query, then 3), the last one for every entry's translations, its
# xhtml:link alternates (home.language_links).
SITEMAP_QUERIES = {"/sitemap.xml": 3, "/sitemap-pages.xml": 3, "/sitemap-documents.xml": 4}


@pytest.fixture(params=[3, 30], ids=["3 more", "30 more"])
def more_content(request, content, home_page):
    for number in range(request.param):
        factories.StandardPageFactory(parent=home_page, title=f"Page {number}", slug=f"page-{number}")
        factories.PortalDocumentFactory(title=f"Document {number}")
    return request.param


@pytest.mark.parametrize("address", SITEMAP_QUERIES)
def test_a_sitemap_page_costs_the_same_queries_whatever_the_content(more_content, assert_warm_queries, address):
    assert_warm_queries(address, SITEMAP_QUERIES[address])


def test_a_later_sitemap_page_costs_the_same_queries(content, more_content, small_pages, assert_warm_queries):
    assert_warm_queries("/sitemap-pages.xml", SITEMAP_QUERIES["/sitemap-pages.xml"], p="3")
    assert_warm_queries("/sitemap-documents.xml", SITEMAP_QUERIES["/sitemap-documents.xml"], p="3")


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines  # the Site record's address, not the Host header
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
