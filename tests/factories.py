"""factory_boy factories for the portal's models.

Page factories build on ``wagtail_factories.PageFactory``: pass ``parent=`` to place a page in the tree.
StreamFields take their raw JSON form, e.g. ``body=[{"type": "heading", "value": {"text": "Hi", "level": "h2"}}]``,
which is what the database stores and what Wagtail expands lazily.
"""

import io

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from PIL import Image as PILImage
from wagtail.models import Collection

from about.models import AboutPage, AlliancePage, RegionalOffice, WhyJoinPage
from documents.models import DocumentsLibraryPage, PortalDocument
from home.models import CustomImage, HomePage, StandardPage


def root_collection():
    return Collection.get_first_root_node()


def _content_file(data, name):
    return ContentFile(data, name=name)


def png_bytes(width=40, height=30, colour=(32, 96, 160)):
    """A small real PNG, so that renditions can be generated from it."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_bytes(text="A test document"):
    """A tiny but well-formed one-page PDF."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


class CollectionFactory(DjangoModelFactory):
    """A child of the root collection (wagtail_factories' own would add a second root)."""

    name = factory.Sequence(lambda n: f"Collection {n}")

    class Meta:
        model = Collection

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent or root_collection()
        return parent.add_child(instance=model_class(**kwargs))


class CustomImageFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Image {n}")
    description = factory.LazyAttribute(lambda obj: f"A picture: {obj.title}")
    file = factory.LazyAttribute(lambda obj: _content_file(png_bytes(), f"{slugify(obj.title) or 'image'}.png"))
    collection = factory.LazyFunction(root_collection)

    class Meta:
        model = CustomImage


class PortalDocumentFactory(DjangoModelFactory):
    """A PDF document with its size and hash recorded, as the admin's upload form does."""

    title = factory.Sequence(lambda n: f"Document {n}")
    description = ""
    file = factory.LazyAttribute(lambda obj: _content_file(pdf_bytes(obj.title), f"{slugify(obj.title)}.pdf"))
    collection = factory.LazyFunction(root_collection)

    class Meta:
        model = PortalDocument

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        document._set_document_file_metadata()
        document.save()
        return document


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = factory.LazyAttribute(lambda obj: f"About {obj.title}.")

    class Meta:
        model = StandardPage


class AboutPageFactory(wagtail_factories.PageFactory):
    title = "About us"
    intro = "Who we are and how we work with the Alliance."

    class Meta:
        model = AboutPage


class AlliancePageFactory(wagtail_factories.PageFactory):
    """Key facts come from the model's defaults, which are the Alliance's real figures."""

    title = "International Co-operative Alliance"
    intro = "The global voice of co-operatives."

    class Meta:
        model = AlliancePage


class RegionalOfficeFactory(DjangoModelFactory):
    region = factory.Sequence(lambda n: f"Region {n}")
    name = factory.LazyAttribute(lambda obj: f"Office for {obj.region}")
    city = ""

    class Meta:
        model = RegionalOffice


class WhyJoinPageFactory(wagtail_factories.PageFactory):
    title = "Why join the ICA"
    intro = "What membership brings."

    class Meta:
        model = WhyJoinPage


class DocumentsLibraryPageFactory(wagtail_factories.PageFactory):
    title = "Documents"
    intro = "Reports, statutes and guides."

    class Meta:
        model = DocumentsLibraryPage


class UserFactory(DjangoModelFactory):
    """A user; ``groups=["Members"]`` puts them in groups by name (the groups come from migrations)."""

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda obj: f"{obj.username}@example.org")
    password = factory.django.Password("password")
    is_active = True

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set([Group.objects.get_or_create(name=name)[0] for name in extracted])


class SuperuserFactory(UserFactory):
    is_staff = True
    is_superuser = True
