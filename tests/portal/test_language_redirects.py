"""``/`` sends a visitor to their language, and addresses from before the site had languages keep working
(``portal/i18n.py``).

``/`` goes to the language the visitor last chose in the switcher, else the best match for their browser's
``Accept-Language``, else English; that answer is the visitor's own (never cached by Varnish or a CDN). An old
unprefixed address is redirected permanently to the same address under ``/en/``, query string included.
"""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def home_redirect(client, **headers):
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    return response


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("fr-CA,fr;q=0.9,en;q=0.8", "/fr/"),
        ("es-MX", "/es/"),
        ("de-DE,de;q=0.9,es;q=0.5", "/es/"),  # German is not offered: the next language the browser accepts
        ("en-GB,en;q=0.9,fr;q=0.8", "/en/"),
        ("de-DE,de;q=0.9", "/en/"),  # nothing offered: English
        ("", "/en/"),
        ("*;q=0.1, !!not-a-language", "/en/"),
    ],
)
def test_a_first_time_visitor_goes_to_the_best_language_their_browser_accepts(
    client, home_page, accept_language, expected
):
    response = home_redirect(client, accept_language=accept_language)
    assert response["Location"] == expected
    assert client.get(response["Location"]).status_code == 200


def test_without_accept_language_a_visitor_goes_to_english(client, home_page):
    assert home_redirect(client)["Location"] == "/en/"


def test_the_language_chosen_in_the_switcher_wins_over_the_browsers(client, home_page):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    assert home_redirect(client, accept_language="fr")["Location"] == "/es/"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"  # not offered: the browser's
    assert home_redirect(client, accept_language="fr")["Location"] == "/fr/"


def test_the_redirect_from_home_is_never_shared_by_a_cache(client, home_page):
    response = home_redirect(client, accept_language="fr")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert {"accept-language", "cookie"} <= {value.strip().lower() for value in response["Vary"].split(",")}


def test_an_old_address_without_a_language_leads_to_its_english_page_for_good(client, about_page):
    old = f"/{about_page.slug}/?utm_source=newsletter"
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == f"/en/{about_page.slug}/?utm_source=newsletter"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert about_page.title in page.content.decode()


@pytest.mark.parametrize("path", ["/api/v2/no-such-endpoint/", "/files/999999/nothing.pdf", "/feeds/no-such-feed/"])
def test_a_missing_address_outside_the_languages_stays_missing(client, home_page, path):
    """The API, files and feeds live outside the language prefixes: a wrong address there is a 404, not a redirect
    to a page address that does not exist either."""
    assert client.get(path).status_code == 404
