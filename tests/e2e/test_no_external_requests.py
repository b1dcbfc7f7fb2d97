"""Every file a demo page needs comes from the site itself: no CDN fonts, scripts, styles or trackers."""

from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import NOT_FOUND, PUBLIC_PAGES, WIDE, log_in_as_member, visit

pytestmark = pytest.mark.e2e

LOCAL_SCHEMES = {"data", "blob", "about"}


def test_demo_pages_request_nothing_from_other_hosts(demo_site, open_page):
    page = open_page(WIDE)
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    for path in PUBLIC_PAGES:
        visit(page, demo_site.url + path)
    visit(page, demo_site.url + NOT_FOUND, expected_status=404)
    log_in_as_member(page, demo_site)
    for path in demo_site.private_paths:
        visit(page, demo_site.url + path)

    site = urlsplit(demo_site.url).netloc
    elsewhere = sorted(
        {url for url in requested if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != site}
    )
    assert len(requested) > len(PUBLIC_PAGES), "the browser recorded too few requests for the check to mean much"
    assert not elsewhere, "requests left the site:\n" + "\n".join(elsewhere)
