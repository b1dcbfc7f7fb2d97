"""Browser tests: the demo site served by pytest-django's ``live_server``, driven by headless Chromium.

Chromium is Debian's (``/usr/bin/chromium``, or ``$CHROMIUM_PATH``), launched by Playwright for Python; axe-core
comes from ``node_modules`` (``npm ci``). ``tests/requirements_plugin.py`` skips these tests with the reason when
one of those is missing, and fails them in CI's strict mode.

The data is the demo content, because these tests look at the site as a visitor would see it after ``make run``.
Loading it takes seconds, so it is loaded once per session (``demo_snapshot``) and kept serialized; every test
starts from that snapshot through Django's serialized rollback: ``live_server`` makes each test transactional, the
server thread sees committed data, and the database is emptied after each test. This works on SQLite (the live
server shares the in-memory connection) and on PostgreSQL alike.

Chromium starts for each test, after the database set-up (see ``browser`` for why).
"""

import os
from dataclasses import dataclass
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connections

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM calls from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 375, "height": 800}

# The public demo pages the browser tests visit (the members' pages are found in the database and visited
# after logging in, see ``DemoSite``).
HOME = "/"
ABOUT = "/en/about-us/"
ALLIANCE = "/en/about-us/international-co-operative-alliance/"
WHY_JOIN = "/en/about-us/why-join-the-ica/"
DOCUMENTS = "/en/documents/"
PRIVATE_AREAS = "/en/private-areas/"
SEARCH = "/en/search/?q=alliance"
NOT_FOUND = "/en/no-such-page/"
PUBLIC_PAGES = [HOME, ABOUT, ALLIANCE, WHY_JOIN, DOCUMENTS, SEARCH]
DEMO_MEMBER_PASSWORD = "e2e-member-password"  # noqa: S105 - handed to the demo loader, test database only


def reset_sequences(connection):
    """Move PostgreSQL's id sequences past the rows just restored with explicit ids.

    Restoring serialized rows leaves the sequences where the flush put them, so the next row created (by the
    demo loader, or by the live server: a rendition, a log entry) would collide. SQLite needs nothing.
    """
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import router

    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and router.allow_migrate_model(connection.alias, model)
    ]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


_snapshot = {}  # alias -> (state after migrations, state with the demo content)


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """Load the demo content once and keep it as the state every browser test starts from.

    pytest-django serialized the freshly migrated database for serialized rollback (the tests ask for
    ``django_db_serialized_rollback``). Here that state is restored, the demo content is loaded on top with the
    real ``load_demo_content`` command, and the result is serialized in turn. ``pytest_runtest_setup`` below puts
    it in place of the migrated state for the browser tests only, so each one's set-up restores the demo site in
    one pass instead of running the loader again, and other tests see the usual state.
    """
    with django_db_blocker.unblock():
        connection = connections["default"]
        migrated = getattr(connection, "_test_serialized_contents", None)
        if migrated is None:
            pytest.fail("pytest-django did not serialize the test database; request django_db_serialized_rollback")
        # Whatever ran before (transactional tests flush the database), start from the migrated state.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(migrated)
        reset_sequences(connection)
        # The restore can leave Django's content-type cache mapping ids to other models; the demo loader copies
        # pages for translation, which follows content types by id (see editor_admin.forget_stale_content_types).
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
        previous = os.environ.get("DEMO_MEMBER_PASSWORD")
        os.environ["DEMO_MEMBER_PASSWORD"] = DEMO_MEMBER_PASSWORD
        try:
            call_command("load_demo_content", stdout=StringIO(), stderr=StringIO())
        finally:
            if previous is None:
                del os.environ["DEMO_MEMBER_PASSWORD"]
            else:
                os.environ["DEMO_MEMBER_PASSWORD"] = previous
        _snapshot["default"] = (migrated, connection.creation.serialize_db_to_string())
        connection._test_serialized_contents = _snapshot["default"][1]
        # Empty again: the first test's set-up restores the snapshot into an empty database.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    yield
    _snapshot.clear()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Tests of the demo site restore its snapshot (the first one's set-up makes it, in ``demo_snapshot``)."""
    if "demo_site" not in getattr(item, "fixturenames", ()):
        return
    for alias, (_migrated, demo) in _snapshot.items():
        connections[alias]._test_serialized_contents = demo


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item):
    """Other transactional tests that ask for serialized rollback get the migrated state, as usual."""
    for alias, (migrated, _demo) in _snapshot.items():
        connections[alias]._test_serialized_contents = migrated


@dataclass(frozen=True)
class DemoSite:
    url: str  # the live server, e.g. http://localhost:41234
    member_username: str
    private_paths: list  # the members-only section and the pages under it


@pytest.fixture
def demo_site(demo_snapshot, django_db_serialized_rollback, live_server):
    """The demo site, served by ``live_server``, and the facts about it that the tests need.

    The facts are read from the database here, before the browser starts: while Playwright's sync API is active
    an asyncio loop counts as running in this thread, and Django then hands out different database connections
    (see ``browser``).
    """
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    reset_sequences(connections["default"])
    member = get_user_model().objects.filter(groups__name="Members", is_superuser=False, is_active=True).first()
    assert member is not None, "the demo content has no member account"
    section = Page.objects.filter(url_path__endswith=PRIVATE_AREAS.removeprefix("/en")).first()
    assert section is not None, "the demo content has no private-areas section"
    paths = [urlsplit(page.url).path for page in section.get_descendants(inclusive=True).live().specific()]
    return DemoSite(live_server.url, member.get_username(), paths)


@pytest.fixture
def browser(demo_site):
    """Headless Debian Chromium, started for each test after the database is ready.

    Not session-scoped on purpose: while Playwright's sync API is active, ``asyncio.get_running_loop()`` answers
    in this thread, so Django keeps its connections in a context-local store instead of the thread-local one.
    Database set-up and teardown (pytest-django's flush and serialized rollback) must use the thread-local
    connections, so the browser starts after them and stops before them.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium",
            headless=True,
            args=CHROMIUM_ARGS,
        )
        try:
            yield chromium
        finally:
            chromium.close()
            # Connections opened while the loop was "running" live in the context-local store: close them here,
            # or PostgreSQL refuses to drop the test database at the end.
            connections.close_all()


@pytest.fixture
def open_page(browser):
    """``open_page(viewport)``: a page in a fresh browser context (no cookies) with that viewport size.

    ``bypass_csp=True`` lets axe-core be injected into pages whose Content-Security-Policy forbids inline scripts.
    """
    contexts = []

    def _open(viewport=WIDE, bypass_csp=False):
        context = browser.new_context(viewport=viewport, bypass_csp=bypass_csp)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


def visit(page, url, expected_status=200):
    response = page.goto(url, wait_until="load")
    assert response is not None, f"no response for {url}"
    assert response.status == expected_status, f"{url} answered {response.status}, expected {expected_status}"
    return response


def log_in_as_member(page, site):
    """Log in through the site's own login form as the demo member; returns the login page's path."""
    # Visiting the private area anonymously leads to the login page.
    visit(page, site.url + PRIVATE_AREAS)
    login_path = urlsplit(page.url).path
    page.locator("input[name=username]").fill(site.member_username)
    page.locator("input[name=password]").fill(DEMO_MEMBER_PASSWORD)
    page.locator("form").filter(has=page.locator("input[name=password]")).get_by_role("button").click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == PRIVATE_AREAS, f"logging in as {site.member_username} led to {page.url}"
    return login_path
