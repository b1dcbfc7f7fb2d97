"""A page's versions in the other languages, for the language switcher, the ``hreflang`` links and the sitemap.

A page's translations share its ``translation_key`` (``Page.get_translations``); each language's home page is a
translation of the site's root page. Only the versions the request may see count (``members.access``): a
members-only translation is never linked for a visitor, who gets that language's home page instead.

One query answers for a page: its visible live translations and every language's home page together. Where the cache
is shared the answer is kept with the navigation (``home.navigation_cache.cached_rows``): its key holds the pages the
request may not see, and the navigation version goes up whenever a page is published, unpublished, moved, renamed or
deleted, which is how a translation appears or goes away.
"""

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.urls import translate_url
from django.utils.translation import to_locale
from wagtail.models import Page, Site

from home.navigation_cache import cached_rows, site_root
from members.access import visible_pages

# What a version's address is made of; the language comes with it through a join.
VERSION_FIELDS = ("id", "path", "url_path", "translation_key", "locale__language_code")

# Open Graph wants a territory: the portal's English is British, its French and Spanish those of France and Spain.
OG_LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}


@dataclass(frozen=True)
class Version:
    """One language's link: the page's translation (``is_home`` false) or, without one, that language's home."""

    language_code: str
    name: str
    url: str  # on the site's own address when the page is on the request's site, else absolute
    full_url: str  # absolute, for ``hreflang`` links
    is_home: bool
    is_current: bool = False


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def og_locale(language_code):
    return OG_LOCALES.get(language_code) or to_locale(language_code)


def _addresses(page, request):
    """``(url, full_url)`` of ``page``, or ``None`` when it has no address (not under any site's root)."""
    parts = page.get_url_parts(request)
    if parts is None or parts[2] is None:
        return None
    site_id, root_url, path = parts
    current_site = Site.find_for_request(request) if request is not None else None
    url = path if current_site is not None and current_site.pk == site_id else root_url + path
    return url, root_url + path


def _version_rows(request, page, root):
    """``[(language_code, is_home, url, full_url)]``: the visible live translations of ``page`` (itself included)
    and of the site's root page (each language's home), in one query."""
    pages = visible_pages(
        request,
        Page.objects.filter(
            Q(translation_key=page.translation_key) | Q(translation_key=root.translation_key, depth=root.depth)
        ),
    ).select_related("locale")
    rows = []
    for version in pages.only(*VERSION_FIELDS).order_by("path"):
        addresses = _addresses(version, request)
        if addresses is None:
            continue
        is_page = version.translation_key == page.translation_key
        rows.append((version.locale.language_code, not is_page, *addresses))
    return rows


def page_versions(request, page):
    """``{language_code: Version}`` for ``page``: its visible translation in each language, else that language's
    home page; a language with neither is left out. Read once per request and page."""
    memo = getattr(request, "_portal_page_versions", None)
    if memo is None:
        memo = request._portal_page_versions = {}
    if page.pk in memo:
        return memo[page.pk]
    root = site_root(request)
    if root is None or not page.translation_key:
        memo[page.pk] = {}
        return {}
    rows = cached_rows(request, root, "versions", lambda: _version_rows(request, page, root), page.path)
    names = dict(settings.LANGUAGES)
    versions = {}
    # A translation wins over the home page in its language (the home page itself is both).
    for code, is_home, url, full_url in sorted(rows, key=lambda row: row[1]):
        if code in names and code not in versions:
            versions[code] = Version(code, names[code], url, full_url, is_home)
    memo[page.pk] = versions
    return versions


def _page_links(request, page, current_language, route=""):
    """One link per language to ``page``'s version in it (else its home page), ``route`` (a sub-route and its query
    string) added to the translations."""
    links = []
    versions = page_versions(request, page)
    for code, name in settings.LANGUAGES:
        version = versions.get(code)
        if version is None:
            continue
        url = version.url + route if route and not version.is_home else version.url
        links.append(Version(code, name, url, version.full_url, version.is_home, is_current=code == current_language))
    return links


def switcher_links(request, page, current_language):
    """The language switcher's links, one per language in ``settings.LANGUAGES`` order.

    On a page: its translation in each language, else that language's home. On a page's own sub-route (a document's
    page in the library) the same sub-route under each translation, with the query string. On any other view (search,
    login, "My account") the same view in each language (``translate_url``), with the query string; on an address
    nothing answers (a 404), each language's home page.
    """
    if request is None:
        return []
    if isinstance(page, Page) and page.pk:
        own = page_versions(request, page).get(current_language)
        route = ""
        if own is not None and not own.is_home:
            own_path = urlsplit(own.url).path
            if request.path != own_path and request.path.startswith(own_path):
                query = request.META.get("QUERY_STRING", "")
                route = request.path[len(own_path) :] + (f"?{query}" if query else "")
        return _page_links(request, page, current_language, route)
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name == "wagtail_serve":
        root = site_root(request)
        return _page_links(request, root, current_language) if root is not None else []
    return [
        Version(code, name, url, url, False, is_current=code == current_language)
        for code, name in settings.LANGUAGES
        for url in [translate_url(request.get_full_path(), code)]
    ]


def alternate_links(request, page):
    """``[(hreflang, full_url)]`` for ``page``'s head: each visible translation (itself included), then
    ``x-default``: the English version, else the English home page."""
    versions = page_versions(request, page)
    links = [(code, version.full_url) for code, version in versions.items() if not version.is_home]
    default = versions.get(settings.LANGUAGE_CODE)
    if default is not None:
        links.append(("x-default", default.full_url))
    return links


def sitemap_alternates(pages, root, request=None):
    """``{translation_key: [{"lang_code", "location"}]}`` for the sitemap's entries ``pages``: every version an
    anonymous visitor may see, then ``x-default`` (the English version, else the English home), in one query for
    the whole page of entries.

    ``root`` is the site's root page, whose translations are the languages' home pages.
    """
    keys = {page.translation_key for page in pages if page.translation_key}
    if not keys:
        return {}
    found = visible_pages(
        None,
        Page.objects.filter(Q(translation_key__in=keys) | Q(translation_key=root.translation_key, depth=root.depth)),
    ).select_related("locale")
    by_key = defaultdict(dict)
    default_home = None
    for version in found.only(*VERSION_FIELDS).order_by("path"):
        full_url = version.get_full_url(request)
        if full_url is None:
            continue
        code = version.locale.language_code
        by_key[version.translation_key].setdefault(code, full_url)
        if version.translation_key == root.translation_key and code == settings.LANGUAGE_CODE:
            default_home = full_url
    alternates = {}
    for key, urls in by_key.items():
        entries = [{"lang_code": code, "location": urls[code]} for code in language_codes() if code in urls]
        default = urls.get(settings.LANGUAGE_CODE, default_home)
        if default is not None:
            entries.append({"lang_code": "x-default", "location": default})
        alternates[key] = entries
    return alternates
