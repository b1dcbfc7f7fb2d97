"""A member's account in a real browser, at 375px and 1280px: "Private areas access" leads into the private areas,
My account with a token neither scrolls sideways nor cuts the token off, the token table is styled (and stacked on
a phone), "Copy the token" copies it (and without JavaScript the token is still plain, selectable text), revoking
asks first, the password can be changed, logging out is confirmed, and axe-core finds no violation."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import DEMO_MEMBER_PASSWORD, NARROW, PRIVATE_AREAS, WIDE, visit
from tests.e2e.test_accessibility import axe_violations, describe

pytestmark = pytest.mark.e2e

ACCOUNT = "/en/account/"
# Set PORTAL_E2E_SCREENSHOTS to a folder to keep the pages' screenshots for a look.
SHOTS = os.environ.get("PORTAL_E2E_SCREENSHOTS")


def shot(page, name):
    png = page.screenshot(full_page=True)
    assert png.startswith(b"\x89PNG")
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        (Path(SHOTS) / f"{name}.png").write_bytes(png)


def log_in_from_the_header(page, site):
    visit(page, site.url + "/")
    header = page.locator("header")
    toggle = header.get_by_role("button", name="Menu")
    if toggle.is_visible():
        toggle.click()
    header.get_by_role("link", name="Private areas access").click()
    page.wait_for_load_state("load")
    page.get_by_label("Username").fill(site.member_username)
    page.get_by_label("Password").fill(DEMO_MEMBER_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    page.wait_for_load_state("load")


def create_token(page, site, name="Phone app"):
    visit(page, site.url + ACCOUNT)
    page.get_by_label("Token name").fill(name)
    assert page.get_by_label("Expires").input_value() == "90"
    page.get_by_role("button", name="Create a token").click()
    page.wait_for_load_state("load")
    token = page.locator("#new-token")
    assert token.is_visible()
    return token


def sideways_overflow(page):
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375px", "1280px"])
def test_private_areas_access_logs_a_member_into_the_private_areas_which_welcome_them(demo_site, open_page, viewport):
    page = open_page(viewport)
    log_in_from_the_header(page, demo_site)
    assert urlsplit(page.url).path == PRIVATE_AREAS
    main = page.get_by_role("main")
    assert "Welcome, " in main.inner_text()
    assert "You need a members" not in main.inner_text()
    shot(page, f"private-areas-{viewport['width']}")


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375px", "1280px"])
def test_my_account_with_a_token_fits_the_screen_and_shows_the_whole_token(demo_site, open_page, viewport):
    page = open_page(viewport)
    log_in_from_the_header(page, demo_site)
    token = create_token(page, demo_site)
    plaintext = token.inner_text().strip()
    assert plaintext.startswith("wagtail_") and len(plaintext) > 30
    assert sideways_overflow(page) <= 0, "My account scrolls sideways with a token"
    box = token.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    # Nothing of the token is cut off: it wraps inside its box, in a monospace font.
    assert token.evaluate("(el) => el.scrollWidth <= el.clientWidth")
    assert "monospace" in token.evaluate("(el) => getComputedStyle(el).fontFamily")

    table = page.locator("table.token-table")
    row = table.locator("tbody tr").first
    if viewport is NARROW:
        # Stacked: each token is a card of labelled lines, within the screen.
        assert row.evaluate("(el) => getComputedStyle(el).display") == "block"
        assert not table.locator("thead").is_visible() or table.locator("thead").bounding_box()["height"] <= 1
        assert row.bounding_box()["width"] <= viewport["width"]
    else:
        # A styled table: a header band, padded cells, rules between rows, the whole column's width.
        header = table.locator("thead th").first
        assert header.evaluate("(el) => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
        cell = row.locator("td").first
        assert cell.evaluate("(el) => parseFloat(getComputedStyle(el).paddingLeft)") >= 8
        assert cell.evaluate("(el) => getComputedStyle(el).borderBottomStyle") == "solid"
        assert table.bounding_box()["width"] >= 600
    shot(page, f"account-{viewport['width']}")


def test_copy_the_token_copies_it(demo_site, browser):
    context = browser.new_context(viewport=WIDE, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        log_in_from_the_header(page, demo_site)
        token = create_token(page, demo_site)
        button = page.get_by_role("button", name="Copy the token")
        assert button.is_visible()
        button.click()
        page.get_by_text("Copied.").wait_for()
        assert page.evaluate("() => navigator.clipboard.readText()") == token.inner_text().strip()
    finally:
        context.close()


def test_without_javascript_the_token_is_selectable_and_revoking_asks_first(demo_site, browser):
    context = browser.new_context(viewport=NARROW, java_script_enabled=False)
    try:
        page = context.new_page()
        log_in_from_the_header(page, demo_site)
        token = create_token(page, demo_site, name="Script")
        assert not page.get_by_role("button", name="Copy the token").is_visible()
        assert token.evaluate("(el) => getComputedStyle(el).userSelect") in ("all", "text", "auto")
        token.dblclick()  # selectable text, as any other

        page.get_by_role("link", name="Revoke the token Script").click()
        page.wait_for_load_state("load")
        assert page.get_by_role("heading", level=1).inner_text() == "Revoke the token “Script”?"
        page.get_by_role("button", name="Revoke the token").click()
        page.wait_for_load_state("load")
        assert urlsplit(page.url).path == ACCOUNT
        assert "The token was revoked." in page.get_by_role("main").inner_text()
        assert page.locator("table.token-table").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375px", "1280px"])
def test_member_changes_password_from_my_account_then_logs_out_with_a_confirmation(demo_site, open_page, viewport):
    page = open_page(viewport)
    log_in_from_the_header(page, demo_site)
    visit(page, demo_site.url + ACCOUNT)
    page.get_by_role("link", name="Change password").click()
    page.wait_for_load_state("load")
    assert sideways_overflow(page) <= 0
    page.get_by_label("Old password").fill(DEMO_MEMBER_PASSWORD)
    page.get_by_label("New password", exact=True).fill("another-e2e-secret-77")
    page.get_by_label("New password confirmation").fill("another-e2e-secret-77")
    page.get_by_role("main").get_by_role("button", name="Change password").click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == ACCOUNT
    assert "Your password was changed." in page.get_by_role("main").inner_text()
    visit(page, demo_site.url + PRIVATE_AREAS)  # still logged in

    toggle = page.locator("header").get_by_role("button", name="Menu")
    if toggle.is_visible():
        toggle.click()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", level=1).inner_text() == "You have logged out"
    shot(page, f"logged-out-{viewport['width']}")


def test_account_pages_have_no_axe_violations(demo_site, open_page):
    page = open_page(WIDE, bypass_csp=True)
    report = []
    log_in_from_the_header(page, demo_site)
    create_token(page, demo_site)
    report += describe(ACCOUNT + " (new token)", axe_violations(page))
    visit(page, demo_site.url + ACCOUNT)
    page.get_by_role("link", name="Revoke the token Phone app").click()
    page.wait_for_load_state("load")
    report += describe("revoke confirmation", axe_violations(page))
    visit(page, demo_site.url + "/en/account/password/")
    report += describe("change password", axe_violations(page))
    page.get_by_role("main").get_by_role("button", name="Change password").click()
    page.wait_for_load_state("load")
    report += describe("change password with errors", axe_violations(page))
    visit(page, demo_site.url + "/en/login/?next=/files/1/report.pdf")
    report += describe("login from a document", axe_violations(page))
    assert not report, "axe-core found WCAG 2.2 A/AA violations:\n" + "\n".join(report)
