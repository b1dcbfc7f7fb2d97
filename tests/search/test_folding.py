"""Case, accents and hyphens never stop a match; English word forms find each other (on SQLite and PostgreSQL)."""

import pytest

from tests import factories
from tests.search.conftest import document, result_titles, search, suggestions

pytestmark = pytest.mark.django_db

SPELLINGS = ["cooperative", "co-operative", "coopérative", "Co-Operative", "COOPÉRATIVE", "co\u2011operative"]


@pytest.fixture
def spelled(home_page):
    """One page and one document per spelling of "cooperative", nothing else in common."""
    factories.StandardPageFactory(parent=home_page, title="Cooperative banking", intro="Savings owned by members.")
    factories.StandardPageFactory(parent=home_page, title="Farming", intro="A co-operative of dairy farmers.")
    factories.StandardPageFactory(parent=home_page, title="Lyon", intro="La coopérative de la ville.")
    document("Statutes", description="Rules of the co-operative.")
    document("Rapport annuel", description="Le rapport de la coopérative.")
    document("Cooperative law", description="An overview.")


EVERYTHING = ["Cooperative banking", "Farming", "Lyon", "Statutes", "Rapport annuel", "Cooperative law"]


@pytest.mark.parametrize("query", SPELLINGS)
def test_every_spelling_finds_every_spelling(client, spelled, query):
    assert sorted(result_titles(search(client, q=query))) == sorted(EVERYTHING)


def test_a_hyphenated_word_is_found_by_its_parts(client, home_page):
    factories.StandardPageFactory(parent=home_page, title="Asia-Pacific office", intro="Our regional office.")
    assert result_titles(search(client, q="pacific")) == ["Asia-Pacific office"]
    assert result_titles(search(client, q="asiapacific")) == ["Asia-Pacific office"]
    assert result_titles(search(client, q="Asia Pacific")) == ["Asia-Pacific office"]


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Annual reports", "report"),
        ("Annual report", "reports"),
        ("Housing for members", "houses"),
        ("Reporting rules", "reported"),
        ("Cooperation across borders", "cooperatives"),
    ],
)
def test_english_word_forms_find_each_other(client, home_page, text, query):
    factories.StandardPageFactory(parent=home_page, title=text, intro="Nothing else.")
    assert result_titles(search(client, q=query)) == [text]


def test_case_does_not_matter(client, home_page):
    factories.StandardPageFactory(parent=home_page, title="GENERAL ASSEMBLY", intro="nothing else")
    assert result_titles(search(client, q="general assembly")) == ["GENERAL ASSEMBLY"]
    assert result_titles(search(client, q="General Assembly")) == ["GENERAL ASSEMBLY"]


def test_accented_query_words_find_unaccented_text_in_documents_text(client):
    document("Minutes", description="", text="The cafe of the federation opened in May.")
    assert result_titles(search(client, q="café")) == ["Minutes"]


def test_every_query_word_must_match(client, spelled):
    assert result_titles(search(client, q="cooperative dairy")) == ["Farming"]


@pytest.mark.parametrize("query", ["coop", "co-op", "coopé", "COOP", "co-oper"])
def test_suggestions_fold_like_the_search(client, spelled, query):
    # The titles that complete the word come first (pages whose text matches may follow).
    titles = sorted(suggestion["title"] for suggestion in suggestions(client, query)[:2])
    assert titles == ["Cooperative banking", "Cooperative law"]


def test_suggestions_complete_the_last_word_of_a_title(client, home_page):
    factories.StandardPageFactory(parent=home_page, title="Housing handbook")
    factories.StandardPageFactory(parent=home_page, title="Annual report")
    assert [suggestion["title"] for suggestion in suggestions(client, "housin")] == ["Housing handbook"]
    assert [suggestion["title"] for suggestion in suggestions(client, "annual rep")] == ["Annual report"]
    assert suggestions(client, "annual zz") == []
