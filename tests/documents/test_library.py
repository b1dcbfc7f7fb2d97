"""The documents library page: filters, facet counts, search, sorting, pagination, bad parameters."""

from datetime import date

import pytest

from tests import factories
from tests.documents.conftest import make_document
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db


def titles(response):
    return [text_of(node) for node in html(response).select("main .document-card__title")]


def facet(response, param):
    """``{label: count}`` offered by the facet of query parameter ``param``."""
    links = html(response).select(f'main a.facet__link[data-facet="{param}"]')
    return {
        text_of(link.select_one(".facet__label")): int(link.select_one(".facet__count").contents[0]) for link in links
    }


@pytest.fixture
def shelf(library, categories):
    """Six documents across categories, years, languages and file types."""
    guides, reports = categories["guides"], categories["reports"]
    return {
        "guide_en": make_document("Membership guide", category=guides, published=date(2024, 3, 1)),
        "guide_fr": make_document("Guide de l'adhésion", category=guides, language="fr", published=date(2023, 6, 1)),
        "report_2024": make_document("Annual report 2024", category=reports, published=date(2025, 4, 1)),
        "report_2022": make_document("Annual report 2022", category=reports, published=date(2023, 4, 1)),
        "informe": make_document("Informe anual", category=reports, language="es", published=date(2022, 5, 1)),
        "figures": make_document(
            "Members by sector", data=b"sector,members\n", filename="sector.csv", published=date(2025, 1, 30)
        ),
    }


# Filters


def test_library_filters_by_category(client, library, shelf):
    assert sorted(titles(client.get(library.url, {"category": "guides"}))) == [
        "Guide de l'adhésion",
        "Membership guide",
    ]


def test_library_filters_by_year_of_publication(client, library, shelf):
    assert sorted(titles(client.get(library.url, {"year": "2023"}))) == ["Annual report 2022", "Guide de l'adhésion"]


def test_library_filters_by_language(client, library, shelf):
    assert titles(client.get(library.url, {"language": "es"})) == ["Informe anual"]


def test_library_filters_by_file_type(client, library, shelf):
    assert titles(client.get(library.url, {"type": "csv"})) == ["Members by sector"]


def test_library_combines_filters(client, library, shelf):
    response = client.get(library.url, {"category": "reports", "year": "2023", "language": "en", "type": "pdf"})
    assert titles(response) == ["Annual report 2022"]


def test_library_filter_combination_is_a_shareable_get_address(client, library, shelf):
    response = client.get(library.url, {"language": "fr"})
    guides_link = html(response).select_one('a.facet__link[data-facet="category"][data-value="guides"]')
    assert guides_link["href"] == "?category=guides&language=fr"
    assert titles(client.get(library.url + guides_link["href"])) == ["Guide de l'adhésion"]


def test_library_shows_active_filters_each_removable_on_its_own(client, library, shelf):
    response = client.get(library.url, {"category": "reports", "language": "en", "q": "annual"})
    chips = {
        text_of(chip).split(" ×")[0].replace(" (remove this filter)", ""): chip["href"]
        for chip in html(response).select("a.filter-chip")
    }
    assert chips == {
        "Search: “annual”": "?category=reports&language=en",
        "Category: Annual reports": "?q=annual&language=en",
        "Language: English": "?q=annual&category=reports",
    }
    assert sorted(titles(client.get(library.url + chips["Language: English"]))) == [
        "Annual report 2022",
        "Annual report 2024",
    ]


# Facet counts


def test_facet_counts_count_the_documents_of_each_value(client, library, shelf):
    response = client.get(library.url)
    assert facet(response, "category") == {"Guides": 2, "Annual reports": 3}
    assert facet(response, "year") == {"2025": 2, "2024": 1, "2023": 2, "2022": 1}
    assert facet(response, "language") == {"English": 4, "French": 1, "Spanish": 1}
    assert facet(response, "type") == {"PDF": 5, "CSV": 1}


def test_facet_counts_apply_the_other_active_filters_but_not_their_own(client, library, shelf):
    response = client.get(library.url, {"category": "reports"})
    # Category counts ignore the category filter, so another category can still be chosen ...
    assert facet(response, "category") == {"Guides": 2, "Annual reports": 3}
    # ... and the other facets count only annual reports.
    assert facet(response, "language") == {"English": 2, "Spanish": 1}
    assert facet(response, "year") == {"2025": 1, "2023": 1, "2022": 1}


def test_facet_counts_follow_the_search(client, library, shelf):
    response = client.get(library.url, {"q": "guide"})
    assert facet(response, "language") == {"English": 1, "French": 1}


def test_facet_values_without_documents_are_not_offered(client, library, shelf, categories):
    assert "Minutes" not in facet(client.get(library.url), "category")


# Search


def test_library_search_finds_words_inside_a_pdfs_text(client, library):
    make_document("Board papers", text="The treasurer presented the quinquennial accounts.")
    make_document("Other papers", text="Nothing to see.")
    assert titles(client.get(library.url, {"q": "quinquennial"})) == ["Board papers"]


def test_library_search_matches_title_and_description(client, library):
    make_document("Housing toolkit", description="For tenants' co-operatives.")
    make_document("Unrelated", description="Nothing here.")
    assert titles(client.get(library.url, {"q": "toolkit"})) == ["Housing toolkit"]
    assert titles(client.get(library.url, {"q": "tenants"})) == ["Housing toolkit"]


def test_library_search_needs_every_word(client, library):
    make_document("Housing report", text="Solidarity between housing co-operatives.")
    make_document("Farming report", text="Solidarity between farms.")
    assert titles(client.get(library.url, {"q": "solidarity housing"})) == ["Housing report"]


