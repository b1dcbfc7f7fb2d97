"""A visitor searches from the header, in a real browser: with and without JavaScript, by mouse and by keyboard."""

import os
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.conftest import ALLIANCE, HOME, NARROW, WIDE, log_in_as_member, visit
from tests.e2e.test_accessibility import axe_violations, describe

pytestmark = pytest.mark.e2e

ALLIANCE_TITLE = "International Co-operative Alliance"


def result_titles(page):
    return [
        " ".join(title.split()) for title in page.locator("ol.search-results .search-result__link").all_inner_texts()
    ]


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375px", "1280px"])
def test_visitor_searches_from_the_header_and_opens_a_result(demo_site, open_page, viewport):
    page = open_page(viewport)
    visit(page, demo_site.url + HOME)
    search_box = page.get_by_role("combobox", name="Search the site")
    search_box.fill("cooperative alliance")
    search_box.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?"))
    assert parse_qs(urlsplit(page.url).query)["q"] == ["cooperative alliance"]
    assert page.get_by_role("heading", level=1, name="Search").is_visible()
    assert ALLIANCE_TITLE in result_titles(page)
    # "cooperative" found the page written "Co-operative", and the snippet marks the words found.
    assert page.locator("ol.search-results mark").count() > 0

    page.locator("ol.search-results").get_by_role("link", name=ALLIANCE_TITLE).click()
    page.wait_for_url(re.compile(re.escape(ALLIANCE) + "$"))
    assert page.get_by_role("heading", level=1, name=ALLIANCE_TITLE).is_visible()


def test_header_search_works_without_javascript(demo_site, browser):
    context = browser.new_context(viewport=WIDE, java_script_enabled=False)
    try:
        page = context.new_page()
        visit(page, demo_site.url + HOME)
        # No script: a plain text box in a GET form, no combobox.
        search_box = page.get_by_role("searchbox", name="Search the site")
        search_box.fill("membership guide")
        page.get_by_role("search").get_by_role("button", name="Search").click()
        page.wait_for_url(re.compile(r"/en/search/\?q=membership\+guide"))
        assert "Membership guide" in result_titles(page)
    finally:
        context.close()


def test_suggestions_appear_as_the_visitor_types_and_open_by_keyboard(demo_site, open_page):
    page = open_page(WIDE)
    visit(page, demo_site.url + HOME)
    search_box = page.get_by_role("combobox", name="Search the site")
    search_box.press_sequentially("membership gu", delay=40)
    listbox = page.get_by_role("listbox", name="Suggestions")
    listbox.wait_for(state="visible")
    assert search_box.get_attribute("aria-expanded") == "true"
    options = listbox.get_by_role("option")
    assert "Membership guide" in [" ".join(text.split()) for text in options.all_inner_texts()][0]
    assert "suggestion" in page.get_by_role("status").filter(has_text="suggestion").inner_text()

    search_box.press("ArrowDown")
    first = options.first
    assert first.get_attribute("aria-selected") == "true"
    assert search_box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    search_box.press("Escape")
    assert search_box.get_attribute("aria-expanded") == "false"
    assert listbox.is_hidden()

    search_box.press("ArrowDown")
    search_box.press("Enter")
    page.wait_for_url(re.compile(r"/en/documents/\d+-membership-guide/$"))
    assert page.get_by_role("heading", level=1, name="Membership guide").is_visible()


def test_a_suggestion_opens_with_a_click(demo_site, open_page):
    page = open_page(NARROW)
    visit(page, demo_site.url + HOME)
    page.get_by_role("combobox", name="Search the site").press_sequentially("why jo", delay=40)
    page.get_by_role("option", name=re.compile(r"^Why join the ICA")).click()
    page.wait_for_url(re.compile(r"/why-join-the-ica/$"))


def test_a_member_finds_members_only_content_marked_as_such(demo_site, open_page):
    page = open_page(WIDE)
    log_in_as_member(page, demo_site)
    search_box = page.get_by_role("combobox", name="Search the site")
    search_box.fill("briefing")
    search_box.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?"))
    assert "Members' briefing" in result_titles(page)
    assert page.locator("ol.search-results .badge--members").count() > 0


