"""Long pages list their sections ("On this page"), each link leading to its heading; at 1280px the list sits
beside the text, which shares one column width with the page's figures and document lists."""

import pytest

from tests.e2e.conftest import ALLIANCE, NARROW, WIDE, visit

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375px", "1280px"])
def test_the_alliance_page_lists_its_sections_and_each_link_reaches_its_heading(demo_site, open_page, viewport):
    page = open_page(viewport)
    visit(page, demo_site.url + ALLIANCE)
    contents = page.get_by_role("navigation", name="On this page")
    links = contents.get_by_role("link")
    assert links.count() >= 3
    for index in range(links.count()):
        link = links.nth(index)
        anchor = link.get_attribute("href").removeprefix("#")
        heading = page.locator(f"h2#{anchor}")
        assert heading.inner_text().strip() == link.inner_text().strip()
        link.click()
        assert heading.bounding_box()["y"] < viewport["height"] and heading.bounding_box()["y"] >= -1


def test_at_1280px_the_contents_sit_beside_one_column_of_text_figures_and_documents(demo_site, open_page):
    page = open_page(WIDE)
    visit(page, demo_site.url + ALLIANCE)
    main = page.get_by_role("main")
    contents = page.get_by_role("navigation", name="On this page").bounding_box()
    text = main.locator(".stream").bounding_box()
    figures = main.locator(".alliance-facts").bounding_box()
    documents = main.locator("#related-documents-heading + *").bounding_box()
    assert contents["x"] > text["x"] + text["width"], "the contents are not beside the text"
    for other in (figures, documents):
        assert other["width"] == pytest.approx(text["width"], abs=2)
    used = contents["x"] + contents["width"] - text["x"]
    assert used > 0.8 * main.bounding_box()["width"] * 0.9, "the layout leaves much of the width unused"
