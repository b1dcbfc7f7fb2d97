"""A document uploaded in the admin stays out of public view until an editor saves it with its details."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import PortalDocument
from tests import factories
from tests.documents.conftest import make_document, pdf_with_text

pytestmark = pytest.mark.django_db

SECRET_TITLE = "scan-0042-draft"


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def multiple_upload(client):
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": SimpleUploadedFile(f"{SECRET_TITLE}.pdf", pdf_with_text("Budget figures.", title="Budget")),
            "title": SECRET_TITLE,
            "collection": factories.root_collection().pk,
        },
    )
    assert response.json()["success"] is True
    return PortalDocument.objects.get(title=SECRET_TITLE)


def public_surfaces(client, document, library):
    """What an anonymous visitor gets from every public surface that lists or serves documents."""
    client.logout()
    return {
        "library": client.get(library.url).content.decode(),
        "detail": client.get(library.document_url(document)).status_code,
        "search": client.get("/en/search/", {"q": SECRET_TITLE}).content.decode(),
        "api": client.get("/api/v2/documents/").json(),
        "api_detail": client.get(f"/api/v2/documents/{document.pk}/").status_code,
        "sitemap": client.get("/sitemap-documents.xml").content.decode(),
        "home": client.get("/en/").content.decode(),
        "file": client.get(document.url).status_code,
    }


def listed(surfaces, document):
    return {
        "library": SECRET_TITLE in surfaces["library"],
        "detail": surfaces["detail"] == 200,
        # The results page repeats the query: a result is a link to the document's page or file.
        "search": f"/{document.pk}-" in surfaces["search"] or document.url in surfaces["search"],
        "api": any(item["id"] == document.pk for item in surfaces["api"]["items"]),
        "api_detail": surfaces["api_detail"] == 200,
        "sitemap": f"/{document.pk}-" in surfaces["sitemap"],
        "home": SECRET_TITLE in surfaces["home"],
        "file": surfaces["file"] == 200,
    }


def test_a_multiple_upload_is_hidden_from_every_public_surface_until_saved(editor_client, library):
    document = multiple_upload(editor_client)
    assert document.published is False
    hidden = listed(public_surfaces(editor_client, document, library), document)
    assert hidden == dict.fromkeys(hidden, False)


def test_saving_the_edit_form_publishes_the_upload_everywhere(client, editor, library):
    client.force_login(editor)
    document = multiple_upload(client)
    response = client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": SECRET_TITLE,
            "collection": document.collection_id,
            "description": "The budget for 2025.",
            "publication_date": "2024-05-01",
            "language": "en",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.published is True
    shown = listed(public_surfaces(client, document, library), document)
    assert shown == dict.fromkeys(shown, True)


def test_the_multiple_uploaders_update_form_publishes_the_upload(editor_client):
    document = multiple_upload(editor_client)
    response = editor_client.post(
        reverse("wagtaildocs:edit_multiple", args=[document.pk]),
        {
            f"doc-{document.pk}-title": "Budget 2025",
            f"doc-{document.pk}-collection": document.collection_id,
            f"doc-{document.pk}-publication_date": "2024-05-01",
            f"doc-{document.pk}-language": "en",
        },
    )
    assert response.json()["success"] is True
    document.refresh_from_db()
    assert (document.title, document.published) == ("Budget 2025", True)


def test_an_upload_from_the_add_form_and_from_a_chooser_is_not_public(editor_client):
    for url, prefix in [
        (reverse("wagtaildocs:add"), ""),
        (reverse("wagtaildocs_chooser:create"), "document-chooser-upload-"),
    ]:
        title = f"upload via {prefix or 'add form'}"
        editor_client.post(
            url,
            {
                f"{prefix}title": title,
                f"{prefix}file": SimpleUploadedFile("notes.txt", b"Some notes."),
                f"{prefix}collection": factories.root_collection().pk,
                f"{prefix}publication_date": "2024-05-01",
                f"{prefix}language": "en",
            },
        )
        assert PortalDocument.objects.get(title=title).published is False


def test_the_editor_may_open_the_unpublished_file_and_a_member_may_not(client, editor, member):
    client.force_login(editor)
    document = multiple_upload(client)
    assert client.get(document.url).status_code == 200
    client.force_login(member)
    assert client.get(document.url).status_code == 404


def test_documents_made_in_code_and_existing_ones_are_published():
    assert make_document("Annual report").published is True


def test_the_admin_index_marks_an_upload_not_public_yet(editor_client):
    multiple_upload(editor_client)
    make_document("Annual report")
    response = editor_client.get(reverse("wagtaildocs:index"))
    assert response.content.decode().count("Not public yet") == 1
