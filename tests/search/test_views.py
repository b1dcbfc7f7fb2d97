"""The site search view: finds what the request may see, never more, and survives odd input."""

import pytest
from django.db import connection
from pytest_django.asserts import assertTemplateUsed

from tests import factories
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db

SEARCH_URL = "/en/search/"


@pytest.fixture
def pages(home_page, private_area):
    public = factories.StandardPageFactory(parent=home_page, title="Cooperative governance handbook")
    secret_section = factories.StandardPageFactory(parent=private_area, title="Confidential governance minutes")
    return {"public": public, "secret": secret_section}


def result_links(response):
    results = html(response).find("ol", class_="search-results")
    return [a["href"] for a in results.find_all("a")] if results else []


def test_search_finds_a_public_page_by_title(client, pages):
    response = client.get(SEARCH_URL, {"q": "handbook"})
    assert response.status_code == 200
    assertTemplateUsed(response, "search/search.html")
    assert pages["public"].url in result_links(response)


def test_search_never_shows_a_members_only_page_to_anonymous(client, pages):
    response = client.get(SEARCH_URL, {"q": "governance"})
    links = result_links(response)
    assert pages["public"].url in links
    assert pages["secret"].url not in links
    assert "Confidential" not in response.content.decode()


def test_search_never_shows_a_members_only_page_to_a_non_member(client, non_member, pages):
    client.force_login(non_member)
    assert pages["secret"].url not in result_links(client.get(SEARCH_URL, {"q": "confidential"}))


def test_search_shows_a_members_only_page_to_a_member(client, member, pages):
    client.force_login(member)
    assert pages["secret"].url in result_links(client.get(SEARCH_URL, {"q": "confidential"}))


def test_search_leaves_out_draft_pages(client, home_page):
    factories.StandardPageFactory(parent=home_page, title="Unpublished handbook", live=False)
    assert result_links(client.get(SEARCH_URL, {"q": "unpublished"})) == []


def test_search_says_when_nothing_matches(client, pages):
    response = client.get(SEARCH_URL, {"q": "zzyzx"})
    assert response.status_code == 200
    assert "No pages or documents match" in text_of(html(response).find("main"))


@pytest.mark.parametrize(
    "params",
    [{}, {"q": ""}, {"q": "   "}, {"q": "x" * 1000}, {"q": "handbook", "page": "abc"}, {"q": "handbook", "page": "99"}],
    ids=["no-q", "blank-q", "spaces-q", "1000-char-q", "page-abc", "page-out-of-range"],
)
def test_search_answers_odd_input_with_200(client, pages, params):
    response = client.get(SEARCH_URL, params)
    assert response.status_code == 200


def test_search_with_a_null_byte_answers_200(client, pages):
    assert client.get(SEARCH_URL, {"q": "hand\x00book"}).status_code == 200


def test_search_keeps_long_queries_to_200_characters(client, pages):
    response = client.get(SEARCH_URL, {"q": "y" * 1000})
    assert response.context["search_query"] == "y" * 200


def test_search_page_is_not_indexed(client):
    assert client.get(SEARCH_URL, {"q": "handbook"})["X-Robots-Tag"] == "noindex"


# Warm caches (see ``assert_warm_queries``; the site comes from the process's table, portal.sites): the counts of pages
# and of documents (one statement on PostgreSQL, two on SQLite); a ranked slice of pages (no documents match, so they
# are not ranked); the texts of the results page's pages (one query whatever their types; no documents shown, so neither
# their texts nor the libraries are read); no editors' picks (none for these words, as the shared cache's list of
# promoted queries says); then, once the response is sent, the query log (one statement on PostgreSQL, two on SQLite; it
# was four, and five on PostgreSQL, inside the view). The layout adds none: its menu comes from the shared cache.
SEARCH_QUERIES = 2


@pytest.mark.parametrize("matches", [2, 12])
def test_search_query_count_does_not_grow_with_results(home_page, assert_warm_queries, matches):
    for number in range(matches):
        factories.StandardPageFactory(parent=home_page, title=f"Handbook part {number}")
    # The counts and the query log: one statement each on PostgreSQL, two each on SQLite.
    expected = SEARCH_QUERIES + (2 if connection.vendor == "postgresql" else 4)
    response = assert_warm_queries(SEARCH_URL, expected, q="handbook")
    assert len(result_links(response)) == min(matches, 10)
