"""The header menu ({% main_menu %}) and breadcrumbs, as rendered on a page."""

import pytest

from tests import factories
from tests.fixtures import html

pytestmark = pytest.mark.django_db


def header_nav(response):
    nav = html(response).find("header").find("nav", class_="main-nav")
    assert nav is not None
    return nav


def menu_link(response, page):
    return header_nav(response).find("a", href=page.url)


def test_menu_lists_top_level_pages_shown_in_menus(client, about_page, documents_page):
    response = client.get("/en/")
    assert menu_link(response, about_page).get_text(strip=True) == "About us"
    assert menu_link(response, documents_page).get_text(strip=True) == "Documents"


def test_menu_lists_a_sections_children_shown_in_menus(client, alliance_page, why_join_page):
    response = client.get("/en/")
    assert menu_link(response, alliance_page).get_text(strip=True) == "International Co-operative Alliance"
    assert menu_link(response, why_join_page) is not None


def test_menu_leaves_out_pages_not_shown_in_menus(client, home_page):
    hidden = factories.StandardPageFactory(parent=home_page, title="Legal notice", show_in_menus=False)
    assert menu_link(client.get("/en/"), hidden) is None


def test_menu_leaves_out_draft_pages(client, home_page):
    draft = factories.StandardPageFactory(parent=home_page, title="Coming soon", show_in_menus=True, live=False)
    assert "Coming soon" not in header_nav(client.get("/en/")).get_text()
    assert menu_link(client.get("/en/"), draft) is None


def test_menu_leaves_out_the_children_of_a_page_not_shown_in_menus(client, home_page):
    hidden_parent = factories.StandardPageFactory(parent=home_page, title="Archive", show_in_menus=False)
    child = factories.StandardPageFactory(parent=hidden_parent, title="Old news", show_in_menus=True)
    assert menu_link(client.get("/en/"), child) is None


def test_menu_hides_a_members_area_from_anonymous_visitors(client, private_area):
    response = client.get("/en/")
    assert menu_link(response, private_area) is None
    assert "Private areas" not in header_nav(response).get_text()


def test_menu_hides_a_members_area_from_a_logged_in_non_member(client, non_member, private_area):
    client.force_login(non_member)
    assert menu_link(client.get("/en/"), private_area) is None


def test_menu_shows_a_members_area_to_a_member(client, member, private_area):
    client.force_login(member)
    assert menu_link(client.get("/en/"), private_area).get_text(strip=True) == "Private areas"


def test_menu_hides_a_members_area_on_every_page_not_just_home(client, about_page, private_area):
    assert menu_link(client.get(about_page.url), private_area) is None


def test_menu_marks_the_current_page(client, about_page, alliance_page):
    response = client.get(alliance_page.url)
    assert menu_link(response, alliance_page)["aria-current"] == "page"
    assert menu_link(response, about_page)["aria-current"] == "true"


def test_breadcrumbs_lead_from_home_to_the_current_page(client, home_page, alliance_page, about_page):
    trail = html(client.get(alliance_page.url)).find("nav", attrs={"aria-label": "Breadcrumb"})
    links = [(a["href"], a.get_text(strip=True)) for a in trail.find_all("a")]
    assert links == [(home_page.url, home_page.title), (about_page.url, "About us")]
    assert trail.find(attrs={"aria-current": "page"}).get_text(strip=True) == "International Co-operative Alliance"


def test_home_page_has_no_breadcrumbs(client, home_page):
    assert html(client.get("/en/")).find("nav", attrs={"aria-label": "Breadcrumb"}) is None
