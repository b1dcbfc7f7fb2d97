"""Helpers for the browser tests of the Wagtail admin: logging in with the demo accounts, facts read beforehand."""

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tests.e2e.conftest import visit

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def demo_password(username):
    """The demo account's password, as ``load_demo_content`` set it (from ``DEMO_*_PASSWORD`` or the default)."""
    from home.demo.users import ACCOUNTS

    return next(account.password for account in ACCOUNTS if account.username == username)


@dataclass(frozen=True)
class AlliancePageFacts:
    pk: int
    path: str
    heading_index: int  # the position in the body of its first heading block
    heading_text: str


def forget_stale_content_types():
    """Empty Django's content-type cache, which the demo snapshot's restore leaves out of step with the database.

    After the restore, the cache can map a content type's id to another model (seen: the id of
    ``wagtailcore.page`` cached as ``home.homepage``), and anything that follows a generic relation by id then finds
    nothing: starting a moderation workflow fails with "'NoneType' object has no attribute 'get_latest_revision'".
    The live server runs in this process, so clearing the cache here clears it for the server too.
    """
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    # Fill it again at once, from the database: a request still running when a test ends must not have to look a
    # content type up (or create it) while the database is being emptied.
    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)


def alliance_page_facts():
    """Read before the browser starts (see ``tests/e2e/conftest.py``'s ``demo_site``)."""
    from about.models import AlliancePage

    forget_stale_content_types()
    page = AlliancePage.objects.get(locale__language_code="en")
    index, block = next((i, block) for i, block in enumerate(page.body) if block.block_type == "heading")
    return AlliancePageFacts(page.pk, urlsplit(page.url).path, index, block.value["text"])


def log_in_to_admin(page, site_url, username):
    visit(page, site_url + "/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(demo_password(username))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == "/admin/", f"logging in to the admin as {username} led to {page.url}"


def open_edit_view(page, site_url, page_id):
    visit(page, f"{site_url}/admin/pages/{page_id}/edit/")
    page.wait_for_load_state("networkidle")


def choose_action(page, label):
    """Pick ``label`` in the edit view's footer action menu (its other actions sit behind "More actions")."""
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state("load")


def save_screenshot(page, name, **options):
    """Take the screenshot (so the test shows it can be made) and keep it for the editor's guide with
    ``PORTAL_SCREENSHOTS=1``."""
    png = page.screenshot(**options)
    assert png.startswith(b"\x89PNG")
    if os.environ.get("PORTAL_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / name).write_bytes(png)
    return png
