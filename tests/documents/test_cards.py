"""One item card for every list of documents: related documents, document-link blocks and the library."""

from datetime import date

import pytest
from pytest_django.asserts import assertTemplateUsed

from tests import factories
from tests.documents.conftest import make_document
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(db):
    return make_document("Guía cooperativa", description="Una guía.", language="es", published=date(2021, 5, 17))


def assert_full_card(card, document):
    text = text_of(card)
    for expected in [document.title, document.description, "17 May 2021", "Spanish", "PDF", document.size_label]:
        assert expected in text
    assert card.select_one("a.document-card__download")["href"] == document.url


def test_related_documents_on_a_standard_page_use_the_document_card(client, home_page, guide):
    page = factories.StandardPageFactory(parent=home_page, related_documents=[{"type": "document", "value": guide.pk}])
    response = client.get(page.url)
    assertTemplateUsed(response, "includes/document_card.html")
    assert_full_card(html(response).select_one("main article.document-card"), guide)


def test_related_documents_on_the_alliance_and_why_join_pages_use_the_document_card(
    client, alliance_page, why_join_page, guide
):
    for page in (alliance_page, why_join_page):
        page.related_documents = [{"type": "document", "value": guide.pk}]
        page.save_revision().publish()
        response = client.get(page.url)
        assertTemplateUsed(response, "includes/document_card.html")
        assert_full_card(html(response).select_one("main article.document-card"), guide)


def test_document_links_block_uses_the_document_card(client, home_page, guide):
    page = factories.StandardPageFactory(
        parent=home_page,
        body=[{"type": "document_links", "value": {"heading": "Read more", "documents": [guide.pk]}}],
    )
    response = client.get(page.url)
    assertTemplateUsed(response, "includes/document_card.html")
    assert_full_card(html(response).select_one("main .document-links article.document-card"), guide)


def test_the_library_uses_the_document_card(client, library, guide):
    response = client.get(library.url, {"language": "all"})  # the guide is in Spanish
    assertTemplateUsed(response, "includes/document_card.html")
    assert_full_card(html(response).select_one("main article.document-card"), guide)
