"""Fixtures for the documents library's tests: a library page, categories and documents with real text."""

import io
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.utils.text import slugify

from documents.models import DocumentCategory, PortalDocument
from home.demo.pdf import render_pdf
from tests import factories


def pdf_with_text(*paragraphs, title="A document"):
    """A real PDF (text in Helvetica, extractable) holding ``paragraphs``."""
    return render_pdf(title, (("h1", title), *(("p", paragraph) for paragraph in paragraphs)))


def docx_with_text(*paragraphs):
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def encrypted_pdf(text="Secret words"):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_text(text))))
    writer.encrypt(user_password="open-sesame", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_document(
    title="A document",
    *,
    text="",
    data=None,
    filename=None,
    category=None,
    language="en",
    published=date(2024, 5, 1),
    collection=None,
    description="",
):
    """A saved document as the admin would save it (metadata set, text extracted). A PDF unless ``data`` and
    ``filename`` say otherwise."""
    filename = filename or f"{slugify(title) or 'document'}.pdf"
    if data is None:
        data = pdf_with_text(text or f"The text of {title}.", title=title)
    document = PortalDocument(
        title=title,
        description=description,
        category=category,
        language=language,
        publication_date=published,
        collection=collection or factories.root_collection(),
        file=ContentFile(data, name=filename),
    )
    document._set_document_file_metadata()
    document.save()
    return document


@pytest.fixture
def library(home_page):
    return factories.DocumentsLibraryPageFactory(parent=home_page, title="Documents", slug="documents")


@pytest.fixture
def categories(db):
    return {
        slug: DocumentCategory.objects.create(name=name, slug=slug)
        for slug, name in [("guides", "Guides"), ("reports", "Annual reports"), ("minutes", "Minutes")]
    }
