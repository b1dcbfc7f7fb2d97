"""'My account': members create and revoke personal API tokens; a token is stored hashed and shown once."""

import re

import pytest
from django.urls import reverse
from wagtail.models import APIToken

from members import tokens
from tests import factories
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

ACCOUNT = "/account/"


def plaintext_in(response):
    match = re.search(r'id="new-token" value="([^"]+)"', response.content.decode())
    return match and match.group(1)


def test_account_page_asks_anonymous_visitors_to_log_in(client):
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("members:login"))


def test_account_page_is_private_and_has_a_labelled_form(client, member):
    client.force_login(member)
    response = client.get(ACCOUNT)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "<h1>My account</h1>" in html
    assert '<label for="id_name">Token name</label>' in html
    assert "/api/v2/openapi.json" in html


def test_member_creates_a_token_shown_once_and_stored_hashed(client, api_client, api_site, member):
    client.force_login(member)
    response = client.post(ACCOUNT, {"name": "Phone app"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    plaintext = plaintext_in(response)
    assert plaintext and plaintext.startswith("wagtail_")
    token = APIToken.objects.get(user=member)
    assert token.name == "Phone app"
    assert token.key_hash != plaintext and plaintext not in token.key_hash
    # Shown once: never on the page again.
    assert plaintext not in client.get(ACCOUNT).content.decode()
    assert "Phone app" in client.get(ACCOUNT).content.decode()
    # And it works, with no session.
    response = api_client.get(f"/api/v2/pages/{api_site.notices.pk}/", **bearer(plaintext))
    assert response.status_code == 200


def test_member_revokes_a_token_and_it_then_gets_401(client, api_client, api_site, member):
    client.force_login(member)
    plaintext = plaintext_in(client.post(ACCOUNT, {"name": "Script"}))
    token = APIToken.objects.get(user=member)
    response = client.post(reverse("members:revoke_token", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Script" not in client.get(ACCOUNT).content.decode()
    assert api_client.get("/api/v2/pages/", **bearer(plaintext)).status_code == 401


def test_nobody_revokes_another_users_token(client, member):
    token, _plaintext = tokens.create_token(member, "Mine")
    client.force_login(factories.UserFactory())
    client.post(reverse("members:revoke_token", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_needs_a_post(client, member):
    token, _plaintext = tokens.create_token(member, "Mine")
    client.force_login(member)
    assert client.get(reverse("members:revoke_token", args=[token.pk])).status_code == 405


def test_a_token_needs_a_name_and_there_is_a_limit(client, member):
    client.force_login(member)
    response = client.post(ACCOUNT, {"name": "  "})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    for number in range(tokens.MAX_TOKENS_PER_USER):
        tokens.create_token(member, f"Token {number}")
    response = client.post(ACCOUNT, {"name": "One more"})
    assert response.status_code == 400
    assert APIToken.objects.filter(user=member).count() == tokens.MAX_TOKENS_PER_USER


def test_using_a_token_records_when_it_was_last_used(api_client, api_site, member, member_token):
    api_client.get("/api/v2/pages/", **bearer(member_token))
    assert APIToken.objects.get(user=member).last_used_at is not None
