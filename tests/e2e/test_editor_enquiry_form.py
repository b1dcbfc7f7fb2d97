"""A visitor asks about membership through the form linked from "Why join"; the enquiry reaches the admin's Forms.
The form and its thank-you page pass axe-core."""

import pytest

from tests.e2e.conftest import WHY_JOIN, WIDE, visit
from tests.e2e.editor_admin import forget_stale_content_types, log_in_to_admin, save_screenshot
from tests.e2e.test_accessibility import axe_violations, describe

pytestmark = pytest.mark.e2e


@pytest.fixture
def enquiry_page_id(demo_site):
    from about.models import MembershipEnquiryPage

    forget_stale_content_types()
    return MembershipEnquiryPage.objects.get(locale__language_code="en").pk


def test_visitor_sends_an_enquiry_from_why_join_and_editors_find_it_in_the_admin(demo_site, enquiry_page_id, open_page):
    visitor = open_page(WIDE, bypass_csp=True)
    visit(visitor, demo_site.url + WHY_JOIN)
    visitor.get_by_role("link", name="Ask about membership").click()
    visitor.wait_for_load_state("load")
    assert visitor.get_by_role("heading", level=1).inner_text() == "Ask about membership"
    report = describe("enquiry form", axe_violations(visitor))

    visitor.get_by_label("Your name").fill("Ada Lovelace")
    visitor.get_by_label("Your e-mail address").fill("ada@coop.example")
    visitor.get_by_label("Your organisation").fill("Analytical Engines Co-operative")
    visitor.get_by_label("Kind of organisation").select_option("National federation")
    visitor.get_by_label("Country").fill("United Kingdom")
    visitor.get_by_label("Your question").fill("How does a national federation join the Alliance?")
    # The honeypot is out of sight and out of the tab order.
    assert (
        not visitor.locator("input[name=fax_number]").is_visible()
        or visitor.locator("input[name=fax_number]").bounding_box()["x"] < 0
    )
    visitor.get_by_role("button", name="Send the enquiry").click()
    visitor.wait_for_load_state("load")
    assert visitor.get_by_role("heading", level=1).inner_text() == "Thank you for your enquiry"
    report += describe("thank-you page", axe_violations(visitor))
    assert not report, "axe-core found WCAG 2.2 A/AA violations:\n" + "\n".join(report)

    editor = open_page(WIDE)
    log_in_to_admin(editor, demo_site.url, "editor")
    visit(editor, f"{demo_site.url}/admin/forms/submissions/{enquiry_page_id}/")
    assert "Analytical Engines Co-operative" in editor.locator("main").inner_text()
    # The export is in the header's "Actions" menu.
    editor.get_by_role("button", name="Actions").click()
    csv_link = editor.get_by_role("link", name="Download CSV")
    csv_link.wait_for()
    assert csv_link.get_attribute("href").endswith("?export=csv")
    editor.wait_for_timeout(400)  # the menu fades in: let the guide's picture show it opaque
    save_screenshot(editor, "editor-form-submissions.png")
