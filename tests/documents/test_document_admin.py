"""The documents' admin: upload rules, the library fields and filters, categories, the downloads report."""

import logging
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from documents.models import DocumentCategory, PortalDocument
from tests import factories
from tests.documents.conftest import make_document, pdf_with_text
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def upload(admin_client, filename, data, **fields):
    return admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": fields.pop("title", "Uploaded"),
            "file": SimpleUploadedFile(filename, data),
            "collection": factories.root_collection().pk,
            "publication_date": "2024-05-01",
            "language": "fr",
            **fields,
        },
    )


# Upload rules


@pytest.mark.parametrize("filename", ["virus.exe", "page.html", "picture.svg", "script.js", "noextension"])
def test_admin_refuses_a_file_outside_the_allow_list_with_a_clear_message(admin_client, filename):
    response = upload(admin_client, filename, b"MZ binary")
    assert response.status_code == 200
    text = text_of(html(response))
    assert "is not allowed" in text
    assert "pdf, docx, xlsx, pptx, odt, ods, csv, txt, zip" in text
    assert not PortalDocument.objects.exists()


def test_admin_multiple_upload_refuses_a_file_outside_the_allow_list_with_a_clear_message(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("virus.exe", b"MZ binary"), "collection": factories.root_collection().pk},
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert "is not allowed" in answer["error_message"]
    assert not PortalDocument.objects.exists()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_admin_refuses_a_file_over_the_size_limit_with_a_clear_message(admin_client):
    response = upload(admin_client, "big.pdf", pdf_with_text("word " * 2000))
    assert response.status_code == 200
    assert "This file is too big" in text_of(html(response))
    assert not PortalDocument.objects.exists()


def test_admin_upload_stores_the_library_fields_and_the_pdfs_text(admin_client, categories):
    response = upload(
        admin_client,
        "Rapport annuel.pdf",
        pdf_with_text("Les coopératives ont tenu leur assemblée."),
        description="Le rapport de l'année.",
        category=categories["reports"].pk,
    )
    assert response.status_code == 302
    document = PortalDocument.objects.get()
    assert document.category == categories["reports"]
    assert document.language == "fr"
    assert str(document.publication_date) == "2024-05-01"
    assert document.file_type == "pdf"
    assert document.original_filename == "Rapport annuel.pdf"
    assert "Les coopératives ont tenu leur assemblée." in document.extracted_text


def test_admin_upload_of_a_corrupt_pdf_succeeds_without_text(admin_client, caplog):
    with caplog.at_level(logging.WARNING, logger="documents.extraction"):
        response = upload(admin_client, "broken.pdf", b"%PDF-1.7\n1 0 obj <<garbage")
    assert response.status_code == 302
    assert PortalDocument.objects.get().extracted_text == ""
    assert "broken" in caplog.text


def test_admin_replacing_the_file_extracts_the_new_text(admin_client):
    document = make_document("Guide", text="First edition.")
    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "Guide",
            "file": SimpleUploadedFile("guide-2.pdf", pdf_with_text("Second edition.")),
            "collection": document.collection_id,
            "publication_date": "2024-05-01",
            "language": "en",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert "Second edition." in document.extracted_text
    assert "First edition." not in document.extracted_text


def test_admin_add_form_shows_the_library_fields_with_help(admin_client):
    soup = html(admin_client.get(reverse("wagtaildocs:add")))
    for name in ("description", "category", "publication_date", "language"):
        assert soup.select_one(f"[name={name}]") is not None, name
    assert "The kind of document" in soup.get_text()


# Filters and search in the admin's documents index


def admin_titles(response):
    return {text_of(link) for link in html(response).select("#listing-results table .title a")}


def test_admin_documents_index_filters_by_category_language_type_and_year(admin_client, categories):
    make_document("English guide", category=categories["guides"], published=date(2023, 1, 1))
    make_document("French report", category=categories["reports"], language="fr")
    make_document("Figures", data=b"a,b\n", filename="figures.csv")
    index = reverse("wagtaildocs:index")
    assert admin_titles(admin_client.get(index, {"category": categories["guides"].pk})) == {"English guide"}
    assert admin_titles(admin_client.get(index, {"language": "fr"})) == {"French report"}
    assert admin_titles(admin_client.get(index, {"file_type": "csv"})) == {"Figures"}
    assert admin_titles(admin_client.get(index, {"year": "2023"})) == {"English guide"}


def test_admin_documents_index_searches_description_and_extracted_text(admin_client):
    make_document("Statutes", text="Quorum rules for the assembly.")
    make_document("Handbook", description="Onboarding for new treasurers.")
    make_document("Other")
    index = reverse("wagtaildocs:index")
    assert admin_titles(admin_client.get(index, {"q": "quorum"})) == {"Statutes"}
    assert admin_titles(admin_client.get(index, {"q": "treasurers"})) == {"Handbook"}


def test_admin_documents_index_shows_category_language_and_publication_columns(admin_client, categories):
    make_document("Guide", category=categories["guides"], language="es")
    text = text_of(html(admin_client.get(reverse("wagtaildocs:index"))).select_one("#listing-results table"))
    for expected in ["Category", "Language", "Published", "Guides", "Spanish"]:
        assert expected in text


# Categories


def test_editors_manage_document_categories_as_snippets(client, editor):
    client.force_login(factories.SuperuserFactory())
    response = client.post(
        reverse("wagtailsnippets_documents_documentcategory:add"), {"name": "Policy papers", "slug": ""}
    )
    assert response.status_code == 302
    assert DocumentCategory.objects.get().slug == "policy-papers"
    listing = client.get(reverse("wagtailsnippets_documents_documentcategory:list"))
    assert "Policy papers" in text_of(html(listing))


# The downloads report


def test_downloads_report_lists_the_most_downloaded_documents_first(admin_client):
    quiet = make_document("Quiet report")
    popular = make_document("Popular guide")
    PortalDocument.objects.filter(pk=popular.pk).update(download_count=42)
    PortalDocument.objects.filter(pk=quiet.pk).update(download_count=3)
    response = admin_client.get(reverse("portal_documents_downloads_report"))
    assert response.status_code == 200
    rows = [text_of(row) for row in html(response).select("table tbody tr")]
    assert rows[0].startswith("Popular guide") and "42" in rows[0]
    assert rows[1].startswith("Quiet report") and "3" in rows[1]


def test_downloads_report_exports_csv(admin_client):
    PortalDocument.objects.filter(pk=make_document("Popular guide").pk).update(download_count=7)
    response = admin_client.get(reverse("portal_documents_downloads_report"), {"export": "csv"})
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert content.splitlines()[0] == "Title,Collection,Category,Published,Downloads"
    assert content.splitlines()[1].startswith("Popular guide,") and content.splitlines()[1].endswith(",7")


def test_downloads_report_is_in_the_reports_menu(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert reverse("portal_documents_downloads_report") in response.content.decode()


def test_downloads_report_is_refused_to_users_without_document_permissions(client):
    client.force_login(factories.UserFactory(is_staff=False))
    response = client.get(reverse("portal_documents_downloads_report"))
    assert response.status_code in (302, 403)
