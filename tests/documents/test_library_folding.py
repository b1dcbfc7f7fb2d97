"""The library's ``?q=`` folds like site search: case, accents and hyphens do not matter, in titles, descriptions
and the text read from the files, on SQLite and PostgreSQL alike."""

import pytest
from django.core.files.base import ContentFile

from tests import factories
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db


def titles(response):
    return sorted(text_of(node) for node in html(response).select("main .document-card__title"))


@pytest.fixture
def library(home_page):
    return factories.DocumentsLibraryPageFactory(parent=home_page, title="Documents", slug="documents")


@pytest.fixture
def spellings(library):
    factories.PortalDocumentFactory(title="Cooperative housing guide", language="en")
    factories.PortalDocumentFactory(title="Annual report", description="How each co-operative voted.", language="en")
    factories.PortalDocumentFactory(title="Guide de la Coopérative", language="fr")
    factories.PortalDocumentFactory(
        title="Informe anual",
        file=ContentFile("Fondo de GARANTÍA para viviendas.".encode(), name="informe.txt"),
        language="es",
    )
    factories.PortalDocumentFactory(title="Unrelated minutes", language="en")
    return library


@pytest.mark.parametrize("query", ["cooperative", "co-operative", "coopérative", "COOPÉRATIVE", "Co‑operative"])
def test_every_spelling_of_cooperative_finds_the_same_documents(client, spellings, query):
    assert titles(client.get(spellings.url, {"q": query, "language": "all"})) == [
        "Annual report",
        "Cooperative housing guide",
        "Guide de la Coopérative",
    ]


@pytest.mark.parametrize("query", ["garantia", "garantía", "GARANTIA"])
def test_a_query_with_or_without_accents_finds_accented_text_from_the_file(client, spellings, query):
    assert titles(client.get(spellings.url, {"q": query, "language": "all"})) == ["Informe anual"]


def test_a_query_of_only_punctuation_finds_nothing_and_answers_200(client, spellings):
    response = client.get(spellings.url, {"q": "&& -- ''"})
    assert response.status_code == 200
    assert titles(response) == []
