"""A member's visit in a real browser: login, a members' page, a members-only download, logout."""

from urllib.parse import urlsplit

from tests.e2e.conftest import DEMO_MEMBER_PASSWORD, WIDE, visit

LOGIN_PATH = "/en/login/"


def test_member_logs_in_reads_downloads_and_logs_out_and_the_area_closes_again(demo_site, open_page):
    briefing = next(path for path in demo_site.private_paths if "members-briefing" in path)
    page = open_page(WIDE)

    # Anonymous: a members' page that is not in the menu answers as a missing page would, and offers the login,
    # which comes back to the address.
    visit(page, demo_site.url + briefing, expected_status=404)
    page.get_by_role("main").get_by_role("link", name="Log in").click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == LOGIN_PATH
    page.get_by_label("Username").fill(demo_site.member_username)
    page.get_by_label("Password").fill(DEMO_MEMBER_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state("load")

    # Back on the page asked for, with its members-only documents marked as such.
    assert urlsplit(page.url).path == briefing
    assert page.get_by_role("heading", level=1).inner_text().strip()
    assert page.get_by_text("Members only").first.is_visible()
    href = page.locator("a.document-card__download").first.get_attribute("href")
    assert href and href.startswith("/files/")

    download = page.request.get(demo_site.url + href, max_redirects=0)
    assert download.status == 200
    assert download.body().startswith(b"%PDF")
    assert "no-store" in download.headers["cache-control"]

    # Logging out closes the area: the page and the file answer as missing ones again.
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state("load")
    visit(page, demo_site.url + briefing, expected_status=404)
    again = page.request.get(demo_site.url + href, max_redirects=0)
    assert again.status == 404
