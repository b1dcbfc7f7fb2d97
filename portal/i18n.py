"""Which language a request is in, and the redirects that keep every address working.

Pages, search, login and "My account" live under a language prefix (``/en/``, ``/fr/``, ``/es/``: Django's
``i18n_patterns`` in ``portal/urls.py``), each language with its own slugs. The language of a request is the
address's prefix and nothing else, so a cached page never depends on a cookie or a header. Addresses without a prefix
(the API, files, media, feeds, sitemaps, health, the admin) are answered in English; the admin then switches to each
editor's own preference.

Two redirects:

* ``/`` sends the visitor to their language: the one they last chose in the switcher (a cookie the switcher sets),
  else the best match for ``Accept-Language``, else English. The answer depends on the visitor, so it is
  ``private, no-store`` (Varnish passes it).
* Any other address without a prefix that nothing answers (the site's addresses before it had languages, such as
  ``/about-us/``) is redirected permanently to the same address under ``/en/``: old links and bookmarks keep
  working. Wagtail's own redirects (an editor's ``/old-about/``) are tried first.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from members.languages import language_codes, language_from_path


def preferred_language(request):
    """The visitor's language for ``/``: the switcher's cookie, else ``Accept-Language``, else the default."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in language_codes():
        return chosen
    language = translation.get_language_from_request(request)
    return language if language in language_codes() else settings.LANGUAGE_CODE


# First segments of the addresses that live outside the language prefixes (portal/urls.py): a missing address
# there stays a 404 (a share link's token, a file), never a redirect to a page address.
UNPREFIXED = frozenset(
    ["admin", "django-admin", "api", "files", "media", "static", "share", "feeds", "_util", "healthz", "readyz"]
)


def _answered_without_prefix(path):
    """Whether ``path`` belongs to the addresses outside the language prefixes (the API, files, feeds ...)."""
    first = path.lstrip("/").split("/", 1)[0]
    if first in UNPREFIXED or first.startswith(("sitemap", "robots")):
        return True
    try:
        resolve(path, get_urlconf())
    except Resolver404:
        return False
    return True


class LanguageMiddleware:
    """Activates the address's language, and redirects ``/`` and old unprefixed addresses (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        language = language_from_path(path)
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        if path == "/":
            response = HttpResponseRedirect(f"/{preferred_language(request)}/")
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            return response
        response = self.get_response(request)
        if language is None and response.status_code == 404 and not _answered_without_prefix(path):
            query = request.META.get("QUERY_STRING", "")
            target = f"/{settings.LANGUAGE_CODE}{request.path}" + (f"?{query}" if query else "")
            response = HttpResponsePermanentRedirect(target)
        if language is not None:
            response.headers.setdefault("Content-Language", language)
        return response
