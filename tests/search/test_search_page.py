"""The search page: ranking, highlighting, kinds, counts, pagination, editors' picks, the query log, no results."""

import pytest
from django.core.cache import cache
from pytest_django.asserts import assertTemplateUsed
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from search import selectors
from tests import factories
from tests.fixtures import html, run_concurrently, text_of
from tests.search.conftest import result_titles, results, search

pytestmark = pytest.mark.django_db


def test_search_page_uses_its_template_and_is_not_indexed(client, corpus):
    response = search(client, q="housing")
    assert response.status_code == 200
    assertTemplateUsed(response, "search/search.html")
    assert response["X-Robots-Tag"] == "noindex"


def test_ranking_puts_title_matches_above_body_matches_above_a_single_mention(client, corpus):
    titles = result_titles(search(client, q="housing", kind="pages"))
    assert titles == ["Housing handbook", "Annual report 2024", "Guide for new members"]


def test_ranking_mixes_pages_and_documents_titles_first(client, corpus):
    found = results(search(client, q="housing"))
    kinds_and_titles = [(kind, title) for kind, title, _url in found]
    assert set(kinds_and_titles[:2]) == {("page", "Housing handbook"), ("document", "Housing policy paper")}
    assert set(kinds_and_titles[2:]) == {
        ("page", "Annual report 2024"),
        ("page", "Guide for new members"),
        ("document", "Statutes"),
    }


def test_result_links_lead_to_the_page_and_to_the_document_page_in_the_library(client, corpus):
    links = {title: url for _kind, title, url in results(search(client, q="housing"))}
    assert links["Housing handbook"] == corpus.pages.housing_title.url
    document = corpus.documents.housing_doc
    assert links["Housing policy paper"] == corpus.library.document_url(document)
    assert client.get(links["Housing policy paper"]).status_code == 200


def test_a_document_outside_every_library_links_to_its_download(client, corpus):
    corpus.library.collection = factories.CollectionFactory(name="Elsewhere")
    corpus.library.save_revision().publish()
    links = {title: url for _kind, title, url in results(search(client, q="housing", kind="documents"))}
    assert links["Housing policy paper"] == corpus.documents.housing_doc.url


def test_titles_and_snippets_highlight_the_query_words(client, corpus):
    page = html(search(client, q="housing", kind="pages"))
    first = page.select_one("ol.search-results > li")
    assert [mark.get_text() for mark in first.select(".search-result__title mark")] == ["Housing"]
    body_result = page.select("ol.search-results > li")[1]
    assert [mark.get_text() for mark in body_result.select(".search-result__snippet mark")] == [
        "housing",
        "Housing",
        "housing",
        "Housing",
    ]


def test_document_snippet_comes_from_the_extracted_text_when_the_description_does_not_match(client, corpus):
    page = html(search(client, q="housing", kind="documents"))
    statutes = next(li for li in page.select("ol.search-results > li") if "Statutes" in li.get_text())
    snippet = statutes.select_one(".search-result__snippet")
    assert snippet.get_text() == "Chapter nine covers housing."
    assert [mark.get_text() for mark in snippet.select("mark")] == ["housing"]


def test_snippets_escape_the_text_they_show(client, home_page):
    factories.StandardPageFactory(parent=home_page, title="Markup", intro='Housing <script>alert("x")</script>')
    response = search(client, q="housing")
    snippet = html(response).select_one(".search-result__snippet")
    assert snippet.select("script") == []
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in snippet.decode_contents()


def test_the_query_is_escaped_where_it_is_shown(client, corpus):
    response = search(client, q='<img src=x onerror="alert(1)"> housing')
    assert b"<img src=x" not in response.content
    assert '“<img src=x onerror="alert(1)"> housing”' in text_of(html(response).find("main"))


