"""Grace: with gunicorn stopped, Varnish still answers cached public pages (even past their lifetime), and answers
everything else (a member's page, anything never cached) with the styled 503 page, never with a stale private one.
"""

import re
import time

import pytest

PUBLIC = "/en/about-us/why-join-the-ica/"
MEMBERS = "/en/private-areas/members-briefing/"


def wait_for_status(stack, path, status, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if stack.get(path).status == status:
            return
        time.sleep(0.3)
    raise AssertionError(f"{path} did not answer {status} within {timeout}s")


@pytest.fixture
def app_down(stack):
    stack.stop_app()
    try:
        # Varnish's probe (/readyz every 2 s) has marked the backend sick once the health answer is a 503.
        wait_for_status(stack, "/healthz", 503)
        yield
    finally:
        stack.start_app()
        wait_for_status(stack, "/healthz", 200)


@pytest.fixture
def warmed(stack, member_cookie):
    """A public page and a public picture in the cache; the picture's lifetime is 2 s in the stack
    (IMAGE_SHARED_MAX_AGE, tests/stack/conftest.py), so it is served past its lifetime, from grace."""
    home = stack.get("/en/").text
    picture = re.search(r'<img src="(/media/[^"]+)"', home).group(1)
    stack.warm(PUBLIC, picture)
    assert stack.get(MEMBERS, cookie=member_cookie).status == 200
    time.sleep(2.5)
    return picture


def test_with_the_app_down_cached_public_answers_are_still_served(stack, warmed, app_down):
    page = stack.get(PUBLIC)
    assert page.status == 200 and page.hit and "Why join the ICA" in page.text
    picture = stack.get(warmed)
    assert picture.status == 200 and picture.hit  # past its 2 s lifetime: grace


def test_with_the_app_down_private_and_uncached_answers_are_the_styled_503_page(stack, warmed, member_cookie, app_down):
    for response in (stack.get(MEMBERS, cookie=member_cookie), stack.get("/en/about-us/?never-cached=1")):
        assert response.status == 503
        assert "The Co-op Portal is back in a moment" in response.text
        assert "Members' briefing" not in response.text
        assert "no-store" in response.header("Cache-Control")
