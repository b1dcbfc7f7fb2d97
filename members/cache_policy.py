"""The one place that decides who may keep a response, for how long, and under which purge tags.

Every response passes through ``decide`` (called by ``members.middleware.PrivateResponseMiddleware``):

* **private, no-store** — anything that depends on who asks: a logged-in user, an ``Authorization`` header, a
  page or file from a restricted page or collection (``mark_private``), a page that put a CSRF token in a form or
  set a cookie, a preview, the admin, share links and personal feeds (a credential in the address), any method
  but GET/HEAD, and every status but 200/304 (403, 404, 410, 429, 5xx, redirects to the login page). Varnish and
  CDNs never store these.
* **public** — everything else a visitor without credentials gets: ``max-age`` short for browsers (0 by default:
  they cannot be told when something changes, so they ask again, and the shared cache answers at once) and
  ``s-maxage`` long for the shared cache (it is purged when something changes, ``members.frontend_cache``).
  Lifetimes per kind: ``lifetimes``.

Purge tags (``X-Cache-Tags``, read by deploy/varnish/portal.vcl and stripped before the visitor sees them) say
what a stored response shows, so a change drops exactly the responses that show it:

* ``p<id>``: the page itself; ``u<url_path>``: its address, so a change to an ancestor (its title in the
  breadcrumbs, its address, its privacy) drops the whole subtree by prefix;
* ``nav``: every HTML page (main menu, footer, breadcrumbs);
* ``docs``: responses listing documents (home's latest documents, the library, search, sitemap, API);
* ``pages``: responses listing pages (search, sitemap, API, a document's "pages linking here");
* ``d<id>`` / ``i<id>``: a document's page, an image's files.
"""

from urllib.parse import quote

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control

from members.languages import without_language

TAGS_HEADER = "X-Cache-Tags"

# Paths whose answers list content, and the tags that say what they list.
LISTING_TAGS = (
    ("/search/", ("docs", "pages")),
    ("/sitemap", ("docs", "pages")),
    ("/api/", ("docs", "pages", "nav")),
    ("/feeds/", ("docs", "pages")),
)
# Share links (/share/<token>/) and members' personal feeds (/feeds/personal/<token>/) carry a credential in their
# address: never kept by a shared cache, and never by a browser either.
NEVER_SHARED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/account/",
    "/login/",
    "/logout/",
    "/password-reset/",
    "/share/",
    "/feeds/personal/",
)


def lifetimes(path):
    """``(browser max-age, shared s-maxage)`` in seconds for a public answer at ``path``."""
    if path.startswith("/api/"):
        return settings.API_CACHE_MAX_AGE, settings.API_SHARED_CACHE_MAX_AGE
    if path.startswith("/media/"):
        # A browser keeps a public image at most IMAGE_BROWSER_MAX_AGE: the bound on how long a privacy change takes
        # to reach it (its revalidation then gets a 404, never a 304: members.views.serve_media).
        return settings.IMAGE_BROWSER_MAX_AGE, settings.IMAGE_SHARED_MAX_AGE
    return settings.CACHE_BROWSER_MAX_AGE, settings.CACHE_SHARED_MAX_AGE


def mark_private(request):
    """Flag ``request`` so that its response is sent with ``Cache-Control: private, no-store``."""
    request._members_only = True


def make_private(response):
    if "public" in response.get("Cache-Control", ""):
        del response["Cache-Control"]
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response.headers.pop(TAGS_HEADER, None)
    return response


def tag(request, *tags):
    """Add purge tags to ``request``'s response (only sent when the response is public)."""
    if request is None:
        return
    existing = getattr(request, "_cache_tags", None)
    if existing is None:
        existing = request._cache_tags = []
    existing.extend(t for t in tags if t not in existing)


def page_tags(page):
    """The tags of a page's own HTML: itself, its address (for subtree purges), the navigation, and whatever its
    type says it lists (``cache_tags`` on the page class, e.g. ``("docs",)`` for pages listing documents)."""
    return ["nav", f"p{page.pk}", url_tag(page.url_path), *getattr(page.specific_class or type(page), "cache_tags", ())]


def url_tag(url_path):
    """The tag of a page address; ``quote`` keeps it ASCII and free of regex-significant characters but ``.``."""
    return "u" + quote(url_path or "/", safe="/-_~")


def private_reason(request, response):
    """Why ``response`` must not be kept by a shared cache, or ``None`` when it may be."""
    user = getattr(request, "user", None)
    if request.method not in ("GET", "HEAD"):
        return "method"
    if response.status_code not in (200, 304):
        return "status"
    if getattr(request, "_members_only", False):
        return "members-only"
    if user is not None and user.is_authenticated:
        return "logged-in user"
    if "HTTP_AUTHORIZATION" in request.META:
        return "credentials"
    if getattr(request, "is_preview", False):
        return "preview"
    if without_language(request.path).startswith(NEVER_SHARED_PREFIXES):
        return "account or admin"
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or response.cookies:
        return "form or cookie"
    # The session and message middleware set their cookies after this runs: ask them whether they will.
    session = getattr(request, "session", None)
    if (session is not None and session.modified) or getattr(getattr(request, "_messages", None), "added_new", False):
        return "session or message cookie"
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return "view said so"
    return None


def decide(request, response):
    """Set ``response``'s Cache-Control (and purge tags when it is public): the single decision point."""
    response.headers.pop(TAGS_HEADER, None)
    if private_reason(request, response) is not None:
        make_private(response)
        return response
    if "no-cache" in response.get("Cache-Control", ""):
        # Revalidated on every use (document downloads: each one is counted); never stored by Varnish.
        return response
    browser, shared = lifetimes(request.path)
    if "Cache-Control" in response:
        del response["Cache-Control"]
    patch_cache_control(response, public=True, max_age=browser, s_maxage=shared)
    tags = list(getattr(request, "_cache_tags", None) or [])
    for prefix, listing in LISTING_TAGS:
        if without_language(request.path).startswith(prefix):
            tags.extend(listing)
    if tags:
        response[TAGS_HEADER] = "," + ",".join(dict.fromkeys(tags)) + ","
    return response
