import re
from urllib.parse import urlparse

from django.conf import settings
from wagtail.contrib.redirects.middleware import RedirectMiddleware, get_redirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from members import access, cache_policy
from members.languages import root_for_path

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
        if redirect is None:
            return redirected
        if redirect.redirect_page is not None:
            hidden = not access.can_view_page(request, redirect.redirect_page)
        else:
            hidden = typed_link_is_hidden(request, redirect.redirect_link)
        return response if hidden else redirected


FILE_PATH = re.compile(r"^/files/(\d+)/")


def typed_link_is_hidden(request, link):
    """Whether an address an editor typed (not chosen) leads, on this site, to a page or a document file that
    ``request`` may not see. A page's own address and every address below it (a library's document pages, say)
    count as the page's: restrictions cover a page's whole subtree."""
    parsed = urlparse(link or "")
    if parsed.netloc and parsed.netloc not in {request.get_host(), urlparse(settings.SITE_URL).netloc}:
        return False  # another website's address names nothing of ours
    path = parsed.path or "/"
    file_match = FILE_PATH.match(path)
    if file_match:
        document = get_document_model().objects.filter(pk=int(file_match[1][:18])).first()
        return document is not None and not access.can_view_document(request, document)
    site = Site.find_for_request(request)
    if site is None:
        return False
    # /fr/... names a page below the French home page (the translation of the site's root); an address without a
    # prefix is redirected to English, so it names what /en/... does.
    root, rest = root_for_path(site.root_page, path)
    components = [part for part in rest.split("/") if part]
    prefixes = [root.url_path + "".join(f"{part}/" for part in components[:n]) for n in range(len(components) + 1)]
    page = Page.objects.filter(url_path__in=prefixes).order_by("-depth").first()
    return page is not None and not access.can_view_page(request, page)
