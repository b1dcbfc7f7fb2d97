"""The document model's derived fields: file type, original name, extracted text; categories."""

import logging

import pytest
from django.db import connection
from django.utils import timezone

from documents.models import DocumentCategory, PortalDocument
from documents.tasks import MAX_ATTEMPTS
from tests.documents.conftest import docx_with_text, encrypted_pdf, make_document

pytestmark = pytest.mark.django_db


def test_pdf_text_is_extracted_and_stored_at_upload():
    document = make_document("Statutes", text="Article one: the federation's members meet every spring.")
    assert "the federation's members meet every spring" in PortalDocument.objects.get(pk=document.pk).extracted_text


def test_docx_text_is_extracted_and_stored_at_upload():
    document = make_document("Rules", data=docx_with_text("Model rules for housing co-operatives."), filename="r.docx")
    assert "Model rules for housing co-operatives." in document.extracted_text
    assert document.file_type == "docx"


def test_txt_and_csv_text_is_stored_at_upload():
    txt = make_document("Notes", data="Plain notes, café included.".encode(), filename="notes.txt")
    csv = make_document("Figures", data=b"sector,members\nhousing,45\n", filename="figures.csv")
    assert txt.extracted_text == "Plain notes, café included."
    assert "housing,45" in csv.extracted_text


def test_corrupt_pdf_uploads_without_text_and_the_failure_is_logged_and_shown_after_bounded_retries(caplog):
    with caplog.at_level(logging.WARNING, logger="documents.tasks"):
        document = make_document("Broken", data=b"%PDF-1.4 this is not really a PDF")
    stored = PortalDocument.objects.get(pk=document.pk)
    assert stored.extracted_text == ""
    assert stored.text_extraction_status == "failed"
    assert stored.text_extraction_attempts == MAX_ATTEMPTS
    assert "PdfStreamError" in stored.text_extraction_error
    assert f"failed {MAX_ATTEMPTS} times; giving up" in caplog.text


def test_encrypted_pdf_uploads_without_text_and_the_skip_is_logged_and_shown(caplog):
    with caplog.at_level(logging.WARNING, logger="documents.tasks"):
        document = make_document("Locked", data=encrypted_pdf("Hidden words"))
    stored = PortalDocument.objects.get(pk=document.pk)
    assert stored.extracted_text == ""
    assert (stored.text_extraction_status, stored.text_extraction_error) == ("failed", "the PDF is encrypted")
    assert stored.text_extraction_attempts == 1  # a reason, not a fault: not retried
    assert "encrypted" in caplog.text


def test_file_type_is_derived_from_the_extension_in_lower_case():
    document = make_document("Spreadsheet", data=b"PK\x03\x04", filename="Budget.XLSX")
    assert PortalDocument.objects.get(pk=document.pk).file_type == "xlsx"
    assert document.file_type_label == "Excel"


def test_original_filename_is_kept_when_storage_renames_the_file():
    first = make_document("One", filename="Rapport annuel.pdf")
    second = make_document("Two", filename="Rapport annuel.pdf")
    assert first.filename != second.filename  # storage made the second name unique
    assert second.original_filename == "Rapport annuel.pdf"
    assert second.download_filename == "Rapport annuel.pdf"


def test_text_is_not_extracted_again_when_only_metadata_changes(monkeypatch):
    document = make_document("Guide", text="Original words.")
    calls = []
    monkeypatch.setattr("documents.extraction.extract_text", lambda *args, **kwargs: calls.append(args) or "")
    document = PortalDocument.objects.get(pk=document.pk)
    document.description = "Changed."
    document.save()
    assert calls == []
    assert "Original words." in PortalDocument.objects.get(pk=document.pk).extracted_text


def test_publication_date_defaults_to_today_and_language_to_english():
    document = PortalDocument(title="New")
    assert document.publication_date == timezone.localdate()
    assert document.language == "en"
    assert document.language_label == "English"


def test_category_slug_is_made_from_its_name_when_left_empty():
    assert DocumentCategory.objects.create(name="Annual reports").slug == "annual-reports"


def test_admin_form_offers_the_library_fields_with_help_text():
    for name in ("description", "category", "publication_date", "language", "tags"):
        assert name in PortalDocument.admin_form_fields
    for name in ("category", "publication_date", "language"):
        assert PortalDocument._meta.get_field(name).help_text


@pytest.mark.postgres
def test_search_vector_is_built_on_postgresql_with_the_documents_language():
    document = make_document("Rapports", text="Les coopératives publient leurs rapports.", language="fr")
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM documents_portaldocument WHERE id = %s", [document.pk])
        vector = cursor.fetchone()[0]
    assert "'rapport'" in vector  # French stemming: "rapports" -> "rapport"
