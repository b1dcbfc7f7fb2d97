"""The site in English, French and Spanish, in a real browser: the header's language switcher shows on a phone and a
desktop, reaches the page in the other language by mouse and keyboard, and remembers the choice for "/"; each
language's home page says its language in ``<html lang>``, never scrolls sideways and passes axe-core."""

import pytest

from tests.e2e.conftest import NARROW, WIDE, visit
from tests.e2e.test_accessibility import axe_violations, describe

pytestmark = pytest.mark.e2e

LANGUAGES = {"en": "English", "fr": "Français", "es": "Español"}
TITLES = {"fr": ("Accueil", "À propos"), "es": ("Inicio", "Quiénes somos")}
SLUGS = {"fr": "a-propos", "es": "quienes-somos"}


def translated(page, language_code, title, slug=None):
    """``page``'s live translation into ``language_code``: the existing one, else a new one, published."""
    from wagtail.models import Locale

    locale = Locale.objects.get(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        if not existing.live:
            existing.save_revision().publish()
            existing.refresh_from_db()
        return existing.specific
    copy = page.copy_for_translation(locale)
    copy.title = title
    if slug:
        copy.slug = slug
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


@pytest.fixture
def languages_site(demo_site):
    """The demo site with a French and a Spanish home page and a French "About us" (made here unless the demo
    content already has them; no Spanish "About us" is made). Returns ``{language: (home path, about path)}``."""
    from urllib.parse import urlsplit

    from wagtail.models import Page, Site

    from tests.e2e.editor_admin import forget_stale_content_types

    # Copying a page for translation follows content types by id, which the snapshot's restore can leave stale.
    forget_stale_content_types()
    home = Site.objects.get(is_default_site=True).root_page.specific
    about = Page.objects.child_of(home).get(slug="about-us").specific
    paths = {"en": (urlsplit(home.url).path, urlsplit(about.url).path)}
    for code, (home_title, about_title) in TITLES.items():
        home_version = translated(home, code, home_title)
        about_version = about.get_translation_or_none(home_version.locale)
        if code == "fr":
            about_version = translated(about, code, about_title, SLUGS[code])
        about_path = urlsplit(about_version.url).path if about_version is not None and about_version.live else None
        paths[code] = (urlsplit(home_version.url).path, about_path)
    return paths


def switcher_link(page, language_code):
    return page.locator(f"header nav.language-switcher a[hreflang={language_code}]")


def assert_no_sideways_scroll(page, width, where):
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{where} scrolls sideways at {width}px ({scroll_width}px wide)"


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375px", "1280px"])
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_each_home_page_is_in_its_language_with_a_visible_switcher(
    demo_site, languages_site, open_page, viewport, language
):
    page = open_page(viewport)
    home_path = languages_site[language][0]
    assert home_path == f"/{language}/"
    visit(page, demo_site.url + home_path)
    assert page.evaluate("() => document.documentElement.lang") == language
    for code, name in LANGUAGES.items():
        link = switcher_link(page, code)
        assert link.is_visible(), f"the {name} link is not visible on {home_path} at {viewport['width']}px"
        # Its name is the language's own name; a phone shows the code (EN, FR, ES) and keeps the name for
        # screen readers.
        assert link.evaluate("a => a.querySelector('.language-switcher__name').textContent").strip() == name
        narrow = viewport["width"] <= 480
        assert link.locator(".language-switcher__code").is_visible() == narrow
        assert link.get_attribute("lang") == code
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], f"the {name} link is off screen"
    assert switcher_link(page, language).get_attribute("aria-current") == "true"
    assert_no_sideways_scroll(page, viewport["width"], home_path)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_each_home_page_has_no_axe_violations(demo_site, languages_site, open_page, language):
    report = []
    for viewport in (NARROW, WIDE):
        page = open_page(viewport, bypass_csp=True)
        path = languages_site[language][0]
        visit(page, demo_site.url + path)
        report += describe(f"{path} at {viewport['width']}px", axe_violations(page))
    assert not report, "axe-core found WCAG 2.2 A/AA violations:\n" + "\n".join(report)


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["375px", "1280px"])
def test_the_switcher_leads_to_the_translation_and_home_remembers_the_choice(
    demo_site, languages_site, open_page, viewport
):
    page = open_page(viewport)
    english_about, french_about = languages_site["en"][1], languages_site["fr"][1]
    visit(page, demo_site.url + english_about)
    # No Spanish "About us" (unless the demo content has one): the Spanish link leads to the Spanish home page.
    spanish_target = languages_site["es"][1] or languages_site["es"][0]
    assert switcher_link(page, "es").get_attribute("href") == spanish_target

    switcher_link(page, "fr").click()
    page.wait_for_url(demo_site.url + french_about)
    assert page.evaluate("() => document.documentElement.lang") == "fr"
    assert_no_sideways_scroll(page, viewport["width"], french_about)
    assert switcher_link(page, "en").get_attribute("href") == english_about

    # The choice is remembered: "/" now leads to French, whatever the browser's languages.
    visit(page, demo_site.url + "/")
    assert page.url == demo_site.url + "/fr/"

    switcher_link(page, "es").click()
    page.wait_for_url(demo_site.url + "/es/")
    visit(page, demo_site.url + "/")
    assert page.url == demo_site.url + "/es/"


def test_the_switcher_works_from_the_keyboard_with_a_visible_focus(demo_site, languages_site, open_page):
    page = open_page(NARROW)
    visit(page, demo_site.url + "/en/")
    focused = None
    for _ in range(15):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.getAttribute('hreflang')")
        if focused == "fr":
            break
    assert focused == "fr", "Tab never reached the Français link"
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert outline[0] != "none" and outline[1] != "0px", f"no visible focus on the Français link: {outline}"
    page.keyboard.press("Enter")
    page.wait_for_url(demo_site.url + "/fr/")
    assert page.evaluate("() => document.documentElement.lang") == "fr"


def test_the_search_page_switches_language_with_its_query(demo_site, languages_site, open_page):
    page = open_page(WIDE)
    visit(page, demo_site.url + "/en/search/?q=alliance")
    switcher_link(page, "fr").click()
    page.wait_for_url(demo_site.url + "/fr/search/?q=alliance")
    assert page.evaluate("() => document.documentElement.lang") == "fr"
    assert page.get_by_role("main").locator("input[name=q]").first.input_value() == "alliance"
