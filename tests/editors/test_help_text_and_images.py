"""Every field an editor fills in says what it is for; images have focal points and need alt text."""

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.contrib.forms.models import AbstractEmailForm
from wagtail.documents.forms import get_document_form
from wagtail.images.forms import get_image_form
from wagtail.models import Page

from documents.models import DocumentCategory, PortalDocument
from home.models import CustomImage, SiteSettings
from tests import factories

pytestmark = pytest.mark.django_db

PORTAL_APPS = ["home", "about", "documents", "members", "search"]
# Fields Wagtail itself edits with a widget of its own rather than an input with help text: the focal point is set
# by dragging a box over the image (its four numbers are hidden inputs).
FOCAL_POINT_FIELDS = {"focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"}


def editable_fields(model, inherited_from=()):
    """The model's fields an editor fills in, minus those declared by ``inherited_from`` models."""
    skip = {field.name for base in inherited_from for field in base._meta.get_fields()}
    return [
        field
        for field in model._meta.get_fields()
        if getattr(field, "editable", False)
        and not field.auto_created
        and field.name not in skip
        and not getattr(field, "primary_key", False)
        and not field.name.endswith("_ptr")
    ]


def portal_page_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and model._meta.app_label in PORTAL_APPS
    ]


def test_the_walk_finds_every_portal_page_type_and_the_form_page():
    names = {model.__name__ for model in portal_page_models()}
    assert {"HomePage", "StandardPage", "AboutPage", "AlliancePage", "WhyJoinPage", "MembershipEnquiryPage"} <= names
    assert "DocumentsLibraryPage" in names


@pytest.mark.parametrize("model", portal_page_models(), ids=lambda model: model.__name__)
def test_every_field_of_a_page_type_has_help_text(model):
    # Wagtail's own Page fields (title, slug, SEO title...) are Wagtail's to describe.
    missing = [field.name for field in editable_fields(model, inherited_from=[Page]) if not field.help_text]
    assert not missing, f"{model.__name__}: no help_text on {missing}"


def test_every_field_of_the_inline_models_has_help_text():
    inline_models = [
        apps.get_model("about", "RegionalOffice"),
        apps.get_model("about", "MembershipEnquiryFormField"),
    ]
    for model in inline_models:
        missing = [field.name for field in editable_fields(model) if field.name != "page" and not field.help_text]
        assert not missing, f"{model.__name__}: no help_text on {missing}"


@pytest.mark.parametrize("model", [SiteSettings, DocumentCategory], ids=lambda model: model.__name__)
def test_every_field_of_the_settings_and_snippets_has_help_text(model):
    missing = [field.name for field in editable_fields(model) if field.name != "site" and not field.help_text]
    assert not missing, f"{model.__name__}: no help_text on {missing}"


@pytest.mark.parametrize(
    ("model", "form_class"),
    [(CustomImage, get_image_form), (PortalDocument, get_document_form)],
    ids=["image", "document"],
)
def test_every_field_of_the_image_and_document_models_has_help_text_in_the_admin(model, form_class):
    """Fields Wagtail declares (title, file, collection, tags) get their help text on the admin's form; the
    portal's own fields carry it on the model."""
    form = form_class(model)()
    missing = []
    for field in editable_fields(model):
        if field.name in FOCAL_POINT_FIELDS:
            continue
        help_text = form.fields[field.name].help_text if field.name in form.fields else field.help_text
        if not help_text:
            missing.append(field.name)
    assert not missing, f"{model.__name__}: no help_text on {missing}"


def test_the_form_page_keeps_wagtails_email_form_behaviour():
    from about.models import MembershipEnquiryPage

    assert issubclass(MembershipEnquiryPage, AbstractEmailForm)


# Images ---------------------------------------------------------------------------------------------------------------


