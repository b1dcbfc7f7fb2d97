"""Translation sets: one report in English, French and Spanish as three linked documents ("Also in Français ·
Español" on their pages and cards), and the library in the visitor's language with an "All languages" switch."""

import uuid
from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from documents.models import PortalDocument
from tests import factories
from tests.documents.conftest import make_document
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db


def detail_url(library, document):
    return f"{library.url}{document.pk}-{document.slug}/"


def make_set(*documents):
    key = uuid.uuid4()
    for document in documents:
        document.translation_key = key
        document.save(update_fields=["translation_key"])
    return documents


@pytest.fixture
def report(db):
    """The annual report in English, French and Spanish, one translation set."""
    return make_set(
        make_document("Annual report 2024", language="en", published=date(2025, 3, 1)),
        make_document("Rapport annuel 2024", language="fr", published=date(2025, 3, 1)),
        make_document("Informe anual 2024", language="es", published=date(2025, 3, 1)),
    )


def also_in(node):
    """``{language code: link}`` of the "Also in" links in ``node``."""
    links = node.select(".document-card__translations a, .document-detail__translations a")
    return {link["hreflang"]: link for link in links}


def visible_text(node):
    """The words a sighted visitor reads in ``node`` (without the screen-reader-only ones)."""
    node = BeautifulSoup(str(node), "html.parser")
    for hidden in node.select(".visually-hidden"):
        hidden.decompose()
    return text_of(node)


def card_titled(response, title):
    for card in html(response).select("main article.document-card"):
        if text_of(card.select_one(".document-card__title")) == title:
            return card
    raise AssertionError(f"no card titled {title!r}")


# The detail page


def test_detail_page_offers_the_other_languages_of_its_set(client, library, report):
    english, french, spanish = report
    response = client.get(detail_url(library, english))
    main = html(response).find("main")
    assert "Also in Français · Español" in visible_text(main.select_one(".document-detail__translations"))
    links = also_in(main)
    assert set(links) == {"fr", "es"}
    assert links["fr"]["href"] == detail_url(library, french)
    assert links["es"]["href"] == detail_url(library, spanish)
    assert links["fr"]["lang"] == "fr"


def test_the_translations_page_links_back(client, library, report):
    english, french, _spanish = report
    links = also_in(html(client.get(detail_url(library, french))).find("main"))
    assert set(links) == {"en", "es"}
    assert client.get(links["en"]["href"]).status_code == 200


def test_a_document_in_no_set_says_nothing_of_other_languages(client, library):
    document = make_document("Statutes")
    main = html(client.get(detail_url(library, document))).find("main")
    assert main.select_one(".document-detail__translations") is None


def test_a_members_only_translation_is_not_shown_to_anonymous_visitors(client, library, members_collection):
    english, french = make_set(
        make_document("Budget 2025", language="en"),
        make_document("Budget confidentiel 2025", language="fr", collection=members_collection),
    )
    response = client.get(detail_url(library, english))
    main = html(response).find("main")
    assert main.select_one(".document-detail__translations") is None
    assert b"Budget confidentiel" not in response.content
    assert b"Fran\xc3\xa7ais" not in response.content
    assert b'hreflang="fr"' not in response.content


def test_a_members_only_translation_is_offered_to_members(client, library, members_collection, member):
    english, french = make_set(
        make_document("Budget 2025", language="en"),
        make_document("Budget confidentiel 2025", language="fr", collection=members_collection),
    )
    client.force_login(member)
    links = also_in(html(client.get(detail_url(library, english))).find("main"))
    assert links["fr"]["href"] == detail_url(library, french)


def test_a_translation_outside_the_library_is_not_offered(client, library, report):
    english, french, _spanish = report
    other = factories.CollectionFactory(name="Elsewhere")
    library.collection = factories.root_collection()
    library.save()
    french.collection = other
    french.save(update_fields=["collection"])
    library.collection = factories.CollectionFactory(name="Library")
    library.save()
    for document in report:
        if document is not french:
            document.collection = library.collection
            document.save(update_fields=["collection"])
    links = also_in(html(client.get(detail_url(library, english))).find("main"))
    assert set(links) == {"es"}


# Cards in the library


def test_library_cards_offer_the_other_languages(client, library, report):
    english, french, spanish = report
    card = card_titled(client.get(library.url), "Annual report 2024")
    assert "Also in Français · Español" in visible_text(card.select_one(".document-card__translations"))
    links = also_in(card)
    assert links["fr"]["href"] == detail_url(library, french)
    assert links["es"]["href"] == detail_url(library, spanish)


def test_library_cards_hide_members_only_translations_from_anonymous_visitors(client, library, members_collection):
    make_set(
        make_document("Budget 2025", language="en"),
        make_document("Budget confidentiel 2025", language="fr", collection=members_collection),
    )
    response = client.get(library.url, {"language": "all"})
    card = card_titled(response, "Budget 2025")
    assert card.select_one(".document-card__translations") is None
    assert b"Budget confidentiel" not in response.content


def warm_count(client, url, **params):
    """Queries of the second of two requests (the first warms the caches a running site keeps warm)."""
    assert client.get(url, params).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response


def test_library_cards_with_translations_cost_one_query_more_however_many(client, library):
    for number in range(3):
        make_document(f"Plain {number}", language="en")
    plain, _response = warm_count(client, library.url, language="all")
    counts = []
    for sets in (1, 6):
        while PortalDocument.objects.exclude(translation_key=None).count() < sets * 3:
            number = PortalDocument.objects.count()
            make_set(
                make_document(f"Report {number}", language="en"),
                make_document(f"Rapport {number}", language="fr"),
                make_document(f"Informe {number}", language="es"),
            )
        count, response = warm_count(client, library.url, language="all")
        assert len(html(response).select("main .document-card__translations")) == sets * 3
        counts.append(count)
    # One query for the sets of every card on the page, whatever their number.
    assert counts == [plain + 1, plain + 1]


