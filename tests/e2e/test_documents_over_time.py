"""The member-facing pages of issue 17 in a real browser: the share form on a members-only document's page, the
page showing a new share link, a gone share link (410), My account's feed address. No axe-core violation (WCAG 2.2
A/AA) and no sideways scroll at 375px."""

from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import NARROW, WIDE, log_in_as_member, visit
from tests.e2e.test_accessibility import axe_violations, describe

pytestmark = pytest.mark.e2e


def scrolls_sideways(page, width):
    return page.evaluate("() => document.documentElement.scrollWidth") > width


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["wide", "375px"])
def test_share_and_feed_pages_are_accessible_and_fit_a_phone(settings, demo_site, open_page, viewport):
    settings.MEMBERS_MAY_SHARE = True
    page = open_page(viewport, bypass_csp=True)
    log_in_as_member(page, demo_site)
    report, too_wide = [], []

    def check(label):
        nonlocal report
        report += describe(label, axe_violations(page))
        if scrolls_sideways(page, viewport["width"]):
            too_wide.append(label)

    # A members-only document's page, with the share form.
    visit(page, demo_site.url + "/en/documents/")
    card = page.locator("article.document-card").filter(has=page.locator(".badge--members")).first
    card.locator("a.document-card__link").click()
    page.wait_for_load_state("load")
    assert page.locator("form.share-form").count() == 1
    check("members-only document page")

    # Making a link shows it once.
    page.locator("form.share-form button[type=submit]").click()
    page.wait_for_load_state("load")
    share_url = page.locator("#share-url").input_value()
    assert "/share/" in share_url
    check("share link made")

    # My account: the feed address.
    visit(page, demo_site.url + "/en/account/")
    page.locator("form[action='/en/account/feed/'] button").click()
    page.wait_for_load_state("load")
    assert "/feeds/personal/" in page.locator("#new-feed-url").input_value()
    check("my account with a feed address")

    # The link works for someone without an account (410 and 404 answers: tests/documents/test_share_links.py).
    visitor = open_page(viewport, bypass_csp=True)
    # The link is on the Site's address (home/site_address.py); the live server is elsewhere.
    response = visitor.request.get(demo_site.url + urlsplit(share_url).path)
    assert response.status == 200
    assert "no-store" in response.headers["cache-control"]
    visit(visitor, demo_site.url + "/en/account/")  # logged out: the login page
    assert not report, "axe-core found WCAG 2.2 A/AA violations:\n" + "\n".join(report)
    assert not too_wide, f"pages wider than the screen: {too_wide}"
