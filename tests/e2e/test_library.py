"""A visitor filters the documents library, searches it and downloads a file, in a real browser."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.conftest import DOCUMENTS, NARROW, WIDE, visit
from tests.e2e.test_accessibility import axe_violations, describe

pytestmark = pytest.mark.e2e


def card_titles(main):
    return [" ".join(title.split()) for title in main.locator(".document-card__title").all_inner_texts()]


def query_of(page):
    return parse_qs(urlsplit(page.url).query)


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375px", "1280px"])
def test_visitor_filters_the_library_searches_it_and_downloads_a_file(demo_site, open_page, viewport):
    page = open_page(viewport)
    visit(page, demo_site.url + DOCUMENTS)
    main = page.get_by_role("main")
    assert "Membership guide" in card_titles(main)

    # Filter by language: French documents only, and the filter is in the address. On a phone the filters are
    # behind the "Filter" control.
    toggle = main.locator(".filters-toggle__summary")
    if toggle.is_visible():
        toggle.click()
    main.locator('a.facet__link[data-facet="language"][data-value="fr"]').click()
    page.wait_for_url(re.compile(r"language=fr"))
    titles = card_titles(main)
    assert titles and "L'Alliance en bref" in titles and "Membership guide" not in titles
    assert main.get_by_role("link", name=re.compile(r"^Language: French")).is_visible()

    # Search within the filter: the words of a French PDF's text.
    main.get_by_label("Search the documents").fill("secrétariat")
    main.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"q="))
    assert query_of(page)["language"] == ["fr"]
    assert card_titles(main) == ["Guide de l'adhésion"]

    # Download the file it found.
    with page.expect_download() as download_info:
        main.get_by_role("link", name=re.compile(r"^Download Guide de l'adhésion")).click()
    download = download_info.value
    assert download.suggested_filename == "guide-de-l-adhesion.pdf"
    with open(download.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"

    # Remove the language filter on its own: the search stays.
    main.get_by_role("link", name=re.compile(r"^Language: French")).click()
    page.wait_for_url(re.compile(r"language=all"))  # every language, the search kept
    assert query_of(page)["q"] == ["secrétariat"]


def test_library_filtered_list_and_detail_page_have_no_axe_violations(demo_site, open_page):
    page = open_page(WIDE, bypass_csp=True)
    report = []
    visit(page, demo_site.url + DOCUMENTS + "?language=fr&q=coop%C3%A9ratives")
    report += describe("filtered library", axe_violations(page))
    visit(page, demo_site.url + DOCUMENTS + "?year=1900")
    report += describe("empty library", axe_violations(page))
    page.get_by_role("link", name="Clear all filters").first.click()
    page.wait_for_load_state("load")
    page.get_by_role("main").locator("a.document-card__link").first.click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", level=2, name="Pages that link to this document").is_visible()
    report += describe("document page", axe_violations(page))
    assert not report, "axe-core found WCAG 2.2 A/AA violations:\n" + "\n".join(report)
