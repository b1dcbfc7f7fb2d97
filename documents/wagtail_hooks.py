"""The documents app in Wagtail: the admin's documents index and categories, the downloads report."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet

from documents.admin_views import (
    DocumentCategoryViewSet,
    DocumentEditorsPolicy,
    DownloadAuditView,
    MostDownloadedDocumentsView,
    PortalDocumentEditView,
    PortalDocumentsIndexView,
    PortalMultipleAddView,
    ShareLinkViewSet,
)
from documents.bulk_actions import SetCategoryAndLanguageBulkAction
from documents.models import PortalDocument, ShareLink

register_snippet(DocumentCategoryViewSet)
hooks.register("register_bulk_action", SetCategoryAndLanguageBulkAction)
register_permission_policy(ShareLink, DocumentEditorsPolicy(ShareLink))


@hooks.register("register_admin_viewset")
def register_share_links_viewset():
    return ShareLinkViewSet()


@hooks.register("register_admin_urls", order=-100)
def register_admin_urls():
    """The documents index with the library's filters, in front of Wagtail's own at the same address.

    Wagtail's add, edit and delete views keep their names (``wagtaildocs:...``); only ``/admin/documents/``, its
    results fragment, the multiple uploader's page (its collections) and the edit view (which adds the text
    extraction's status) resolve here first.
    """
    return [
        path("documents/", PortalDocumentsIndexView.as_view(), name="portal_documents_index"),
        path("documents/multiple/add/", PortalMultipleAddView.as_view(), name="portal_documents_add_multiple"),
        path(
            "documents/results/",
            PortalDocumentsIndexView.as_view(results_only=True),
            name="portal_documents_index_results",
        ),
        path("documents/edit/<int:document_id>/", PortalDocumentEditView.as_view(), name="portal_documents_edit"),
        path(
            "reports/most-downloaded-documents/",
            MostDownloadedDocumentsView.as_view(),
            name="portal_documents_downloads_report",
        ),
        path(
            "reports/most-downloaded-documents/results/",
            MostDownloadedDocumentsView.as_view(results_only=True),
            name="portal_documents_downloads_report_results",
        ),
        path("reports/members-only-downloads/", DownloadAuditView.as_view(), name="portal_documents_download_audit"),
        path(
            "reports/members-only-downloads/results/",
            DownloadAuditView.as_view(results_only=True),
            name="portal_documents_download_audit_results",
        ),
    ]


class DocumentsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(PortalDocument).user_has_any_permission(
            request.user, ["add", "change", "delete"]
        )


@hooks.register("register_reports_menu_item")
def register_downloads_report_menu_item():
    return DocumentsReportMenuItem(
        "Most downloaded documents",
        reverse("portal_documents_downloads_report"),
        name="most-downloaded-documents",
        icon_name="download",
        order=1300,
    )


@hooks.register("register_reports_menu_item")
def register_download_audit_menu_item():
    return DocumentsReportMenuItem(
        "Members-only downloads",
        reverse("portal_documents_download_audit"),
        name="members-only-downloads",
        icon_name="download",
        order=1310,
    )
