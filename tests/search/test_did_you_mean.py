"""“Did you mean”: a search that finds nothing offers a correction from the words of what the visitor may see,
never from members-only content, and a search with results spends no query on it."""

import pytest

from search import spelling
from tests import factories
from tests.fixtures import html, restrict_page, text_of
from tests.search.conftest import document

pytestmark = pytest.mark.django_db


def did_you_mean(response):
    node = html(response).select_one(".search-did-you-mean a")
    return (text_of(node), node["href"]) if node is not None else None


@pytest.fixture
def public_words(home_page):
    factories.StandardPageFactory(parent=home_page, title="International Co-operative Alliance")
    factories.StandardPageFactory(parent=home_page, title="Ask about membership")
    document("The co-operative identity: a short guide", description="Values and principles.", text="")


@pytest.mark.parametrize(
    ("typed", "meant"), [("allaince", "alliance"), ("memebrship", "membership"), ("identiy", "identity")]
)
def test_a_misspelt_search_offers_the_word_the_site_uses(client, public_words, typed, meant):
    response = client.get("/en/search/", {"q": typed})
    assert response.status_code == 200
    assert did_you_mean(response) == (meant, f"/en/search/?q={meant}")
    # The correction finds what was meant.
    assert html(client.get("/en/search/", {"q": meant})).select(".search-result")


def test_only_the_misspelt_word_of_several_is_corrected(client, public_words):
    response = client.get("/en/search/", {"q": "Alliance memebrship"})
    assert did_you_mean(response) == ("alliance membership", "/en/search/?q=alliance%20membership")


def test_a_search_with_results_offers_no_correction(client, public_words):
    assert did_you_mean(client.get("/en/search/", {"q": "alliance"})) is None


def test_a_word_known_only_to_members_only_content_is_never_offered_to_a_visitor(
    client, home_page, members_group, member
):
    private = factories.StandardPageFactory(parent=home_page, title="Confidential restructuring")
    restrict_page(private, groups=[members_group])
    factories.StandardPageFactory(parent=home_page, title="Annual report")
    assert did_you_mean(client.get("/en/search/", {"q": "restructurng"})) is None
    client.force_login(member)
    assert did_you_mean(client.get("/en/search/", {"q": "restructurng"}))[0] == "restructuring"


def test_another_form_of_the_same_word_is_no_correction(client, home_page):
    """ "report" found no document; "reports" (a page's word) would find none either: the search stems both alike."""
    factories.StandardPageFactory(parent=home_page, title="Annual reports")
    response = client.get("/en/search/", {"q": "report", "kind": "documents"})
    assert not html(response).select(".search-result")
    assert did_you_mean(response) is None
    # A misspelling of it still gets the word.
    assert did_you_mean(client.get("/en/search/", {"q": "reprots", "kind": "documents"}))[0] == "reports"


@pytest.mark.parametrize(
    ("typed", "languages", "expected"),
    [
        ("rapport", ["fr"], ""),  # "rapports": the same word in French
        ("rapport", None, ""),  # in every language: the same word in French is enough
        ("rapprot", ["fr"], "rapports"),
        ("informe", ["es"], ""),  # "informes"
        ("allaince", ["fr"], "alliance"),
    ],
)
def test_a_correction_is_never_another_form_of_the_word_in_the_languages_searched(
    rf, monkeypatch, typed, languages, expected
):
    monkeypatch.setattr(
        spelling,
        "cached_vocabulary",
        lambda request, languages=None: spelling.Vocabulary({"rapports", "informes", "alliance"}),
    )
    assert spelling.did_you_mean(rf.get("/"), typed, languages) == expected


def test_nonsense_gets_no_correction(client, public_words):
    assert did_you_mean(client.get("/en/search/", {"q": "zzyzx qqq"})) is None


def test_a_word_that_becomes_members_only_is_no_longer_offered_to_a_visitor(client, home_page, members_group):
    page = factories.StandardPageFactory(parent=home_page, title="Confidential restructuring")
    factories.StandardPageFactory(parent=home_page, title="Annual report")
    assert did_you_mean(client.get("/en/search/", {"q": "restructurng"}))[0] == "restructuring"
    restrict_page(page, groups=[members_group])
    assert did_you_mean(client.get("/en/search/", {"q": "restructurng"})) is None


def test_a_word_of_an_unpublished_page_is_no_longer_offered(client, home_page):
    page = factories.StandardPageFactory(parent=home_page, title="Confidential restructuring")
    assert did_you_mean(client.get("/en/search/", {"q": "restructurng"}))[0] == "restructuring"
    page.unpublish()
    assert did_you_mean(client.get("/en/search/", {"q": "restructurng"})) is None


def test_a_word_of_a_new_page_is_offered_at_once(client, home_page):
    factories.StandardPageFactory(parent=home_page, title="Annual report")
    assert did_you_mean(client.get("/en/search/", {"q": "restructurng"})) is None
    factories.StandardPageFactory(parent=home_page, title="Restructuring plan")
    assert did_you_mean(client.get("/en/search/", {"q": "restructurng"}))[0] == "restructuring"


def test_a_member_and_a_visitor_are_offered_from_their_own_vocabularies(client, home_page, members_group, member):
    private = factories.StandardPageFactory(parent=home_page, title="Confidential restructuring")
    restrict_page(private, groups=[members_group])
    client.force_login(member)
    assert did_you_mean(client.get("/en/search/", {"q": "restructurng"}))[0] == "restructuring"
    client.logout()
    assert did_you_mean(client.get("/en/search/", {"q": "restructurng"})) is None
