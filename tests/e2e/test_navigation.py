"""A visitor finds the Alliance's key figures through the main menu, on a phone and on a desktop."""

import re

import pytest

from tests.e2e.conftest import ABOUT, ALLIANCE, HOME, NARROW, WIDE, visit

pytestmark = pytest.mark.e2e

KEY_FIGURES = ["1895", "310", "107", "1 billion"]


def open_main_menu(page):
    """On narrow screens the menu sits behind a "Menu" toggle: open it when it is shown, and check it works."""
    menu = page.get_by_role("navigation", name=re.compile("main", re.IGNORECASE))
    toggle = page.get_by_role("button", name=re.compile(r"^\s*menu\s*$", re.IGNORECASE))
    if toggle.count() and toggle.first.is_visible():
        about = menu.get_by_role("link", name="About us", exact=True)
        assert toggle.first.get_attribute("aria-expanded") == "false", "the menu toggle should start closed"
        assert not about.is_visible(), "the menu is shown although its toggle says it is closed"
        toggle.first.click()
        assert toggle.first.get_attribute("aria-expanded") == "true", "the menu toggle did not report itself open"
    return menu


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375px", "1280px"])
def test_main_menu_leads_to_the_alliance_key_figures(demo_site, open_page, viewport):
    page = open_page(viewport)
    visit(page, demo_site.url + HOME)

    menu = open_main_menu(page)
    menu.get_by_role("link", name="About us", exact=True).click()
    page.wait_for_url(demo_site.url + ABOUT)

    # The Alliance page is reached from the About us section: its card, or its entry in the menu.
    page.get_by_role("link", name="International Co-operative Alliance", exact=True).filter(visible=True).first.click()
    page.wait_for_url(demo_site.url + ALLIANCE)

    main = page.get_by_role("main")
    assert main.get_by_role("heading", level=1).inner_text().strip() == "International Co-operative Alliance"
    text = " ".join(main.inner_text().split())
    missing = [figure for figure in KEY_FIGURES if figure not in text]
    assert not missing, f"key figures missing from the Alliance page at {viewport['width']}px: {missing}"
    for figure in KEY_FIGURES:
        assert main.get_by_text(figure, exact=False).first.is_visible(), f"{figure} is not visible"
