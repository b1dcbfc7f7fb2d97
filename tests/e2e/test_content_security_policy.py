"""The site, the admin's page editor and its preview work under the Content-Security-Policy: the browser reports
no violation (``securitypolicyviolation`` events and console errors) while the pages' scripts run."""

import re

import pytest

from tests.e2e.conftest import ABOUT, HOME, PUBLIC_PAGES, WIDE, visit
from tests.e2e.editor_admin import alliance_page_facts, log_in_to_admin

pytestmark = pytest.mark.e2e

# Registered before any page script runs (Playwright injects it outside the page's policy).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.blockedURI || "inline"} in ${event.sourceFile}`;
  window.__cspViolations.push(`${event.violatedDirective} blocked ${where}`);
});
"""


def watch_csp(page):
    """Collect the policy violations the browser reports for ``page`` (in every frame), as a list to check."""
    console = []
    page.on(
        "console",
        lambda message: console.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.add_init_script(RECORD_VIOLATIONS)

    def violations():
        events = []
        for frame in page.frames:
            try:
                events += frame.evaluate("() => window.__cspViolations || []")
            except Exception:  # noqa: BLE001, S112 - a frame that went away reports nothing
                continue
        return events + console

    return violations


def test_public_pages_work_under_the_strict_policy(demo_site, open_page):
    page = open_page(WIDE)
    violations = watch_csp(page)
    for path in PUBLIC_PAGES:
        response = visit(page, demo_site.url + path)
        policy = response.header_value("content-security-policy")
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
        assert "camera=()" in response.header_value("permissions-policy"), path
    # The header search's suggestions are JavaScript (a static file): they still appear.
    visit(page, demo_site.url + HOME)
    page.get_by_role("combobox", name="Search the site").press_sequentially("membership gu", delay=40)
    page.get_by_role("listbox", name="Suggestions").wait_for(state="visible")
    assert violations() == []


@pytest.fixture
def about_with_a_video(demo_site):
    """The About page with an embedded video (the tests' oEmbed finder answers for https://video.example/)."""
    from about.models import AboutPage

    page = AboutPage.objects.get(url_path__endswith=ABOUT.removeprefix("/en"))
    embed = {"embed": "https://video.example/congress", "title": "Our congress", "caption": ""}
    page.body = [*page.body.raw_data, {"type": "embed", "value": embed}]
    page.save_revision().publish()
    return demo_site.url + ABOUT


def test_an_embedded_video_loads_under_the_policy_when_asked_for(about_with_a_video, open_page):
    page = open_page(WIDE)
    violations = watch_csp(page)
    # The provider's player, served here instead of from the network.
    page.route(
        "https://video.example/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<h1>The player</h1>"),
    )
    visit(page, about_with_a_video)
    page.get_by_role("button", name="Load Our congress").click()
    player = page.locator("iframe[src^='https://video.example/']")
    player.wait_for(state="visible")
    player.content_frame.get_by_role("heading", name="The player").wait_for(state="visible")
    assert violations() == []


def test_the_page_editor_its_streamfield_chooser_and_preview_work_under_the_admin_policy(demo_site, open_page):
    alliance = alliance_page_facts()
    page = open_page(WIDE)
    violations = watch_csp(page)
    log_in_to_admin(page, demo_site.url, "editor")
    response = visit(page, f"{demo_site.url}/admin/pages/{alliance.pk}/edit/")
    assert "object-src 'none'" in response.header_value("content-security-policy")
    page.wait_for_load_state("networkidle")
    # StreamField has rendered the body's blocks (client-side, from its JavaScript).
    heading = page.locator(f"input[name='body-{alliance.heading_index}-value-text']")
    heading.wait_for(state="visible")
    assert heading.input_value() == alliance.heading_text
    # An image chooser opens its modal and lists images.
    page.get_by_role("tab", name="Promote").click()
    chooser = page.locator("[id$='listing_image-chooser']")
    if "blank" not in (chooser.get_attribute("class") or ""):
        chooser.get_by_role("button", name="Actions").click()
    chooser.locator("[data-chooser-action-choose]").locator("visible=true").first.click()
    modal = page.locator(".modal-content")
    modal.get_by_role("heading", name=re.compile("Choose an image")).wait_for(state="visible")
    modal.locator("img").first.wait_for(state="visible")
    modal.get_by_role("button", name="Close").first.click()
    page.locator(".modal.in").wait_for(state="hidden")
    # The preview panel renders the draft inside the editor.
    page.get_by_role("button", name=re.compile("preview", re.IGNORECASE)).first.click()
    preview = page.locator("iframe[title='Preview']").last.content_frame
    preview.get_by_role("heading", level=1).first.wait_for(state="visible")
    # The public page with the editor's userbar.
    visit(page, demo_site.url + alliance.path)
    page.locator("wagtail-userbar").wait_for(state="attached")
    assert violations() == []
