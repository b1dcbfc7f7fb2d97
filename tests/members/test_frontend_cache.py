"""members/frontend_cache.py without a front cache (no queries) and with a CDN (Wagtail's frontend-cache backend,
given the URLs of each change). Purging real Varnish: tests/stack/."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Locale

from members import frontend_cache
from tests.factories import PortalDocumentFactory, StandardPageFactory
from tests.fixtures import restrict_page

PURGED = []


class FakeBackend(BaseBackend):
    """Records the URLs it is asked to purge, as Wagtail's own frontend-cache tests do."""

    def purge(self, url):
        PURGED.append(url)


CDN = {"fake": {"BACKEND": "tests.members.test_frontend_cache.FakeBackend"}}


@pytest.fixture
def cdn(settings):
    settings.FRONTEND_CACHE_URLS = []
    settings.WAGTAILFRONTENDCACHE = CDN
    PURGED.clear()
    yield PURGED
    PURGED.clear()


def start_clean(purged):
    """Forget what building the fixtures queued (their transaction never commits in a test) and purged."""
    frontend_cache._state.pending = None
    purged.clear()


def full(page):
    return page.get_full_url()


def queries_of(work):
    with CaptureQueriesContext(connection) as queries:
        work()
    return len(queries)


@pytest.mark.django_db
def test_a_document_save_without_a_front_cache_costs_no_purge_queries(settings, home_page):
    """With a front cache, a save looks up the document's referrers (to purge them); without one it must not."""
    document = PortalDocumentFactory(title="Annual report")
    settings.FRONTEND_CACHE_URLS = ["http://127.0.0.1:9"]  # never reached: the ban is sent on commit
    with_cache = queries_of(document.save)
    settings.FRONTEND_CACHE_URLS = []
    without_cache = queries_of(document.save)
    assert without_cache == with_cache - 1  # the reference index look-up
    # Wagtail's own work for the save (PostgreSQL's run has two more of them).
    assert without_cache == (16 if connection.vendor == "postgresql" else 14)


@pytest.mark.django_db
def test_a_page_publish_without_a_front_cache_costs_no_purge_queries(settings, home_page):
    page = StandardPageFactory(parent=home_page, title="News", slug="news", show_in_menus=False)
    page.save_revision().publish()  # the first publish does more (first_published_at, ...)
    settings.FRONTEND_CACHE_URLS = ["http://127.0.0.1:9"]
    with_cache = queries_of(page.save_revision().publish)
    settings.FRONTEND_CACHE_URLS = []
    without_cache = queries_of(page.save_revision().publish)
    # The menu state before the save, the reference index look-up, the page's translations (their switchers link it).
    assert without_cache == with_cache - 3


@pytest.mark.django_db
def test_a_publish_purges_the_page_its_parent_and_the_listings_from_the_cdn(
    cdn, home_page, documents_page, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=home_page, title="News", slug="news", show_in_menus=False)
    page.title = "News of the federation"
    start_clean(cdn)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    root = full(home_page).removesuffix("/en/")  # the site's origin
    assert full(page) in cdn
    assert full(home_page) in cdn  # its child cards
    assert {f"{root}/sitemap.xml", f"{root}/en/search/", f"{root}/fr/search/", f"{root}/api/v2/pages/"} <= set(cdn)
    assert full(documents_page) not in cdn  # an unrelated page keeps its cached copy


@pytest.mark.django_db
def test_publishing_a_translation_purges_the_pages_whose_language_switcher_links_it(
    cdn, home_page, documents_page, django_capture_on_commit_callbacks
):
    french = Locale.objects.get(language_code="fr")
    french_home = home_page.copy_for_translation(french)
    french_home.save_revision().publish()
    page = StandardPageFactory(parent=home_page, title="Our values", slug="our-values", show_in_menus=False)
    translation = page.copy_for_translation(french)
    translation.slug = "nos-valeurs"
    start_clean(cdn)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_revision().publish()
    assert full(page) in cdn  # its switcher linked the French home page, now the translation
    assert full(documents_page) not in cdn


@pytest.mark.django_db
def test_publishing_a_language_home_page_purges_every_page(
    cdn, home_page, documents_page, django_capture_on_commit_callbacks
):
    spanish_home = home_page.copy_for_translation(Locale.objects.get(language_code="es"))
    start_clean(cdn)
    with django_capture_on_commit_callbacks(execute=True):
        spanish_home.save_revision().publish()
    # Every page's switcher gains the Spanish home page.
    assert {full(home_page), full(documents_page)} <= set(cdn)


@pytest.mark.django_db
def test_a_privacy_change_purges_every_page_and_document_page_from_the_cdn(
    cdn, home_page, about_page, documents_page, members_group, django_capture_on_commit_callbacks
):
    document = PortalDocumentFactory(title="Board minutes")
    start_clean(cdn)
    with django_capture_on_commit_callbacks(execute=True):
        restrict_page(about_page, groups=[members_group])
    assert {full(home_page), full(about_page), full(documents_page)} <= set(cdn)
    document_page = full(documents_page) + documents_page.reverse_subpage("document", args=[document.pk, document.slug])
    assert document_page in cdn
    assert full(home_page).removesuffix("/en/") + "/sitemap-documents.xml" in cdn


@pytest.mark.django_db
def test_removing_a_restriction_purges_the_cdn_too(
    cdn, home_page, about_page, members_group, django_capture_on_commit_callbacks
):
    restriction = restrict_page(about_page, groups=[members_group])
    start_clean(cdn)
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert full(about_page) in cdn


@pytest.mark.django_db
def test_a_document_edit_purges_its_page_and_the_pages_listing_documents(
    cdn, home_page, documents_page, django_capture_on_commit_callbacks
):
    document = PortalDocumentFactory(title="Annual report")
    start_clean(cdn)
    document.title = "Annual report 2026"
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
    document_page = full(documents_page) + documents_page.reverse_subpage("document", args=[document.pk, document.slug])
    assert {document_page, full(documents_page), full(home_page)} <= set(cdn)


@pytest.mark.django_db
def test_a_cloudfront_purge_covers_the_listings_query_strings_and_everything_with_wildcards(
    cdn, settings, home_page, about_page, members_group, django_capture_on_commit_callbacks
):
    settings.FRONTEND_CACHE_WILDCARD = settings.FRONTEND_CACHE_LISTING_WILDCARDS = True
    start_clean(cdn)
    with django_capture_on_commit_callbacks(execute=True):
        restrict_page(about_page, groups=[members_group])
    root = full(home_page).removesuffix("/en/")  # the site's origin
    assert {f"{root}/*", f"{root}/en/search/*"} <= set(cdn)


@pytest.mark.django_db
@pytest.mark.parametrize("kept", [True, False])
def test_a_document_edit_purges_its_file_from_a_cdn_that_keeps_files(
    cdn, settings, home_page, documents_page, django_capture_on_commit_callbacks, kept
):
    settings.FRONT_CACHE_COUNTS_DOWNLOADS = kept
    document = PortalDocumentFactory(title="Annual report")
    start_clean(cdn)
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
    file_url = full(home_page).removesuffix("/en/") + document.url
    assert (file_url in cdn) is kept
