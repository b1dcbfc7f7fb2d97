"""Serve-time privacy for pages and document downloads, decided by ``members.access``.

Wagtail's own checks send a logged-in user who is not in the right group back to the login page, which
loops. These hooks run first: an anonymous visitor is sent to the login page (and back afterwards); a
logged-in user who may not see the content gets a clear 403 page that says how to become a member.
Anything served from a restricted page or collection is marked private so no shared cache keeps it.
"""

import wagtail.wagtail_hooks as wagtail_core_hooks
from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks

from members import access, cache_policy
from members.responses import document_access_response, page_access_response
from members.rich_text import AccessAwareDocumentLinkHandler, AccessAwarePageLinkHandler


@hooks.register("before_serve_page", order=-10)
def check_page_access(page, request, serve_args, serve_kwargs):
    refusal = page_access_response(request, page)
    if refusal is None:
        cache_policy.tag(request, *cache_policy.page_tags(page))
    return refusal


@hooks.register("before_edit_page")
def say_when_private_through_a_translation(request, page):
    """Wagtail's privacy dialog knows only the page's own tree: for a translation of a members-only page (private
    on the site whatever its own settings say, ``members.access``) the editor is told why, and where to change it.
    """
    if request.method != "GET":
        return None
    source = access.restricted_through_translation(page)
    if source is not None:
        messages.warning(
            request,
            _(
                "This page is private: its translation “%(title)s” (%(language)s) is restricted, and a translation "
                "of a members-only page is members-only in every language. Change the privacy there."
            )
            % {"title": source.title, "language": source.locale.get_display_name()},
        )
    return None


@hooks.register("before_serve_document", order=-10)
def check_document_access(document, request):
    return document_access_response(request, document)


@hooks.register("register_rich_text_features", order=1000)
def register_access_aware_links(features):
    """Runs after Wagtail's own registrations (order 0), so these handlers replace its page and document ones."""
    features.register_link_type(AccessAwarePageLinkHandler)
    features.register_link_type(AccessAwareDocumentLinkHandler)


def _replace_wagtails_page_restriction_check():
    """Take Wagtail's own ``on_serve_page`` restriction check out of the chain: ``check_page_access`` above
    replaces it. Wagtail's re-reads the page's restrictions on every page view (two queries, even for pages
    with none) and would send a logged-in non-member back to the login page. Importing Wagtail's hooks module
    here makes sure it has registered before it is taken out; the leak suite checks nothing is lost.
    """
    registered = hooks._hooks.get("on_serve_page", [])
    hooks._hooks["on_serve_page"] = [
        (fn, order) for fn, order in registered if fn is not wagtail_core_hooks.check_view_restrictions
    ]


_replace_wagtails_page_restriction_check()
