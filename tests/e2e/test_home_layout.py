"""The home page at 1280px and 375px: the highlight cards fill their row, the key figures keep to two lines at
most, and the body's document list and "Latest documents" share one width and list different documents."""

import pytest

from tests.e2e.conftest import HOME, NARROW, WIDE, visit

pytestmark = pytest.mark.e2e


def box(locator):
    return locator.bounding_box()


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375px", "1280px"])
def test_highlight_cards_fill_the_width_of_their_grid(demo_site, open_page, viewport):
    page = open_page(viewport)
    visit(page, demo_site.url + HOME)
    grid = page.locator(".card-grid").first
    cards = grid.locator(":scope > li")
    assert cards.count() >= 2
    right_edge = max(box(cards.nth(index))["x"] + box(cards.nth(index))["width"] for index in range(cards.count()))
    grid_box = box(grid)
    assert right_edge == pytest.approx(grid_box["x"] + grid_box["width"], abs=2), "an empty column is left"


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375px", "1280px"])
def test_every_key_figure_number_keeps_to_two_lines_at_most(demo_site, open_page, viewport):
    page = open_page(viewport)
    visit(page, demo_site.url + HOME)
    numbers = page.locator(".key-figures__number")
    assert numbers.count() == 4
    for index in range(numbers.count()):
        number = numbers.nth(index)
        line_height = number.evaluate("node => parseFloat(getComputedStyle(node).lineHeight)")
        lines = round(box(number)["height"] / line_height)
        assert lines <= 2, f"{number.inner_text()!r} takes {lines} lines"


def test_document_lists_and_text_share_one_column_width_at_1280px(demo_site, open_page):
    page = open_page(WIDE)
    visit(page, demo_site.url + HOME)
    body_list = page.locator(".stream .document-list, .stream ul:has(.document-card)").first
    latest = page.locator("#latest-documents-heading + .document-list")
    text = page.locator(".stream .rich-text").first
    assert box(body_list)["width"] == pytest.approx(box(latest)["width"], abs=2)
    assert box(text)["width"] == pytest.approx(box(latest)["width"], abs=2)

    recent = {title.strip() for title in page.locator(".stream .document-card__title").all_inner_texts()}
    newest = {title.strip() for title in latest.locator(".document-card__title").all_inner_texts()}
    assert recent and newest
    assert not recent & newest, "the same reports are listed twice"
