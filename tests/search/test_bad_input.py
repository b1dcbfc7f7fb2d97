"""Odd input never breaks the search: each answer is a page (or a clear 405), never a 500."""

import pytest

from search import selectors
from tests import factories
from tests.fixtures import html, text_of
from tests.search.conftest import AUTOCOMPLETE_URL, SEARCH_URL, result_titles, search

pytestmark = pytest.mark.django_db

OPERATORS = ["&", "|", "!", "(", ")", ":", "*", "'", '"', "\\"]


@pytest.fixture
def budget_pages(home_page):
    for number in range(23):
        factories.StandardPageFactory(parent=home_page, title=f"Budget note {number}")


@pytest.mark.parametrize("query", ["", " ", "   \t  ", "\n"], ids=["empty", "space", "blank", "newline"])
def test_an_empty_or_blank_query_invites_a_search(client, budget_pages, query):
    response = search(client, q=query)
    assert response.status_code == 200
    assert "Enter one or more words" in text_of(html(response).find("main"))


def test_no_query_at_all_invites_a_search(client, budget_pages):
    response = client.get(SEARCH_URL)
    assert response.status_code == 200
    assert "Enter one or more words" in text_of(html(response).find("main"))


def test_a_query_of_a_thousand_and_more_characters_is_cut_to_200(client, budget_pages):
    response = search(client, q="x" * 1200)
    assert response.status_code == 200
    assert response.context["search_query"] == "x" * selectors.MAX_QUERY_LENGTH


def test_a_long_query_is_cut_between_words(client, budget_pages):
    query = " ".join(["budget"] * 300)
    response = search(client, q=query)
    assert response.context["search_query"] == " ".join(["budget"] * 28)  # 195 characters: no half word
    assert len(result_titles(response)) == 10


@pytest.mark.parametrize("operator", OPERATORS)
def test_full_text_operators_and_quotes_alone_answer_a_page(client, budget_pages, operator):
    for query in (operator, operator * 3, f"{operator}budget", f"budget{operator}", f"budget {operator} note"):
        response = search(client, q=query)
        assert response.status_code == 200, query


@pytest.mark.parametrize("operator", OPERATORS)
def test_full_text_operators_and_quotes_are_ignored_around_words(client, budget_pages, operator):
    assert len(result_titles(search(client, q=f"{operator}budget{operator}"))) == 10


@pytest.mark.parametrize(
    "query",
    ["budget & note", "budget | zzz", "!budget", "(budget)", "budget:*", "'budget'", '"budget note"', "budget\\"],
)
def test_operator_syntax_is_read_as_words(client, budget_pages, query):
    response = search(client, q=query)
    assert response.status_code == 200
    assert len(result_titles(response)) == (0 if "zzz" in query else 10)


def test_a_query_of_operators_only_says_there_are_no_words(client, budget_pages):
    response = search(client, q="& | ! ( ) : * ' \" \\")
    assert response.status_code == 200
    assert "has no words to search for" in text_of(html(response).find("main"))


@pytest.mark.parametrize("query", ["budget\x00", "\x00", "bud\x00get", "\x00budget\x00note"])
def test_nul_bytes_answer_a_page(client, budget_pages, query):
    response = search(client, q=query)
    assert response.status_code == 200
    assert "\x00" not in response.context["search_query"]


@pytest.mark.parametrize(
    ("page", "expected_first"),
    [("abc", 1), ("-1", 1), ("0", 1), ("1.5", 1), ("", 1), ("99999", 21), ("9" * 50, 21), ("²", 1)],
)
def test_odd_page_numbers_answer_the_first_or_the_last_page(client, budget_pages, page, expected_first):
    response = search(client, q="budget", page=page)
    assert response.status_code == 200
    status = text_of(html(response).select_one(".list-status"))
    assert f"showing {expected_first} to" in status


def test_an_unknown_kind_shows_all_results(client, budget_pages):
    response = search(client, q="budget", kind="<script>")
    assert response.status_code == 200
    assert len(result_titles(response)) == 10
    assert b"<script>" not in response.content.split(b"<main", 1)[1]


def test_repeated_parameters_use_the_last_one(client, budget_pages):
    response = client.get(SEARCH_URL + "?q=zzyzx&q=budget&page=x&page=2")
    assert "showing 11 to 20" in text_of(html(response).select_one(".list-status"))


@pytest.mark.parametrize("url", [SEARCH_URL, AUTOCOMPLETE_URL])
def test_posting_to_the_search_is_refused_clearly(client, url):
    assert client.post(url, {"q": "budget"}).status_code == 405


@pytest.mark.parametrize(
    "query",
    ["", " ", "x" * 1500, "&|!():*'\"\\", "\x00", "b", "budget\x00", "co-", "-", "é"],
    ids=["empty", "blank", "long", "operators", "nul", "one-letter", "nul-word", "hyphen-end", "hyphen", "accent"],
)
def test_suggestions_answer_odd_input_with_json(client, budget_pages, query):
    response = client.get(AUTOCOMPLETE_URL, {"q": query})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert isinstance(data["suggestions"], list)
    assert len(data["query"]) <= selectors.MAX_QUERY_LENGTH


def test_suggestions_without_a_query_are_empty(client, budget_pages):
    assert client.get(AUTOCOMPLETE_URL).json() == {"query": "", "suggestions": []}