def test_an_anonymous_visitor_gets_no_members_only_suggestion(demo_site, open_page):
    page = open_page(WIDE)
    visit(page, demo_site.url + HOME)
    with page.expect_response(re.compile(r"/en/search/autocomplete/\?q=briefing")) as answer:
        page.get_by_role("combobox", name="Search the site").press_sequentially("briefing", delay=30)
    # Public documents whose text speaks of briefings may be suggested; the members' pages never are.
    titles = [suggestion["title"] for suggestion in answer.value.json()["suggestions"]]
    assert "Members' briefing" not in titles
    assert not {"Private areas", "General assembly papers"} & set(titles)
    assert not page.get_by_role("option", name=re.compile("Members' briefing")).count()


def test_search_pages_and_open_suggestions_have_no_axe_violations(demo_site, open_page):
    page = open_page(WIDE, bypass_csp=True)
    report = []
    visit(page, demo_site.url + "/en/search/?q=co-operative&kind=documents")
    report += describe("search results (documents)", axe_violations(page))
    visit(page, demo_site.url + "/en/search/?q=zzyzx")
    report += describe("search without results", axe_violations(page))
    visit(page, demo_site.url + "/en/search/")
    report += describe("empty search", axe_violations(page))
    # The search page has one search box, its own (the header's is left out there).
    page.get_by_role("combobox", name="Search words").press_sequentially("alli", delay=40)
    page.get_by_role("listbox", name="Suggestions").wait_for(state="visible")
    page.get_by_role("combobox", name="Search words").press("ArrowDown")
    report += describe("open suggestions", axe_violations(page))
    assert not report, "axe-core found WCAG 2.2 A/AA violations:\n" + "\n".join(report)


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375px", "1280px"])
def test_the_same_words_before_as_and_after_a_member_each_get_their_own_answer(demo_site, open_page, viewport):
    """A kept answer (search.results_cache) is per audience: a visitor's, then a member's, then the visitor's again
    in the same browser, for the same words; none shows the other's results, and each page still works."""
    page = open_page(viewport)
    search = demo_site.url + "/en/search/?q=briefing"
    visit(page, search)
    visitor_titles = result_titles(page)
    assert "Members' briefing" not in visitor_titles
    log_in_as_member(page, demo_site)
    visit(page, search)
    assert "Members' briefing" in result_titles(page)
    assert page.locator("ol.search-results .badge--members").count() > 0
    if os.environ.get("PORTAL_WALK_DIR"):  # to look at it: PORTAL_WALK_DIR=/tmp/walk
        page.screenshot(path=f"{os.environ['PORTAL_WALK_DIR']}/search-member-{viewport['width']}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.context.clear_cookies()
    visit(page, search)
    assert result_titles(page) == visitor_titles
    assert page.locator("ol.search-results .badge--members").count() == 0


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375px", "1280px"])
@pytest.mark.parametrize(
    ("language", "words", "said"),
    [("en", "the", "too common to search for"), ("fr", "le la", "trop courants pour être recherchés")],
)
def test_words_too_common_to_search_for_are_said_so_readably(demo_site, open_page, viewport, language, words, said):
    """Stop words only: the visitor is told, in their language, to add a word; the page stays accessible and fits."""
    page = open_page(viewport, bypass_csp=True)  # axe-core is added as an inline script
    visit(page, f"{demo_site.url}/{language}/search/?q={words.replace(' ', '+')}")
    status = page.locator(".list-status")
    assert status.is_visible() and said in status.inner_text() and words in status.inner_text()
    assert page.locator("ol.search-results").count() == 0
    assert page.locator("#search-q").input_value() == words
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
    violations = axe_violations(page)
    assert not violations, describe(page.url, violations)


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375px", "1280px"])
def test_a_misspelt_search_offers_the_word_meant_and_finds_it(demo_site, open_page, viewport):
    """Nothing found for a slip of the keyboard: the page offers the site's word, and following it finds the page."""
    page = open_page(viewport, bypass_csp=True)  # axe-core is added as an inline script
    visit(page, demo_site.url + HOME)
    search_box = page.get_by_role("combobox", name="Search the site")
    search_box.fill("allaince")
    search_box.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q=allaince"))
    assert page.locator("ol.search-results").count() == 0
    offer = page.locator(".search-did-you-mean")
    assert offer.is_visible() and "Did you mean" in offer.inner_text()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
    violations = axe_violations(page)
    assert not violations, describe(page.url, violations)
    offer.get_by_role("link", name="alliance").click()
    page.wait_for_url(re.compile(r"/en/search/\?q=alliance$"))
    assert ALLIANCE_TITLE in result_titles(page)
