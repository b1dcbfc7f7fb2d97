"""Redirects never name a members-only address to a request that may not see it.

An old address redirected to a page the request may not see (by an editor, or by Wagtail when the page was renamed
or moved) answers exactly as an address that names nothing: the 404 it was. A member follows it to the page.
"""

import pytest
from wagtail.contrib.redirects.models import Redirect

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def members_page(private_area):
    return private_area.get_children().get().specific


def as_missing(client, path):
    """The answer for ``path``, checked to be the one any unknown old address gets: a permanent redirect to the same
    address under /en/ (portal/i18n.py), which then answers 404. Returns both answers' text and the last answer."""
    first = client.get(path)
    assert first.status_code == 301
    assert first["Location"] == "/en" + path
    final = client.get(first["Location"])
    assert final.status_code == 404
    final.seen = first["Location"] + first.content.decode() + final.content.decode()
    return final


def _as(client, who):
    if who == "visitor":
        client.force_login(factories.UserFactory(username="visitor"))
    elif who == "member":
        client.force_login(factories.UserFactory(username="member", groups=["Members"]))
    return client


@pytest.mark.parametrize("who", ["anonymous", "visitor"])
def test_an_editors_redirect_to_a_members_page_answers_as_a_missing_address(client, members_page, who):
    Redirect.objects.create(old_path="/old-notices", redirect_page=members_page)
    _as(client, who)
    response = as_missing(client, "/old-notices/")
    as_missing(client, "/old-nothing/")
    assert members_page.url not in response.seen


def test_a_member_follows_the_redirect_to_the_members_page(client, members_page):
    Redirect.objects.create(old_path="/old-notices", redirect_page=members_page)
    _as(client, "member")
    response = client.get("/old-notices/")
    assert response.status_code == 301
    assert response["Location"] == members_page.url


def test_a_redirect_to_a_public_page_still_redirects_everyone(client, about_page):
    Redirect.objects.create(old_path="/old-about", redirect_page=about_page)
    response = client.get("/old-about/")
    assert response.status_code == 301
    assert response["Location"] == about_page.url


@pytest.mark.parametrize("who", ["anonymous", "visitor"])
def test_renaming_a_members_page_leaves_no_redirect_naming_its_new_address(
    client, members_page, who, django_capture_on_commit_callbacks
):
    old_url = members_page.url
    members_page.slug = "zqx-renamed-notices"
    with django_capture_on_commit_callbacks(execute=True):
        members_page.save_revision().publish()
    assert Redirect.objects.filter(redirect_page=members_page).exists(), "Wagtail made its automatic redirect"
    _as(client, who)
    response = client.get(old_url)
    assert response.status_code == 404
    assert "zqx-renamed-notices" not in response.get("Location", "") + response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "visitor"])
@pytest.mark.parametrize(
    "typed",
    [
        "/en/private-areas/members-notices/",
        "/en/private-areas/members-notices",
        "http://testserver/en/private-areas/members-notices/",
        "http://testserver/private-areas/members-notices/",
        "/fr/private-areas/members-notices/",
        "/en/private-areas/members-notices/some/route/below/",
        "/en/private-areas/",
    ],
)
def test_a_typed_redirect_to_a_members_address_answers_as_a_missing_address(client, members_page, who, typed):
    """An editor may type the address instead of choosing the page: the answer is the same."""
    Redirect.objects.create(old_path="/old-notices", redirect_link=typed)
    _as(client, who)
    response = as_missing(client, "/old-notices/")
    assert "members-notices" not in response.seen


def test_a_member_follows_a_typed_redirect_to_the_members_page(client, members_page):
    Redirect.objects.create(old_path="/old-notices", redirect_link="/en/private-areas/members-notices/")
    _as(client, "member")
    response = client.get("/old-notices/")
    assert response.status_code == 301
    assert response["Location"] == "/en/private-areas/members-notices/"


@pytest.mark.parametrize("typed", ["/en/about-us/", "https://ica.coop/en/", "/en/no-such-page/", "/"])
def test_a_typed_redirect_to_a_public_or_unknown_address_still_redirects(client, about_page, typed):
    Redirect.objects.create(old_path="/old-about", redirect_link=typed)
    response = client.get("/old-about/")
    assert response.status_code == 301
    assert response["Location"] == typed


@pytest.mark.parametrize("who", ["anonymous", "visitor"])
def test_a_typed_redirect_to_a_members_only_file_answers_as_a_missing_address(client, members_collection, who):
    document = factories.PortalDocumentFactory(
        title="Board paper",
        file=factories._content_file(factories.pdf_bytes(), "zqx-board-paper.pdf"),
        collection=members_collection,
    )
    Redirect.objects.create(old_path="/old-paper", redirect_link=f"/files/{document.pk}/zqx-board-paper.pdf")
    _as(client, who)
    response = as_missing(client, "/old-paper/")
    assert "zqx-board-paper" not in response.seen
    _as(client, "member")
    assert client.get("/old-paper/").status_code == 301