# The library in the visitor's language


@pytest.fixture
def mixed(db):
    return [
        make_document("Guide for members", language="en"),
        make_document("Guide des membres", language="fr"),
        make_document("Guía para socios", language="es"),
        make_document("Statuts", language="fr"),
    ]


def titles(response):
    return {text_of(node) for node in html(response).select("main .document-card__title")}


def test_library_lists_documents_in_the_visitors_language_by_default(client, library, mixed):
    response = client.get(library.url)
    assert titles(response) == {"Guide for members"}
    notice = html(response).select_one("main .library__language")
    assert "Showing documents in English" in text_of(notice)


def test_library_offers_a_visible_all_languages_switch(client, library, mixed):
    soup = html(client.get(library.url))
    switch = soup.select_one("main a.library__all-languages")
    assert switch["href"] == "?language=all"
    facet = soup.select_one('main a.facet__link[data-value="all"]')
    assert "All languages" in text_of(facet)
    assert facet.get("aria-current") is None  # English is selected, not every language
    response = client.get(library.url + switch["href"])
    assert titles(response) == {"Guide for members", "Guide des membres", "Guía para socios", "Statuts"}
    assert html(response).select_one("main .library__language") is None


def test_an_explicit_language_overrides_the_visitors_language(client, library, mixed):
    response = client.get(library.url, {"language": "fr"})
    assert titles(response) == {"Guide des membres", "Statuts"}
    counts = {
        link["data-value"]: text_of(link.select_one(".facet__count")).split()[0]
        for link in html(response).select('main a.facet__link[data-facet="language"]')
    }
    assert counts == {"all": "4", "en": "1", "fr": "2", "es": "1"}


def test_a_bad_language_value_is_ignored_with_a_message(client, library, mixed):
    response = client.get(library.url, {"language": "klingon"})
    assert response.status_code == 200
    assert "There is no such language" in text_of(html(response).find("main"))


def test_the_search_form_keeps_all_languages(client, library, mixed):
    soup = html(client.get(library.url, {"language": "all"}))
    hidden = {field["name"]: field["value"] for field in soup.select("form.library-search input[type=hidden]")}
    assert hidden == {"language": "all"}


def test_library_with_nothing_in_the_visitors_language_says_so_and_links_to_all(client, library):
    make_document("Statuts", language="fr")
    soup = html(client.get(library.url))
    empty = soup.select_one("main .empty-state")
    assert "no documents in English" in text_of(empty)
    assert empty.select_one("a")["href"] == "?language=all"


@pytest.fixture
def french_library(home_page, library):
    """The library's French translation, at /fr/documents/ under the French home page."""
    french = Locale.objects.get(language_code="fr")
    french_home = home_page.get_translation_or_none(french) or home_page.copy_for_translation(french)
    french_home.save_revision().publish()
    french_library = library.copy_for_translation(french)
    french_library.save_revision().publish()
    french_library.refresh_from_db()
    return french_library.specific


def test_the_french_library_lists_french_documents_by_default(client, french_library, mixed):
    assert french_library.url.startswith("/fr/")
    response = client.get(french_library.url)
    assert response.status_code == 200
    assert titles(response) == {"Guide des membres", "Statuts"}


def test_document_pages_work_under_the_french_library(client, french_library, report):
    english, french, _spanish = report
    response = client.get(detail_url(french_library, french))
    assert response.status_code == 200
    links = also_in(html(response).find("main"))
    assert links["en"]["href"] == detail_url(french_library, english)
    assert links["en"]["href"].startswith("/fr/")


# The model and the admin


def test_a_set_holds_one_document_per_language(report):
    english, _french, _spanish = report
    other = make_document("Annual report, second English copy", language="en")
    other.translation_key = english.translation_key
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save(update_fields=["translation_key"])


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def edit_data(document, **changes):
    return {
        "title": document.title,
        "collection": document.collection_id,
        "publication_date": document.publication_date.isoformat(),
        "language": document.language,
        "description": document.description,
        "version_note": "",
        **changes,
    }


def test_admin_makes_a_document_a_translation_of_another(admin_client):
    english = make_document("Code of conduct", language="en")
    spanish = make_document("Código de conducta", language="es")
    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[spanish.pk]), edit_data(spanish, translation_of=english.pk)
    )
    assert response.status_code == 302
    english.refresh_from_db()
    spanish.refresh_from_db()
    assert english.translation_key is not None
    assert spanish.translation_key == english.translation_key
    edit_page = admin_client.get(reverse("wagtaildocs:edit", args=[spanish.pk]))
    assert "Translation of" in edit_page.content.decode()


def test_admin_refuses_a_second_document_in_a_language_of_the_set(admin_client, report):
    english, _french, _spanish = report
    other = make_document("Annual report (draft)", language="en")
    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[other.pk]), edit_data(other, translation_of=english.pk)
    )
    assert response.status_code == 200
    assert "a set holds one document per language" in response.content.decode()
    other.refresh_from_db()
    assert other.translation_key is None


def test_admin_takes_a_document_out_of_its_set(admin_client, report):
    _english, french, _spanish = report
    response = admin_client.post(reverse("wagtaildocs:edit", args=[french.pk]), edit_data(french, translation_of=""))
    assert response.status_code == 302
    french.refresh_from_db()
    assert french.translation_key is None
    assert PortalDocument.objects.filter(translation_key=report[0].translation_key).count() == 2