def test_kind_filter_shows_only_pages_or_only_documents(client, corpus):
    assert {kind for kind, _t, _u in results(search(client, q="housing", kind="pages"))} == {"page"}
    assert {kind for kind, _t, _u in results(search(client, q="housing", kind="documents"))} == {"document"}


def test_kind_tabs_show_the_count_of_each_kind_and_keep_the_query(client, corpus):
    tabs = html(search(client, q="housing", kind="documents")).select(".search-kinds__link")
    assert [text_of(tab) for tab in tabs] == ["All results (5)", "Pages (3)", "Documents (2)"]
    assert [tab.get("aria-current") for tab in tabs] == [None, None, "true"]
    assert tabs[1]["href"] == "?q=housing&kind=pages"


def test_result_count_says_how_many_results(client, corpus):
    status = html(search(client, q="housing")).select_one(".list-status")
    assert text_of(status) == "5 results for “housing”."


def test_results_come_ten_to_a_page_with_links_to_the_others(client, home_page):
    for number in range(23):
        factories.StandardPageFactory(parent=home_page, title=f"Budget note {number}")
    first = search(client, q="budget")
    assert len(results(first)) == 10
    assert "23 results for “budget”, showing 1 to 10." in text_of(html(first).select_one(".list-status"))
    last = search(client, q="budget", page="3")
    assert len(results(last)) == 3
    assert "showing 21 to 23" in text_of(html(last).select_one(".list-status"))
    seen = [title for page in ("1", "2", "3") for title in result_titles(search(client, q="budget", page=page))]
    assert sorted(seen) == sorted(f"Budget note {number}" for number in range(23))
    nav = html(first).select_one("nav.pagination")
    assert nav["aria-label"] == "Search results pages"
    assert nav.select_one('a[rel="next"]')["href"] == "?q=budget&page=2"


def test_all_results_pages_merge_pages_and_documents_without_repeats(client, home_page):
    for number in range(12):
        factories.StandardPageFactory(parent=home_page, title=f"Audit page {number}")
        factories.PortalDocumentFactory(title=f"Audit document {number}")
    seen = [title for page in ("1", "2", "3") for title in result_titles(search(client, q="audit", page=page))]
    assert len(seen) == 24
    assert len(set(seen)) == 24


def test_results_beyond_the_last_offered_page_are_not_offered(client, home_page, monkeypatch):
    monkeypatch.setattr(selectors, "MAX_PAGES", 2)
    for number in range(25):
        factories.StandardPageFactory(parent=home_page, title=f"Budget note {number}")
    response = search(client, q="budget", page="3")
    assert "25 results for “budget”, showing 11 to 20." in text_of(html(response).select_one(".list-status"))
    assert "Only the first 20 results are shown: add words" in text_of(html(response).select_one(".search-capped"))


# Editors' picks -----------------------------------------------------------------------------------------------


def promote(query, page=None, url="", text="", description=""):
    return SearchPromotion.objects.create(
        query=Query.get(query), page=page, external_link_url=url, external_link_text=text, description=description
    )


def picks(response):
    return [(text_of(link), link["href"]) for link in html(response).select(".search-picks .search-pick__link")]


def test_editors_picks_appear_above_the_results(client, corpus):
    promote("housing", page=corpus.pages.housing_intro, description="Start here.")
    promote("housing", url="https://ica.coop/en/housing", text="Housing co-operatives worldwide")
    response = search(client, q="Housing")
    assert picks(response) == [
        ("Guide for new members", corpus.pages.housing_intro.url),
        ("Housing co-operatives worldwide", "https://ica.coop/en/housing"),
    ]
    main = html(response).find("main")
    assert main.decode().index("search-picks") < main.decode().index("search-results")
    assert "Start here." in text_of(main.select_one(".search-picks"))


def test_an_editors_pick_matches_the_query_however_it_is_accented(client, corpus):
    promote("cooperative", page=corpus.pages.plain)
    assert picks(search(client, q="Coopérative")) == [("Cooperative banking explained", corpus.pages.plain.url)]


