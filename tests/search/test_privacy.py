"""Who finds what: anonymous visitors and non-members never meet members-only content in search, members do.

Each ladder rung checks the results, the counts (which must be counted on what the visitor may see), the snippets
and the suggestions, and the cache headers of what depends on the visitor.
"""

import pytest

from tests.fixtures import html, text_of
from tests.search.conftest import results, search, suggestions

pytestmark = pytest.mark.django_db

SECRETS = ["Confidential housing minutes", "secret housing budget", "Members housing survey", "Confidential survey"]


def assert_no_secret(response):
    text = response.content.decode()
    for secret in SECRETS:
        assert secret not in text


@pytest.fixture(params=["anonymous", "non-member"])
def outsider(request, client, non_member):
    if request.param == "non-member":
        client.force_login(non_member)
    return client


@pytest.mark.parametrize("kind", ["all", "pages", "documents"])
def test_outsiders_never_see_members_only_results_titles_or_snippets(outsider, corpus, kind):
    response = search(outsider, q="housing", kind=kind)
    titles = [title for _kind, title, _url in results(response)]
    assert "Confidential housing minutes" not in titles
    assert "Members housing survey" not in titles
    assert_no_secret(response)


def test_outsiders_counts_leave_members_only_content_out(outsider, corpus):
    tabs = [text_of(tab) for tab in html(search(outsider, q="housing")).select(".search-kinds__link")]
    assert tabs == ["All results (5)", "Pages (3)", "Documents (2)"]


@pytest.mark.parametrize("query", ["confidential", "secret", "survey costs", "minutes"])
def test_outsiders_searching_members_only_words_find_nothing(outsider, corpus, query):
    response = search(outsider, q=query)
    assert results(response) == []
    assert [text_of(tab) for tab in html(response).select(".search-kinds__link")] == [
        "All results (0)",
        "Pages (0)",
        "Documents (0)",
    ]
    assert_no_secret(response)


def test_outsiders_get_no_members_only_suggestions(outsider, corpus):
    for query in ["conf", "confidential", "members hous", "hous"]:
        titles = [suggestion["title"] for suggestion in suggestions(outsider, query)]
        assert "Confidential housing minutes" not in titles
        assert "Members housing survey" not in titles


def test_a_member_finds_members_only_pages_and_documents_marked_as_such(client, member, corpus):
    client.force_login(member)
    response = search(client, q="housing")
    found = {title: kind for kind, title, _url in results(response)}
    assert found["Confidential housing minutes"] == "page"
    assert found["Members housing survey"] == "document"
    tabs = [text_of(tab) for tab in html(response).select(".search-kinds__link")]
    assert tabs == ["All results (7)", "Pages (4)", "Documents (3)"]
    badges = {
        text_of(item.select_one(".search-result__link")): bool(item.select(".badge--members"))
        for item in html(response).select("ol.search-results > li")
    }
    assert badges["Confidential housing minutes"] is True
    assert badges["Members housing survey"] is True
    assert badges["Housing handbook"] is False


def test_a_member_gets_members_only_suggestions(client, member, corpus):
    client.force_login(member)
    titles = [suggestion["title"] for suggestion in suggestions(client, "confidential")]
    # The title first, then members-only content whose text matches.
    assert titles[0] == "Confidential housing minutes"
    assert set(titles) == {"Confidential housing minutes", "Members housing survey"}


def test_a_members_search_and_suggestions_are_private(client, member, corpus):
    client.force_login(member)
    for response in (search(client, q="housing"), client.get("/en/search/autocomplete/", {"q": "hous"})):
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]


def test_anonymous_answers_are_shared_and_purged_with_every_page_or_document_change(client, corpus):
    """Anonymous answers hold only what everyone may see, so a shared cache may keep them (issue 14), tagged so that
    any change to a page or a document drops them (members.frontend_cache); a member's are private (above)."""
    for response in (search(client, q="housing"), client.get("/en/search/autocomplete/", {"q": "hous"})):
        assert "public" in response["Cache-Control"]
        assert ",docs,pages," in response["X-Cache-Tags"]
        assert "Cookie" in response.get("Vary", "")


def test_a_superuser_finds_members_only_content(client, superuser, corpus):
    client.force_login(superuser)
    titles = [title for _kind, title, _url in results(search(client, q="confidential"))]
    assert sorted(titles) == ["Confidential housing minutes", "Members housing survey"]
