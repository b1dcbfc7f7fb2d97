"""Fixtures shared by the whole suite (loaded as a plugin from ``tests/conftest.py``).

The data comes from the factories in ``tests/factories.py``, never from the demo content loader. The home page
itself comes from ``home/migrations/0002_create_homepage.py``: it is the default site's root, as on a real site.
"""

import json
import threading

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser, Group
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import BaseViewRestriction, CollectionViewRestriction, Locale, PageViewRestriction

from home import fragment_cache, locales
from home.models import HomePage
from portal import sites
from search import selectors, spelling
from search.backends import postgres as postgres_backend
from tests import factories


def _database_use(item):
    """``(transactional, serialized)``: whether ``item`` commits to the test database (and is flushed after it), and
    whether it asks for serialized rollback (the migrated state restored before it)."""
    marker = item.get_closest_marker("django_db")
    kwargs = marker.kwargs if marker is not None else {}
    fixtures = getattr(item, "fixturenames", ())
    transactional = bool(kwargs.get("transaction")) or "transactional_db" in fixtures or "live_server" in fixtures
    serialized = bool(kwargs.get("serialized_rollback")) or "django_db_serialized_rollback" in fixtures
    return transactional, serialized


# Whether a transactional test without serialized rollback has run since the database was last emptied for one with
# it. Django flushes after such a test and then runs its post-migrate handlers, which create the content types and
# permissions again under new ids; restoring the serialized migrated state on top of them would break their unique
# constraints (``pytest tests/search tests/api``: the search's query-log test, then the generated API client's).
_recreated_after_flush = [False]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A test with serialized rollback after such a test starts from the migrated state as after one of its kind: the
    database emptied, then the migrated content types put back under their own ids before Django restores the rest
    (while it restores, saving some objects looks their content types up, and would create missing ones anew)."""
    transactional, serialized = _database_use(item)
    if not (transactional and serialized and _recreated_after_flush[0]):
        return
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        # As Django's own flush after a test: the sequences stay past the ids the restore writes again.
        call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)
        ContentType.objects.clear_cache()
        migrated = json.loads(getattr(connection, "_test_serialized_contents", None) or "[]")
        # Read from the data, not deserialized: building some objects (Wagtail's tasks) looks content types up.
        ContentType.objects.bulk_create(
            ContentType(pk=row["pk"], **row["fields"]) for row in migrated if row["model"] == "contenttypes.contenttype"
        )
    _recreated_after_flush[0] = False


def pytest_runtest_call(item):
    """Such a test ran (its set-up passed): Django flushes the database after it."""
    transactional, serialized = _database_use(item)
    if transactional and not serialized:
        _recreated_after_flush[0] = True


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start every test with an empty cache.

    The database is rolled back after each test but the local-memory cache is not: cached restriction rows, sites,
    site root paths, the search's homes' paths or renditions from one test would otherwise describe pages that no
    longer exist in the next.
    """
    cache.clear()
    locales.forget()
    sites.forget_sites()
    spelling.forget_vocabularies()
    selectors.forget_site_root_paths()
    postgres_backend.forget_scan_statistics()
    yield
    cache.clear()
    locales.forget()
    sites.forget_sites()
    spelling.forget_vocabularies()
    selectors.forget_site_root_paths()
    postgres_backend.forget_scan_statistics()


@pytest.fixture
def home_page(db):
    return HomePage.objects.get()


@pytest.fixture
def members_group(db):
    return Group.objects.get(name="Members")


@pytest.fixture
def editors_group(db):
    return Group.objects.get(name="Editors")


@pytest.fixture
def member(db):
    return factories.UserFactory(username="member", groups=["Members"])


@pytest.fixture
def non_member(db):
    """Logged in, but in no group."""
    return factories.UserFactory(username="visitor")


@pytest.fixture
def superuser(db):
    return factories.SuperuserFactory(username="admin")


@pytest.fixture
def editor(db):
    return factories.UserFactory(username="editor", groups=["Editors"])


@pytest.fixture
def make_request():
    """``make_request(user=None, path="/")``: a GET request from ``RequestFactory`` with ``user`` set."""

    def _make(user=None, path="/", **params):
        request = RequestFactory().get(path, params)
        request.user = user or AnonymousUser()
        return request

    return _make


def html(response):
    """The response's HTML, parsed."""
    return BeautifulSoup(response.content, "html.parser")


