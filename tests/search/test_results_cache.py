"""A search's answer is kept for the same words and the same audience, and never outlives the content it shows.

(``search.results_cache``.) A repeated search runs none of the search's statements; a member's answer never reaches
a visitor nor the reverse; a page published, restricted or unpublished, a document's text recorded by the
extraction task, and an editors' pick each change the next answer to the same words at once.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.index import get_indexed_models

from documents import tasks
from tests import factories
from tests.fixtures import restrict_page
from tests.search.conftest import AUTOCOMPLETE_URL, SEARCH_URL, result_titles, results, search, suggestions

pytestmark = pytest.mark.django_db

INDEX_TABLE_HINTS = ("indexentry", "fts")


@pytest.fixture(autouse=True)
def _site_settings_made(client, home_page):
    """The first page rendered creates the site's settings row (a save: new content); a site has it already."""
    client.get(SEARCH_URL)


def searched_index(queries):
    """Whether any of ``queries`` read the search index (the search's own statements)."""
    return any(hint in query["sql"].lower() for query in queries for hint in INDEX_TABLE_HINTS)


def timed_search(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = search(client, **params)
    assert response.status_code == 200
    return response, queries.captured_queries


def test_the_same_words_again_are_answered_without_searching(client, corpus):
    first, first_queries = timed_search(client, q="housing")
    again, again_queries = timed_search(client, q="housing")
    assert searched_index(first_queries)
    assert not searched_index(again_queries)
    assert len(again_queries) < len(first_queries)
    assert result_titles(again) == result_titles(first)
    assert "Housing handbook" in result_titles(again)


def test_other_words_kinds_pages_and_languages_are_answered_afresh(client, corpus):
    search(client, q="housing")
    for params in ({"q": "housing", "kind": "pages"}, {"q": "housing", "page": "2"}, {"q": "budget"}):
        _response, queries = timed_search(client, **params)
        assert searched_index(queries), params
    with CaptureQueriesContext(connection) as queries:
        client.get(SEARCH_URL.replace("/en/", "/fr/"), {"q": "housing"})
    assert searched_index(queries.captured_queries)


def test_without_a_lifetime_every_search_runs(client, corpus, settings):
    settings.SEARCH_RESULTS_CACHE_SECONDS = 0
    search(client, q="housing")
    _response, queries = timed_search(client, q="housing")
    assert searched_index(queries)


def test_a_members_answer_never_reaches_a_visitor_nor_the_reverse(client, corpus, member):
    visitor_before = result_titles(search(client, q="housing"))
    assert "Confidential housing minutes" not in visitor_before
    client.force_login(member)
    member_titles = result_titles(search(client, q="housing"))
    assert "Confidential housing minutes" in member_titles
    client.logout()
    assert result_titles(search(client, q="housing")) == visitor_before
    client.force_login(member)
    assert result_titles(search(client, q="housing")) == member_titles


def test_members_who_may_see_the_same_things_share_an_answer(client, corpus, member, members_group):
    other = get_user_model().objects.create_user("other-member", password="x")  # noqa: S106
    other.groups.add(members_group)
    client.force_login(member)
    search(client, q="housing")
    client.force_login(other)
    response, queries = timed_search(client, q="housing")
    assert not searched_index(queries)
    assert "Confidential housing minutes" in result_titles(response)


def test_a_member_who_leaves_the_group_gets_a_visitors_answer(client, corpus, member, members_group):
    client.force_login(member)
    assert "Confidential housing minutes" in result_titles(search(client, q="housing"))
    member.groups.remove(members_group)
    assert "Confidential housing minutes" not in result_titles(search(client, q="housing"))


def test_a_page_published_after_a_search_is_found_by_the_same_words(client, corpus, home_page):
    assert "Housing cooperatives in winter" not in result_titles(search(client, q="housing"))
    factories.StandardPageFactory(parent=home_page, title="Housing cooperatives in winter")
    assert "Housing cooperatives in winter" in result_titles(search(client, q="housing"))


def test_a_page_restricted_or_unpublished_after_a_search_is_no_longer_found(client, corpus, members_group):
    assert "Housing handbook" in result_titles(search(client, q="housing"))
    restrict_page(corpus.pages.housing_title, groups=[members_group])
    assert "Housing handbook" not in result_titles(search(client, q="housing"))
    assert "Annual report 2024" in result_titles(search(client, q="housing"))
    corpus.pages.housing_body.unpublish()
    assert "Annual report 2024" not in result_titles(search(client, q="housing"))


def test_a_documents_text_recorded_by_the_extraction_task_is_found_at_once(client, corpus, monkeypatch):
    document = corpus.documents.text_doc
    assert "Statutes" not in result_titles(search(client, q="quinoa"))
    monkeypatch.setattr(tasks.extraction, "read_text", lambda file, file_type: "A quinoa growers' co-operative.")
    assert tasks.extract_document_text.call(document.pk, document.file.name) == "done"
    assert "Statutes" in result_titles(search(client, q="quinoa"))


def test_an_editors_pick_added_after_a_search_shows_at_once(client, corpus):
    search(client, q="housing")
    SearchPromotion.objects.create(query=Query.get("housing"), page=corpus.pages.housing_intro, description="Read me")
    response = search(client, q="housing")
    assert "Read me" in response.content.decode()


def test_every_repeated_search_is_still_logged(client, corpus):
    for _ in range(3):
        search(client, q="housing")  # the test client closes each response, which writes the log
    assert Query.objects.get(query_string="housing").hits == 3


def test_suggestions_again_are_answered_without_searching_and_per_audience(client, corpus, member):
    first = suggestions(client, "hous")
    with CaptureQueriesContext(connection) as queries:
        again = suggestions(client, "hous")
    assert again == first
    assert not searched_index(queries.captured_queries)
    assert "Confidential housing minutes" not in [item["title"] for item in again]
    client.force_login(member)
    assert "Confidential housing minutes" in [item["title"] for item in suggestions(client, "hous")]
    client.logout()
    assert [item["title"] for item in suggestions(client, "hous")] == [item["title"] for item in first]
    assert client.get(AUTOCOMPLETE_URL, {"q": "hous"}).status_code == 200


def test_the_index_hints_name_the_search_tables():
    """The check above looks for the index's tables by name: they must be there (else it could never fail)."""
    assert get_indexed_models()
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    with CaptureQueriesContext(connection) as queries:
        list(backend.search("housing", factories.PortalDocumentFactory._meta.model.objects.all()))
    assert searched_index(queries.captured_queries)


def test_library_addresses_are_kept_and_follow_a_librarys_change(client, corpus, members_group, settings):
    """The libraries that give documents their addresses are kept in the shared cache (search.selectors
    .library_addresses), and a library moved or restricted stops giving them at once."""
    settings.SEARCH_RESULTS_CACHE_SECONDS = 0  # only the libraries' own cache is at work here

    def link():
        found = {title: url for _kind, title, url in results(search(client, q="housing", kind="documents"))}
        return found["Housing policy paper"]

    document = corpus.documents.housing_doc
    assert link() == corpus.library.document_url(document)
    with CaptureQueriesContext(connection) as queries:
        assert link() == corpus.library.document_url(document)
    assert not any("documents_documentslibrarypage" in query["sql"] for query in queries.captured_queries)
    restrict_page(corpus.library, groups=[members_group])
    assert link() == document.url


def test_a_kept_answer_that_cannot_be_read_is_answered_afresh(client, corpus, monkeypatch):
    from django.core.cache import cache

    search(client, q="housing")
    original = cache.get

    def broken(key, *args, **kwargs):
        if key.startswith("search:answer:"):
            raise AttributeError("Can't get attribute 'Result' on <module 'search.selectors'>")
        return original(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", broken)
    response = search(client, q="housing")
    assert response.status_code == 200
    assert "Housing handbook" in result_titles(response)
