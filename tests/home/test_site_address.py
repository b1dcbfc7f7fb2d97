"""One absolute address for the whole site: every absolute URL the portal writes — canonical links, Open Graph,
sitemaps, robots.txt, the API — has the scheme and host of the Site record, which ``SITE_URL`` sets (through
``migrate`` and the demo loader), whatever Host header the request came with."""

import json
import re
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from wagtail.models import Site

from home.demo.loader import DemoLoader
from home.site_address import apply_site_url, parse_site_url, sync_default_site
from tests import factories
from tests.fixtures import html

pytestmark = pytest.mark.django_db

SITE_URL = "https://portal.example.org"


@pytest.fixture
def site_content(home_page, documents_page):
    apply_site_url(Site.objects.get(is_default_site=True), SITE_URL)
    page = factories.StandardPageFactory(
        parent=home_page,
        title="Annual assembly",
        slug="annual-assembly",
        listing_image=factories.CustomImageFactory(description="Delegates voting."),
    )
    document = factories.PortalDocumentFactory(title="Annual report")
    return page, documents_page, document


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def head_urls(response):
    """The absolute addresses in a page's head: canonical link and every Open Graph/Twitter URL."""
    soup = html(response)
    urls = [link["href"] for link in soup.head.find_all("link", rel="canonical")]
    urls += [
        tag["content"]
        for tag in soup.head.find_all("meta")
        if (tag.get("content") or "").startswith(("http://", "https://"))
    ]
    return urls


def api_urls(data):
    """Every ``*_url`` value of an API answer, however deep."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key.endswith("_url") and isinstance(value, str) and value:
                yield value
            else:
                yield from api_urls(value)
    elif isinstance(data, list):
        for item in data:
            yield from api_urls(item)


def test_every_absolute_address_has_the_sites_scheme_and_host_whatever_the_request_host(client, site_content):
    page, library, document = site_content
    found = {}
    for url in [page.url, "/en/", library.url, library.document_url(document)]:
        response = client.get(url, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200
        found[url] = head_urls(response)
    assert len(found[page.url]) >= 3  # canonical, og:url, og:image (the page's listing image)

    robots = client.get("/robots.txt", HTTP_HOST="127.0.0.1").content.decode()
    found["robots.txt"] = re.findall(r"^Sitemap: (\S+)$", robots, re.MULTILINE)
    for sitemap in ["/sitemap.xml", "/sitemap-pages.xml", "/sitemap-documents.xml"]:
        found[sitemap] = re.findall(r"<loc>([^<]+)</loc>", client.get(sitemap, HTTP_HOST="127.0.0.1").content.decode())
    for endpoint in ["/api/v2/pages/?fields=*", "/api/v2/documents/", "/api/v2/images/", f"/api/v2/pages/{page.pk}/"]:
        response = client.get(endpoint, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200
        found[endpoint] = list(api_urls(json.loads(response.content)))

    for where, urls in found.items():
        assert urls, f"{where} names no absolute address"
        assert {origin(url) for url in urls} == {SITE_URL}, (where, urls)


def test_the_demo_loader_points_the_site_at_the_address_make_run_serves(home_page):
    DemoLoader(with_users=False, site_url="http://127.0.0.1:8000").run()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("127.0.0.1", 8000, "http://127.0.0.1:8000")


def test_migrate_points_the_default_site_at_site_url(home_page, settings):
    settings.SITE_URL = SITE_URL
    sync_default_site()
    assert Site.objects.get(is_default_site=True).root_url == SITE_URL
    settings.SITE_URL = "http://127.0.0.1:8000"
    call_command("migrate", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://portal.example.org", ("portal.example.org", 443)),
        ("https://portal.example.org/", ("portal.example.org", 443)),
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("http://portal.example.org", ("portal.example.org", 80)),
    ],
)
def test_a_site_url_becomes_a_hostname_and_port(value, expected):
    assert parse_site_url(value) == expected


@pytest.mark.parametrize("value", ["", "portal.example.org", "https://x.org/sub/", "https://x.org:8443"])
def test_a_site_url_a_site_cannot_stand_for_is_refused(value):
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        parse_site_url(value)