def text_of(node):
    """The visible words of ``node``, with whitespace collapsed."""
    return " ".join(node.get_text(" ").split())


def translate(page, language_code, title, slug=None):
    """``page``'s published translation into ``language_code`` (its parent must already have one)."""
    translated = page.specific.copy_for_translation(Locale.objects.get(language_code=language_code))
    translated.title = title
    translated.slug = slug or translated.slug
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def restrict_page(page, kind=BaseViewRestriction.GROUPS, groups=()):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    if groups:
        restriction.groups.set(groups)
    return restriction


def restrict_collection(collection, kind=BaseViewRestriction.GROUPS, groups=()):
    restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type=kind)
    if groups:
        restriction.groups.set(groups)
    return restriction


@pytest.fixture
def about_page(home_page):
    return factories.AboutPageFactory(parent=home_page, show_in_menus=True)


@pytest.fixture
def alliance_page(about_page):
    page = factories.AlliancePageFactory(parent=about_page, show_in_menus=True)
    for region, name, city in [
        ("Americas", "Cooperatives of the Americas", "San José"),
        ("Europe", "Cooperatives Europe", "Brussels"),
        ("Africa", "Cooperatives Africa", "Nairobi"),
        ("Asia-Pacific", "ICA Asia and Pacific", "New Delhi"),
    ]:
        factories.RegionalOfficeFactory(page=page, region=region, name=name, city=city)
    return page


@pytest.fixture
def why_join_page(about_page):
    return factories.WhyJoinPageFactory(parent=about_page, show_in_menus=True)


@pytest.fixture
def documents_page(home_page):
    return factories.DocumentsLibraryPageFactory(parent=home_page, show_in_menus=True)


@pytest.fixture
def private_area(home_page, members_group):
    """Home → Private areas (restricted to the Members group) → one members' page."""
    section = factories.StandardPageFactory(
        parent=home_page, title="Private areas", slug="private-areas", show_in_menus=True
    )
    restrict_page(section, groups=[members_group])
    factories.StandardPageFactory(parent=section, title="Members' notices", slug="members-notices")
    return section


@pytest.fixture
def members_collection(members_group):
    """A collection restricted to the Members group."""
    collection = factories.CollectionFactory(name="Members only")
    restrict_collection(collection, groups=[members_group])
    return collection


class PageAdminAssertions:
    """Admin checks every page type's test case shares (mixed into ``WagtailPageTestCase`` subclasses)."""

    def assertEditViewLoadsForEditor(self, page):
        editor = factories.UserFactory(groups=["Editors"])
        self.client.force_login(editor)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, page.title)

    def assertPreviewRenders(self, page, template, data):
        """POST form ``data`` to the preview view (as the editor's live preview does), then GET the preview.

        The data is built with ``nested_form_data``: a StreamField's form fields are made by the admin's
        JavaScript, so they cannot be scraped from the edit view's HTML.
        """
        self.client.force_login(factories.SuperuserFactory())
        preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        response = self.client.post(preview_url, data)
        self.assertJSONEqual(response.content.decode(), {"is_valid": True, "is_available": True})
        response = self.client.get(preview_url)
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, template)
        return response


@pytest.fixture
def assert_warm_queries(client, django_assert_num_queries):
    """``assert_warm_queries(url, expected, **params)``: GET ``url`` twice and pin the second request's queries.

    The first request warms the caches a running site keeps warm (image renditions, site root paths, the access
    module's restriction rows), so the count measures what every later visitor costs. The numbers pinned with it
    are the same for a short and a long list: a listing that grows by one query per item fails.

    The page's content is rendered afresh for the measured request (its kept copy is retired, as by an editor's
    change: ``home.fragment_cache``), so the pin counts what building the page costs, not a copy from the cache.
    """

    def _assert(url, expected, **params):
        assert client.get(url, params).status_code == 200
        fragment_cache.content_changed()
        with django_assert_num_queries(expected):
            response = client.get(url, params)
        assert response.status_code == 200
        return response

    return _assert


def run_concurrently(work, threads_count):
    """Run ``work()`` in ``threads_count`` threads released together; the exceptions they raised, as a list.

    Each thread has its own database connection (closed at its end), so on PostgreSQL the calls really overlap.
    """
    barrier = threading.Barrier(threads_count)
    errors = []

    def run():
        try:
            barrier.wait()
            work()
        except Exception as error:  # noqa: BLE001 - returned to the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
