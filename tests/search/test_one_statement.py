"""PostgreSQL answers a results page's counts and ranked results in one hand-written statement
(``search.selectors.count_and_rank_all``, ``PortalPostgresSearchQueryCompiler.count_and_rank_sql``), not through the
ORM-built count and slices of Wagtail's result sets: the same candidates, ranks and access checks, without building
and compiling the querysets (half a fresh search's CPU).

These tests hold it to the result sets' answers, page by page, kind by kind, for a visitor and for a member, in one
language and in all, with a small candidate bound (so that the bounded ranking's sampling is exercised too), and check
that the index is read by that one statement.
"""

import time
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from modelsearch.backends.database.postgres.postgres import IndexEntry
from wagtail.models import Locale

from documents.models import PortalDocument
from home.models import StandardPage
from search import selectors
from search.backends import postgres as postgres_backend
from search.languages import LANGUAGES, marker
from tests import factories
from tests.fixtures import html, restrict_page, text_of
from tests.search.conftest import document, rich_text

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def small_candidates(settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**settings.WAGTAILSEARCH_BACKENDS["default"], "CANDIDATES": 12}}


@pytest.fixture
def budgets(home_page, private_area, members_collection, members_group, documents_page, small_candidates):
    """Pages and documents about budgets, in titles, intros and bodies, some members-only, in English and French."""
    french_home = home_page.copy_for_translation(Locale.objects.get(language_code="fr"))
    french_home.save_revision().publish()
    for number in range(14):
        factories.StandardPageFactory(
            parent=home_page,
            title=f"Budget note {number}" if number % 3 else f"Meeting {number}",
            intro="The budget, in short." if number % 2 else "Minutes of the meeting.",
            body=rich_text(*["The budget grew."] * (number % 4 + 1)),
        )
    for number in range(4):
        factories.StandardPageFactory(parent=private_area, title=f"Members' budget {number}", intro="Our budget.")
    restricted = factories.StandardPageFactory(parent=home_page, title="Budget committee", intro="The budget.")
    restrict_page(restricted, groups=[members_group])
    for number in range(3):
        factories.StandardPageFactory(parent=french_home, title=f"Le budget {number}", intro="Le budget annuel.")
    # A word stemmed alike in English and French but not in Spanish ("cooper", "cooperativ").
    factories.StandardPageFactory(parent=home_page, title="Cooperative budget", intro="The cooperative's budget.")
    factories.StandardPageFactory(parent=french_home, title="Les coopératives", intro="Le budget des coopératives.")
    for number in range(12):
        document(f"Budget {number}" if number % 2 else f"Accounts {number}", "The budget." * (number % 3 + 1))
    for number in range(3):
        document(f"Members' budget file {number}", "The budget.", collection=members_collection)
    return SimpleNamespace(french_home=french_home)


def answer(params, user=None, language="en", one_statement=True, monkeypatch=None):
    """What the results page shows for ``params``: the counts, the page number and each result's kind, title,
    address, snippet and label."""
    if not one_statement:
        monkeypatch.setattr(selectors, "ranked_in_one_statement", lambda *args: None)
    request = RequestFactory().get(f"/{language}/search/")
    request.user = user or AnonymousUser()
    request.LANGUAGE_CODE = language
    try:
        with translation.override(language):
            outcome = selectors.run_search(request, params)
            results = [
                (result.kind, result.title, result.url, str(result.snippet_html), result.label, result.members_only)
                for result in outcome.page.object_list
            ]
    finally:
        monkeypatch.undo()
    return outcome.counts, outcome.page.number, results


CASES = [
    {"kind": kind, "page": page}
    for kind, pages in (("all", (1, 2, 3, 4)), ("pages", (1, 2, 3)), ("documents", (1, 2, 3)))
    for page in pages
]


@pytest.mark.parametrize("who", ["visitor", "member"])
@pytest.mark.parametrize("all_languages", [False, True], ids=["english", "all-languages"])
def test_every_results_page_is_the_result_sets_own(budgets, member, monkeypatch, who, all_languages):
    user = member if who == "member" else None
    for case in CASES:
        params = selectors.SearchParams(query="budget", all_languages=all_languages, **case)
        expected = answer(params, user, one_statement=False, monkeypatch=monkeypatch)
        assert answer(params, user, monkeypatch=monkeypatch) == expected, case
    # What was compared holds results, members-only ones for the member only.
    counts, _number, results = answer(selectors.SearchParams(query="budget"), user, monkeypatch=monkeypatch)
    assert counts["pages"] > 10 and counts["documents"] > 10
    assert any(members_only for *_rest, members_only in results) == (who == "member")


