"""The documents' admin: which collections a document may go in, categories for editors and moderators, and the
bulk action that sets several documents' category and language."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection

from documents.models import DocumentCategory, PortalDocument
from tests import factories
from tests.documents.conftest import make_document
from tests.fixtures import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def collections(members_collection):
    root = factories.root_collection()
    return {
        "library": root.add_child(name="Library"),
        "images": root.add_child(name="Demo images"),
        "members": members_collection,
        "root": root,
    }


def offered(response, select_id):
    select = html(response).find("select", id=select_id)
    assert select is not None, f"no {select_id} on the page"
    return [option.get_text(strip=True).lstrip("↳ ").strip() for option in select.find_all("option")]


def test_upload_forms_offer_only_collections_meant_for_documents(client, editor, collections):
    client.force_login(editor)
    add = offered(client.get(reverse("wagtaildocs:add")), "id_collection")
    multiple = offered(client.get(reverse("wagtaildocs:add_multiple")), "id_adddocument_collection")
    expected = sorted(Collection.objects.filter(depth=2).exclude(name="Demo images").values_list("name", flat=True))
    assert "Library" in expected and "Members documents" in expected
    for choices in (add, multiple):
        assert sorted(choices) == expected


def test_a_document_cannot_be_uploaded_to_an_image_collection_or_the_root(client, editor, collections):
    client.force_login(editor)
    for collection in (collections["images"], collections["root"]):
        response = client.post(
            reverse("wagtaildocs:add_multiple"),
            {"files[]": SimpleUploadedFile("notes.txt", b"Some notes."), "collection": collection.pk},
        )
        # Not made into a document: the file waits for its details, in a form offering document collections only.
        assert not PortalDocument.objects.exists()
        answer = response.json()
        assert "uploaded_file_id" in answer and "doc_id" not in answer
        assert "Demo images" not in answer["form"] and ">Root<" not in answer["form"]


def test_a_document_already_in_the_root_keeps_it_as_a_choice(client, editor, collections):
    document = make_document("Old report", collection=collections["root"])
    client.force_login(editor)
    choices = offered(client.get(reverse("wagtaildocs:edit", args=[document.pk])), "id_collection")
    assert "Root" in choices and "Demo images" not in choices


def test_a_site_without_a_public_documents_collection_keeps_the_root(client, editor, members_collection):
    client.force_login(editor)
    choices = offered(client.get(reverse("wagtaildocs:add")), "id_collection")
    assert sorted(choices) == sorted(["Root", "Members documents", members_collection.name])
    assert Collection.objects.filter(name="Library").count() == 0


# Categories


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_and_moderators_add_change_and_delete_document_categories(client, group):
    client.force_login(factories.UserFactory(groups=[group]))
    add = client.post(reverse("wagtailsnippets_documents_documentcategory:add"), {"name": "Policy papers", "slug": ""})
    assert add.status_code == 302
    category = DocumentCategory.objects.get(slug="policy-papers")
    edit_url = reverse("wagtailsnippets_documents_documentcategory:edit", args=[category.pk])
    assert client.post(edit_url, {"name": "Position papers", "slug": "policy-papers"}).status_code == 302
    category.refresh_from_db()
    assert category.name == "Position papers"
    delete_url = reverse("wagtailsnippets_documents_documentcategory:delete", args=[category.pk])
    assert client.post(delete_url).status_code == 302
    assert not DocumentCategory.objects.exists()
    snippets = client.get(reverse("wagtailsnippets:index"))
    assert snippets.status_code == 200 and "Document categories" in snippets.content.decode()


def test_members_cannot_manage_document_categories(client, member):
    client.force_login(member)
    response = client.get(reverse("wagtailsnippets_documents_documentcategory:add"))
    assert response.status_code in (302, 403)


# The bulk action


def bulk_url(documents):
    url = reverse("wagtail_bulk_action", args=["documents", "portaldocument", "set_category_language"])
    return url + "?" + "&".join(f"id={document.pk}" for document in documents) + "&next=/admin/documents/"


def test_the_documents_index_offers_the_bulk_action(client, editor):
    make_document("Annual report")
    client.force_login(editor)
    body = client.get(reverse("wagtaildocs:index")).content.decode()
    assert "Set category and language" in body
    assert "set_category_language" in body


def test_bulk_action_sets_category_and_language_of_several_documents(client, editor, categories, library):
    documents = [make_document(title, language="en") for title in ("Guide one", "Guide two", "Guide three")]
    untouched = make_document("Other report", language="en")
    client.force_login(editor)
    confirm = client.get(bulk_url(documents))
    assert confirm.status_code == 200
    assert all(document.title in confirm.content.decode() for document in documents)
    response = client.post(bulk_url(documents), {"category": categories["guides"].pk, "language": "fr"})
    assert response.status_code == 302
    for document in documents:
        document.refresh_from_db()
        assert (document.category, document.language) == (categories["guides"], "fr")
    untouched.refresh_from_db()
    assert (untouched.category, untouched.language) == (None, "en")
    # The library's filters see it at once.
    client.logout()
    listing = client.get(library.url, {"category": "guides", "language": "fr"}).content.decode()
    assert all(document.title in listing for document in documents) and "Other report" not in listing


def test_bulk_action_keeps_what_is_not_chosen_and_can_make_uploads_public(client, editor, categories):
    document = make_document("Minutes", category=categories["minutes"], language="es")
    PortalDocument.objects.filter(pk=document.pk).update(published=False)
    client.force_login(editor)
    client.post(bulk_url([document]), {"category": "", "language": "", "publish": "on"})
    document.refresh_from_db()
    assert (document.category, document.language, document.published) == (categories["minutes"], "es", True)


def test_bulk_action_with_nothing_chosen_says_so(client, editor):
    document = make_document("Minutes")
    client.force_login(editor)
    response = client.post(bulk_url([document]), {"category": "", "language": ""})
    assert response.status_code == 200
    assert "nothing would change" in response.content.decode()


def test_bulk_action_refuses_users_without_document_permissions(client, member):
    document = make_document("Minutes")
    client.force_login(member)
    response = client.post(bulk_url([document]), {"language": "fr"})
    assert response.status_code in (302, 403)
    document.refresh_from_db()
    assert document.language == "en"
