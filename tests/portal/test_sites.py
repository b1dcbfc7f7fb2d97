"""The request's Wagtail site comes from a per-process table (``portal.sites``), not from a query on every request,
and a change of sites or of a root page is seen at once in this process."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from portal import sites
from tests import factories

pytestmark = pytest.mark.django_db


def site_queries(client, path="/en/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    # Wagtail's lookup of the request's site (its hosts ranked by a ``CASE ... AS "match"``); the site root paths
    # have a cache of their own.
    return [sql for sql in (query["sql"] for query in queries.captured_queries) if 'AS "match"' in sql]


def test_the_site_is_looked_up_once_not_on_every_request(client, home_page):
    assert len(site_queries(client)) == 1
    assert site_queries(client) == []
    assert site_queries(client, "/en/search/?q=alliance") == []


def test_the_table_is_read_again_once_its_time_is_up(client, home_page, monkeypatch):
    monkeypatch.setattr(sites, "SITE_CACHE_SECONDS", 0)
    site_queries(client)
    assert len(site_queries(client)) == 1


def test_a_site_saved_or_a_page_saved_is_seen_at_once(client, home_page):
    site_queries(client)
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Federation"
    site.save()
    assert len(site_queries(client)) == 1
    home_page.title = "Welcome home"
    home_page.save_revision().publish()
    assert len(site_queries(client)) == 1
    assert "Welcome home" in client.get("/en/").content.decode()


def site_for(host="testserver"):
    """The site a request to ``host`` is given through ``SiteMiddleware`` (Wagtail's lookup when none is kept)."""
    found = []
    middleware = sites.SiteMiddleware(lambda request: found.append(Site.find_for_request(request)) or HttpResponse())
    middleware(RequestFactory().get("/", HTTP_HOST=host))
    return found[0]


def test_each_host_gets_its_own_site(home_page):
    other_root = factories.StandardPageFactory(parent=home_page, title="Other site's home", slug="other-home")
    other = Site.objects.create(hostname="other.example", port=80, root_page=other_root)
    for _ in range(2):
        assert site_for("other.example").pk == other.pk
        assert site_for("testserver").is_default_site
    # An unknown host falls back to the default site, as Wagtail's lookup does.
    assert site_for("unknown.example").is_default_site


def test_each_request_gets_its_own_copy(home_page):
    site_for()
    first, second = site_for(), site_for()
    assert first == second and first is not second
    assert first.root_page == second.root_page and first.root_page is not second.root_page
    # What one request caches or changes on its copy reaches no other.
    first.root_page.title = "Changed by one request"
    first.root_page.specific  # noqa: B018 - cached on that copy
    assert site_for().root_page.title == home_page.title
    assert "specific" not in site_for().root_page.__dict__


def test_a_site_looked_up_before_a_change_is_not_kept_after_it(home_page):
    """A request that changes a site (the admin's) looked its site up before: that one is not kept."""

    def edit(request):
        Site.find_for_request(request)
        site = Site.objects.get(is_default_site=True)
        site.site_name = "Renamed"
        site.save()
        return HttpResponse()

    sites.SiteMiddleware(edit)(RequestFactory().get("/"))
    assert sites._sites == {}
    assert site_for().site_name == "Renamed"


def test_a_request_that_never_asks_for_its_site_reads_nothing_for_it(client, django_assert_num_queries):
    """The health checks: no query for the site, kept or not (``/healthz`` reads no database at all)."""
    with django_assert_num_queries(0):
        assert client.get("/healthz").status_code == 200


def test_hosts_written_by_visitors_cannot_grow_the_table_without_bound(home_page):
    for number in range(3 * sites.MAX_HOSTS):
        site_for(f"host{number}.example")
        assert len(sites._sites) <= sites.MAX_HOSTS
