"""On a phone (375px) the library's first result is in view, its filters behind a "Filter" control that works
without JavaScript, and the search page shows one search box; on a desktop (1280px) the filters stay in view."""

import pytest

from tests.e2e.conftest import DOCUMENTS, NARROW, SEARCH, WIDE, visit

pytestmark = pytest.mark.e2e


@pytest.fixture
def open_page_without_javascript(browser):
    contexts = []

    def _open(viewport):
        context = browser.new_context(viewport=viewport, java_script_enabled=False)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


def test_at_375px_the_first_document_is_on_the_first_screen(demo_site, open_page):
    page = open_page(NARROW)
    visit(page, demo_site.url + DOCUMENTS)
    first_card = page.get_by_role("main").locator(".document-card").first
    assert first_card.bounding_box()["y"] < NARROW["height"], "the first document is below the first screen"


def test_at_375px_the_filter_control_opens_the_filters_without_javascript(demo_site, open_page_without_javascript):
    page = open_page_without_javascript(NARROW)
    visit(page, demo_site.url + DOCUMENTS)
    main = page.get_by_role("main")
    facet = main.locator("a.facet__link").first
    assert not facet.is_visible()

    main.get_by_text("Filter", exact=False).locator("xpath=ancestor-or-self::summary").first.click()
    assert facet.is_visible()
    facet.click()
    page.wait_for_load_state()
    assert "?" in page.url, "following a filter link did not filter"


def test_at_1280px_the_filters_are_shown_beside_the_results_without_a_control(demo_site, open_page):
    page = open_page(WIDE)
    visit(page, demo_site.url + DOCUMENTS)
    main = page.get_by_role("main")
    assert main.locator("a.facet__link").first.is_visible()
    assert not main.locator(".filters-toggle__summary").is_visible()
    filters, results = main.locator(".library__filters"), main.locator(".library__results")
    assert filters.bounding_box()["x"] < results.bounding_box()["x"], "the filters are no longer beside the results"


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375px", "1280px"])
def test_the_search_page_shows_one_search_box(demo_site, open_page, viewport):
    page = open_page(viewport)
    visit(page, demo_site.url + SEARCH)
    boxes = [box for box in page.locator("input[type=search]").all() if box.is_visible()]
    assert len(boxes) == 1
