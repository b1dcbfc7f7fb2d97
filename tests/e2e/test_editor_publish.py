"""An editor changes a block of the Alliance page in the admin and submits it; a moderator approves it; the change
is on the site."""

import pytest

from tests.e2e.conftest import WIDE, visit
from tests.e2e.editor_admin import (
    alliance_page_facts,
    choose_action,
    log_in_to_admin,
    open_edit_view,
    save_screenshot,
)

pytestmark = pytest.mark.e2e

NEW_HEADING = "What the Alliance does today"


@pytest.fixture
def alliance(demo_site):
    return alliance_page_facts()


def test_editor_changes_a_block_and_the_approved_change_is_on_the_site(demo_site, alliance, open_page):
    assert alliance.heading_text != NEW_HEADING

    # The editor changes the first heading block of the body and submits the page to the moderators.
    editor = open_page(WIDE)
    log_in_to_admin(editor, demo_site.url, "editor")
    open_edit_view(editor, demo_site.url, alliance.pk)
    heading = editor.locator(f"input[name='body-{alliance.heading_index}-value-text']")
    assert heading.input_value() == alliance.heading_text
    heading.fill(NEW_HEADING)
    choose_action(editor, "Submit to Moderators approval")
    assert "submitted for moderation" in editor.locator(".messages").inner_text()

    # Not yet on the site.
    visitor = open_page(WIDE)
    visit(visitor, demo_site.url + alliance.path)
    assert NEW_HEADING not in visitor.locator("main").inner_text()

    # The moderator finds it on the dashboard and approves it.
    moderator = open_page(WIDE)
    log_in_to_admin(moderator, demo_site.url, "moderator")
    assert "Awaiting your review" in moderator.locator("main").inner_text()
    save_screenshot(moderator, "editor-dashboard.png")
    moderator.get_by_role("link", name="International Co-operative Alliance").first.click()
    moderator.wait_for_load_state("networkidle")
    choose_action(moderator, "Approve and Publish")
    assert "has been approved and published" in moderator.locator(".messages").inner_text()

    visit(visitor, demo_site.url + alliance.path)
    assert visitor.get_by_role("heading", name=NEW_HEADING, level=2).is_visible()
