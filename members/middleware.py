from urllib.parse import urlparse

from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail.contrib.redirects.middleware import RedirectMiddleware, get_redirect
from wagtail.contrib.redirects.models import Redirect

from members import access


class PrivateResponseMiddleware:
    """Makes the request known to ``members.access.current_request`` while it is served, and marks the
    responses that must never be stored by a shared cache.

    A response is private when it was built for a logged-in user (menus, greeting and content depend on
    who they are) or when a view marked it as carrying members-only content (``mark_private``). Such
    responses get ``Cache-Control: private, no-store`` so a CDN never hands a member's page to anyone else.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with access.serving(request):
            response = self.get_response(request)
        user = getattr(request, "user", None)
        if getattr(request, "_members_only", False) or (user is not None and user.is_authenticated):
            make_private(response)
        return response


def mark_private(request):
    """Flag ``request`` so that its response is sent with ``Cache-Control: private, no-store``."""
    request._members_only = True


def make_private(response):
    if "public" in response.get("Cache-Control", ""):
        del response["Cache-Control"]
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


class AccessAwareRedirectMiddleware(RedirectMiddleware):
    """Wagtail's redirects (editor-made, or made automatically when a page is renamed or moved), except to a page
    the request may not see: that old address answers as a missing one (the 404 it had), so it never names the
    members-only address. The 404 page offers anonymous visitors the login, which brings a member back to the old
    address, and from there on to the page."""

    def process_response(self, request, response):
        redirected = super().process_response(request, response)
        if redirected is response:
            return response
        path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
        redirect = get_redirect(request, path) or get_redirect(request, urlparse(path).path)
        page = redirect.redirect_page if redirect is not None else None
        if page is not None and not access.can_view_page(request, page):
            return response
        return redirected
