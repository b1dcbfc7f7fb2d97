"""Error pages keep the site's layout."""

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from pytest_django.asserts import assertTemplateUsed

from tests import factories
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def not_found(client, home_page):
    return client.get("/en/no-such-page/")


def test_missing_page_answers_404_with_the_404_template(not_found):
    assert not_found.status_code == 404
    assertTemplateUsed(not_found, "404.html")


def test_404_page_has_the_site_layout(not_found, about_page):
    soup = html(not_found)
    assert soup.find("a", href="#main-content") is not None
    assert soup.find("header").find("nav") is not None
    assert soup.find("footer") is not None
    assert soup.find("h1").get_text(strip=True) == "Page not found"
    assert len(soup.find_all("h1")) == 1


def test_404_page_offers_the_way_home_and_search(not_found):
    main = html(not_found).find("main")
    assert main.find("a", href="/en/") is not None
    assert main.find("a", href="/en/search/") is not None
    assert "Page not found" in text_of(main)


def test_404_page_menu_hides_members_areas(client, private_area, about_page):
    nav = html(client.get("/en/no-such-page/")).find("header").find("nav", class_="main-nav")
    assert nav.find("a", href=about_page.url) is not None
    assert nav.find("a", href=private_area.url) is None


def test_unpublished_page_answers_404(client, home_page):
    draft = factories.StandardPageFactory(parent=home_page, title="Draft", live=False)
    assert client.get(f"/en/{draft.slug}/").status_code == 404


def test_server_error_page_renders_without_a_request_or_database(django_assert_num_queries):
    # Django renders 500.html with an empty context; it must not depend on the database that may have failed.
    with django_assert_num_queries(0):
        page = render_to_string("500.html")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("h1") is not None
    # The home page in the active language, although the context has no LANGUAGE_CODE.
    assert soup.find("html")["lang"] == "en"
    assert soup.find("a", href="/en/") is not None


@pytest.mark.parametrize("path", ["/en/no-such-page/", "/files/99/x.pdf", "/en/no-such-file.txt"])
def test_with_debug_on_a_missing_address_shows_the_designed_404_not_the_url_patterns(client, home_page, settings, path):
    settings.DEBUG = True
    response = client.get(path)
    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")
    soup = html(response)
    assert soup.find("h1").get_text(strip=True) == "Page not found"
    assert "URLconf" not in response.content.decode()
    assert "api/v2/" not in response.content.decode()


def test_debug_technical_404_shows_djangos_technical_page_for_developers(client, home_page, settings):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_404 = True
    response = client.get("/en/no-such-file.txt")
    assert response.status_code == 404
    assert "URLconf" in response.content.decode()
