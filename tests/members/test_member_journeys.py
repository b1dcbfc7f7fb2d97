"""A member's journeys: "Private areas access" leads into the private areas, the login says why it was reached,
logging out is confirmed, the private areas greet a member, and a member changes their password."""

from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

LOGIN_URL = "/en/login/"


def words(response):
    """The response's HTML with its white space folded, as a reader meets the sentences."""
    return " ".join(response.content.decode().split())


def login(client, next_url=None):
    data = {"username": "member", "password": "password"}
    if next_url is not None:
        data["next"] = next_url
    return client.post(LOGIN_URL, data)


def test_the_headers_private_areas_access_link_logs_a_member_into_the_private_areas(client, member, private_area):
    home = client.get("/en/")
    link = f'<a href="{LOGIN_URL}">Private areas access</a>'
    assert link in home.content.decode()
    response = login(client)
    assert response.status_code == 302
    assert response["Location"] == private_area.url


def test_login_returns_a_member_to_the_next_page_on_this_site(client, member, private_area):
    members_page = private_area.get_children().get()
    assert login(client, members_page.url)["Location"] == members_page.url


@pytest.mark.parametrize("next_url", ["https://evil.example/x", "//evil.example/", "http://testserver.evil.example/"])
def test_login_sends_a_next_address_on_another_site_to_the_private_areas(client, member, private_area, next_url):
    assert login(client, next_url)["Location"] == private_area.url


def test_without_a_private_area_the_login_falls_back_to_the_home_page(client, member, home_page):
    assert login(client)["Location"] == "/"


def test_login_reached_from_a_members_document_says_why_without_naming_it(client, documents_page, members_collection):
    document = factories.PortalDocumentFactory(title="Board minutes", collection=members_collection)
    for next_url in (document.url, f"/en/documents/{document.pk}-{document.slug}/", "/files/99999/missing.pdf"):
        html = client.get(f"{LOGIN_URL}?next={quote(next_url)}").content.decode()
        assert "Log in with your members&#x27; account to download this document." in html
        assert "Board minutes" not in html


def test_login_reached_from_a_members_page_says_why(client, private_area):
    html = client.get(f"{LOGIN_URL}?next={quote(private_area.url)}").content.decode()
    assert "Log in with your members&#x27; account to read this page." in html
    assert "to download" not in client.get(LOGIN_URL).content.decode()


def test_logging_out_shows_a_confirmation(client, member):
    client.force_login(member)
    response = client.post(reverse("members:logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("members:logged_out")
    html = response.content.decode()
    assert "You have logged out" in html
    assert "_auth_user_id" not in client.session


def test_the_logged_out_page_does_not_pretend_to_someone_still_logged_in(client, member):
    client.force_login(member)
    html = client.get(reverse("members:logged_out")).content.decode()
    assert "You are still logged in" in html and "You have logged out" not in html


# The private areas' own page ------------------------------------------------------------------------------------


def test_the_private_areas_welcome_a_member_and_say_what_they_can_reach(
    client, member, private_area, members_collection
):
    factories.PortalDocumentFactory(title="Board minutes", collection=members_collection)
    factories.PortalDocumentFactory(title="Public report")
    client.force_login(member)
    response = client.get(private_area.url)
    assert response.status_code == 200
    html = words(response)
    assert "Welcome, " in html
    assert "the private areas are open to you: the briefings and papers listed below" in html
    assert "1 members-only document," in html
    assert "You need a members" not in html
    assert "Log in with your members" not in html


def test_the_welcome_is_only_on_the_private_areas_entry(client, member, private_area):
    client.force_login(member)
    members_page = private_area.get_children().get()
    assert "Welcome, " not in client.get(members_page.url).content.decode()
    assert "Welcome, " not in client.get("/en/").content.decode()


def test_anonymous_visitors_are_still_invited_to_log_in(client, private_area):
    response = client.get(private_area.url, follow=True)
    assert response.redirect_chain[0][0] == f"{LOGIN_URL}?next={quote(private_area.url)}"
    assert "Log in with your members&#x27; account to read this page." in response.content.decode()


def test_a_logged_in_non_member_is_told_honestly(client, non_member, private_area):
    client.force_login(non_member)
    response = client.get(private_area.url)
    assert response.status_code == 403
    html = words(response)
    assert "this account is not a member of the federation" in html
    assert "Welcome, " not in html and "You need a members" not in html


def test_the_decision_lives_in_the_members_template_tag(rf, member, non_member, private_area):
    from members.templatetags.members_tags import private_area_status

    def request_by(user):
        request = rf.get(private_area.url)
        request.user = user
        return request

    assert private_area_status(request_by(member), private_area)["state"] == "member"
    assert private_area_status(request_by(non_member), private_area)["state"] == "not_member"
    status = private_area_status(request_by(AnonymousUser()), private_area)
    assert status["state"] == "anonymous" and status["login_url"].startswith(LOGIN_URL)


# Change password ------------------------------------------------------------------------------------------------

PASSWORD_CHANGE = "/en/account/password/"


def test_change_password_needs_a_login(client):
    response = client.get(PASSWORD_CHANGE)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


def test_change_password_page_has_labelled_fields_and_is_private(client, member):
    client.force_login(member)
    response = client.get(PASSWORD_CHANGE)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "<h1>Change password</h1>" in html
    for field, purpose in (
        ("old_password", "current-password"),
        ("new_password1", "new-password"),
        ("new_password2", "new-password"),
    ):
        assert f'<label for="id_{field}">' in html
        assert f'name="{field}" id="id_{field}" required\n             autocomplete="{purpose}"' in html


def test_a_member_changes_their_password_and_stays_logged_in(client, member):
    client.force_login(member)
    response = client.post(
        PASSWORD_CHANGE,
        {
            "old_password": "password",
            "new_password1": "a-much-better-secret-9",
            "new_password2": "a-much-better-secret-9",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("members:account")
    assert "Your password was changed." in response.content.decode()
    assert "_auth_user_id" in client.session  # update_session_auth_hash kept the session
    assert client.get("/en/account/").status_code == 200
    member = get_user_model().objects.get(pk=member.pk)
    assert member.check_password("a-much-better-secret-9")


def test_a_wrong_current_password_or_a_weak_new_one_is_refused_with_messages(client, member):
    client.force_login(member)
    response = client.post(
        PASSWORD_CHANGE, {"old_password": "wrong", "new_password1": "a-much-better-secret-9", "new_password2": "x"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your old password was entered incorrectly" in html
    assert 'aria-invalid="true"' in html
    response = client.post(
        PASSWORD_CHANGE, {"old_password": "password", "new_password1": "123", "new_password2": "123"}
    )
    assert "This password is too short" in response.content.decode() or "too common" in response.content.decode()
    assert get_user_model().objects.get(pk=member.pk).check_password("password")


def test_wrong_current_passwords_are_throttled(client, member, settings):
    settings.PASSWORD_CHANGE_FAILURES = 3
    client.force_login(member)
    data = {
        "old_password": "wrong",
        "new_password1": "a-much-better-secret-9",
        "new_password2": "a-much-better-secret-9",
    }
    for _attempt in range(3):
        assert client.post(PASSWORD_CHANGE, data).status_code == 200
    data["old_password"] = "password"
    response = client.post(PASSWORD_CHANGE, data)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert get_user_model().objects.get(pk=member.pk).check_password("password")
