"""DocumentsLibraryPage as visitors see it, and the document model's labels."""

import pytest
from pytest_django.asserts import assertTemplateUsed

from documents.models import PortalDocument
from tests import factories
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db


def test_documents_library_page_renders_with_its_template(client, documents_page):
    response = client.get(documents_page.url)
    assert response.status_code == 200
    assertTemplateUsed(response, "documents/documents_library_page.html")
    assert documents_page.url == "/en/documents/"


def test_documents_library_page_lists_documents_with_type_size_and_download_link(client, documents_page):
    document = factories.PortalDocumentFactory(title="Annual report 2024", description="The year in review.")
    main = html(client.get(documents_page.url)).find("main")
    text = text_of(main)
    assert "Annual report 2024" in text
    assert "The year in review." in text
    assert "PDF" in text
    assert document.size_label in text
    assert main.find("a", href=document.url) is not None


def test_documents_library_page_lists_the_newest_document_first(client, documents_page):
    factories.PortalDocumentFactory(title="Older")
    factories.PortalDocumentFactory(title="Newer")
    text = text_of(html(client.get(documents_page.url)).find("main"))
    assert text.index("Newer") < text.index("Older")


def test_documents_library_page_says_when_it_is_empty(client, documents_page):
    assert "There are no documents here yet." in text_of(html(client.get(documents_page.url)).find("main"))


def test_documents_library_page_hides_members_only_documents_from_anonymous(client, documents_page, members_collection):
    factories.PortalDocumentFactory(title="Public report")
    private = factories.PortalDocumentFactory(title="Members' budget", collection=members_collection)
    main = html(client.get(documents_page.url)).find("main")
    assert "Public report" in text_of(main)
    assert "Members' budget" not in text_of(main)
    assert main.find("a", href=private.url) is None


def test_documents_library_page_shows_members_only_documents_to_a_member(
    client, member, documents_page, members_collection
):
    private = factories.PortalDocumentFactory(title="Members' budget", collection=members_collection)
    client.force_login(member)
    assert html(client.get(documents_page.url)).find("main").find("a", href=private.url) is not None


def test_documents_library_page_lists_only_its_collection_and_child_collections(client, home_page):
    reports = factories.CollectionFactory(name="Reports")
    annual = factories.CollectionFactory(name="Annual", parent=reports)
    factories.PortalDocumentFactory(title="In reports", collection=reports)
    factories.PortalDocumentFactory(title="In annual", collection=annual)
    factories.PortalDocumentFactory(title="Elsewhere")
    library = factories.DocumentsLibraryPageFactory(parent=home_page, title="Reports library", collection=reports)
    text = text_of(html(client.get(library.url)).find("main"))
    assert "In reports" in text
    assert "In annual" in text
    assert "Elsewhere" not in text


def test_documents_library_page_is_paginated(client, documents_page):
    for number in range(documents_page.per_page + 1):
        factories.PortalDocumentFactory(title=f"Report {number:02d}")
    first = text_of(html(client.get(documents_page.url)).find("main"))
    second = text_of(html(client.get(documents_page.url, {"page": 2})).find("main"))
    assert "Report 20" in first
    assert "Report 00" not in first
    assert "Report 00" in second


@pytest.mark.parametrize("page", ["abc", "999", "-1", ""])
def test_documents_library_page_answers_a_bad_page_number(client, documents_page, page):
    factories.PortalDocumentFactory(title="Only one")
    response = client.get(documents_page.url, {"page": page})
    assert response.status_code == 200
    assert "Only one" in text_of(html(response).find("main"))


# PortalDocument


@pytest.mark.parametrize(
    ("filename", "label"),
    [("a.pdf", "PDF"), ("b.DOCX", "Word"), ("c.xlsx", "Excel"), ("d.odt", "OpenDocument text"), ("e.xyz", "XYZ")],
)
def test_document_file_type_label_names_the_format(filename, label):
    assert PortalDocument(title="A file", file=f"documents/{filename}").file_type_label == label


def test_document_size_label_is_readable_with_a_plain_space():
    assert PortalDocument(title="A file", file="documents/a.pdf", file_size=1_234_567).size_label == "1.2 MB"


def test_document_size_label_is_empty_when_the_file_is_missing():
    assert PortalDocument(title="A file", file="documents/missing.pdf").size_label == ""


def test_document_download_filename_is_the_files_name():
    document = factories.PortalDocumentFactory(title="Statutes")
    assert document.download_filename.startswith("statutes")
    assert document.download_filename.endswith(".pdf")
