"""Showing a document never reads the text extracted from its file.

The text of a long PDF runs to hundreds of kilobytes. Only the search index and the library's full-text search
(inside the database) need it; cards, links, detail pages, downloads and the API read the other columns.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.documents.conftest import make_document

pytestmark = pytest.mark.django_db

LONG_TEXT = "cooperative housing " * 20_000


@pytest.fixture
def report(db):
    document = make_document("Annual report", description="The year in review.", published=date(2024, 3, 1))
    type(document).objects.filter(pk=document.pk).update(extracted_text=LONG_TEXT)
    return document


def columns_read(client, url, **extra):
    """The SQL of every query run while ``url`` is served (after a first, warming request)."""
    client.get(url, **extra)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200, url
    return " ".join(query["sql"] for query in queries)


def test_pages_showing_a_document_do_not_read_its_extracted_text(client, home_page, library, report):
    link = f'<p>Read <a linktype="document" id="{report.pk}">the report</a>.</p>'
    page = factories.StandardPageFactory(
        parent=home_page,
        body=[
            {"type": "paragraph", "value": link},
            {"type": "document_links", "value": {"heading": "Read more", "documents": [report.pk]}},
        ],
        related_documents=[{"type": "document", "value": report.pk}],
    )
    detail = library.url + library.reverse_subpage("document", args=[report.pk, report.slug])
    for url in [page.url, home_page.url, library.url, detail, f"/api/v2/documents/{report.pk}/"]:
        assert "extracted_text" not in columns_read(client, url), url


def test_a_download_does_not_read_the_extracted_text(client, report):
    assert "extracted_text" not in columns_read(client, report.url)


def test_the_library_search_still_finds_words_of_the_extracted_text(client, library, report):
    from documents import fulltext

    fulltext.refresh_search_vectors(type(report).objects.filter(pk=report.pk))
    response = client.get(library.url, {"q": "housing"})
    assert b"Annual report" in response.content
