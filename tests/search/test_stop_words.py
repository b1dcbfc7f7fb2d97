"""A search of stop words only ("the"): the visitor is asked for a more specific word, the index is not read, and no
backend finds every entry of a language for it.

PostgreSQL parses such words to an empty query, and an empty query with a language's marker was the marker alone:
"the" found every English page and document (100+ results in no order, the costliest search a visitor could ask
for), where SQLite's backend found nothing. Every test runs on both.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from tests import factories
from tests.fixtures import html, text_of
from tests.search.test_search_languages import translated_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    french_home = translated_home(home_page, "fr")
    spanish_home = translated_home(home_page, "es")
    factories.StandardPageFactory(parent=home_page, title="The budget of the alliance", intro="What the members pay.")
    factories.StandardPageFactory(parent=home_page, title="Where to find us", intro="The office and its hours.")
    factories.StandardPageFactory(
        parent=french_home, title="Le budget de l'alliance", intro="Ce que paient les membres."
    )
    factories.StandardPageFactory(parent=spanish_home, title="El presupuesto de la alianza", intro="Lo que pagan.")
    factories.PortalDocumentFactory(title="The annual accounts", description="The figures of the year.", language="en")


def index_reads(queries):
    return [query["sql"] for query in queries.captured_queries if "wagtailsearch_indexentry" in query["sql"]]


@pytest.mark.parametrize(
    ("language", "query", "message"),
    [
        ("en", "the", "holds only words too common to search for"),
        ("en", "The AND of", "holds only words too common to search for"),
        ("fr", "le la", "ne contient que des mots trop courants"),
        ("es", "el y", "solo contiene palabras demasiado comunes"),
    ],
)
def test_stop_words_only_ask_for_a_more_specific_word_without_reading_the_index(
    client, pages, language, query, message
):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    status = text_of(html(response).select_one(".list-status"))
    assert query in status and message in status
    assert not html(response).select("ol.search-results, .search-kinds")
    assert not index_reads(queries)
    # Not a search anyone made: not logged for the popular searches report.
    assert not QueryDailyHits.objects.exists()
    assert not Query.objects.filter(query_string=query.lower()).exists()


def test_a_stop_word_beside_another_word_searches_that_word(client, pages):
    response = client.get("/en/search/", {"q": "the budget"})
    titles = [text_of(link) for link in html(response).select("ol.search-results .search-result__link")]
    assert titles == ["The budget of the alliance"]


@pytest.mark.parametrize(
    ("query", "languages"), [("the", ["en"]), ("the of", ["en"]), ("le la", ["fr"]), ("el y", ["es"])]
)
def test_the_backend_finds_nothing_for_stop_words_of_the_language_searched(pages, query, languages):
    """Through Wagtail's result sets (the admin, the API): counted and sliced alike."""
    found = get_search_backend().search(
        query,
        Page.objects.filter(locale__in=Locale.objects.filter(language_code__in=languages).values("pk")),
        languages=languages,
        operator="and",
    )
    assert found.count() == 0
    assert list(found[:10]) == []


def test_the_backend_still_finds_the_other_words(pages):
    found = get_search_backend().search(
        "the budget",
        Page.objects.filter(locale=Locale.objects.get(language_code="en")),
        languages=["en"],
        operator="and",
    )
    assert [page.title for page in found[:10]] == ["The budget of the alliance"]


@pytest.mark.postgres
@pytest.mark.parametrize("query", ["the", "le"])
def test_in_all_languages_a_word_finds_nothing_in_a_language_where_it_is_a_stop_word(client, pages, query):
    """ "the" is no French or Spanish stop word, and "le" no English one: the search runs, and finds the word only
    where it is not a stop word, in that language's entries (none here). Before, the languages in which it was a
    stop word gave every entry they had. (SQLite matches each language's words against every entry, so the English
    "le" finds the French pages there.)"""
    response = client.get("/fr/search/", {"q": query, "languages": "all"})
    assert response.status_code == 200
    assert not html(response).select("ol.search-results")
    found = get_search_backend().search(query, Page, languages=None, operator="and")
    assert found.count() == 0
    assert list(found[:10]) == []
