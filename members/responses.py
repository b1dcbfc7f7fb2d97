"""The responses that refuse a page or a document: sent to log in, or the "members only" page.

Not views: the serve-time hooks (``members.wagtail_hooks``) and the page types that serve sub-pages of their own (the
documents library's document pages) build their refusals here, so no model imports a view.
"""

from django.contrib.auth.views import redirect_to_login as django_redirect_to_login
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from members import access, cache_policy
from members.middleware import mark_private


def redirect_to_login(request):
    response = django_redirect_to_login(request.get_full_path())
    add_never_cache_headers(response)
    return response


def refuse(request):
    """Anonymous visitors are sent to log in (and back); logged-in users who may not see it get the 403 page."""
    if request.user.is_authenticated:
        return members_only_response(request)
    return redirect_to_login(request)


def page_access_response(request, page):
    """The response refusing ``page`` to ``request``, or ``None`` when it may be served (then marked private
    if any restriction covers it).

    Only a members-only page that the main menu lists (``access.is_announced_page``: the private areas' entry)
    says that it exists, with the login redirect or the members-only page. Any other page the request may not
    see answers exactly as a missing page does, so a guessed address learns nothing: the 404 page offers
    anonymous visitors the login link, which brings a member back to the address after logging in.
    """
    if not access.can_view_page(request, page):
        if not access.is_announced_page(request, page):
            raise Http404
        return refuse(request)
    if access.is_restricted_page(request, page):
        mark_private(request)
    return None


def document_access_response(request, document):
    """As ``page_access_response``, for a document (its download and its page in the library): a document the
    request may not see answers exactly as a missing one (a 404 whose page offers anonymous visitors the login
    link back to the address), so a guessed id or file name learns nothing."""
    if not access.can_view_document(request, document):
        raise Http404
    if access.is_restricted_collection(request, document.collection_id):
        mark_private(request)
    # A document's page lists the pages linking to it: purged with them (members.frontend_cache).
    cache_policy.tag(request, f"d{document.pk}", "pages")
    return None


def members_only_response(request):
    """The 403 page for a logged-in user who is not allowed into a members' area.

    Its link to the page that explains how to join comes from the ``membership_page`` template tag, which the app
    owning that page provides (``about.templatetags.membership_tags``): ``members`` names no page type.
    """
    mark_private(request)
    return TemplateResponse(request, "members/members_only.html", status=403)
