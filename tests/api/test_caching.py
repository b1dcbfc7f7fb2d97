"""Response headers: ETag and 304, Cache-Control by who asks, Vary, CORS for the configured origins only."""

import pytest
from django.test import override_settings

from tests.api.conftest import bearer
from tests.fixtures import restrict_page

pytestmark = pytest.mark.django_db

URLS = ["/api/v2/pages/", "/api/v2/documents/", "/api/v2/images/"]


@pytest.mark.parametrize("url", URLS)
def test_anonymous_responses_are_public_for_a_short_time_with_an_etag(api_client, api_site, url):
    response = api_client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=21600"
    assert response["ETag"].startswith('"')
    assert {"Authorization", "Cookie"} <= {value.strip() for value in response["Vary"].split(",")}


@pytest.mark.parametrize("url", URLS)
def test_if_none_match_answers_304_without_a_body(api_client, api_site, url):
    etag = api_client.get(url)["ETag"]
    response = api_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=21600"


def test_a_changed_page_changes_the_etag(api_client, api_site):
    url = f"/api/v2/pages/{api_site.about.pk}/"
    etag = api_client.get(url)["ETag"]
    api_site.about.title = "About the federation"
    api_site.about.save_revision().publish()
    response = api_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_token_responses_are_private_no_store_and_still_revalidate(api_client, api_site, member_token):
    response = api_client.get("/api/v2/pages/", **bearer(member_token))
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    again = api_client.get("/api/v2/pages/", HTTP_IF_NONE_MATCH=response["ETag"], **bearer(member_token))
    assert again.status_code == 304
    assert "no-store" in again["Cache-Control"]


def test_member_and_anonymous_listings_have_different_etags(api_client, api_site, member_token):
    anonymous = api_client.get("/api/v2/pages/?limit=50")["ETag"]
    member = api_client.get("/api/v2/pages/?limit=50", **bearer(member_token))["ETag"]
    assert anonymous != member


def test_refused_token_response_is_private(api_client, api_site):
    response = api_client.get("/api/v2/pages/", HTTP_AUTHORIZATION="Bearer nope")
    assert response.status_code == 401
    assert "no-store" in response["Cache-Control"]


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.org"])
def test_cors_allows_the_configured_origins_only(api_client, api_site):
    allowed = api_client.get("/api/v2/pages/", HTTP_ORIGIN="https://app.example.org")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.org"
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in allowed
    other = api_client.get("/api/v2/pages/", HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in other
    site_page = api_client.get("/en/", HTTP_ORIGIN="https://app.example.org")
    assert "Access-Control-Allow-Origin" not in site_page


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.org"])
def test_cors_preflight_allows_the_authorization_header(api_client, api_site):
    response = api_client.options(
        "/api/v2/pages/",
        HTTP_ORIGIN="https://app.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert response.status_code == 200
    assert "authorization" in response["Access-Control-Allow-Headers"]
    assert "POST" not in response["Access-Control-Allow-Methods"]


def test_cors_origins_come_from_the_environment(monkeypatch):
    import importlib

    import portal.settings.base as base

    monkeypatch.setenv("API_CORS_ALLOWED_ORIGINS", "https://a.example.org, https://b.example.org")
    try:
        assert importlib.reload(base).CORS_ALLOWED_ORIGINS == ["https://a.example.org", "https://b.example.org"]
    finally:
        monkeypatch.delenv("API_CORS_ALLOWED_ORIGINS")
        importlib.reload(base)


def test_limit_cap_is_set_and_documented(api_client, settings):
    from portal.api.openapi import build_schema

    assert settings.WAGTAILAPI_LIMIT_MAX == 50
    limit = next(p for p in build_schema()["paths"]["/api/v2/pages/"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 50
    assert "50" in limit["description"]


def cache_control(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_anonymous_api_answers_are_short_lived_in_browsers_and_errors_always_revalidate(api_client, api_site):
    ok = api_client.get("/api/v2/pages/")
    assert cache_control(ok) == {"public", "max-age=60", "s-maxage=21600"}
    for url in ("/api/v2/pages/999999/", "/api/v2/pages/?limit=9999", "/api/v2/documents/?nonsense=1"):
        error = api_client.get(url)
        assert error.status_code in (400, 404), url
        # Never kept without asking again (members.cache_policy makes every error private, no-store).
        assert "no-cache" in cache_control(error), url
        assert "public" not in cache_control(error), url
        assert not any(part.startswith("s-maxage") for part in cache_control(error)), url
        assert not any(part.startswith("max-age") and part != "max-age=0" for part in cache_control(error)), url


def test_a_page_made_members_only_answers_an_api_revalidation_with_404(api_client, api_site, members_group):
    url = f"/api/v2/pages/{api_site.about.pk}/"
    etag = api_client.get(url)["ETag"]
    assert api_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    restrict_page(api_site.about, groups=[members_group])
    response = api_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 404
