"""Document versions: replacing a file keeps the document's address and keeps the earlier files, each at its own
stable address under the document's access rules, with downloads counted per version and in total."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import DocumentVersion, PortalDocument
from tests.documents.conftest import make_document, pdf_with_text
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def replace_file(client, document, filename, text, note="", **fields):
    return client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "file": SimpleUploadedFile(filename, pdf_with_text(text)),
            "collection": document.collection_id,
            "publication_date": "2024-05-01",
            "language": "en",
            "version_note": note,
            **fields,
        },
    )


@pytest.fixture
def editor_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def replaced(editor_client, library):
    """A report replaced twice through the admin: version 3 is current."""
    document = make_document("Annual report", text="First edition.", filename="report.pdf")
    first_url = document.url
    assert replace_file(editor_client, document, "report-v2.pdf", "Second edition.", note="typos").status_code == 302
    document.refresh_from_db()
    response = replace_file(
        editor_client, document, "report-v3.pdf", "Third edition.", note="corrected figures on p. 4"
    )
    assert response.status_code == 302
    editor_client.logout()
    document.refresh_from_db()
    document.first_url = first_url
    return document


def test_replacing_the_file_keeps_the_document_and_numbers_the_versions(replaced, superuser):
    assert PortalDocument.objects.count() == 1
    assert replaced.version_number == 3
    assert replaced.version_note == "corrected figures on p. 4"
    versions = list(replaced.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].note == "typos"
    assert versions[1].uploaded_by == superuser
    assert versions[0].file_size and versions[0].file_hash
    assert "Third edition." in replaced.extracted_text
    assert "First edition." not in replaced.extracted_text


def test_the_documents_detail_page_and_id_address_serve_the_newest_file(client, replaced, library):
    response = client.get(library.document_url(replaced))
    assert response.status_code == 200
    assert replaced.url.startswith(f"/files/{replaced.pk}/")
    download = client.get(replaced.url)
    assert download["ETag"] == f'"{replaced.file_hash}"'
    assert download["Content-Disposition"] == 'inline; filename="report-v3.pdf"'


def test_earlier_versions_keep_their_files_at_their_own_stable_addresses(client, replaced):
    PortalDocument.objects.filter(pk=replaced.pk).update(show_earlier_versions=True)
    first = replaced.versions.get(number=1)
    assert first.url == f"/files/{replaced.pk}/v1/{first.filename}"
    response = client.get(first.url)
    assert response.status_code == 200
    assert response["ETag"] == f'"{first.file_hash}"'
    assert response["Content-Disposition"] == 'inline; filename="report.pdf"'
    assert body(response).startswith(b"%PDF")
    # The newest version has a numbered address too, serving the document's own file.
    current = client.get(replaced.version_url(3))
    assert current.status_code == 200
    assert current["ETag"] == f'"{replaced.file_hash}"'


def test_detail_page_says_updated_with_the_version_and_lists_earlier_versions_when_allowed(client, replaced, library):
    page = html(client.get(library.document_url(replaced)))
    assert "(version 3)" in text_of(page)
    assert "Updated on" in text_of(page)
    assert page.find(id="earlier-versions-heading") is None
    replaced.show_earlier_versions = True  # as the editor's form saves it
    replaced.save(update_fields=["show_earlier_versions"])
    page = html(client.get(library.document_url(replaced)))
    items = [text_of(li) for li in page.select(".document-detail__versions li")]
    assert len(items) == 2
    assert "Version 2" in items[0] and "typos" in items[0]
    links = [a["href"] for a in page.select(".document-detail__versions a")]
    assert links == [v.url for v in replaced.versions.order_by("-number")]


def test_earlier_versions_hidden_by_the_editor_answer_404_but_open_to_editors(client, replaced, superuser):
    first = replaced.versions.get(number=1)
    assert client.get(first.url).status_code == 404
    client.force_login(superuser)
    assert client.get(first.url).status_code == 200


def test_unknown_version_or_wrong_file_name_is_not_found(client, replaced):
    PortalDocument.objects.filter(pk=replaced.pk).update(show_earlier_versions=True)
    first = replaced.versions.get(number=1)
    assert client.get(f"/files/{replaced.pk}/v9/{first.filename}").status_code == 404
    assert client.get(f"/files/{replaced.pk}/v1/other.pdf").status_code == 404


def test_members_only_versions_follow_the_documents_access_rules(client, replaced, members_collection, member):
    PortalDocument.objects.filter(pk=replaced.pk).update(show_earlier_versions=True, collection=members_collection)
    first = replaced.versions.get(number=1)
    # Hidden answers exactly as missing: the same 404 as an unknown version.
    assert client.get(first.url).status_code == 404
    assert client.get(replaced.version_url(3)).status_code == 404
    client.force_login(member)
    response = client.get(first.url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_downloads_are_counted_per_version_and_in_total(client, replaced):
    PortalDocument.objects.filter(pk=replaced.pk).update(show_earlier_versions=True)
    first = replaced.versions.get(number=1)
    client.get(first.url)
    client.get(first.url)
    client.get(replaced.url)
    replaced.refresh_from_db()
    assert replaced.download_count == 3
    assert replaced.version_download_count == 1
    assert DocumentVersion.objects.get(pk=first.pk).download_count == 2


def test_the_current_versions_downloads_move_to_its_version_when_replaced(editor_client, library):
    document = make_document("Guide", text="One.")
    editor_client.get(document.url)
    document.refresh_from_db()
    replace_file(editor_client, document, "guide-2.pdf", "Two.")
    document.refresh_from_db()
    assert document.version_download_count == 0
    assert document.download_count == 1
    assert document.versions.get(number=1).download_count == 1


def test_replaced_files_stay_on_storage(replaced):
    for version in replaced.versions.all():
        assert version.file.storage.exists(version.file.name)


def test_edit_form_offers_the_version_note_and_the_earlier_versions_option(editor_client):
    document = make_document("Guide")
    page = html(editor_client.get(reverse("wagtaildocs:edit", args=[document.pk])))
    assert page.find("input", attrs={"name": "version_note"}) is not None
    assert page.find("input", attrs={"name": "show_earlier_versions"}) is not None


def test_saving_without_a_new_file_makes_no_version(editor_client):
    document = make_document("Guide")
    editor_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "Guide renamed",
            "collection": document.collection_id,
            "publication_date": "2024-05-01",
            "language": "en",
        },
    )
    document.refresh_from_db()
    assert document.title == "Guide renamed"
    assert document.version_number == 1
    assert not document.versions.exists()


def test_deleting_a_document_deletes_its_earlier_files_too(replaced, django_capture_on_commit_callbacks):
    names = [(v.file.storage, v.file.name) for v in replaced.versions.all()]
    with django_capture_on_commit_callbacks(execute=True):
        PortalDocument.objects.get(pk=replaced.pk).delete()
    assert not DocumentVersion.objects.exists()
    assert not any(storage.exists(name) for storage, name in names)


def test_the_admin_edit_page_lists_the_versions_with_uploader_and_downloads(replaced, client, superuser):
    client.force_login(superuser)
    page = html(client.get(reverse("wagtaildocs:edit", args=[replaced.pk])))
    items = [text_of(li) for li in page.select(".document-versions li")]
    assert len(items) == 2
    assert items[0].startswith("Version 2") and "typos" in items[0] and superuser.get_username() in items[0]
    assert "0 downloads" in items[0]
