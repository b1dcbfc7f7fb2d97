import logging
import os

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.documents.models import AbstractDocument, Document, DocumentQuerySet
from wagtail.models import Collection
from wagtail.search import index

from documents import fulltext, selectors
from documents.labels import FILE_TYPE_LABELS, LANGUAGE_CHOICES, OG_LOCALES
from documents.tasks import extract_document_text
from home.models import BasePage
from members.access import mark_members_only
from members.responses import document_access_response

logger = logging.getLogger(__name__)

# What the text extraction task (documents/tasks.py) writes.
EXTRACTION_FIELDS = ["extracted_text", "text_extraction_status", "text_extraction_attempts", "text_extraction_error"]


class DocumentCategory(models.Model):
    """An editor-managed kind of document ("Annual reports", "Guides"...), one of the library's filters."""

    name = models.CharField(max_length=100, unique=True, help_text="The category as visitors see it, e.g. Guides.")
    slug = models.SlugField(
        max_length=100,
        unique=True,
        blank=True,
        help_text="The category in the library's addresses, e.g. guides; made from the name when left empty.",
    )
    description = models.TextField(blank=True, help_text="Optional: what belongs in this category, for editors.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = "document category"
        verbose_name_plural = "document categories"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:100]
        super().save(*args, **kwargs)


class PortalDocumentQuerySet(DocumentQuerySet):
    def without_text(self):
        """The documents without their extracted text and its search vector: what every list, card, link and
        download needs. The text of a long PDF runs to hundreds of kilobytes, and only the search index and the
        library's full-text search read it (in the database)."""
        return self.defer("extracted_text", "search_vector")


class PortalDocument(AbstractDocument):
    """The portal's document model (``WAGTAILDOCS_DOCUMENT_MODEL``).

    Editors describe each file (description, category, publication date, language, tags); the file's type,
    its original name and its text (PDF, DOCX, TXT, CSV) are derived when a file is uploaded or replaced.
    """

    description = models.TextField(
        blank=True, help_text="A sentence or two on what the document is, shown in lists and search results."
    )
    category = models.ForeignKey(
        DocumentCategory,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        help_text="The kind of document, one of the library's filters. Categories are listed under Snippets.",
    )
    publication_date = models.DateField(
        default=timezone.localdate,
        db_index=True,
        help_text="When the document was published (not uploaded); the library sorts and filters by it.",
    )
    language = models.CharField(
        max_length=8,
        choices=LANGUAGE_CHOICES,
        default="en",
        db_index=True,
        help_text="The language the document is written in.",
    )
    file_type = models.CharField(
        max_length=16, blank=True, editable=False, db_index=True, help_text="The file's extension, e.g. pdf."
    )
    original_filename = models.CharField(
        max_length=255, blank=True, editable=False, help_text="The file's name as uploaded, offered on download."
    )
    extracted_text = models.TextField(
        blank=True, editable=False, help_text="The file's text, read at upload, for the library's search."
    )
    text_extraction_status = models.CharField(
        max_length=8,
        choices=[("pending", "Pending"), ("done", "Done"), ("failed", "Failed")],
        default="done",
        editable=False,
        help_text="Where reading the file's text stands: a background task reads it after each upload.",
    )
    text_extraction_attempts = models.PositiveSmallIntegerField(
        default=0, editable=False, help_text="How many times the background task has tried to read the file's text."
    )
    text_extraction_error = models.CharField(
        max_length=255, blank=True, editable=False, help_text="Why the file's text could not be read, when it failed."
    )
    download_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Complete downloads through the site (not repeats from a cache)."
    )
    # PostgreSQL only (a GIN index is added by migration 0003 there); stays empty on other databases.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PortalDocumentQuerySet.as_manager()

    admin_form_fields = (*Document.admin_form_fields, "description", "category", "publication_date", "language")
    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description", boost=2),
        index.SearchField("extracted_text"),
        # The admin's documents search is an autocomplete search: these make it find words of both, too.
        index.AutocompleteField("description"),
        index.AutocompleteField("extracted_text"),
        index.FilterField("category"),
        index.FilterField("language"),
        index.FilterField("file_type"),
        index.FilterField("publication_date"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"
        indexes = [
            # The library's newest/oldest order (read backwards for newest), covering the columns its filters,
            # facet counts and access check read: pages and counts come from index-only scans on PostgreSQL.
            models.Index(
                fields=["publication_date", "id"],
                include=["collection_id", "category_id", "language", "file_type"],
                name="documents_library_idx",
            ),
            # Title A-Z.
            models.Index(
                fields=["title", "id"],
                include=["collection_id", "category_id", "publication_date", "language", "file_type"],
                name="documents_library_title_idx",
            ),
        ]

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        derived = []
        if update_fields is None or "file" in update_fields:
            derived = self._derive_from_file()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *derived}
        super().save(*args, **kwargs)
        self._saved_file_name = self.file.name
        if update_fields is None or {"title", "description", "language", "file"} & set(update_fields):
            fulltext.refresh_search_vectors(type(self).objects.filter(pk=self.pk))
        if "text_extraction_status" in derived:
            # A worker reads the text (django-tasks' database backend in production: the row is seen once this
            # transaction commits); in tests and `make run` the immediate backend reads it here and now.
            result = extract_document_text.enqueue(self.pk, self.file.name)
            if result.is_finished:
                self.refresh_from_db(fields=EXTRACTION_FIELDS)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The stored name, to tell on save whether the file was replaced (absent when the field was deferred).
        instance._saved_file_name = instance.__dict__.get("file")
        return instance

    @property
    def slug(self):
        return slugify(self.title)[:80] or "document"

    @property
    def file_type_label(self):
        file_type = self.file_type or self.file_extension.lower()
        return FILE_TYPE_LABELS.get(file_type, file_type.upper() or "File")

    @property
    def category_name(self):
        return self.category.name if self.category_id else ""

    @property
    def language_label(self):
        return self.get_language_display()

    @property
    def og_locale(self):
        """The language as an Open Graph locale, e.g. ``fr_FR``."""
        return OG_LOCALES.get(self.language, "en_GB")

    @property
    def size_label(self):
        """The file's size for people, e.g. "1.2 MB"; empty when the size is unknown."""
        size = self.get_file_size()
        return filesizeformat(size).replace("\xa0", " ") if size else ""

    @property
    def text_extraction_label(self):
        """Where reading the file's text stands, for the admin: "Read", "Pending…" or "Failed: why"."""
        if self.text_extraction_status == "pending":
            if self.text_extraction_attempts:
                return f"Pending: will retry after {self.text_extraction_attempts} failed attempt(s)"
            return "Pending: the text is being read"
        if self.text_extraction_status == "failed":
            return f"Failed: {self.text_extraction_error or 'the text could not be read'}"
        return "Read"

    @property
    def download_filename(self):
        """The name a download is saved under: the name the file was uploaded with."""
        return self.original_filename or os.path.basename(self.file.name)

    def _derive_from_file(self):
        """Set the fields derived from the file; returns their names (none when the file has not changed)."""
        self.file_type = self.file_extension.lower()[:16]
        unchanged = getattr(self, "_saved_file_name", None) == self.file.name and self.file._committed
        if not self.file or unchanged:
            return ["file_type"]
        if not self.file._committed:
            # Not yet stored: the name is the one it was uploaded with (storage may change it).
            self.original_filename = os.path.basename(self.file.name)[:255]
        # The text is read by a background task (documents/tasks.py): an upload returns at once.
        self.extracted_text = ""
        self.text_extraction_status = "pending"
        self.text_extraction_attempts = 0
        self.text_extraction_error = ""
        return ["file_type", "original_filename", *EXTRACTION_FIELDS]