def test_an_editors_pick_of_a_members_only_page_shows_only_to_members(client, corpus, member, non_member):
    promote("housing", page=corpus.pages.secret_page)
    promote("housing", page=corpus.pages.housing_title)
    public = [("Housing handbook", corpus.pages.housing_title.url)]
    assert picks(search(client, q="housing")) == public
    client.force_login(non_member)
    assert picks(search(client, q="housing")) == public
    client.force_login(member)
    assert picks(search(client, q="housing"))[0] == ("Confidential housing minutes", corpus.pages.secret_page.url)


def test_a_new_editors_pick_shows_at_once_and_a_removed_one_goes(client, corpus):
    assert picks(search(client, q="housing")) == []
    promotion = promote("housing", url="https://ica.coop/en/housing", text="Housing co-operatives worldwide")
    assert picks(search(client, q="housing")) == [("Housing co-operatives worldwide", "https://ica.coop/en/housing")]
    promotion.delete()
    assert picks(search(client, q="housing")) == []


def test_an_editors_pick_of_a_draft_page_is_not_shown(client, corpus, home_page):
    draft = factories.StandardPageFactory(parent=home_page, title="Draft housing page", live=False)
    promote("housing", page=draft)
    assert picks(search(client, q="housing")) == []


# The query log and popular searches -------------------------------------------------------------------------


def test_each_search_is_logged_once_for_the_popular_searches_report(client, corpus):
    search(client, q="Housing  Handbook")
    search(client, q="housing handbook")
    search(client, q="housing handbook", page="2")  # a further page of the same search
    assert Query.objects.get(query_string="housing handbook").hits == 2


@pytest.mark.parametrize("query", ["", "   ", "&|!", "\x00"])
def test_searches_without_words_are_not_logged(client, corpus, query):
    search(client, q=query)
    assert not QueryDailyHits.objects.exists()


def test_no_results_says_so_and_suggests_popular_public_searches(client, corpus):
    for query, hits in [("housing", 5), ("cooperative", 3), ("confidential", 9), ("rare", 1)]:
        for _ in range(hits):
            Query.get(query).add_hit()
    cache.delete(selectors.POPULAR_CACHE_KEY)
    main = html(search(client, q="zzyzx")).find("main")
    assert "No pages or documents match “zzyzx”." in text_of(main)
    popular = [text_of(link) for link in main.select(".search-popular a")]
    # "confidential" is popular but finds only members-only content; "rare" was searched once.
    assert popular == ["housing", "cooperative"]
    assert main.select_one(".search-popular a")["href"] == "/en/search/?q=housing"


def test_no_results_on_a_kind_tab_names_that_kind(client, corpus):
    assert "No documents match “principles”." in text_of(html(search(client, q="principles", kind="documents")))


def test_a_query_with_no_words_asks_for_words(client, corpus):
    main = text_of(html(search(client, q="&&&")).find("main"))
    assert "has no words to search for" in main
    assert "results for" not in main


def test_an_empty_query_invites_a_search(client, corpus):
    main = html(search(client)).find("main")
    assert "Enter one or more words" in text_of(main)
    assert main.select("ol.search-results") == []


def test_the_query_log_counts_every_hit_of_a_day_in_one_row(client, corpus):
    for _ in range(3):
        search(client, q="Housing")
    row = QueryDailyHits.objects.get(query__query_string="housing")
    assert row.hits == 3
    assert Query.objects.filter(query_string="housing").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_query_log_loses_no_hit_when_a_days_first_searches_arrive_together():
    # Every thread's first search may find no row for the day: the upserts must still count each hit once.
    threads_count, per_thread = 8, 5

    def searches():
        for _ in range(per_thread):
            selectors.log_search("annual report")

    assert run_concurrently(searches, threads_count) == []
    assert Query.objects.get(query_string="annual report").hits == threads_count * per_thread
