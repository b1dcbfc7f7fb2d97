"""Documents chosen in blocks, and the latest documents, in the page's language.

A translated page keeps the document ids its original chose (wagtail-localize copies them). At render time each
chosen document that has a version in the page's language the request may see is shown as that version; a document
with no such version is still shown, with its language; "Latest documents" lists one card per translation set.
"""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.fixtures import html, text_of, translate

pytestmark = pytest.mark.django_db


def document(title, language="en", date=(2025, 1, 1), key=None, **kwargs):
    doc = factories.PortalDocumentFactory(
        title=title, language=language, publication_date=datetime.date(*date), translation_key=key, **kwargs
    )
    return doc


@pytest.fixture
def docs(db):
    report, guide = uuid.uuid4(), uuid.uuid4()
    return {
        "report_en": document("Annual report", date=(2025, 1, 1), key=report),
        "report_fr": document("Rapport annuel", "fr", date=(2025, 1, 2), key=report),
        "tables_en": document("Data tables", date=(2024, 1, 1)),
        "guide_en": document("Membership guide", date=(2025, 3, 1), key=guide),
        "guide_fr": document("Guide de l'adhésion", "fr", date=(2024, 3, 1), key=guide),
        "notes_en": document("Meeting notes", date=(2023, 1, 1)),
    }


@pytest.fixture
def homes(home_page, docs):
    home_page.body = [
        {
            "type": "document_links",
            "value": {"heading": "Featured", "documents": [docs["report_en"].pk, docs["tables_en"].pk]},
        }
    ]
    home_page.save_revision().publish()
    home_page.refresh_from_db()
    return {"en": home_page, "fr": translate(home_page, "fr", "Accueil"), "es": translate(home_page, "es", "Inicio")}


def titles(response, heading):
    found = html(response).find(lambda tag: tag.name == "h2" and text_of(tag) == heading)
    assert found is not None, f"no {heading!r} heading"
    return [text_of(title) for title in found.find_parent(["section", "div"]).select(".document-card__title")]


def test_french_home_shows_the_french_edition_of_a_chosen_document(client, homes):
    featured = titles(client.get(homes["fr"].url), "Featured")
    assert featured == ["Rapport annuel", "Data tables"]


def test_a_document_with_no_version_in_the_pages_language_still_shows_with_its_language(client, homes):
    response = client.get(homes["fr"].url)
    card = html(response).find(lambda tag: tag.name == "h3" and text_of(tag) == "Data tables").find_parent("article")
    assert "Anglais" in text_of(card.select_one(".document-card__language"))
    spanish = titles(client.get(homes["es"].url), "Featured")
    assert spanish == ["Annual report", "Data tables"]  # no Spanish edition of either


def test_english_home_keeps_the_chosen_documents(client, homes):
    assert titles(client.get(homes["en"].url), "Featured") == ["Annual report", "Data tables"]


def test_latest_documents_list_one_card_per_translation_set_in_the_pages_language(client, homes):
    french = titles(client.get(homes["fr"].url), "Derniers documents")
    # The guide's set is placed by its newest version (the English one, 2025) and shown in French.
    assert french == ["Guide de l'adhésion", "Meeting notes"]
    english = titles(client.get(homes["en"].url), "Latest documents")
    assert english == ["Membership guide", "Meeting notes"]
    # Neither lists the report again: the page's "Featured" block offers it (in one language or the other).
    spanish = titles(client.get(homes["es"].url), "Últimos documentos")
    assert spanish == ["Membership guide", "Meeting notes"]


def test_two_choices_of_one_report_show_once(client, homes, docs):
    page = factories.StandardPageFactory(parent=homes["en"], title="Reports", slug="reports")
    page.related_documents = [
        {"type": "document", "value": docs["report_en"].pk},
        {"type": "document", "value": docs["report_fr"].pk},
    ]
    page.save_revision().publish()
    french = translate(page, "fr", "Rapports", "rapports")
    assert titles(client.get(french.url), "Documents associés") == ["Rapport annuel"]
    assert titles(client.get(page.url), "Related documents") == ["Annual report"]


def test_rich_text_link_opens_the_edition_in_the_pages_language(client, homes, docs):
    body = f'<p>Read <a linktype="document" id="{docs["report_en"].pk}">the report</a>.</p>'
    page = factories.StandardPageFactory(
        parent=homes["en"], title="Reading", body=[{"type": "rich_text", "value": body}]
    )
    french = translate(page, "fr", "Lecture", "lecture")
    links = {link["href"] for link in html(client.get(french.url)).select(".stream a[href]")}
    assert docs["report_fr"].url in links and docs["report_en"].url not in links
    links = {link["href"] for link in html(client.get(page.url)).select(".stream a[href]")}
    assert docs["report_en"].url in links


def test_api_shows_the_documents_of_a_page_in_the_pages_language(client, homes):
    for language, expected in [("fr", ["Rapport annuel", "Data tables"]), ("en", ["Annual report", "Data tables"])]:
        data = client.get(f"/api/v2/pages/{homes[language].pk}/").json()
        (block,) = [block["value"] for block in data["body"] if block["type"] == "document_links"]
        assert [doc["title"] for doc in block["documents"]] == expected


def warm_queries(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_chosen_documents_in_translation_sets_cost_no_extra_query(client, homes, docs):
    page = factories.StandardPageFactory(parent=homes["en"], title="Reports", slug="reports")
    page.body = [{"type": "document_links", "value": {"heading": "Files", "documents": [docs["report_en"].pk]}}]
    page.related_documents = [{"type": "document", "value": docs["guide_en"].pk}]
    page.save_revision().publish()
    french = translate(page, "fr", "Rapports", "rapports")
    with_sets = warm_queries(client, french.url)
    assert "Rapport annuel" in client.get(french.url).content.decode()
    type(docs["report_en"]).objects.update(translation_key=None)
    assert warm_queries(client, french.url) == with_sets


def test_home_page_costs_at_most_one_more_query_with_translated_documents(client, homes, docs):
    with_sets = warm_queries(client, homes["fr"].url)
    type(docs["report_en"]).objects.update(translation_key=None)
    without_sets = warm_queries(client, homes["fr"].url)
    # The latest documents read the French versions to show in one more query; the chosen ones cost none.
    assert with_sets <= without_sets + 1


def test_a_document_in_another_language_is_marked_with_its_language(client, homes):
    """WCAG 3.1.2 (language of parts): a screen reader reads "Data tables" on the French home in English, and
    "Rapport annuel" (the page's own language) with the page's voice."""
    page = html(client.get(homes["fr"].url))
    english = page.find(lambda tag: tag.name == "h3" and text_of(tag) == "Data tables")
    french = page.find(lambda tag: tag.name == "h3" and text_of(tag) == "Rapport annuel")
    assert english.get("lang") == "en"
    assert french.get("lang") is None
    english_card = english.find_parent("article")
    assert english_card.select_one(".document-card__download span[lang='en']") is not None
    assert page.find("html").get("lang") == "fr"
    on_english_home = html(client.get(homes["en"].url))
    assert not on_english_home.select(".document-card__title[lang]"), "English titles on the English page are marked"
