"""Every page of the French and Spanish trees in a real browser, found in the database (a page added later is
walked without editing this test): each says its language in ``<html lang>``, passes axe-core (WCAG 2.2 A/AA)
and does not scroll sideways on a 375px phone; the members-only ones are walked as the demo member, after the login
page in that language. Searching in French and in Spanish from the header's search box finds pages in that
language, and the title suggestions offer them too."""

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import DEMO_MEMBER_PASSWORD, NARROW, WIDE, visit
from tests.e2e.test_accessibility import axe_violations, describe
from tests.e2e.test_languages import assert_no_sideways_scroll

pytestmark = pytest.mark.e2e

LANGUAGES = ["fr", "es"]
# What a French- or Spanish-speaking visitor types, and a word every result in that language holds.
SEARCHES = {"fr": ("coopératives", "coopérati"), "es": ("cooperativas", "cooperativ")}
SEARCH_PATHS = {"fr": "/fr/search/", "es": "/es/search/"}


@dataclass(frozen=True)
class LanguageTree:
    public: list  # the paths anyone may read
    members_only: list  # the paths only members may read
    private_areas: str  # the language's private-areas section


@pytest.fixture
def trees(demo_site):
    """Each language's live pages, read from the database before the browser starts (see ``demo_site``)."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from wagtail.models import Locale, Page

    from members import access

    anonymous = RequestFactory().get("/")
    anonymous.user = AnonymousUser()
    found = {}
    for code in LANGUAGES:
        locale = Locale.objects.get(language_code=code)
        pages = Page.objects.live().filter(locale=locale, depth__gte=2).order_by("path").specific()
        public, members_only = [], []
        for page in pages:
            path = urlsplit(page.url).path
            (public if access.can_view_page(anonymous, page) else members_only).append(path)
        entry = access.private_areas_page(anonymous)
        section = entry.get_translation_or_none(locale) if entry is not None else None
        assert section is not None, f"the demo has no private-areas section in {code}"
        found[code] = LanguageTree(public, members_only, urlsplit(section.url).path)
        assert len(public) >= 5, f"expected the demo's {code} pages, found {public}"
        assert members_only, f"expected members-only pages in {code}"
    return found


def log_in(page, site, tree, language):
    """Log in through the login page in ``language``, reached from that language's private areas."""
    visit(page, site.url + tree.private_areas)
    assert urlsplit(page.url).path.startswith(f"/{language}/"), f"the login page left {language}: {page.url}"
    assert page.evaluate("() => document.documentElement.lang") == language
    page.locator("input[name=username]").fill(site.member_username)
    page.locator("input[name=password]").fill(DEMO_MEMBER_PASSWORD)
    page.locator("form").filter(has=page.locator("input[name=password]")).get_by_role("button").click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == tree.private_areas, f"logging in in {language} led to {page.url}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translated_page_passes_axe_in_its_language(demo_site, trees, open_page, language):
    tree = trees[language]
    page = open_page(WIDE, bypass_csp=True)
    report = []
    for path in tree.public:
        visit(page, demo_site.url + path)
        assert page.evaluate("() => document.documentElement.lang") == language, f"{path} is not marked {language}"
        report += describe(path, axe_violations(page))
    visit(page, demo_site.url + f"/{language}/no-such-page/", expected_status=404)
    assert page.evaluate("() => document.documentElement.lang") == language
    report += describe(f"/{language}/no-such-page/ (404)", axe_violations(page))
    visit(page, demo_site.url + SEARCH_PATHS[language] + "?q=" + SEARCHES[language][0])
    report += describe(f"{SEARCH_PATHS[language]} (results)", axe_violations(page))

    visit(page, demo_site.url + tree.private_areas)
    report += describe(urlsplit(page.url).path + " (login)", axe_violations(page))
    log_in(page, demo_site, tree, language)
    for path in tree.members_only:
        visit(page, demo_site.url + path)
        assert page.evaluate("() => document.documentElement.lang") == language, f"{path} is not marked {language}"
        report += describe(path + " (as a member)", axe_violations(page))
    assert not report, "axe-core found WCAG 2.2 A/AA violations:\n" + "\n".join(report)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translated_page_scrolls_sideways_on_a_phone(demo_site, trees, open_page, language):
    tree = trees[language]
    page = open_page(NARROW)
    for path in tree.public:
        visit(page, demo_site.url + path)
        assert_no_sideways_scroll(page, NARROW["width"], path)
    log_in(page, demo_site, tree, language)
    for path in tree.members_only:
        visit(page, demo_site.url + path)
        assert_no_sideways_scroll(page, NARROW["width"], path + " (as a member)")


SEARCH_BOX = {"fr": "Rechercher sur le site", "es": "Buscar en el sitio"}
# The start of a page's title in that language, and the title the suggestions offer for it.
SUGGESTIONS = {"fr": ("pourquoi adh", "Pourquoi adhérer à l'ACI"), "es": ("por qué un", "Por qué unirse a la ACI")}


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375px", "1280px"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_search_from_the_header_finds_pages_in_the_visitors_language(demo_site, open_page, language, viewport):
    words, stem = SEARCHES[language]
    page = open_page(viewport)
    visit(page, demo_site.url + f"/{language}/")
    search_box = page.get_by_role("combobox", name=SEARCH_BOX[language])
    search_box.fill(words)
    search_box.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == SEARCH_PATHS[language])
    assert page.evaluate("() => document.documentElement.lang") == language
    links = page.locator("ol.search-results .search-result__link")
    hrefs = links.evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    assert len(hrefs) >= 3, f"searching {words!r} in {language} found {hrefs}"
    assert all(urlsplit(href).path.startswith(f"/{language}/") for href in hrefs), (
        f"a {language} search listed results in another language: {hrefs}"
    )
    # The snippets mark the words found, stemmed by that language's rules.
    marked = [text.lower() for text in page.locator("ol.search-results mark").all_inner_texts()]
    assert any(text.startswith(stem) for text in marked), f"no {stem}… marked in the {language} results: {marked}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_title_suggestions_are_in_the_visitors_language(demo_site, open_page, language):
    typed, title = SUGGESTIONS[language]
    page = open_page(NARROW)
    visit(page, demo_site.url + f"/{language}/")
    page.get_by_role("combobox", name=SEARCH_BOX[language]).press_sequentially(typed, delay=40)
    listbox = page.get_by_role("listbox")
    listbox.wait_for(state="visible")
    options = [" ".join(text.split()) for text in listbox.get_by_role("option").all_inner_texts()]
    assert options and options[0].startswith(title), f"typing {typed!r} in {language} suggested {options}"
    listbox.get_by_role("option").first.click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path.startswith(f"/{language}/")
    assert page.get_by_role("heading", level=1).inner_text().strip() == title
