"""Serve-time privacy for pages and document downloads, decided by ``members.access``.

Wagtail's own checks send a logged-in user who is not in the right group back to the login page, which
loops. These hooks run first: an anonymous visitor is sent to the login page (and back afterwards); a
logged-in user who may not see the content gets a clear 403 page that says how to become a member.
Anything served from a restricted page or collection is marked private so no shared cache keeps it.
"""

from wagtail import hooks

from members import access
from members.middleware import mark_private
from members.views import members_only_response, redirect_to_login


def _refuse(request):
    if request.user.is_authenticated:
        return members_only_response(request)
    return redirect_to_login(request)


@hooks.register("before_serve_page", order=-10)
def check_page_access(page, request, serve_args, serve_kwargs):
    if not access.can_view_page(request, page):
        return _refuse(request)
    if access.is_restricted_page(request, page):
        mark_private(request)
    return None


@hooks.register("before_serve_document", order=-10)
def check_document_access(document, request):
    if not access.can_view_document(request, document):
        return _refuse(request)
    if access.is_restricted_collection(request, document.collection_id):
        mark_private(request)
    return None