class DocumentsLibraryPage(RoutablePageMixin, BasePage):
    """The documents library: the documents of a chosen collection and its children, with filters by category,
    year, language and file type, a text search, three orders and pages; and a detail page per document.

    Every listing asks the access module (through ``documents.selectors``), so members-only documents appear only
    to those who may see them, and a members-only document's detail page is refused as its download is.
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
    # Purge tags of this page's HTML beyond its own (members.cache_policy): it lists documents.
    cache_tags = ("docs",)

    per_page = 20

    class Meta:
        verbose_name = "documents library page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = selectors.library_listing(request, self, per_page=self.per_page)
        context["listing"] = listing
        context["documents_page"] = listing.page
        return context

    def document_url(self, document):
        """The address of ``document``'s detail page under this library."""
        return self.url + self.reverse_subpage("document", args=[document.pk, document.slug])

    @re_path(r"^(?P<document_id>\d+)-(?P<slug>[-\w]*)/$", name="document")
    def document_detail(self, request, document_id, slug):
        """A document's page: its metadata, the pages that link to it and its download.

        A members-only document's page is refused exactly as its download is (``before_serve_document``'s
        access check: anonymous visitors are sent to log in, other users get the members-only page).
        """
        document = selectors.library_document(self, document_id)
        if document is None:
            raise Http404("No such document in this library.")
        refusal = document_access_response(request, document)
        if refusal is not None:
            return refusal
        if slug != document.slug:
            return redirect(self.document_url(document), permanent=True)
        mark_members_only(request, [document])
        context = super().get_context(request)
        home = self.get_parent()
        context.update(
            crumbs=[{"title": home.title, "url": home.get_url(request)}, {"title": self.title, "url": self.url}],
            document=document,
            # Absolute, on the Site's address like every canonical link (home/site_address.py).
            document_url=self.get_full_url(request)
            + self.reverse_subpage("document", args=[document.pk, document.slug]),
            linking_pages=selectors.pages_linking_to(request, document),
        )
        return TemplateResponse(request, "documents/document_detail.html", context)
