"""Search per language: results in the visitor's language by default, every language on request, each language's
words stemmed by its own rules (PostgreSQL's configurations; on SQLite, the portal's stems of the same rules), and
the access module deciding as everywhere.

The corpus: an English, a French and a Spanish page about co-operatives in Lyon and Valencia, a French page in a
members-only section, and an English and a French document. Stemming runs on both databases; that an all-languages
search matches each language's words against its own language's entries only needs PostgreSQL (its index's language
markers: on SQLite a Spanish stem may also match a French entry with the same stem).
"""

from types import SimpleNamespace

import pytest
from wagtail.models import Locale

from search import selectors
from tests import factories
from tests.fixtures import html, restrict_page, text_of
from tests.search.conftest import rich_text

pytestmark = pytest.mark.django_db


def translated_home(home_page, language):
    """The home page's translation in ``language``, published (each language's tree starts there)."""
    home = home_page.copy_for_translation(Locale.objects.get(language_code=language))
    home.save_revision().publish()
    return home


@pytest.fixture
def homes(home_page):
    return SimpleNamespace(en=home_page, fr=translated_home(home_page, "fr"), es=translated_home(home_page, "es"))


@pytest.fixture
def multilingual(homes, members_group):
    english = factories.StandardPageFactory(
        parent=homes.en,
        title="Housing co-operatives in Lyon",
        intro="How our members in Lyon share their homes.",
    )
    french = factories.StandardPageFactory(
        parent=homes.fr,
        title="La coopérative d'habitants de Lyon",
        intro="Une maison commune, gérée par ses membres depuis 1920.",
        body=rich_text("Chaque membre vote en assemblée générale.", "Le journal de la coopérative paraît chaque mois."),
    )
    spanish = factories.StandardPageFactory(
        parent=homes.es,
        title="Una cooperativa de vivienda en Valencia",
        intro="Cómo los socios gestionan juntos sus viviendas en Lyon y en Valencia.",
    )
    private_fr = factories.StandardPageFactory(parent=homes.fr, title="Espace membres", slug="espace-membres")
    restrict_page(private_fr, groups=[members_group])
    secret_fr = factories.StandardPageFactory(
        parent=private_fr,
        title="Procès-verbal confidentiel de la coopérative",
        intro="Le budget des travaux, réservé aux membres.",
    )
    english_doc = factories.PortalDocumentFactory(
        title="Lyon housing report", description="Our report on the Lyon homes.", language="en"
    )
    french_doc = factories.PortalDocumentFactory(
        title="Rapport sur les logements de Lyon", description="Le rapport de la coopérative.", language="fr"
    )
    return SimpleNamespace(
        english=english,
        french=french,
        spanish=spanish,
        secret_fr=secret_fr,
        english_doc=english_doc,
        french_doc=french_doc,
    )


def search(client, language, **params):
    response = client.get(f"/{language}/search/", params)
    assert response.status_code == 200
    return response


def titles(response):
    return [text_of(link) for link in html(response).select("ol.search-results .search-result__link")]


def suggested(client, language, **params):
    response = client.get(f"/{language}/search/autocomplete/", params)
    assert response.status_code == 200
    return [suggestion["title"] for suggestion in response.json()["suggestions"]]


# The visitor's language, and all languages ------------------------------------------------------------------


def test_the_french_search_page_shows_french_results_only(client, multilingual):
    found = titles(search(client, "fr", q="Lyon"))
    assert "La coopérative d'habitants de Lyon" in found
    assert "Rapport sur les logements de Lyon" in found
    assert "Housing co-operatives in Lyon" not in found
    assert "Lyon housing report" not in found
    assert "Una cooperativa de vivienda en Valencia" not in found


def test_the_english_search_page_shows_english_results_only(client, multilingual):
    found = titles(search(client, "en", q="Lyon"))
    assert set(found) == {"Housing co-operatives in Lyon", "Lyon housing report"}


def test_the_all_languages_link_shows_every_languages_results(client, multilingual):
    page = html(search(client, "fr", q="Lyon"))
    switch = page.select_one("a.search-languages__link")
    assert switch["href"].startswith("?") and "languages=all" in switch["href"]
    found = titles(client.get("/fr/search/" + switch["href"]))
    assert {
        "La coopérative d'habitants de Lyon",
        "Housing co-operatives in Lyon",
        "Una cooperativa de vivienda en Valencia",
        "Lyon housing report",
        "Rapport sur les logements de Lyon",
    } <= set(found)


def test_the_search_form_has_an_all_languages_checkbox_that_keeps_its_choice(client, multilingual):
    unticked = html(search(client, "fr", q="Lyon")).select_one("form.search-form input[name=languages]")
    assert unticked["type"] == "checkbox" and unticked["value"] == "all" and not unticked.has_attr("checked")
    label = html(search(client, "fr", q="Lyon")).select_one("label[for=search-all-languages]")
    assert label is not None
    ticked = html(search(client, "fr", q="Lyon", languages="all")).select_one("form.search-form input[name=languages]")
    assert ticked.has_attr("checked")


