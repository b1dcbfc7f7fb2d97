"""The documents' admin: the index with the library's filters, the categories, the most-downloaded report."""

import datetime

import django_filters
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.documents.views import documents as wagtail_documents
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import SnippetViewSet

from documents.models import FILE_TYPE_LABELS, LANGUAGE_CHOICES, DocumentCategory, PortalDocument


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
            Column("text_extraction", label="Text for search", accessor="text_extraction_label"),
        ]
        return columns


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
