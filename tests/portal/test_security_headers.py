"""Content-Security-Policy and Permissions-Policy headers: strict on the site, wider only in the admin."""

import pytest

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


@pytest.mark.parametrize("path", ["/", "/en/login/", "/en/no-such-page/", "/en/search/?q=alliance"])
def test_site_pages_get_the_strict_policy(client, home_page, path):
    policy = directives(client.get(path))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


def test_the_admin_allows_inline_scripts_and_nothing_from_elsewhere(client, superuser, home_page):
    client.force_login(superuser)
    policy = directives(client.get(f"/admin/pages/{home_page.pk}/edit/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    for directive, sources in policy.items():
        allowed = {"'self'", "'unsafe-inline'", "'none'", "data:", "blob:"}
        if directive == "frame-src":
            allowed.add("https:")  # embedded players in the preview
        assert set(sources) <= allowed, directive


def test_every_response_denies_powerful_browser_features(client, home_page):
    header = client.get("/en/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in header


def test_embedded_players_may_be_framed_from_https_sites_only(client, home_page):
    assert directives(client.get("/en/"))["frame-src"] == ["'self'", "https:"]
