"""The admin dashboard for communications staff: what visitors download and what they search for.

Wagtail's own panels stay (pages awaiting moderation, "Your most recent edits", locked pages); these two are added
after them. Each costs one query.
"""

from datetime import timedelta

from django.db.models import Sum
from django.db.models.functions import Length
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import SafeData, mark_safe
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.contrib.search_promotions.models import Query
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet

from home.editor_guide import EditorGuideView, editor_guide_screenshot
from home.models import SiteTexts
from home.search_terms import MAX_LENGTH, is_meaningful_search

PANEL_ROWS = 5
POPULAR_SEARCH_DAYS = 30


def most_downloaded_documents(user, limit=PANEL_ROWS):
    """The documents ``user`` may edit that were downloaded most (``PortalDocument.download_count``), most first.

    The same documents and order as the documents app's "Most downloaded documents" report, never downloaded ones
    left out.
    """
    policy = policy_registry.get_by_type(get_document_model())
    documents = policy.instances_user_has_any_permission_for(user, ["change", "delete"])
    return list(documents.filter(download_count__gt=0).order_by("-download_count", "title", "pk")[:limit])


def popular_searches(days=POPULAR_SEARCH_DAYS, limit=PANEL_ROWS):
    """``[(query string, searches), ...]``: the site search's most frequent queries of the last ``days`` days.

    The site search logs every query with ``search_promotions``' ``Query.add_hit`` (one row per query and day),
    only searches of real words (``home.search_terms``); searches logged before that rule, or by other code, are
    left out here by the same rule: the database drops markup and lengths out of bounds, the rest is checked on
    the few rows read.
    """
    since = timezone.localdate() - timedelta(days=days)
    rows = (
        Query.objects.filter(daily_hits__date__gte=since)
        .annotate(searches=Sum("daily_hits__hits"), length=Length("query_string"))
        .filter(length__gte=2, length__lte=MAX_LENGTH)
        .exclude(query_string__contains="<")
        .exclude(query_string__contains=">")
        .order_by("-searches", "query_string")
        .values_list("query_string", "searches")[: limit * 4]
    )
    return [(query_string, searches) for query_string, searches in rows if is_meaningful_search(query_string)][:limit]


class MostDownloadedDocumentsPanel(Component):
    name = "most_downloaded_documents"
    template_name = "includes/admin/most_downloaded_documents_panel.html"
    order = 260

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {
            "documents": most_downloaded_documents(request.user),
            "report_url": reverse("portal_documents_downloads_report"),
        }


class PopularSearchesPanel(Component):
    name = "popular_searches"
    template_name = "includes/admin/popular_searches_panel.html"
    order = 270

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {
            "searches": popular_searches(),
            "days": POPULAR_SEARCH_DAYS,
            # Wagtail's full "Search terms" report is for administrators only.
            "report_url": reverse("wagtailsearchpromotions:search_terms") if request.user.is_superuser else None,
        }


def _replace_last_message(request, old, new):
    """Reword the last queued admin message when it contains ``old``: Wagtail builds its edit view's messages
    before any hook runs, so rewording is the one way to correct one."""
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", None)
    if queued and old in str(queued[-1].message):
        message = queued[-1].message
        # Wagtail's messages are already-escaped HTML (format_html); ``new`` holds no markup.
        reworded = message.replace(old, new)
        queued[-1].message = mark_safe(reworded) if isinstance(message, SafeData) else reworded  # noqa: S308


@hooks.register("after_edit_page")
def say_approved_and_published(request, page):
    """ "Approve and publish" from the edit view ends on Wagtail's "Page '…' has been updated.", which tells the
    moderator nothing about the page going live. Say what happened: published, or scheduled to go live."""
    if request.method != "POST" or "action-workflow-action" not in request.POST:
        return
    if request.POST.get("workflow-action-name") != "approve":
        return
    page.refresh_from_db()
    if page.live and not page.has_unpublished_changes:
        _replace_last_message(request, "has been updated.", "has been approved and published.")
    elif page.get_latest_revision() and page.get_latest_revision().approved_go_live_at:
        _replace_last_message(request, "has been updated.", "has been approved and scheduled for publishing.")


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    documents_policy = policy_registry.get_by_type(get_document_model())
    if documents_policy.user_has_any_permission(request.user, ["add", "change", "delete"]):
        panels.append(MostDownloadedDocumentsPanel())
    panels.append(PopularSearchesPanel())


# The editor's guide ----------------------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_editor_guide_urls():
    return [
        path("editor-guide/", EditorGuideView.as_view(), name="portal_editor_guide"),
        path("editor-guide/screenshots/<str:name>", editor_guide_screenshot, name="portal_editor_guide_screenshot"),
    ]


@hooks.register("register_help_menu_item")
def register_editor_guide_menu_item():
    return MenuItem(
        "Editor guide", reverse("portal_editor_guide"), name="portal-editor-guide", icon_name="help", order=1100
    )


@hooks.register("construct_help_menu")
def replace_wagtails_editor_guide(request, items):
    """Wagtail's generic guide (guide.wagtail.org) gives way to the portal's own."""
    items[:] = [item for item in items if item.name != "editor-guide"]


# Revisions --------------------------------------------------------------------------------------------------------


@hooks.register("register_page_header_buttons")
def compare_with_live_button(page, user, view_name, next_url=None):
    """ "Compare with live" in a page's header menu (the edit view's "…" and the page listing's): Wagtail's
    revision comparison between the live version and the latest draft, shown when the draft differs from it."""
    if not (page.live and page.has_unpublished_changes and page.live_revision_id and page.latest_revision_id):
        return
    if page.latest_revision_id == page.live_revision_id:
        return
    if not page.permissions_for_user(user).can_view_revisions():
        return
    yield Button(
        "Compare with live",
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", page.latest_revision_id]),
        icon_name="history",
        priority=66,
    )


# The site settings' texts in French, Spanish... (Snippets > Site texts), one row per site and language.
register_snippet(SiteTexts)