def test_words_in_french_and_words_that_match_nothing_are_answered_alike(budgets, monkeypatch):
    for query, language in (("budgets", "fr"), ("zzyzx", "en"), ("budget zzyzx", "en"), ("meeting budget", "en")):
        params = selectors.SearchParams(query=query)
        expected = answer(params, language=language, one_statement=False, monkeypatch=monkeypatch)
        assert answer(params, language=language, monkeypatch=monkeypatch) == expected, query


@pytest.mark.parametrize(
    "query",
    # Stemmed alike in some languages only; alike in all; a stop word in English only; with one; nothing.
    ["coopératives", "cooperative budget", "budget", "the", "the budget", "zzyzx"],
)
def test_all_languages_words_stemmed_alike_in_some_languages_are_answered_alike(budgets, monkeypatch, query):
    """The statement writes each language's query once (``portal_languages_query``): the same answers."""
    for kind in ("all", "pages"):
        params = selectors.SearchParams(query=query, kind=kind, all_languages=True)
        expected = answer(params, language="fr", one_statement=False, monkeypatch=monkeypatch)
        assert answer(params, language="fr", monkeypatch=monkeypatch) == expected, kind
    if query == "coopératives":
        titles = {title for _kind, title, *_rest in expected[2]}
        assert {"Cooperative budget", "Les coopératives"} <= titles


def test_a_page_past_the_last_one_shows_the_last_one(budgets, monkeypatch):
    params = selectors.SearchParams(query="budget", kind="documents", page=9)
    counts, number, results = answer(params, monkeypatch=monkeypatch)
    assert number == 2 and len(results) == counts["documents"] - 10
    assert (counts, number, results) == answer(params, one_statement=False, monkeypatch=monkeypatch)


def test_the_index_is_read_by_one_statement(budgets):
    request = RequestFactory().get("/en/search/")
    request.user = AnonymousUser()
    request.LANGUAGE_CODE = "en"
    with translation.override("en"), CaptureQueriesContext(connection) as queries:
        outcome = selectors.run_search(request, selectors.SearchParams(query="budget"))
    assert outcome.counts["pages"] and outcome.counts["documents"]
    # Counts and ranked candidates of both kinds: one statement (it was three: the counts, then each kind's slice).
    assert sum("wagtailsearch_indexentry" in query["sql"] for query in queries.captured_queries) == 1


@pytest.mark.postgres
def test_a_deep_page_of_all_results_reads_only_the_objects_it_shows(client, home_page, monkeypatch):
    for number in range(30):
        factories.StandardPageFactory(parent=home_page, title=f"Budget page {number}", intro="A budget page.")
        factories.PortalDocumentFactory(title=f"Budget document {number}", description="A budget document.")
    read = []
    original = selectors.ranked_objects
    monkeypatch.setattr(selectors, "ranked_objects", lambda hits, rows: read.extend(rows) or original(hits, rows))
    shown = [
        [
            text_of(node)
            for node in html(client.get("/en/search/", {"q": "budget", "page": page})).select(".search-result__title")
        ]
        for page in (1, 2, 3, 4)
    ]
    # Forty results over four pages, none twice, and only each page's ten read (not the best 40 of each kind).
    assert [len(titles) for titles in shown] == [10, 10, 10, 10]
    assert len({title for titles in shown for title in titles}) == 40
    assert len(read) == 40


# Common words read in order (search.backends.postgres.scans_in_order) -----------------------------------------------


def common_words(monkeypatch, markers=None, **shares):
    """This process's statistics as PostgreSQL's would say them of a large site: 20,000 entries, half of them
    documents' and half pages' (shared out among the page types present), and ``shares`` (lexeme: share of all the
    entries); ``markers`` (language: its marker's share), by default the English marker on every entry."""
    document_type = ContentType.objects.get_for_model(PortalDocument).pk
    others = IndexEntry.objects.exclude(content_type_id=document_type)
    page_types = set(others.values_list("content_type_id", flat=True))
    kinds = {document_type: 0.5, **dict.fromkeys(page_types, 0.5 / len(page_types))}
    markers = {marker(code): share for code, share in ({"en": 1.0} if markers is None else markers).items()}
    monkeypatch.setitem(postgres_backend._scan_statistics, "read", time.monotonic())
    monkeypatch.setitem(postgres_backend._scan_statistics, "words", {**markers, **shares})
    monkeypatch.setitem(postgres_backend._scan_statistics, "shares", kinds)
    monkeypatch.setitem(postgres_backend._scan_statistics, "entries", 20_000)