# Sorting and pagination


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (None, ["Annual report 2024", "Members by sector", "Membership guide"]),
        ("newest", ["Annual report 2024", "Members by sector", "Membership guide"]),
        ("oldest", ["Informe anual", "Annual report 2022", "Guide de l'adhésion"]),
        ("title", ["Annual report 2022", "Annual report 2024", "Guide de l'adhésion"]),
    ],
)
def test_library_sorts_newest_oldest_or_by_title(client, library, shelf, sort, expected):
    params = {"sort": sort} if sort else {}
    assert titles(client.get(library.url, params))[:3] == expected


def test_library_paginates_and_keeps_the_filters_in_page_links(client, library, categories):
    for number in range(25):
        make_document(f"Guide {number:02d}", category=categories["guides"], published=date(2020, 1, number + 1))
    make_document("Not a guide", published=date(2021, 1, 1))
    first = client.get(library.url, {"category": "guides"})
    assert len(titles(first)) == 20
    assert "Showing 1 to 20 of 25 documents." in text_of(html(first).find("main"))
    next_link = html(first).select_one("a[rel=next]")["href"]
    assert "category=guides" in next_link and "page=2" in next_link
    second = client.get(library.url + next_link)
    assert titles(second) == [f"Guide {number:02d}" for number in range(4, -1, -1)]


# Empty results and bad parameters


def test_empty_result_explains_itself_and_offers_to_clear_the_filters(client, library, shelf):
    response = client.get(library.url, {"language": "fr", "category": "reports"})
    empty = html(response).select_one("main .empty-state")
    assert "No documents match category Annual reports and language French." in text_of(empty)
    assert empty.find("a", string=lambda s: "clear all filters" in s)["href"] == "?"


def test_empty_library_says_it_has_no_documents_yet(client, library):
    assert "There are no documents here yet." in text_of(html(client.get(library.url)).find("main"))


@pytest.mark.parametrize(
    "params",
    [
        {"category": "no-such-category"},
        {"year": "abc"},
        {"year": "99999999999999999999"},
        {"year": "-1"},
        {"language": "xx"},
        {"type": "exe"},
        {"sort": "price"},
        {"page": "-1"},
        {"page": "abc"},
        {"page": "0"},
        {"category": "\x00"},
    ],
)
def test_bad_parameters_are_ignored_and_the_list_is_shown(client, library, shelf, params):
    response = client.get(library.url, params)
    assert response.status_code == 200
    assert len(titles(response)) == len(shelf)


def test_a_page_past_the_end_shows_the_last_page(client, library, shelf):
    response = client.get(library.url, {"page": "99999"})
    assert response.status_code == 200
    assert titles(response)  # the last (and only) page


def test_a_5000_character_search_is_cut_and_answered(client, library, shelf):
    response = client.get(library.url, {"q": "report " * 715})
    assert response.status_code == 200
    assert len(html(response).select_one("#library-q")["value"]) <= 200


def test_repeated_parameters_count_once(client, library, shelf):
    response = client.get(library.url + "?language=fr&language=es&language=es")
    assert response.status_code == 200
    assert titles(response) == ["Informe anual"]


def test_a_year_with_no_documents_gives_a_clear_empty_state(client, library, shelf):
    response = client.get(library.url, {"year": "1900"})
    assert response.status_code == 200
    assert "No documents match year 1900." in text_of(html(response).select_one(".empty-state"))


# Robots


def test_filtered_and_searched_pages_are_not_for_search_engines(client, library, shelf):
    for params in ({"q": "guide"}, {"category": "guides"}, {"year": "abc"}, {"sort": "title"}):
        robots = html(client.get(library.url, params)).select_one('meta[name="robots"]')
        assert robots is not None and robots["content"] == "noindex", params


def test_the_plain_library_may_be_indexed(client, library, shelf):
    assert html(client.get(library.url)).select_one('meta[name="robots"]') is None


# The item card and members-only documents


def test_each_item_shows_title_description_date_language_type_size_and_download(client, library, categories):
    document = make_document(
        "Guide de l'adhésion", description="Comment adhérer.", language="fr", published=date(2024, 3, 6)
    )
    card = html(client.get(library.url)).select_one("main article.document-card")
    text = text_of(card)
    for expected in ["Guide de l'adhésion", "Comment adhérer.", "6 March 2024", "French", "PDF", document.size_label]:
        assert expected in text
    assert card.select_one("a.document-card__link")["href"] == f"/en/documents/{document.pk}-guide-de-ladhesion/"
    download = card.select_one("a.document-card__download")
    assert download["href"] == document.url
    assert download.has_attr("download")


def test_members_only_documents_are_listed_for_members_with_the_badge(client, library, member, members_collection):
    make_document("Public report")
    make_document("Board minutes", collection=members_collection)
    assert titles(client.get(library.url)) == ["Public report"]
    client.force_login(member)
    response = client.get(library.url)
    cards = {text_of(card.select_one(".document-card__title")): card for card in html(response).select("article")}
    assert set(cards) == {"Public report", "Board minutes"}
    assert cards["Board minutes"].select_one(".badge--members") is not None
    assert cards["Public report"].select_one(".badge--members") is None


def test_library_lists_only_its_collection_and_child_collections(client, home_page):
    reports = factories.CollectionFactory(name="Reports")
    annual = factories.CollectionFactory(name="Annual", parent=reports)
    make_document("In reports", collection=reports)
    make_document("In annual", collection=annual)
    make_document("Elsewhere")
    library = factories.DocumentsLibraryPageFactory(parent=home_page, collection=reports, slug="reports")
    assert sorted(titles(client.get(library.url))) == ["In annual", "In reports"]
    assert facet(client.get(library.url), "type") == {"PDF": 2}
