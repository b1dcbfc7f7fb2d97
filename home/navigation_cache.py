"""The version of the site's navigation (menus, breadcrumbs, child-page cards), for caching them.

Whenever a page is published, unpublished, moved, renamed or deleted, the version goes up and every cached
menu, breadcrumb trail and list of cards is read afresh. Privacy changes need no bump: the cache keys hold the
pages the request may not see (``cached_rows``).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from members import cache_generations
from members.access import denied_page_paths

VERSION_KEY = "nav:version"
ROWS_SECONDS = 60 * 60


def navigation_version():
    return cache_generations.current(VERSION_KEY)


def site_root(request):
    """The root page of the site serving ``request``, or ``None``.

    ``Site.find_for_request`` caches the site on the request and the root page is then cached on the site, so
    the menu and the breadcrumbs share one look-up per request.
    """
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    # The home page in the request's language (its translation of the site's root), read once per request.
    root = getattr(request, "_portal_site_root", None)
    if root is None or root[0] != site.pk:
        root = (site.pk, site.root_page.localized)
        request._portal_site_root = root
    return root[1]


def cached_rows(request, root, name, compute, *parts):
    """``compute()``: rows of page links or cards, kept in the shared cache when there is one.

    The key holds what the rows depend on: the site's root, the pages this request may not see (members and
    visitors get different rows), the navigation version (bumped whenever a page is published, unpublished,
    moved, renamed or deleted) and ``parts``. Without a shared cache (``CACHE_IS_SHARED``) the rows are computed
    on every request: a per-process cache could not be cleared in the other processes.
    """
    if not settings.CACHE_IS_SHARED:
        return compute()
    denied = hashlib.sha1("|".join(sorted(denied_page_paths(request))).encode(), usedforsecurity=False).hexdigest()
    key = ":".join(["nav", name, str(root.pk), denied[:16], str(navigation_version()), *map(str, parts)])
    rows = cache.get(key)
    if rows is None:
        rows = compute()
        cache.set(key, rows, ROWS_SECONDS)
    return rows


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
@receiver(post_delete)
def navigation_changed(sender=None, **kwargs):
    if sender is not None and not (isinstance(sender, type) and issubclass(sender, Page)):
        return
    cache_generations.advance(VERSION_KEY)
