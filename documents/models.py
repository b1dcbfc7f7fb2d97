import hashlib
import logging
import mimetypes
import os
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.documents.models import AbstractDocument, Document, DocumentQuerySet
from wagtail.models import Collection
from wagtail.search import index

from documents import fulltext, selectors
from documents.labels import FILE_TYPE_LABELS, LANGUAGE_CHOICES, OG_LOCALES, share_day_choices
from documents.tasks import extract_document_text
from home import fragment_cache
from home.models import BasePage
from members.access import current_request, mark_members_only
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
    published = models.BooleanField(
        default=True,
        editable=False,
        help_text="Whether visitors may see the document. A file uploaded in the admin stays hidden (in the library, "
        "search, the API, the sitemap and its download) until an editor saves it with its details.",
    )
    version_number = models.PositiveIntegerField(
        default=1, editable=False, help_text="The current file's version: 1, then one more each time it is replaced."
    )
    version_note = models.CharField(
        "version note",
        max_length=255,
        blank=True,
        help_text="When replacing the file: what changed, e.g. 'corrected figures on p. 4'. Shown with the version.",
    )
    version_uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who uploaded the current file (empty: the document's uploader).",
    )
    file_updated_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the current file replaced an earlier one."
    )
    version_download_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Downloads of the current file (the total is download_count)."
    )
    show_earlier_versions = models.BooleanField(
        "show earlier versions",
        default=False,
        help_text="List the earlier files of this document on its page, each at its own address, for those who "
        "may see the document. Otherwise only editors can open earlier versions.",
    )
    translation_key = models.UUIDField(
        null=True,
        blank=True,
        editable=False,
        help_text="The translation set the document belongs to (the same report in other languages): documents with "
        "the same key are one another's translations, one per language. Set in the admin with 'Translation of'.",
    )
    # PostgreSQL only (a GIN index is added by migration 0003 there); stays empty on other databases.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PortalDocumentQuerySet.as_manager()

    admin_form_fields = (
        *Document.admin_form_fields,
        "description",
        "category",
        "publication_date",
        "language",
        "version_note",
        "show_earlier_versions",
    )
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
        # The access module leaves out documents that are not published yet (members.access.visible_documents).
        index.FilterField("published"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"
        indexes = [
            # The library's newest/oldest order (read backwards for newest), covering the columns its filters,
            # facet counts and access check read: pages and counts come from index-only scans on PostgreSQL.
            models.Index(
                fields=["publication_date", "id"],
                include=["collection_id", "category_id", "language", "file_type", "published"],
                name="documents_library_idx",
            ),
            # Title A-Z.
            models.Index(
                fields=["title", "id"],
                include=["collection_id", "category_id", "publication_date", "language", "file_type", "published"],
                name="documents_library_title_idx",
            ),
        ]
        constraints = [
            # One document per language in a translation set (NULL keys, documents in no set, never clash); its
            # index also finds a set's documents by key.
            models.UniqueConstraint(fields=["translation_key", "language"], name="documents_one_language_per_set"),
        ]

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        derived = []
        if update_fields is None or "file" in update_fields:
            archived = self._archive_replaced_file()
            derived = self._derive_from_file()
            if archived:
                derived = [*derived, *archived]
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

    def _archive_replaced_file(self):
        """When the stored file is being replaced, keep it as a numbered ``DocumentVersion`` (its file stays on
        storage: ``home.forms.PortalDocumentForm`` no longer deletes it) and start the next version. Returns the
        names of the fields this sets, or nothing when the file is unchanged or the document is new."""
        saved_name = getattr(self, "_saved_file_name", None)
        if self.pk is None or not saved_name or (saved_name == self.file.name and self.file._committed):
            return []
        old = (
            type(self)
            .objects.filter(pk=self.pk)
            .values(
                "file",
                "file_size",
                "file_hash",
                "original_filename",
                "version_number",
                "version_note",
                "version_uploaded_by",
                "uploaded_by_user",
                "file_updated_at",
                "created_at",
                "version_download_count",
            )
            .first()
        )
        if old is None or old["file"] == self.file.name:
            return []
        DocumentVersion.objects.create(
            document=self,
            number=old["version_number"],
            file=old["file"],
            original_filename=old["original_filename"] or os.path.basename(old["file"]),
            file_size=old["file_size"],
            file_hash=old["file_hash"] or "",
            note=old["version_note"],
            uploaded_by_id=old["version_uploaded_by"] or old["uploaded_by_user"],
            created_at=old["file_updated_at"] or old["created_at"],
            download_count=old["version_download_count"],
        )
        request = current_request()
        user = getattr(request, "user", None)
        self.version_number = old["version_number"] + 1
        self.version_uploaded_by = user if user is not None and user.is_authenticated else None
        self.file_updated_at = timezone.now()
        self.version_download_count = 0
        # The note typed with this upload describes the new file; an unchanged note belonged to the old one.
        if self.version_note == old["version_note"]:
            self.version_note = ""
        return ["version_number", "version_uploaded_by", "file_updated_at", "version_download_count", "version_note"]

    def join_translation_set(self, other):
        """Make this document a translation of ``other`` (saved here): both share ``other``'s translation key, which
        ``other`` is given first when it had none."""
        if other.translation_key is None:
            other.translation_key = uuid.uuid4()
            type(self).objects.filter(pk=other.pk).update(translation_key=other.translation_key)
        self.translation_key = other.translation_key

    def translations(self):
        """The other documents of this document's translation set (any access: callers narrow them with
        ``members.access``), by language."""
        if self.translation_key is None:
            return type(self).objects.none()
        return type(self).objects.filter(translation_key=self.translation_key).exclude(pk=self.pk).order_by("language")

    @property
    def updated_at(self):
        """When the current file was uploaded (the document's creation for version 1)."""
        return self.file_updated_at or self.created_at

    def earlier_versions_open_to(self, request):
        """Whether ``request`` may open this document's earlier versions (once it may see the document): anyone when
        the editor lists them, otherwise only editors who may change the document. Anyone else gets the 404 of a
        missing version."""
        if self.show_earlier_versions:
            return True
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        from wagtail.permissions import policy_registry

        return policy_registry.get_by_type(type(self)).user_has_permission_for_instance(user, "change", self)

    def version_url(self, number):
        """The stable address of version ``number`` of this document's file."""
        from django.urls import reverse

        if number == self.version_number:
            return reverse("document_version_serve", args=[self.pk, number, self.filename])
        version = self.versions.get(number=number)
        return version.url

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
        return FILE_TYPE_LABELS.get(file_type, file_type.upper() or gettext("File"))

    @property
    def status_label(self):
        """The admin index's word on a document visitors cannot see yet (an upload not saved with its details)."""
        return "" if self.published else "Not public yet"

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


class DocumentVersion(models.Model):
    """An earlier file of a document, kept when the file was replaced; served at its own stable address
    (``/files/<document id>/v<number>/<file name>``) under the document's access rules."""

    document = models.ForeignKey(
        PortalDocument, on_delete=models.CASCADE, related_name="versions", help_text="The document this file was."
    )
    number = models.PositiveIntegerField(help_text="1 for the first file, then one more per replacement.")
    file = models.FileField(upload_to="documents", max_length=255, help_text="The earlier file, kept as it was.")
    original_filename = models.CharField(max_length=255, blank=True, help_text="The file's name as uploaded.")
    file_size = models.PositiveBigIntegerField(null=True, blank=True, help_text="Size in bytes.")
    file_hash = models.CharField(max_length=40, blank=True, help_text="SHA-1 of the file.")
    note = models.CharField(max_length=255, blank=True, help_text="What this version changed.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who uploaded this file.",
    )
    created_at = models.DateTimeField(help_text="When this file was uploaded.")
    download_count = models.PositiveIntegerField(default=0, help_text="Downloads of this version.")

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="documents_version_unique")]

    def __str__(self):
        return f"{self.document} (version {self.number})"

    @property
    def filename(self):
        return os.path.basename(self.file.name)

    @property
    def url(self):
        from django.urls import reverse

        return reverse("document_version_serve", args=[self.document_id, self.number, self.filename])

    @property
    def download_filename(self):
        return self.original_filename or self.filename

    @property
    def content_type(self):
        return mimetypes.guess_type(self.filename)[0] or "application/octet-stream"

    @property
    def content_disposition(self):
        inline = getattr(settings, "WAGTAILDOCS_INLINE_CONTENT_TYPES", ["application/pdf", "text/plain"])
        return "inline" if self.content_type in inline else "attachment"

    @property
    def size_label(self):
        return filesizeformat(self.file_size).replace("\xa0", " ") if self.file_size else ""


