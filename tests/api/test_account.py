"""'My account': members create and revoke personal API tokens; a token is stored hashed and shown once."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import APIToken

from members import tokens
from members.models import TokenExpiry
from tests import factories
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

ACCOUNT = "/en/account/"


def plaintext_in(response):
    match = re.search(r'<code class="token-reveal__value" id="new-token">([^<]+)</code>', response.content.decode())
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


def test_revoking_asks_for_confirmation_first_and_a_get_revokes_nothing(client, member):
    token, _plaintext = tokens.create_token(member, "Mine")
    client.force_login(member)
    account = client.get(ACCOUNT).content.decode()
    confirm_url = reverse("members:revoke_token", args=[token.pk])
    assert f'href="{confirm_url}"' in account  # the table's "Revoke…" leads to the confirmation, a plain link
    response = client.get(confirm_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Revoke the token “Mine”?" in html
    assert f'<form method="post" action="{confirm_url}"' in html
    assert "Cancel, keep it" in html
    token.refresh_from_db()
    assert token.revoked_at is None
    assert client.post(confirm_url).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_another_users_token_has_no_confirmation_page(client, member):
    token, _plaintext = tokens.create_token(member, "Mine")
    client.force_login(factories.UserFactory())
    assert client.get(reverse("members:revoke_token", args=[token.pk])).status_code == 404
    assert client.put(reverse("members:revoke_token", args=[token.pk])).status_code == 405


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


@pytest.mark.parametrize(("choice", "days"), [("30", 30), ("90", 90), ("365", 365)])
def test_a_new_token_expires_after_the_chosen_time(client, member, choice, days):
    client.force_login(member)
    before = timezone.now()
    response = client.post(ACCOUNT, {"name": "Script", "expires_in": choice})
    assert response.status_code == 200
    expiry = TokenExpiry.objects.get(token__user=member).expires_at
    assert before + timedelta(days=days) <= expiry <= timezone.now() + timedelta(days=days)
    # The page shows the date where the site is (Europe/Brussels), not in UTC:
    # late in a UTC evening those are different days.
    assert f"works until {timezone.localtime(expiry):%-d %B %Y}" in response.content.decode()


def test_the_expiry_offered_by_default_is_90_days_and_never_is_a_choice(client, member):
    client.force_login(member)
    html = client.get(ACCOUNT).content.decode()
    assert '<label for="id_expires_in">Expires</label>' in html
    assert '<option value="90" selected>In 90 days</option>' in html
    assert '<option value="never">Never</option>' in html
    client.post(ACCOUNT, {"name": "Forever", "expires_in": "never"})
    assert TokenExpiry.objects.get(token__user=member).expires_at is None


def test_an_unknown_expiry_is_a_clear_400(client, member):
    client.force_login(member)
    response = client.post(ACCOUNT, {"name": "Script", "expires_in": "9999"})
    assert response.status_code == 400
    assert not APIToken.objects.filter(user=member).exists()


def test_an_expired_token_is_shown_as_expired_and_can_be_removed(client, member):
    token, _plaintext = tokens.create_token(member, "Old script", days=30)
    TokenExpiry.objects.filter(token=token).update(expires_at=timezone.now() - timedelta(days=1))
    client.force_login(member)
    html = client.get(ACCOUNT).content.decode()
    row = re.search(r"<tr class=\"token-table__expired\">.*?</tr>", html, re.S).group(0)
    assert "Old script" in row and "Expired" in row
    assert "Remove the token Old script" in row


def test_the_new_token_is_shown_whole_with_a_copy_button_from_a_static_script(client, member):
    client.force_login(member)
    html = client.post(ACCOUNT, {"name": "Phone app"}).content.decode()
    assert re.search(r'<code class="token-reveal__value" id="new-token">wagtail_\w+</code>', html)
    assert 'data-copy-target="new-token" hidden>Copy the token</button>' in html
    assert '<script src="/static/js/copy-token.js" defer></script>' in html
    assert "<script>" not in html


def test_my_account_links_to_change_password(client, member):
    client.force_login(member)
    assert f'href="{reverse("members:password_change")}"' in client.get(ACCOUNT).content.decode()
