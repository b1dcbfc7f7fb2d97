"""Private areas access: the ladder anonymous → non-member → member, and what each response carries."""

import re
from urllib.parse import quote

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

LOGIN_URL = "/en/login/"


@pytest.fixture
def members_page(private_area):
    return private_area.get_children().get().specific


def test_anonymous_visitor_is_sent_to_login_and_back(client, private_area):
    """The private areas' menu entry announces itself (it is listed to members in the menu)."""
    response = client.get(private_area.url)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={quote(private_area.url)}"
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


def test_logged_in_non_member_gets_a_clear_403_not_a_login_loop(client, non_member, private_area, why_join_page):
    members_page = private_area.get_children().get()
    client.force_login(non_member)
    response = client.get(private_area.url)
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
    assert client.get(members_page.url).status_code == 404  # a members' page not in the menu: as if missing


def test_logout_by_get_is_refused(client, member):
    client.force_login(member)
    assert client.get(reverse("members:logout")).status_code == 405


def test_login_restriction_lets_any_logged_in_user_in(client, non_member, home_page):
    page = factories.StandardPageFactory(parent=home_page, title="Staff notes", show_in_menus=True)
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
        link = re.search(r"https?://[^/\s]+(/en/password-reset/\S+/)", mail.outbox[0].body).group(1)
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


# What a guessed address learns: "hidden" answers exactly as "missing" ---------------------------------------------


def _same_answer(hidden, missing, hidden_path, missing_path):
    """The two responses are the same but for the address each was asked for (the login link's ``next``)."""
    assert hidden.status_code == missing.status_code == 404
    assert hidden.get("Cache-Control") == missing.get("Cache-Control")

    def normalised(response, path):
        text = response.content.decode().replace(quote(path, safe=""), "ADDRESS").replace(path, "ADDRESS")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)

    assert normalised(hidden, hidden_path) == normalised(missing, missing_path)


@pytest.mark.parametrize("who", ["anonymous", "visitor"])
def test_a_guessed_members_page_answers_exactly_as_a_missing_one(client, members_page, who):
    if who == "visitor":
        client.force_login(factories.UserFactory(username="visitor"))
    missing_path = members_page.url.replace(members_page.slug, "no-such-page")
    _same_answer(client.get(members_page.url), client.get(missing_path), members_page.url, missing_path)


def test_the_not_found_page_offers_anonymous_visitors_the_login_back_to_the_address(client, member, members_page):
    response = client.get(members_page.url)
    assert response.status_code == 404
    # The page's own "Log in" link (the header's "Private areas access" leads into the private areas instead).
    assert f"/en/login/?next={members_page.url}" in response.content.decode()
    client.post(LOGIN_URL, {"username": "member", "password": "password", "next": members_page.url})
    assert client.get(members_page.url).status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "visitor"])
def test_a_guessed_members_document_or_file_answers_exactly_as_a_missing_one(
    client, documents_page, members_collection, who
):
    document = factories.PortalDocumentFactory(title="Board minutes", collection=members_collection)
    if who == "visitor":
        client.force_login(factories.UserFactory(username="visitor"))
    pairs = [
        (f"/en/documents/{document.pk}-{document.slug}/", f"/en/documents/{document.pk + 1000}-{document.slug}/"),
        (f"/en/documents/{document.pk}-any-slug/", f"/en/documents/{document.pk + 1000}-any-slug/"),
        (document.url, f"/files/{document.pk + 1000}/{document.filename}"),
    ]
    for hidden_path, missing_path in pairs:
        _same_answer(client.get(hidden_path), client.get(missing_path), hidden_path, missing_path)


def test_wagtails_shared_password_form_is_refused_for_every_page(client, private_area, home_page):
    for page_id in (private_area.pk, home_page.pk, 999999):
        response = client.get(f"/_util/authenticate_with_password/1/{page_id}/")
        assert response.status_code == 404
        assert client.post(f"/_util/authenticate_with_password/1/{page_id}/", {"password": "x"}).status_code == 404
