"""wagtail-localize's translation editor (a React app) works in a real browser under the admin's
Content-Security-Policy: an editor opens the French translation of the Alliance page, sees its strings and the PO
file actions, translates a string (saved by the editor's API), and the browser reports no policy violation."""

import re

import pytest

from tests.e2e.conftest import WIDE, visit
from tests.e2e.editor_admin import forget_stale_content_types, log_in_to_admin
from tests.e2e.test_content_security_policy import watch_csp

pytestmark = pytest.mark.e2e


@pytest.fixture
def french_alliance_edit_path(demo_site):
    """The Alliance page submitted for translation into French (a draft, with its French parents), read before the
    browser starts (see ``tests/e2e/conftest.py``'s ``demo_site``)."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Locale
    from wagtail_localize.operations import translate_object

    from about.models import AlliancePage

    forget_stale_content_types()
    alliance = AlliancePage.objects.get(locale__language_code="en")
    french = Locale.objects.get(language_code="fr")
    # The demo's French Alliance page is a plain copy: submitted through wagtail-localize instead, it becomes a
    # synced translation, edited in the translation editor.
    existing = alliance.get_translation_or_none(french)
    if existing is not None and not existing.get_children().exists():
        existing.delete()
    translate_object(alliance, [french], user=get_user_model().objects.get(username="editor"))
    return f"/admin/pages/{alliance.get_translation(french).pk}/edit/"


def test_an_editor_translates_in_the_translation_editor_under_the_admin_policy(
    demo_site, french_alliance_edit_path, open_page
):
    page = open_page(WIDE)
    violations = watch_csp(page)
    log_in_to_admin(page, demo_site.url, "editor")

    response = visit(page, demo_site.url + french_alliance_edit_path)

    assert "object-src 'none'" in response.header_value("content-security-policy")
    # The React editor has rendered: the PO file actions and the English strings, each with its "Translate".
    page.get_by_role("link", name=re.compile("Download PO file")).wait_for(state="visible")
    page.get_by_text("Upload PO file").first.wait_for(state="visible")
    page.get_by_text("English to Français translation").first.wait_for(state="visible")
    page.get_by_role("button", name="Translate").first.click()
    field = page.locator("textarea").first
    field.wait_for(state="visible")
    field.fill("Alliance coopérative internationale")
    page.get_by_role("button", name="Save").first.click()
    page.get_by_text("Alliance coopérative internationale").first.wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    assert violations() == []
    from wagtail_localize.models import StringTranslation

    assert StringTranslation.objects.filter(data="Alliance coopérative internationale").exists()
