"""Headless front ends download files with a member's personal token: ``/files/...`` (documents) and ``/media/...``
(images), exactly as the token's owner may see them, privately; a bad token is a 401, never a login redirect."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import APIToken

from members.models import TokenExpiry
from tests.api.conftest import bearer, revoke_all

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_member_token_downloads_a_members_only_document_privately(api_client, api_site, member_token):
    response = api_client.get(api_site.private_doc.url, **bearer(member_token))
    assert response.status_code == 200
    assert body(response).startswith(b"%PDF")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "X-Cache-Tags" not in response


def test_member_token_download_of_a_public_document_is_private_too(api_client, api_site, member_token):
    response = api_client.get(api_site.public_doc.url, **bearer(member_token))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_member_token_fetches_a_members_only_image_file(api_client, api_site, member_token):
    response = api_client.get(api_site.private_image.file.url, **bearer(member_token))
    assert response.status_code == 200
    assert body(response).startswith(b"\x89PNG")
    assert "no-store" in response["Cache-Control"]


def test_non_member_token_gets_the_404_of_a_missing_file(api_client, api_site, non_member_token):
    hidden = api_client.get(api_site.private_doc.url, **bearer(non_member_token))
    missing = api_client.get(f"/files/{api_site.private_doc.pk + 1000}/x.pdf", **bearer(non_member_token))
    assert hidden.status_code == missing.status_code == 404
    assert b"%PDF" not in body(hidden)
    assert api_client.get(api_site.private_image.file.url, **bearer(non_member_token)).status_code == 404


@pytest.mark.parametrize(
    "header",
    [
        "Bearer wagtail_notatoken",
        "Bearer ",
        "Basic bWVtYmVyOnBhc3N3b3Jk",
        "Bearer wagtail_a b",
    ],
)
def test_a_malformed_or_unknown_token_is_a_401_not_a_login_redirect(api_client, api_site, header):
    response = api_client.get(api_site.private_doc.url, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Location" not in response
    assert b"%PDF" not in body(response)
    assert "no-store" in response["Cache-Control"]


def test_a_revoked_token_is_refused_with_json_when_json_is_asked_for(api_client, api_site, member, member_token):
    revoke_all(member)
    response = api_client.get(api_site.private_doc.url, HTTP_ACCEPT="application/json", **bearer(member_token))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "token" in response.json()["message"]
    # Public files too: a bad token never falls back to anonymous access.
    assert api_client.get(api_site.public_doc.url, **bearer(member_token)).status_code == 401


def test_an_expired_token_is_refused_by_downloads_and_the_api(api_client, api_site, member, member_token):
    token = APIToken.objects.get(user=member)
    TokenExpiry.objects.filter(token=token).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = api_client.get(api_site.private_doc.url, **bearer(member_token))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert api_client.get(api_site.private_image.file.url, **bearer(member_token)).status_code == 401
    assert api_client.get("/api/v2/pages/", **bearer(member_token)).status_code == 401


def test_a_token_that_has_not_expired_yet_works(api_client, api_site, member, member_token):
    token = APIToken.objects.get(user=member)
    TokenExpiry.objects.filter(token=token).update(expires_at=timezone.now() + timedelta(days=1))
    assert api_client.get(api_site.private_doc.url, **bearer(member_token)).status_code == 200
    assert api_client.get(f"/api/v2/pages/{api_site.notices.pk}/", **bearer(member_token)).status_code == 200


def test_a_deactivated_members_token_is_refused(api_client, api_site, member, member_token):
    member.is_active = False
    member.save()
    assert api_client.get(api_site.private_doc.url, **bearer(member_token)).status_code == 401