def test_counts_per_kind_are_of_the_visitors_language(client, multilingual):
    def counts(response):
        return [text_of(count) for count in html(response).select(".search-kinds__count")]

    assert counts(search(client, "fr", q="Lyon")) == ["(2)", "(1)", "(1)"]
    assert counts(search(client, "fr", q="Lyon", languages="all")) == ["(5)", "(3)", "(2)"]


def test_documents_are_found_in_their_own_language(client, multilingual):
    assert titles(search(client, "fr", q="Lyon", kind="documents")) == ["Rapport sur les logements de Lyon"]
    assert titles(search(client, "en", q="Lyon", kind="documents")) == ["Lyon housing report"]
    assert titles(search(client, "es", q="Lyon", kind="documents")) == []


def test_suggestions_are_in_the_visitors_language(client, multilingual):
    assert suggested(client, "es", q="una coop") == ["Una cooperativa de vivienda en Valencia"]
    assert "La coopérative d'habitants de Lyon" not in suggested(client, "es", q="coop")
    assert "Una cooperativa de vivienda en Valencia" in suggested(client, "es", q="coop")
    everywhere = suggested(client, "es", q="coop", languages="all")
    assert "La coopérative d'habitants de Lyon" in everywhere
    assert "Una cooperativa de vivienda en Valencia" in everywhere


# Privacy: the access module decides in every language ---------------------------------------------------------


def test_a_members_only_french_page_is_not_found_by_an_anonymous_visitor(client, multilingual):
    for params in ({"q": "procès-verbal"}, {"q": "proces verbal", "languages": "all"}):
        response = search(client, "fr", **params)
        assert "Procès-verbal confidentiel de la coopérative" not in response.content.decode()
    assert "Procès-verbal confidentiel de la coopérative" not in suggested(client, "fr", q="proces")


def test_a_members_only_french_page_is_found_by_a_member(client, member, multilingual):
    client.force_login(member)
    assert titles(search(client, "fr", q="procès-verbal")) == ["Procès-verbal confidentiel de la coopérative"]
    assert suggested(client, "fr", q="proces") == ["Procès-verbal confidentiel de la coopérative"]


# Stemming in each language (PostgreSQL's configurations) ------------------------------------------------------


@pytest.mark.postgres
def test_cooperativas_finds_the_spanish_page_and_not_the_english_one(client, multilingual):
    # The Spanish page says "cooperativa"; Spanish stemming brings "cooperativas" to the same word.
    assert titles(search(client, "es", q="cooperativas")) == ["Una cooperativa de vivienda en Valencia"]


@pytest.mark.postgres
def test_cooperatives_plural_finds_the_french_page_about_a_cooperative(client, multilingual):
    # The page says "coopérative"; French stemming brings "coopératives" to the same word.
    assert titles(search(client, "fr", q="coopératives", kind="pages")) == ["La coopérative d'habitants de Lyon"]


@pytest.mark.postgres
def test_cooperatives_without_accents_finds_the_french_page(client, multilingual):
    assert titles(search(client, "fr", q="cooperatives", kind="pages")) == ["La coopérative d'habitants de Lyon"]


def test_french_words_are_stemmed_by_french_rules(client, multilingual):
    # "journaux" is the plural of "journal" (the page's word): French rules know it, English ones do not.
    assert titles(search(client, "fr", q="journaux")) == ["La coopérative d'habitants de Lyon"]


def test_spanish_words_are_stemmed_by_spanish_rules(client, multilingual):
    # The page says "gestionan"; "gestionar" shares its Spanish stem, not its English one.
    assert titles(search(client, "es", q="gestionar")) == ["Una cooperativa de vivienda en Valencia"]


def marked_words(response):
    """The words marked in the results' snippets, lower-case."""
    return [text_of(mark).lower() for mark in html(response).select("ol.search-results .search-result__snippet mark")]


def test_a_french_snippet_marks_the_word_the_french_rules_matched(client, multilingual):
    # "journaux" found the page through its "journal": the snippet marks that word (English rules would not).
    assert marked_words(search(client, "fr", q="journaux")) == ["journal"]


def test_a_spanish_snippet_marks_the_word_the_spanish_rules_matched(client, multilingual):
    assert marked_words(search(client, "es", q="gestionar")) == ["gestionan"]


def test_all_languages_snippets_are_marked_each_in_its_own_language(client, multilingual):
    # A search of every language marks the Spanish result by Spanish rules, not by the visitor's (English).
    found = search(client, "en", q="gestionar", languages="all")
    assert titles(found) == ["Una cooperativa de vivienda en Valencia"]
    assert marked_words(found) == ["gestionan"]


