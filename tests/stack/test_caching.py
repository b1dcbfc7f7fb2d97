"""What Varnish keeps and what it never keeps: public answers are shared, anything depending on the user is not."""

import re

import pytest

from scripts import stack as stack_tools

PUBLIC = {
    "home": "/en/",
    "about": "/en/about-us/",
    "alliance": "/en/about-us/international-co-operative-alliance/",
    "why join": "/en/about-us/why-join-the-ica/",
    "library": "/en/documents/",
    "library filtered": "/en/documents/?q=guide",
    "search": "/en/search/?q=alliance",
    "sitemap": "/sitemap.xml",
    "robots": "/robots.txt",
    "api": "/api/v2/pages/",
}
MEMBERS_PAGE = "/en/private-areas/members-briefing/"


@pytest.mark.parametrize("path", PUBLIC.values(), ids=PUBLIC.keys())
def test_a_second_anonymous_request_for_a_public_answer_is_a_cache_hit(stack, path):
    first = stack.get(path)
    second = stack.get(path)
    assert first.status == 200
    assert second.hit, second.headers
    assert second.text == first.text
    assert re.search(r"\bs-maxage=\d{4,}", second.header("Cache-Control"))
    assert "X-Cache-Tags" not in second.headers  # the purge tags stay between Django and Varnish


def test_a_public_document_page_is_a_cache_hit(stack, editor):
    url = editor.call("document_url", 1)
    stack.get(url)
    assert stack.get(url).hit


def test_a_members_request_for_a_public_page_is_never_answered_from_the_cache(stack, member_cookie):
    stack.warm("/en/about-us/")
    response = stack.get("/en/about-us/", cookie=member_cookie)
    assert response.header("X-Cache") == "PASS"
    assert "private" in response.header("Cache-Control") and "no-store" in response.header("Cache-Control")
    assert "Signed in as" in response.text  # built for the member


def test_a_members_page_is_never_served_from_the_cache_to_an_anonymous_visitor(stack, member_cookie):
    for _ in range(2):
        member = stack.get(MEMBERS_PAGE, cookie=member_cookie)
        assert member.status == 200 and "Members' briefing" in member.text
        assert "no-store" in member.header("Cache-Control")
    anonymous = stack.get(MEMBERS_PAGE)
    # A members-only page answers a guessed address exactly as a missing one (issue 11): a 404, never the page.
    assert anonymous.status == 404 and "Members' briefing" not in anonymous.text
    assert "Members' briefing" not in anonymous.text


def test_a_members_only_document_page_is_never_stored(stack, editor, member_cookie):
    url = editor.call("document_url", 11)
    assert stack.get(url, cookie=member_cookie).status == 200
    anonymous = stack.get(url)
    assert anonymous.status == 404 and "Board minutes" not in anonymous.text


@pytest.mark.parametrize(
    "path", ["/en/login/", "/en/about-us/why-join-the-ica/ask-about-membership/", "/healthz", "/readyz"]
)
def test_pages_with_a_form_and_health_answers_are_never_stored(stack, path):
    stack.get(path)
    response = stack.get(path)
    assert response.status == 200
    assert response.header("X-Cache") == "PASS"
    assert "no-store" in response.header("Cache-Control")


def test_other_cookies_are_dropped_so_anonymous_visitors_share_one_copy(stack):
    stack.warm("/en/about-us/why-join-the-ica/")
    assert stack.get("/en/about-us/why-join-the-ica/", cookie="csrftoken=abc; _ga=xyz").hit


def test_an_authorization_header_always_reaches_django(stack):
    stack.warm("/api/v2/pages/")
    response = stack.get("/api/v2/pages/", headers={"Authorization": "Bearer not-a-token"})
    assert response.header("X-Cache") == "PASS"
    assert response.status == 401 or "no-store" in response.header("Cache-Control")


def test_ban_and_purge_are_refused_from_an_address_that_is_not_trusted(stack):
    """A Varnish whose purgers' list does not hold loopback refuses this process's BAN and PURGE."""
    port = stack_tools.free_port()
    other = stack_tools.start_varnish(port, stack.app_port, purgers=("192.0.2.1",))
    try:
        stack.get("/en/", port=port)
        for method, headers in (("BAN", {"X-Ban-All": "1"}), ("PURGE", {})):
            assert stack.get("/en/", port=port, method=method, headers=headers).status == 403
        assert stack.get("/en/", port=port).hit
    finally:
        stack_tools.stop(other)


def test_ban_from_a_trusted_address_drops_the_tagged_answers(stack):
    stack.warm("/en/about-us/", "/en/documents/")
    assert stack.get("/en/", method="BAN", headers={"X-Ban-Tags": ",docs,"}).status == 200
    assert stack.get("/en/about-us/").hit
    assert not stack.get("/en/documents/").hit
