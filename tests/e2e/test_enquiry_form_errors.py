"""A visitor who sends the enquiry form with answers missing lands on the error summary (it takes the focus), and
each of its links moves the focus to the answer to correct; at 375px and 1280px."""

import pytest

from tests.e2e.conftest import NARROW, WHY_JOIN, WIDE, visit

pytestmark = pytest.mark.e2e

ENQUIRY = WHY_JOIN + "ask-about-membership/"


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375px", "1280px"])
def test_the_error_summary_takes_the_focus_and_leads_to_each_answer(demo_site, open_page, viewport):
    page = open_page(viewport)
    visit(page, demo_site.url + ENQUIRY)
    assert page.locator("select option:checked").first.get_attribute("value") == ""  # nothing chosen for them
    page.get_by_label("Your e-mail address").fill("not an address")
    page.get_by_role("button", name="Send the enquiry").click()
    page.wait_for_load_state()

    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"

    links = summary.get_by_role("link")
    assert links.count() >= 3
    for index in range(links.count()):
        link = links.nth(index)
        target = link.get_attribute("href").removeprefix("#")
        link.click()
        assert page.evaluate("document.activeElement.id") == target
        assert page.locator(f"#{target}").is_visible()