def statement_of(params, language="en"):
    request = RequestFactory().get(f"/{language}/search/")
    request.user = AnonymousUser()
    request.LANGUAGE_CODE = language
    with translation.override(language), CaptureQueriesContext(connection) as queries:
        selectors.run_search(request, params)
    (statement,) = [query["sql"] for query in queries.captured_queries if "wagtailsearch_indexentry" in query["sql"]]
    return statement


@pytest.mark.parametrize("who", ["visitor", "member"])
@pytest.mark.parametrize("all_languages", [False, True], ids=["english", "all-languages"])
def test_a_common_word_read_in_order_gives_every_results_page_of_the_result_sets(
    budgets, member, monkeypatch, who, all_languages
):
    # Of all languages: "budget" is stemmed alike in English and French, whose pages both hold it.
    markers = {"en": 0.8, "fr": 0.1, "es": 0.1} if all_languages else None
    common_words(monkeypatch, markers, budget=0.9)
    # Both kinds' matches are read in the content types' order, not through a bitmap of the index.
    statement = statement_of(selectors.SearchParams(query="budget", all_languages=all_languages))
    assert statement.count("ORDER BY e.content_type_id LIMIT") == 2
    user = member if who == "member" else None
    for case in CASES:
        params = selectors.SearchParams(query="budget", all_languages=all_languages, **case)
        expected = answer(params, user, one_statement=False, monkeypatch=monkeypatch)
        common_words(monkeypatch, markers, budget=0.9)  # ``answer`` undid the patches
        assert answer(params, user, monkeypatch=monkeypatch) == expected, case
        common_words(monkeypatch, markers, budget=0.9)
    if all_languages:
        # The French pages about the budget were among what was compared.
        everywhere, _number, _results = answer(
            selectors.SearchParams(query="budget", all_languages=True), user, monkeypatch=monkeypatch
        )
        english, _number, _results = answer(selectors.SearchParams(query="budget"), user, monkeypatch=monkeypatch)
        assert everywhere["pages"] > english["pages"]


@pytest.mark.parametrize(
    ("query", "shares", "in_order"),
    [
        ("budget", {"budget": 0.9}, True),
        ("the budget", {"budget": 0.9}, True),  # a stop word is no lexeme
        ("budget", {"budget": 0.5}, False),  # it could be in the other kind's entries only
        ("charter", {"budget": 0.9}, False),  # not among the common words
        ("budget meeting", {"budget": 0.9, "meet": 0.9}, True),
        ("budget meeting", {"budget": 0.9, "meet": 0.6}, False),  # both words: 0.54 of the entries
    ],
)
def test_only_words_that_most_of_a_kinds_entries_must_hold_are_read_in_order(
    budgets, monkeypatch, query, shares, in_order
):
    common_words(monkeypatch, **shares)
    statement = statement_of(selectors.SearchParams(query=query))
    assert ("ORDER BY e.content_type_id LIMIT" in statement) == in_order


def test_a_small_site_keeps_the_index(budgets, monkeypatch):
    common_words(monkeypatch, budget=0.9)
    monkeypatch.setitem(postgres_backend._scan_statistics, "entries", 20)
    assert "ORDER BY e.content_type_id" not in statement_of(selectors.SearchParams(query="budget"))
    statement = statement_of(selectors.SearchParams(query="budget", all_languages=True))
    assert "ORDER BY e.content_type_id" not in statement


THIRDS = {"en": 0.34, "fr": 0.33, "es": 0.33}


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_a_common_word_of_one_language_is_read_in_that_languages_entries_only(budgets, member, monkeypatch, who):
    # A site in three languages, "budget" (stemmed alike in English and French) on nearly every entry: the French
    # search reads the French entries in order, through the b-tree of content types and languages (0007), and every
    # results page is still the result sets' own.
    common_words(monkeypatch, THIRDS, budget=0.99)
    statement = statement_of(selectors.SearchParams(query="budget"), language="fr")
    assert statement.count("ORDER BY e.content_type_id LIMIT") == 2
    assert statement.count("portal_entry_language(e.title) = 'fr'") == 2
    user = member if who == "member" else None
    for case in CASES:
        params = selectors.SearchParams(query="budget", **case)
        expected = answer(params, user, language="fr", one_statement=False, monkeypatch=monkeypatch)
        common_words(monkeypatch, THIRDS, budget=0.99)  # ``answer`` undid the patches
        assert answer(params, user, language="fr", monkeypatch=monkeypatch) == expected, case
        common_words(monkeypatch, THIRDS, budget=0.99)
    # The French pages, and none of the English ones, were among what was compared.
    counts, _number, results = answer(
        selectors.SearchParams(query="budget"), user, language="fr", monkeypatch=monkeypatch
    )
    assert counts["pages"] == 4 and {title for _kind, title, *_rest in results} >= {"Le budget 0", "Les coopératives"}


