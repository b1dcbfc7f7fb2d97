"""The cached menu and breadcrumbs follow every change an editor makes, at once."""

import pytest

from tests import factories
from tests.fixtures import restrict_page

pytestmark = pytest.mark.django_db


def _menu(client):
    html = client.get("/en/").content.decode()
    return html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]


def test_a_newly_published_menu_page_appears_in_the_cached_menu(client, about_page):
    assert "About us" in _menu(client)
    page = factories.StandardPageFactory(parent=about_page.get_parent(), title="Contact", show_in_menus=True)
    page.save_revision().publish()
    assert "Contact" in _menu(client)


def test_an_unpublished_page_leaves_the_cached_menu(client, about_page):
    assert "About us" in _menu(client)
    about_page.unpublish()
    assert "About us" not in _menu(client)


def test_a_renamed_page_shows_its_new_title_in_the_cached_menu_and_breadcrumbs(client, alliance_page):
    assert "About us" in _menu(client)
    about = alliance_page.get_parent().specific
    about.title = "Who we are"
    about.save_revision().publish()
    assert "Who we are" in _menu(client)
    crumbs = client.get(alliance_page.url).content.decode().split('aria-label="Breadcrumb"', 1)[1]
    assert "Who we are" in crumbs.split("</nav>", 1)[0]


def test_a_page_restricted_after_caching_leaves_the_menu_of_anonymous_visitors(client, about_page, members_group):
    assert "About us" in _menu(client)
    restrict_page(about_page, groups=[members_group])
    assert "About us" not in _menu(client)
