"""The documents' admin: the index with the library's filters, the categories, the most-downloaded report."""

import datetime

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views.generic import models as generic_models
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.documents.views import documents as wagtail_documents
from wagtail.documents.views import multiple as wagtail_multiple
from wagtail.documents.widgets import AdminDocumentChooser
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import SnippetViewSet

from documents.models import (
    FILE_TYPE_LABELS,
    LANGUAGE_CHOICES,
    DocumentCategory,
    DocumentVersion,
    DownloadRecord,
    PortalDocument,
    ShareLink,
)
from documents.sharing import share_url as sharing_url
from home.forms import document_collections


def _year_choices(request=None):
    years = PortalDocument.objects.dates("publication_date", "year", order="DESC")
    return [(str(day.year), str(day.year)) for day in years]


class PortalDocumentsFilterSet(wagtail_documents.DocumentsFilterSet):
    """Wagtail's document filters (collection, tags, usage) plus the library's own."""

    category = django_filters.ModelChoiceFilter(
        label="Category", queryset=DocumentCategory.objects.all(), empty_label="Any category"
    )
    language = django_filters.ChoiceFilter(label="Language", choices=LANGUAGE_CHOICES, empty_label="Any language")
    file_type = django_filters.ChoiceFilter(
        label="File type", choices=list(FILE_TYPE_LABELS.items()), empty_label="Any type"
    )
    year = django_filters.ChoiceFilter(
        label="Publication year",
        field_name="publication_date",
        lookup_expr="year",
        choices=_year_choices,
        empty_label="Any year",
    )

    class Meta(wagtail_documents.DocumentsFilterSet.Meta):
        model = PortalDocument
        fields = []


class PortalDocumentsIndexView(wagtail_documents.IndexView):
    """Wagtail's documents index, filtered by category, year, language and type, with those columns shown.

    Mounted in front of Wagtail's own (see ``documents.wagtail_hooks``); its search (title, tags, description and
    the extracted text) is Wagtail's, through ``PortalDocument.search_fields``.
    """

    filterset_class = PortalDocumentsFilterSet
    index_results_url_name = "portal_documents_index_results"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("category")

    @cached_property
    def columns(self):
        columns = list(super().columns)
        position = next(i for i, column in enumerate(columns) if column.name == "created_at")
        columns[position:position] = [
            Column("category", label="Category", accessor="category_name"),
            Column("language", label="Language", accessor="language_label"),
            DateColumn("publication_date", label="Published", sort_key="publication_date"),
            Column("published", label="Status", accessor="status_label"),
            Column("text_extraction", label="Text for search", accessor="text_extraction_label"),
        ]
        return columns


class PortalMultipleAddView(wagtail_multiple.AddView):
    """Wagtail's "Add documents" page, offering only the collections meant for documents
    (``home.forms.document_collections``; the upload form refuses the others too)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        collections = context.get("collections")
        if collections is not None:
            allowed = document_collections(collections)
            context["collections"] = allowed if allowed.count() > 1 else None
        return context


class PortalDocumentEditView(wagtail_documents.EditView):
    """Wagtail's document edit view, also telling whether the file's text is read, pending or failed."""

    template_name = "documents/admin/edit.html"


class DocumentCategoryViewSet(SnippetViewSet):
    model = DocumentCategory
    icon = "tag"
    menu_label = "Document categories"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class DownloadsReportFilterSet(WagtailFilterSet):
    category = django_filters.ModelChoiceFilter(
        label="Category", queryset=DocumentCategory.objects.all(), empty_label="Any category"
    )
    language = django_filters.ChoiceFilter(label="Language", choices=LANGUAGE_CHOICES, empty_label="Any language")

    class Meta:
        model = PortalDocument
        fields = ["category", "language"]


class MostDownloadedDocumentsView(ReportView):
    """Editors' report: documents by number of downloads, most first (exportable as CSV or Excel)."""

    page_title = "Most downloaded documents"
    header_icon = "download"
    index_url_name = "portal_documents_downloads_report"
    index_results_url_name = "portal_documents_downloads_report_results"
    filterset_class = DownloadsReportFilterSet
    any_permission_required = ["add", "change", "delete"]
    list_export = ["title", "collection.name", "category_name", "publication_date", "download_count"]
    export_headings = {
        "collection.name": "Collection",
        "category_name": "Category",
        "publication_date": "Published",
        "download_count": "Downloads",
    }
    columns = [
        TitleColumn(
            "title",
            label="Document",
            url_name="wagtaildocs:edit",
        ),
        Column("collection", label="Collection", accessor="collection.name"),
        Column("category", label="Category", accessor="category_name"),
        DateColumn("publication_date", label="Published"),
        NumberColumn("download_count", label="Downloads"),
    ]

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(PortalDocument)

    def get_queryset(self):
        return (
            self.permission_policy.instances_user_has_any_permission_for(self.request.user, ["change", "delete"])
            .select_related("collection", "category")
            .order_by("-download_count", "title", "pk")
        )

    def get_filename(self):
        return f"most-downloaded-documents-{datetime.date.today():%Y-%m-%d}"