@pytest.mark.parametrize(
    ("query", "all_languages", "markers", "shares", "in_order"),
    [
        # A site in three languages, a word every language stems alike ("budget") on nearly every entry: read in
        # order in all languages and in one (at least 97% of its entries hold it, whatever the others hold); on 85%
        # of the entries it could be missing from 44% of one language's, and one language keeps the bitmap.
        ("budget", True, THIRDS, {"budget": 0.99}, True),
        ("budget", False, THIRDS, {"budget": 0.99}, True),
        ("budget", False, THIRDS, {"budget": 0.85}, False),
        # English and French stem it "cooper", Spanish "cooperativ": without the Spanish stem among the common words,
        # two thirds of the entries at most, not enough; with it on every Spanish entry, enough.
        ("cooperative", True, THIRDS, {"cooper": 0.99}, False),
        ("cooperative", True, THIRDS, {"cooper": 0.99, "cooperativ": 0.33}, True),
        # A site in English mostly: its marker carries the search of all languages.
        ("budget", True, {"en": 0.9, "fr": 0.05, "es": 0.05}, {"budget": 0.9}, True),
        # Markers the statistics do not name count for no entry.
        ("budget", True, {}, {"budget": 0.99}, False),
    ],
)
def test_which_searches_are_read_in_order_on_a_site_in_several_languages(
    budgets, monkeypatch, query, all_languages, markers, shares, in_order
):
    common_words(monkeypatch, markers, **shares)
    statement = statement_of(selectors.SearchParams(query=query, all_languages=all_languages))
    assert ("ORDER BY e.content_type_id LIMIT" in statement) == in_order


def test_the_statistics_come_with_a_results_page_and_are_kept_by_the_process(budgets):
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {IndexEntry._meta.db_table}")  # as autovacuum does
    request = RequestFactory().get("/en/search/")
    request.user = AnonymousUser()
    request.LANGUAGE_CODE = "en"

    def search():
        with translation.override("en"), CaptureQueriesContext(connection) as queries:
            selectors.run_search(request, selectors.SearchParams(query="budget"))
        return [query["sql"] for query in queries.captured_queries]

    search()  # the site, its locales... read once
    postgres_backend.forget_scan_statistics()
    with_statistics = search()
    read = dict(postgres_backend._scan_statistics)
    without = search()
    # Read with the answer, by the same statement (no query of their own), then kept: not read again.
    assert len(with_statistics) == len(without)
    assert sum("pg_stats" in sql for sql in with_statistics) == 1 and not any("pg_stats" in sql for sql in without)
    assert not postgres_backend.scan_statistics_due()
    # What PostgreSQL's statistics say of the entries: their number, each content type's share, the common lexemes.
    counts = dict(IndexEntry.objects.values_list("content_type_id").annotate(count=Count("id")))
    total = sum(counts.values())
    assert read["entries"] == total
    # The common content types (the standard pages' and the documents' here) are named, each with its share.
    shares = {content_type: count / total for content_type, count in counts.items()}
    assert read["shares"] == pytest.approx({content_type: shares[content_type] for content_type in read["shares"]})
    common = {ContentType.objects.get_for_model(model).pk for model in (PortalDocument, StandardPage)}
    assert common <= set(read["shares"])
    table = IndexEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT AVG((portal_search_vector(title, body) @@ 'budget'::tsquery)::int) FROM {table}")  # noqa: S608
        (budget,) = cursor.fetchone()
    assert budget > 0.5 and read["words"]["budget"] == pytest.approx(float(budget), abs=0.05)
    # Words down to the share that can still count in a search of all languages, and the languages' markers (the
    # English one on most entries here) whatever their share.
    markers = {marker(code) for code in LANGUAGES}
    assert all(share >= postgres_backend.WORD_MIN_SHARE for word, share in read["words"].items() if word not in markers)
    with connection.cursor() as cursor:
        sql = f"SELECT AVG((portal_search_vector(title, body) @@ %s::tsquery)::int) FROM {table}"  # noqa: S608
        cursor.execute(sql, [f"'{marker('en')}'"])
        (english,) = cursor.fetchone()
    assert read["words"][marker("en")] == pytest.approx(float(english), abs=0.05)
