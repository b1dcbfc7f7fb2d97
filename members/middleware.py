from urllib.parse import urlparse

from wagtail.contrib.redirects.middleware import RedirectMiddleware, get_redirect
from wagtail.contrib.redirects.models import Redirect

from members import access, cache_policy

# Kept here for the views that mark their answers private; the decision itself is ``members.cache_policy``.
mark_private = cache_policy.mark_private
make_private = cache_policy.make_private


class PrivateResponseMiddleware:
    """Makes the request known to ``members.access.current_request`` while it is served, then lets
    ``members.cache_policy.decide`` set every response's Cache-Control: ``private, no-store`` for anything built
    for a logged-in user or carrying members-only content (``mark_private``), so a CDN never hands a member's page
    to anyone else; ``public`` with a long shared lifetime and purge tags for the rest.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with access.serving(request):
            response = self.get_response(request)
        return cache_policy.decide(request, response)


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
