"""The public sitemap: ``/sitemap.xml`` is an index of paginated section sitemaps (``/sitemap-pages.xml``,
``/sitemap-documents.xml``, ``?p=2`` ...), each page at most ``SITEMAP_PAGE_SIZE`` entries, so a request costs the
same whatever the size of the site. This module holds the pages' section and what every section shares; the
documents' section is ``documents.sitemaps``, and ``portal.urls`` names the sections.

The sitemap is public, so it is the same for everyone, members included: every section is built for "nobody
logged in" (``request=None`` in the access module), never from the request's user.
"""

from dataclasses import replace

from django.db.models import Exists, Max, OuterRef
from django.db.models.functions import Coalesce, Substr
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import index as wagtail_sitemap_index
from wagtail.models import Page, get_page_models

from home.language_links import sitemap_alternates
from home.site_address import site_root_url
from members.access import visible_pages

# Entries per sitemap page: what bounds one request's cost (the protocol allows up to 50,000).
SITEMAP_PAGE_SIZE = 2000

# What a page's address and date are made of: its ``url_path`` against the cached site root paths, and its
# publication dates. ``content_type`` says whether its page type builds its own sitemap entries.
PAGE_FIELDS = (
    "id",
    "path",
    "url_path",
    "content_type",
    "translation_key",
    "last_published_at",
    "latest_revision_created_at",
)
URL_METHODS = ("get_sitemap_urls", "get_url_parts", "get_full_url")
# Every key Django's ``sitemap.xml`` template reads: a missing one costs the template a failed look-up (with a
# ``dir()``) per entry, which made a page of 2,000 documents twice as slow (100 ms -> 48 ms of CPU).
ENTRY = {"lastmod": None, "changefreq": None, "priority": "", "alternates": []}


def page_types_with_own_sitemap_urls():
    """Page models that override, or inherit an override of, how a page's sitemap entries or address are built
    (none today).

    Their pages are loaded as their specific type and asked for their entries; every other page is answered from
    the base ``Page`` fields, without ``.specific()``.
    """
    return [
        model
        for model in get_page_models()
        if any(getattr(model, name) is not getattr(Page, name) for name in URL_METHODS)
    ]


class PublicPagesSitemap(Sitemap):
    """Pages an anonymous visitor may see, in every language, in tree order; each entry names its translations
    (``xhtml:link`` alternates, ``x-default`` the English version). Two queries for a page of entries (the
    entries, then their translations), none per entry."""

    limit = SITEMAP_PAGE_SIZE

    def items(self):
        """The site's pages in every language: under its root page or under one of the root's translations (each
        language's home page, a sibling of the root), in one query."""
        root = self.get_wagtail_site().root_page
        homes = Page.objects.filter(
            translation_key=root.translation_key, depth=root.depth, path=Substr(OuterRef("path"), 1, len(root.path))
        )
        pages = visible_pages(None, Page.objects.filter(depth__gte=root.depth).filter(Exists(homes)))
        return pages.order_by("path").only(*PAGE_FIELDS)

    def get_latest_lastmod(self):
        """The newest date of the section, in one query (Django's default reads every item)."""
        newest = Coalesce("last_published_at", "latest_revision_created_at")
        return self.items().order_by().aggregate(newest=Max(newest))["newest"]

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        specific = {}
        for model in page_types_with_own_sitemap_urls():
            ids = [item.pk for item in pages if item.specific_class is model]
            if ids:
                specific.update(model.objects.in_bulk(ids))
        alternates = sitemap_alternates(pages, self.get_wagtail_site().root_page, self.request)
        urls = []
        for item in pages:
            # ``request`` keeps Wagtail's site root paths for the whole page of entries.
            translations = alternates.get(item.translation_key, [])
            urls.extend(
                {**ENTRY, "alternates": translations, **url}
                for url in specific.get(item.pk, item).get_sitemap_urls(self.request)
            )
        last_mods = {url.get("lastmod") for url in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def sitemap_index(request, **kwargs):
    """``/sitemap.xml``: Wagtail's index view, with each section's address on the site's own origin (the ``Site``
    record, like every entry inside the sections) rather than the request's Host header."""
    response = wagtail_sitemap_index(request, **kwargs)
    request_origin = f"{request.scheme}://{request.get_host()}"
    root_url = site_root_url(request)
    response.context_data["sitemaps"] = [
        replace(item, location=root_url + item.location.removeprefix(request_origin))
        if item.location.startswith(request_origin + "/")
        else item
        for item in response.context_data["sitemaps"]
    ]
    return response


def robots_txt(request):
    """``/robots.txt``, naming the sitemap index at the site's own origin."""
    return TemplateResponse(
        request,
        "robots.txt",
        {"sitemap_url": site_root_url(request) + reverse("sitemap")},
        content_type="text/plain",
    )