@pytest.mark.postgres
def test_all_languages_parses_the_words_in_each_language_against_its_own_pages(client, multilingual):
    # English rules do not bring "cooperativas" to "cooper", Spanish ones do: only the Spanish page matches.
    found = titles(search(client, "en", q="cooperativas", languages="all"))
    assert found == ["Una cooperativa de vivienda en Valencia"]
    assert titles(search(client, "en", q="cooperativas")) == []


# "Did you mean": the words of the visitor's language -----------------------------------------------------------


def test_did_you_mean_offers_words_of_the_visitors_language(client, multilingual):
    page = html(search(client, "fr", q="habitnts"))
    assert text_of(page.select_one(".search-did-you-mean a")) == "habitants"
    assert html(search(client, "en", q="habitnts")).select_one(".search-did-you-mean a") is None


# Editors' picks in the search's language -------------------------------------------------------------------------


def translate(page, language, title, slug, publish=True):
    copy = page.copy_for_translation(Locale.objects.get(language_code=language), copy_parents=True)
    copy.title, copy.slug = title, slug
    copy.save()
    if publish:
        copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def picks(response):
    return [(text_of(link), link["href"]) for link in html(response).select(".search-picks .search-pick__link")]


def test_an_editors_pick_shows_the_pages_translation_in_the_searchs_language(client, multilingual):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    english = multilingual.english
    french = translate(english, "fr", "Les coopératives d'habitants de Lyon", "habitants-lyon")
    SearchPromotion.objects.create(query=Query.get("lyon"), page=english)
    assert picks(search(client, "fr", q="Lyon")) == [(french.title, french.url)]
    assert picks(search(client, "fr", q="Lyon", languages="all")) == [(french.title, french.url)]
    assert picks(search(client, "en", q="Lyon")) == [(english.title, english.url)]
    # No Spanish translation: the page as picked.
    assert picks(search(client, "es", q="Lyon")) == [(english.title, english.url)]
    # A pick made on the French page shows the English page in an English search.
    SearchPromotion.objects.filter(page=english).update(page=french)
    assert picks(search(client, "en", q="Lyon")) == [(english.title, english.url)]


def test_an_editors_pick_skips_a_draft_translation_and_a_members_only_one_for_visitors(client, multilingual, member):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    english = multilingual.english
    translate(english, "es", "Cooperativas de vivienda en Lyon", "vivienda-lyon", publish=False)
    SearchPromotion.objects.create(query=Query.get("lyon"), page=english)
    assert picks(search(client, "es", q="Lyon")) == [(english.title, english.url)]
    # A members-only page's translation shows to members only, as the page itself does.
    secret_en = translate(multilingual.secret_fr, "en", "Confidential minutes of the co-operative", "minutes")
    SearchPromotion.objects.create(query=Query.get("minutes"), page=secret_en)
    assert picks(search(client, "fr", q="minutes")) == []
    client.force_login(member)
    secret_fr = multilingual.secret_fr
    assert picks(search(client, "fr", q="minutes")) == [(secret_fr.title, secret_fr.url)]


def test_every_result_in_another_language_is_marked_with_its_language(client, multilingual):
    """WCAG 3.1.2: on the French search page, each result's title and snippet in English or Spanish carry their
    language, so a screen reader switches voice; French ones carry none (the page's own)."""
    page = html(search(client, "fr", q="Lyon", languages="all"))
    marked = {}
    for result in page.select(".search-result"):
        title = result.select_one(".search-result__title")
        marked[text_of(title)] = title.get("lang")
        snippet = result.select_one(".search-result__snippet")
        if snippet is not None:
            assert snippet.get("lang") == title.get("lang")
    assert marked["Housing co-operatives in Lyon"] == "en"
    assert marked["Lyon housing report"] == "en"
    assert marked["Una cooperativa de vivienda en Valencia"] == "es"
    assert marked["La coopérative d'habitants de Lyon"] is None
    assert marked["Rapport sur les logements de Lyon"] is None


def test_a_locale_created_again_is_searched_at_once(client, home_page):
    """The search filters pages by their locales' ids, kept per process (``home.locales``): a locale deleted and
    created again (a new id) is searched at once, its pages found, in the process that changed it."""
    assert titles(search(client, "es", q="Valencia")) == []  # the locales' ids now kept
    old = Locale.objects.get(language_code="es")
    old.delete()
    new = Locale.objects.create(language_code="es")
    assert new.pk != old.pk
    assert selectors.locale_ids(["es"]) == [new.pk]
    home = translated_home(home_page, "es")
    factories.StandardPageFactory(parent=home, title="Una cooperativa de vivienda en Valencia")
    assert titles(search(client, "es", q="Valencia")) == ["Una cooperativa de vivienda en Valencia"]