def test_image_edit_form_has_the_focal_point(client, editor):
    image = factories.CustomImageFactory()
    client.force_login(editor)
    response = client.get(reverse("wagtailimages:edit", args=[image.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    for name in FOCAL_POINT_FIELDS:
        assert f'name="{name}"' in content
    assert "focal-point-chooser" in content or "focal_point" in content


def test_focal_point_set_in_the_admin_is_saved_and_used_by_renditions(client, editor):
    image = factories.CustomImageFactory()
    client.force_login(editor)
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": image.title,
            "description": "A blue rectangle.",
            "collection": image.collection_id,
            "tags": "",
            "credit": "",
            "focal_point_x": "30",
            "focal_point_y": "10",
            "focal_point_width": "8",
            "focal_point_height": "6",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    image.refresh_from_db()
    assert (image.focal_point_x, image.focal_point_y) == (30, 10)
    assert image.get_focal_point() is not None


def test_an_image_cannot_be_saved_without_alt_text(client, editor):
    image = factories.CustomImageFactory(description="")
    client.force_login(editor)
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": image.title, "description": "", "collection": image.collection_id, "tags": "", "credit": ""},
    )
    assert response.status_code == 200
    assert "its description is the alt text" in response.content.decode()
    image.refresh_from_db()
    assert image.description == ""


def test_an_image_cannot_be_uploaded_without_alt_text(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    data = {"title": "Delegates", "collection": factories.root_collection().pk, "tags": "", "credit": ""}
    upload = SimpleUploadedFile("delegates.png", factories.png_bytes(), content_type="image/png")
    response = client.post(reverse("wagtailimages:add"), {**data, "description": "", "file": upload})
    assert response.status_code == 200
    assert not CustomImage.objects.filter(title="Delegates").exists()

    upload = SimpleUploadedFile("delegates.png", factories.png_bytes(), content_type="image/png")
    response = client.post(reverse("wagtailimages:add"), {**data, "description": "Delegates voting.", "file": upload})
    assert response.status_code == 302
    assert CustomImage.objects.get(title="Delegates").description == "Delegates voting."


def test_an_image_block_refuses_an_image_without_alt_text():
    from django.core.exceptions import ValidationError

    from home.blocks import CaptionedImageBlock

    block = CaptionedImageBlock()
    image = factories.CustomImageFactory(description="")
    value = block.to_python({"image": {"image": image.pk, "alt_text": "", "decorative": False}, "caption": ""})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_an_image_from_the_multiple_uploader_waits_for_its_alt_text(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.models import UploadedFile

    client.force_login(editor)
    upload = SimpleUploadedFile("hall.png", factories.png_bytes(), content_type="image/png")
    root = factories.root_collection().pk
    response = client.post(reverse("wagtailimages:add_multiple"), {"files[]": upload, "collection": root})
    data = response.json()
    assert data["success"] and "uploaded_file_id" in data  # kept aside: the description is missing
    assert not CustomImage.objects.filter(title="hall.png").exists()
    uploaded = UploadedFile.objects.get(pk=data["uploaded_file_id"])

    prefix = f"uploaded-image-{uploaded.pk}"
    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[uploaded.pk])
    fields = {f"{prefix}-title": "Assembly hall", f"{prefix}-collection": factories.root_collection().pk}
    assert not client.post(url, {**fields, f"{prefix}-description": ""}).json()["success"]
    assert client.post(url, {**fields, f"{prefix}-description": "An empty assembly hall."}).json()["success"]
    assert CustomImage.objects.get(title="Assembly hall").description == "An empty assembly hall."


def test_a_document_from_the_multiple_uploader_is_created_at_once(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    upload = SimpleUploadedFile("week.pdf", factories.pdf_bytes("Programme"), content_type="application/pdf")
    root = factories.root_collection().pk
    response = client.post(reverse("wagtaildocs:add_multiple"), {"files[]": upload, "collection": root})
    data = response.json()
    assert data["success"] and "doc_id" in data, data
    document = PortalDocument.objects.get(pk=data["doc_id"])
    assert document.file_type == "pdf" and document.language == "en"

    prefix = f"doc-{document.pk}"
    response = client.post(
        reverse("wagtaildocs:edit_multiple", args=[document.pk]),
        {
            f"{prefix}-title": "Co-operative Week programme",
            f"{prefix}-collection": document.collection_id,
            f"{prefix}-tags": "",
            f"{prefix}-description": "Events and open days.",
            f"{prefix}-category": "",
            f"{prefix}-publication_date": "2026-10-01",
            f"{prefix}-language": "en",
        },
    )
    assert response.json()["success"], response.json()
    document.refresh_from_db()
    assert document.title == "Co-operative Week programme"
