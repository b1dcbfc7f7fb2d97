import os

from django.core.paginator import Paginator
from django.db import models
from django.template.defaultfilters import filesizeformat
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.documents.models import AbstractDocument, Document
from wagtail.models import Collection

from home.models import BasePage
from members.access import mark_members_only, visible_documents

# File extensions and the names visitors know them by.
FILE_TYPE_LABELS = {
    "pdf": "PDF",
    "docx": "Word",
    "xlsx": "Excel",
    "pptx": "PowerPoint",
    "odt": "OpenDocument text",
    "ods": "OpenDocument spreadsheet",
    "csv": "CSV",
    "txt": "Text",
    "zip": "ZIP archive",
}


class PortalDocument(AbstractDocument):
    """The portal's document model (``WAGTAILDOCS_DOCUMENT_MODEL``).

    It exists from the first migration so that the library's metadata (category, language, extracted text)
    can be added without swapping the document model under existing content.
    """

    description = models.TextField(
        blank=True, help_text="A sentence or two on what the document is, shown in lists and search results."
    )

    admin_form_fields = (*Document.admin_form_fields, "description")

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"

    @property
    def file_type(self):
        """The file's extension in lower case, e.g. ``pdf``."""
        return self.file_extension.lower()

    @property
    def file_type_label(self):
        return FILE_TYPE_LABELS.get(self.file_type, self.file_type.upper() or "File")

    @property
    def size_label(self):
        """The file's size for people, e.g. "1.2 MB"; empty when the size is unknown."""
        size = self.get_file_size()
        return filesizeformat(size).replace("\xa0", " ") if size else ""

    @property
    def download_filename(self):
        return os.path.basename(self.file.name)


class DocumentsLibraryPage(BasePage):
    """The documents library: the documents of a chosen collection and its children, newest first.

    Filters, facets and search come with the library's own issue; the listing already asks the access
    module, so members-only documents appear only to those who may see them.
    """

    collection = models.ForeignKey(
        Collection,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The collection whose documents (with those of its child collections) the library lists; "
        "all documents when empty.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("collection")]
    api_fields = [*BasePage.api_fields, APIField("collection")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    per_page = 20

    class Meta:
        verbose_name = "documents library page"

    def documents(self, request):
        queryset = visible_documents(request, PortalDocument.objects.all())
        if self.collection_id:
            queryset = queryset.filter(collection__path__startswith=self.collection.path)
        return queryset.order_by("-created_at", "-id")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.documents(request), self.per_page)
        documents_page = paginator.get_page(request.GET.get("page"))
        mark_members_only(request, documents_page.object_list)
        context["documents_page"] = documents_page
        return context
