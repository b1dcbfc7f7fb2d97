"""Private areas access: the ladder anonymous → non-member → member, and what each response carries."""

import re
from urllib.parse import quote

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

LOGIN_URL = "/login/"


@pytest.fixture
def members_page(private_area):
    return private_area.get_children().get().specific


def test_anonymous_visitor_is_sent_to_login_and_back(client, members_page):
    response = client.get(members_page.url)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={quote(members_page.url)}"
    assert "no-store" in response["Cache-Control"]


def test_login_page_is_styled_like_the_site(client):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    assertions = ["Private areas access", 'name="username"', 'name="password"', 'id="main-content"']
    for text in assertions:
        assert text in response.content.decode()


def test_member_logs_in_and_lands_on_the_page_asked_for(client, member, members_page):
    response = client.post(LOGIN_URL, {"username": "member", "password": "password", "next": members_page.url})
    assert response.status_code == 302
    assert response["Location"] == members_page.url
    page = client.get(members_page.url)
    assert page.status_code == 200
    assert members_page.title.replace("'", "&#x27;") in page.content.decode()


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/phish", "//evil.example/", "http://testserver.evil.example/"]
)
def test_login_never_redirects_to_another_site(client, member, next_url):
    response = client.post(LOGIN_URL, {"username": "member", "password": "password", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_logged_in_non_member_gets_a_clear_403_not_a_login_loop(client, non_member, members_page, why_join_page):
    client.force_login(non_member)
    response = client.get(members_page.url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "for members only" in html
    assert why_join_page.url in html
    assert members_page.title not in html
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_member_response_is_private_and_never_stored(client, member, members_page):
    client.force_login(member)
    response = client.get(members_page.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_public_page_for_anonymous_visitor_is_not_marked_private(client, about_page):
    response = client.get(about_page.url)
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")


def test_any_page_for_a_logged_in_user_is_private(client, non_member, about_page):
    client.force_login(non_member)
    response = client.get(about_page.url)
    assert "private" in response["Cache-Control"]


def test_logout_closes_the_private_area_again(client, member, members_page):
    client.force_login(member)
    assert client.get(members_page.url).status_code == 200
    response = client.post(reverse("members:logout"))
    assert response.status_code in (200, 302)
    assert client.get(members_page.url).status_code == 302


def test_logout_by_get_is_refused(client, member):
    client.force_login(member)
    assert client.get(reverse("members:logout")).status_code == 405


def test_login_restriction_lets_any_logged_in_user_in(client, non_member, home_page):
    page = factories.StandardPageFactory(parent=home_page, title="Staff notes")
    from tests.fixtures import restrict_page

    restrict_page(page, kind="login")
    assert client.get(page.url).status_code == 302
    client.force_login(non_member)
    assert client.get(page.url).status_code == 200


class TestPasswordReset:
    def test_reset_link_is_e_mailed_and_sets_a_new_password(self, client, member):
        response = client.post(reverse("members:password_reset"), {"email": member.email})
        assert response.status_code == 302
        assert len(mail.outbox) == 1
        link = re.search(r"https?://[^/\s]+(/password-reset/\S+/)", mail.outbox[0].body).group(1)
        form = client.get(link, follow=True)
        assert form.status_code == 200
        response = client.post(
            form.redirect_chain[-1][0] if form.redirect_chain else link,
            {"new_password1": "a-much-better-secret-9", "new_password2": "a-much-better-secret-9"},
        )
        assert response.status_code == 302
        client.logout()
        login = client.post(LOGIN_URL, {"username": "member", "password": "a-much-better-secret-9"})
        assert login.status_code == 302
        assert "_auth_user_id" in client.session

    def test_unknown_address_sends_nothing_and_reveals_nothing(self, client, member):
        response = client.post(reverse("members:password_reset"), {"email": "nobody@example.org"})
        assert response.status_code == 302
        assert response["Location"] == reverse("members:password_reset_done")
        assert mail.outbox == []

    def test_invalid_address_is_answered_with_a_message(self, client):
        response = client.post(reverse("members:password_reset"), {"email": "not-an-address"})
        assert response.status_code == 200
        assert "valid email address" in response.content.decode()


def test_editors_cannot_choose_a_shared_password_restriction():
    from wagtail.admin.forms.pages import PageViewRestrictionForm

    form = PageViewRestrictionForm(private_page_options=["password", "groups", "login"])
    choices = [value for value, _label in form.fields["restriction_type"].choices]
    assert "password" not in choices
    assert {"login", "groups"} <= set(choices)


def test_collection_privacy_offers_no_shared_password():
    from wagtail.admin.forms.collections import CollectionViewRestrictionForm

    choices = [value for value, _label in CollectionViewRestrictionForm().fields["restriction_type"].choices]
    assert "password" not in choices
