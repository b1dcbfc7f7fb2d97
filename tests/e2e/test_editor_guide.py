"""The tasks of the editor's guide (``docs/editors.md``), done in the admin with the demo accounts. Each test takes the
guide's screenshot; with ``PORTAL_SCREENSHOTS=1`` it is saved in ``docs/screenshots/editor-*.png``."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from tests.e2e.conftest import WIDE, visit
from tests.e2e.editor_admin import (
    alliance_page_facts,
    choose_action,
    log_in_to_admin,
    open_edit_view,
    save_screenshot,
)
from tests.factories import pdf_bytes

pytestmark = pytest.mark.e2e


@pytest.fixture
def alliance(demo_site):
    return alliance_page_facts()


@pytest.fixture
def why_join(demo_site):
    from about.models import WhyJoinPage

    page = WhyJoinPage.objects.get(locale__language_code="en")
    return page.pk, urlsplit(page.url).path


def test_editing_a_pages_streamfield(demo_site, alliance, open_page):
    editor = open_page(WIDE)
    log_in_to_admin(editor, demo_site.url, "editor")
    open_edit_view(editor, demo_site.url, alliance.pk)
    heading = editor.locator(f"input[name='body-{alliance.heading_index}-value-text']")
    heading.scroll_into_view_if_needed()
    editor.evaluate("() => window.scrollBy(0, -160)")
    # The body is a stream of blocks, each with its type and its own fields; "+" adds a block between two others.
    body = editor.locator("[data-contentpath='body']")
    assert body.locator("[data-streamfield-child]").count() >= 5
    assert body.get_by_text("Heading", exact=True).first.is_visible()
    heading.fill("What the Alliance is and does")
    save_screenshot(editor, "editor-streamfield.png")
    choose_action(editor, "Submit to Moderators approval")
    assert "submitted for moderation" in editor.locator(".messages").inner_text()


def test_adding_a_document(demo_site, open_page):
    editor = open_page(WIDE)
    log_in_to_admin(editor, demo_site.url, "editor")
    visit(editor, demo_site.url + "/admin/documents/multiple/add/")
    collections = editor.locator("select[name=collection]").first
    library = collections.evaluate(
        "(select) => [...select.options].find((o) => o.textContent.includes('Library')).value"
    )
    collections.select_option(library)
    editor.set_input_files(
        "input[type=file]",
        files=[{"name": "co-operative-week.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Programme")}],
    )
    form = editor.locator("form").filter(has=editor.locator("input[name$='-title']")).last
    title = form.locator("input[name$='-title']")
    title.wait_for()
    title.fill("Co-operative Week programme")
    form.locator("textarea[name$='-description']").fill("Events and open days during Co-operative Week.")
    form.locator("select[name$='-category']").select_option(index=1)
    title.scroll_into_view_if_needed()
    editor.evaluate("() => window.scrollBy(0, -220)")
    save_screenshot(editor, "editor-add-document.png")
    form.get_by_role("button", name="Update").click()
    editor.get_by_text("Document updated").first.wait_for()

    visitor = open_page(WIDE)
    visit(visitor, demo_site.url + "/en/documents/?q=week")
    assert visitor.get_by_role("link", name="Co-operative Week programme").first.is_visible()


def test_restricting_a_page_to_members(demo_site, why_join, open_page):
    page_id, path = why_join
    moderator = open_page(WIDE)
    log_in_to_admin(moderator, demo_site.url, "moderator")
    open_edit_view(moderator, demo_site.url, page_id)
    moderator.locator("[data-side-panel-toggle='status']").click()
    moderator.get_by_role("button", name="Change privacy").first.click()
    dialog = moderator.locator("#set-privacy")
    # The dialog warns that public pages link here (the home page's call to action), each linked to its editor.
    warning = dialog.locator("#privacy-referrers")
    warning.wait_for()
    assert "link to this page" in warning.inner_text()
    assert warning.locator("a[href*='/admin/pages/']").count() >= 1
    dialog.locator("input[name=restriction_type][value=groups]").check()
    dialog.get_by_label("Members").check()
    save_screenshot(moderator, "editor-privacy.png")
    dialog.get_by_role("button", name="Save").click()
    moderator.get_by_text("Not visible to the public").first.wait_for()

    visitor = open_page(WIDE)
    visit(visitor, demo_site.url + path)
    assert urlsplit(visitor.url).path != path, "an anonymous visitor was not sent to log in"
    assert visitor.locator("input[type=password]").count() == 1


def test_scheduling_a_publication(demo_site, alliance, open_page):
    moderator = open_page(WIDE)
    log_in_to_admin(moderator, demo_site.url, "moderator")
    open_edit_view(moderator, demo_site.url, alliance.pk)
    moderator.locator(f"input[name='body-{alliance.heading_index}-value-text']").fill("The Alliance next year")
    moderator.locator("[data-side-panel-toggle='status']").click()
    moderator.get_by_role("button", name="Set schedule").click()
    go_live_at = timezone.localtime() + timedelta(days=1)
    dialog = moderator.locator("#schedule-publishing-dialog")
    assert dialog.get_by_text("Go-live and expiry times are Europe/Brussels time.").is_visible()
    # Typed in without focusing the field: focusing it opens a date picker that may cover the dialog's button.
    dialog.locator("input[name=go_live_at]").evaluate(
        """(input, value) => {
            input.value = value;
            input.dispatchEvent(new Event("change", {bubbles: true}));
        }""",
        go_live_at.strftime("%Y-%m-%d 09:00"),
    )
    save_screenshot(moderator, "editor-schedule.png")
    dialog.get_by_role("button", name="Save schedule").click()
    choose_action(moderator, "Schedule to publish")
    assert "scheduled" in moderator.locator(".messages").inner_text().lower()

    visitor = open_page(WIDE)
    visit(visitor, demo_site.url + alliance.path)
    assert "The Alliance next year" not in visitor.locator("main").inner_text()