@receiver(post_delete, sender=DocumentVersion)
def delete_version_file(sender, instance, **kwargs):
    """An earlier version's file goes with it (when its document is deleted), once the deletion is committed."""
    name = instance.file.name
    storage = instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def hash_share_token(plaintext):
    """The stored form of a share token: its SHA-256 (the token carries 256 random bits, so no salt or stretching
    is needed; a leaked table opens nothing)."""
    return hashlib.sha256(plaintext.encode()).hexdigest()


class ShareLink(models.Model):
    """A link to one document (or one chosen version of it) for someone without an account: ``/share/<token>/``.

    It works until it expires (at most ``MAX_DAYS`` after it is made), is revoked, or has served ``max_downloads``
    downloads. Only the SHA-256 of the token is stored; the token itself is shown once, to whoever made the link.
    """

    MAX_DAYS = 30

    document = models.ForeignKey(
        PortalDocument, on_delete=models.CASCADE, related_name="share_links", help_text="The document the link opens."
    )
    version = models.ForeignKey(
        DocumentVersion,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="share_links",
        help_text="Optional: an earlier version to share instead of the current file.",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False, help_text="SHA-256 of the token.")
    note = models.CharField(
        max_length=200, blank=True, help_text="Who the link is for, e.g. 'Auditor at Example & Co'."
    )
    expires_at = models.DateTimeField(help_text=f"When the link stops working: at most {MAX_DAYS} days from now.")
    max_downloads = models.PositiveIntegerField(
        null=True, blank=True, help_text="Optional: how many downloads the link allows in all."
    )
    download_count = models.PositiveIntegerField(default=0, editable=False, help_text="Downloads through the link.")
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False, help_text="When it was revoked.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who made the link.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "share link"

    def __str__(self):
        return f"Share link to {self.document}" + (f" ({self.note})" if self.note else "")

    def clean(self):
        now = timezone.now()
        errors = {}
        if self.expires_at is not None and self.pk is None:
            if self.expires_at <= now:
                errors["expires_at"] = "Choose a time in the future."
            elif self.expires_at > now + timedelta(days=self.MAX_DAYS):
                errors["expires_at"] = f"A share link can last at most {self.MAX_DAYS} days."
        if self.max_downloads == 0:
            errors["max_downloads"] = "Allow at least one download, or leave empty for no limit."
        if self.version_id and self.document_id and self.version.document_id != self.document_id:
            errors["version"] = "Choose a version of the chosen document."
        if errors:
            raise ValidationError(errors)

    def issue_token(self):
        """Give the link a new token; returns the plaintext, which is never stored."""
        plaintext = secrets.token_urlsafe(32)
        self.token_hash = hash_share_token(plaintext)
        return plaintext

    @classmethod
    def for_token(cls, plaintext):
        """The link a token stands for, or ``None``."""
        return cls.objects.select_related("document", "version").filter(token_hash=hash_share_token(plaintext)).first()

    @property
    def state(self):
        """``active``, ``revoked``, ``expired`` or ``used up``."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        if self.max_downloads is not None and self.download_count >= self.max_downloads:
            return "used up"
        return "active"

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            type(self).objects.filter(pk=self.pk, revoked_at__isnull=True).update(revoked_at=self.revoked_at)


class DownloadRecord(models.Model):
    """One download of a members-only document (``documents.audit``): when, which file, and who — the user, or the
    share link it came through. Public downloads are never recorded (only counted). Records older than
    ``DOWNLOAD_AUDIT_RETENTION_DAYS`` are deleted by ``manage.py prune_download_audit``."""

    downloaded_at = models.DateTimeField(default=timezone.now, db_index=True, help_text="When the download began.")
    document = models.ForeignKey(
        PortalDocument,
        null=True,
        on_delete=models.SET_NULL,
        related_name="download_records",
        help_text="The document (empty once deleted; its title is kept).",
    )
    document_title = models.CharField(max_length=255, help_text="The document's title at the time.")
    version_number = models.PositiveIntegerField(help_text="The version downloaded.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who downloaded it (empty for a share link).",
    )
    share_link = models.ForeignKey(
        ShareLink,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="download_records",
        help_text="The share link it was downloaded through, if any.",
    )

    class Meta:
        ordering = ["-downloaded_at", "-pk"]
        verbose_name = "download record"

    def __str__(self):
        return f"{self.document_title} v{self.version_number} at {self.downloaded_at:%Y-%m-%d %H:%M}"

    @property
    def who(self):
        if self.share_link_id:
            return f"Share link #{self.share_link_id}" + (f" ({self.share_link.note})" if self.share_link.note else "")
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        return "Unknown"


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
        # Read when the content is rendered, not when it comes from the cache (home.fragment_cache).
        listing = fragment_cache.lazy(lambda: selectors.library_listing(request, self, per_page=self.per_page))
        context["listing"] = listing
        context["documents_page"] = fragment_cache.lazy(lambda: listing.page)
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
        selectors.attach_translations(request, self, [document])
        context = super().get_context(request)
        home = self.get_parent()
        context.update(
            crumbs=[{"title": home.title, "url": home.get_url(request)}, {"title": self.title, "url": self.url}],
            document=document,
            # Absolute, on the Site's address like every canonical link (home/site_address.py).
            document_url=self.get_full_url(request)
            + self.reverse_subpage("document", args=[document.pk, document.slug]),
            linking_pages=selectors.pages_linking_to(request, document),
            earlier_versions=list(document.versions.all()) if document.earlier_versions_open_to(request) else [],
            # Members may make share links to members-only documents when the site allows it (MEMBERS_MAY_SHARE).
            can_share=settings.MEMBERS_MAY_SHARE and document.members_only and request.user.is_authenticated,
            share_day_choices=share_day_choices(),
        )
        return TemplateResponse(request, "documents/document_detail.html", context)