class DocumentEditorsPolicy(ModelPermissionPolicy):
    """Share links (and the download audit) are for those who may add or change documents: they ask the documents'
    own permission policy rather than permissions of their own, so the Editors group needs nothing new."""

    def user_has_permission(self, user, action):
        return policy_registry.get_by_type(PortalDocument).user_has_any_permission(user, ["add", "change"])

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, actions[0] if actions else "change")


class ShareLinkForm(WagtailAdminModelForm):
    revoke = forms.BooleanField(
        required=False, label="Revoke now", help_text="Stop the link working at once (it cannot be undone)."
    )

    class Meta:
        model = ShareLink
        fields = ["document", "version", "note", "expires_at", "max_downloads"]
        # The chooser (with search) rather than a select of every document in the library.
        widgets = {"document": AdminDocumentChooser}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["revoke"]
            self.fields["version"].queryset = DocumentVersion.objects.select_related("document")
            self.fields["expires_at"].initial = timezone.now() + datetime.timedelta(days=7)
        else:
            # A link's document, version and limits are what its recipient was promised: only revoke, or the note.
            for name in ("document", "version", "expires_at", "max_downloads"):
                del self.fields[name]

    def save(self, commit=True):
        if self.cleaned_data.get("revoke"):
            self.instance.revoked_at = self.instance.revoked_at or timezone.now()
        return super().save(commit=commit)


class ShareLinkCreateView(generic_models.CreateView):
    def save_instance(self):
        link = self.form.instance
        link.created_by = self.request.user
        self.plaintext = link.issue_token()
        link.save()
        return link

    def save_action(self):
        # The token is shown in this response only: never in a message, the session or a redirect address.
        return TemplateResponse(
            self.request,
            "documents/admin/share_link_created.html",
            {
                "page_title": "Share link created",
                "header_icon": "link",
                "link": self.object,
                "share_url": sharing_url(self.request, self.plaintext),
                "index_url": reverse("share_links:index"),
            },
        )


class ShareLinkViewSet(ModelViewSet):
    model = ShareLink
    icon = "link"
    menu_label = "Share links"
    add_to_admin_menu = True
    menu_order = 310
    url_prefix = "share-links"
    name = "share_links"
    form_fields = ["document", "version", "note", "expires_at", "max_downloads"]
    list_display = ["__str__", "state", "download_count", "max_downloads", "expires_at", "created_by", "created_at"]
    list_filter = ["document"]
    inspect_view_enabled = False
    copy_view_enabled = False
    add_view_class = ShareLinkCreateView

    def get_form_class(self, for_update=False):
        return ShareLinkForm

    def get_queryset(self, request):
        return ShareLink.objects.select_related("document", "version", "created_by")


class DownloadAuditFilterSet(WagtailFilterSet):
    document = django_filters.ModelChoiceFilter(
        label="Document", queryset=PortalDocument.objects.without_text().order_by("title"), empty_label="Any document"
    )
    user = django_filters.ModelChoiceFilter(
        label="Person", queryset=get_user_model().objects.order_by("username"), empty_label="Anyone"
    )
    group = django_filters.ModelChoiceFilter(
        label="Group or organisation",
        field_name="user__groups",
        queryset=Group.objects.order_by("name"),
        empty_label="Any group",
    )
    downloaded_at = django_filters.DateFromToRangeFilter(
        label="Period", widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"})
    )

    class Meta:
        model = DownloadRecord
        fields = ["document", "user", "group", "downloaded_at"]


class DownloadAuditView(ReportView):
    """Editors' report: who downloaded which members-only document, when (exportable as CSV or Excel)."""

    page_title = "Members-only downloads"
    header_icon = "download"
    index_url_name = "portal_documents_download_audit"
    index_results_url_name = "portal_documents_download_audit_results"
    filterset_class = DownloadAuditFilterSet
    any_permission_required = ["add", "change"]
    list_export = ["downloaded_at", "document_title", "version_number", "who", "share_link_id"]
    export_headings = {
        "downloaded_at": "Downloaded at",
        "document_title": "Document",
        "version_number": "Version",
        "who": "Who",
        "share_link_id": "Share link",
    }
    columns = [
        DateColumn("downloaded_at", label="Downloaded", accessor="downloaded_at"),
        Column("document_title", label="Document"),
        NumberColumn("version_number", label="Version"),
        Column("who", label="Who"),
    ]

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(PortalDocument)

    def get_queryset(self):
        return DownloadRecord.objects.select_related("user", "share_link").order_by("-downloaded_at", "-pk")

    def get_filename(self):
        return f"members-only-downloads-{datetime.date.today():%Y-%m-%d}"
