"""The language switcher in the header, the ``hreflang`` links and ``og:locale`` in the head, and the sitemap's
alternates: each names a page's versions in the other languages that the visitor may see, else that language's
home page."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation
from wagtail.models import Locale, Page, Site

from home.language_links import page_versions
from home.navigation_cache import site_root
from members.access import denied_page_paths
from tests import factories
from tests.fixtures import html, restrict_page, translate

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
ORIGIN = "http://localhost"


@pytest.fixture
def homes(home_page):
    """The English home page (the site's root) and its French and Spanish translations."""
    return {
        "en": home_page,
        "fr": translate(home_page, "fr", "Accueil"),
        "es": translate(home_page, "es", "Inicio"),
    }


@pytest.fixture
def english_page(homes):
    return factories.StandardPageFactory(parent=homes["en"], title="Our values", slug="our-values")


@pytest.fixture
def french_page(english_page):
    return translate(english_page, "fr", "Nos valeurs", "nos-valeurs")


def switcher(response):
    nav = html(response).find("header").find("nav", class_="language-switcher")
    assert nav is not None, "no language switcher in the header"
    return nav


def switcher_links(response):
    return {link["hreflang"]: link for link in switcher(response).find_all("a")}


def head_alternates(response):
    return {link["hreflang"]: link["href"] for link in html(response).head.find_all("link", rel="alternate")}


def test_switcher_links_the_french_translation_and_the_spanish_home_when_there_is_no_spanish_one(
    client, homes, english_page, french_page
):
    links = switcher_links(client.get(english_page.url))
    names = [link.select_one(".language-switcher__name").get_text(strip=True) for link in links.values()]
    assert names == ["English", "Français", "Español"]
    assert links["en"]["href"] == "/en/our-values/"
    assert links["fr"]["href"] == "/fr/nos-valeurs/"
    assert links["es"]["href"] == "/es/"


def test_switcher_names_each_language_in_itself_and_marks_the_current_one(client, homes, english_page, french_page):
    response = client.get(french_page.url)
    assert html(response).html["lang"] == "fr"
    links = switcher_links(response)
    assert {code: link["lang"] for code, link in links.items()} == {"en": "en", "fr": "fr", "es": "es"}
    assert [code for code, link in links.items() if link.get("aria-current")] == ["fr"]
    assert links["en"]["href"] == "/en/our-values/"
    assert switcher(response)["data-language-cookie"] == "portal_language"


def test_switcher_label_is_in_the_page_language(client, homes):
    assert switcher(client.get("/fr/")).find(id="language-switcher-label").get_text(strip=True) == "Langue"
    assert switcher(client.get("/es/")).find(id="language-switcher-label").get_text(strip=True) == "Idioma"
    assert switcher(client.get("/en/")).find(id="language-switcher-label").get_text(strip=True) == "Language"


def test_a_members_only_french_translation_is_linked_for_members_only(
    client, homes, english_page, french_page, members_group, member
):
    restrict_page(french_page, groups=[members_group])
    response = client.get(english_page.url)
    assert switcher_links(response)["fr"]["href"] == "/fr/"
    assert "fr" not in head_alternates(response)
    assert "nos-valeurs" not in response.content.decode()

    client.force_login(member)
    assert switcher_links(client.get(english_page.url))["fr"]["href"] == "/fr/nos-valeurs/"


def test_a_draft_translation_is_not_linked(client, homes, english_page):
    draft = english_page.copy_for_translation(Locale.objects.get(language_code="es"))
    assert not draft.live
    assert switcher_links(client.get(english_page.url))["es"]["href"] == "/es/"


def test_search_links_the_same_search_in_each_language_with_its_query(client, homes):
    links = switcher_links(client.get("/en/search/", {"q": "alliance"}))
    assert links["fr"]["href"] == "/fr/search/?q=alliance"
    assert links["es"]["href"] == "/es/search/?q=alliance"
    assert links["en"].get("aria-current") == "true"


def test_login_links_the_login_page_in_each_language(client, homes):
    links = switcher_links(client.get("/fr/login/"))
    assert links["en"]["href"] == "/en/login/"
    assert links["fr"].get("aria-current") == "true"


def test_a_missing_page_links_each_language_home(client, homes):
    response = client.get("/fr/no-such-page/")
    assert response.status_code == 404
    assert {code: link["href"] for code, link in switcher_links(response).items()} == {
        "en": "/en/",
        "fr": "/fr/",
        "es": "/es/",
    }


def test_a_document_page_in_the_library_links_the_same_document_in_the_translated_library(client, homes):
    library = factories.DocumentsLibraryPageFactory(parent=homes["en"], slug="documents")
    translate(library, "fr", "Documents", "documents-fr")
    document = factories.PortalDocumentFactory(title="Annual report")
    route = f"{document.pk}-annual-report/"
    response = client.get(library.url + route)
    assert response.status_code == 200
    links = switcher_links(response)
    assert links["fr"]["href"] == f"/fr/documents-fr/{route}"
    assert links["es"]["href"] == "/es/"


def test_head_names_each_visible_translation_and_x_default(client, homes, english_page, french_page):
    alternates = head_alternates(client.get(french_page.url))
    assert alternates == {
        "en": f"{ORIGIN}/en/our-values/",
        "fr": f"{ORIGIN}/fr/nos-valeurs/",
        "x-default": f"{ORIGIN}/en/our-values/",
    }
    canonical = html(client.get(french_page.url)).head.find("link", rel="canonical")["href"]
    assert canonical == f"{ORIGIN}/fr/nos-valeurs/"


def test_x_default_is_the_english_home_when_a_page_has_no_english_version(client, homes):
    spanish_only = factories.StandardPageFactory(parent=homes["es"], title="Solo en español", slug="solo")
    alternates = head_alternates(client.get(spanish_only.url))
    assert alternates == {"es": f"{ORIGIN}/es/solo/", "x-default": f"{ORIGIN}/en/"}


def test_og_locale_is_the_page_language_and_names_its_translations(client, homes, english_page, french_page):
    head = html(client.get(french_page.url)).head
    assert head.find("meta", property="og:locale")["content"] == "fr_FR"
    assert [meta["content"] for meta in head.find_all("meta", property="og:locale:alternate")] == ["en_GB"]
    head = html(client.get("/es/")).head
    assert head.find("meta", property="og:locale")["content"] == "es_ES"
    assert {meta["content"] for meta in head.find_all("meta", property="og:locale:alternate")} == {"en_GB", "fr_FR"}


def sitemap_entries(client):
    response = client.get("/sitemap-pages.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - the site's own sitemap
    return {
        url.find("s:loc", SITEMAP_NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", SITEMAP_NS)
        }
        for url in root.findall("s:url", SITEMAP_NS)
    }


def test_sitemap_lists_every_language_version_with_its_alternates(client, homes, english_page, french_page):
    entries = sitemap_entries(client)
    both = {
        "en": f"{ORIGIN}/en/our-values/",
        "fr": f"{ORIGIN}/fr/nos-valeurs/",
        "x-default": f"{ORIGIN}/en/our-values/",
    }
    assert entries[f"{ORIGIN}/en/our-values/"] == both
    assert entries[f"{ORIGIN}/fr/nos-valeurs/"] == both
    assert entries[f"{ORIGIN}/es/"] == {
        "en": f"{ORIGIN}/en/",
        "fr": f"{ORIGIN}/fr/",
        "es": f"{ORIGIN}/es/",
        "x-default": f"{ORIGIN}/en/",
    }


def test_sitemap_never_names_a_members_only_translation(client, homes, english_page, french_page, members_group):
    # Privacy is shared by a page's translations (members.access): the English page goes members-only with it.
    restrict_page(french_page, groups=[members_group])
    entries = sitemap_entries(client)
    assert f"{ORIGIN}/fr/nos-valeurs/" not in entries
    assert f"{ORIGIN}/en/our-values/" not in entries
    text = client.get("/sitemap-pages.xml").content.decode()
    assert "nos-valeurs" not in text and "our-values" not in text


def warm_queries(client, url):
    """The queries of the second of two requests for ``url`` (the first warms the caches)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("shared_cache", [True, False])
def test_the_switcher_and_alternates_cost_at_most_one_query_whatever_the_translations(
    client, settings, monkeypatch, homes, english_page, shared_cache
):
    settings.CACHE_IS_SHARED = shared_cache
    translate(english_page, "fr", "Nos valeurs", "nos-valeurs")
    translate(english_page, "es", "Nuestros valores", "nuestros-valores")
    with_switcher, response = warm_queries(client, english_page.url)
    assert switcher_links(response)["es"]["href"] == "/es/nuestros-valores/"
    assert set(head_alternates(response)) == {"en", "fr", "es", "x-default"}

    monkeypatch.setattr("home.templatetags.languages.switcher_links", lambda *args: [])
    monkeypatch.setattr("home.templatetags.seo_tags.alternate_links", lambda *args: [])
    without_switcher, response = warm_queries(client, english_page.url)
    assert html(response).find("nav", class_="language-switcher") is None
    # Warm and shared, the versions come from the cache with the navigation; otherwise one query for all of them.
    assert with_switcher - without_switcher == (0 if shared_cache else 1)


@override_settings(CACHE_IS_SHARED=False)
@pytest.mark.parametrize("languages", [[], ["fr"], ["fr", "es"]])
def test_finding_a_page_versions_costs_one_query(rf, homes, english_page, languages):
    for code in languages:
        translate(english_page, code, f"Title {code}", f"slug-{code}")
    page = Page.objects.get(pk=english_page.pk)
    request = rf.get(page.url)
    request.user = AnonymousUser()
    # What the rest of the page reads anyway: the site, its root paths, the home page, the restriction rows.
    Site.find_for_request(request)
    Site.get_site_root_paths()
    site_root(request)
    denied_page_paths(request)
    with translation.override("en"), CaptureQueriesContext(connection) as queries:
        versions = page_versions(request, page)
    assert len(queries) == 1
    assert sorted(code for code, version in versions.items() if not version.is_home) == sorted(["en", *languages])


def test_server_error_page_is_in_the_address_language():
    with translation.override("fr"):
        page = render_to_string("500.html")
    assert '<html lang="fr">' in page
    assert 'href="/fr/"' in page
