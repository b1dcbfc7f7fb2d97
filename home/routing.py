"""Which page a path names, remembered in the shared cache so that routing reads only the page itself.

``BasePage.route`` finds a page by its slugs with one query for the pages along the path, then reads the page that
answers as its specific type: two queries. The answer to "which page does ``/about-us/alliance/`` name below this
page" changes only when a page is renamed, moved or deleted, so where the cache is shared (``CACHE_IS_SHARED``) the
page's id and type are kept, and a later request reads the specific page straight away: one query.

Nothing is trusted blindly: the page read must still be at exactly that address (its ``url_path``, which Wagtail
keeps up to date on every rename and move), or the path is routed by its slugs again and remembered afresh. The
page itself (its content, whether it is live) is always read from the database; only paths that named a page are
remembered, so unknown addresses add nothing to the cache.
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

CACHE_SECONDS = 60 * 60


def _key(root, components):
    digest = hashlib.sha1("/".join(components).encode(), usedforsecurity=False).hexdigest()
    return f"route:v1:{root.pk}:{digest}"


def remembered(root, path_components, routes_by_slug):
    """``(specific page, remaining components)`` for the longest start of ``path_components`` remembered below
    ``root``, or ``None`` (nothing remembered, or the page is no longer there: route by slugs).

    ``routes_by_slug(page_class)`` tells whether a page type routes its sub-paths by slugs; a page that does must
    answer the whole path, one that does not (a routable page) may be asked to route the rest itself.
    """
    if not settings.CACHE_IS_SHARED:
        return None
    prefixes = [path_components[:length] for length in range(len(path_components), 0, -1)]
    found = cache.get_many([_key(root, prefix) for prefix in prefixes])
    for prefix in prefixes:
        entry = found.get(_key(root, prefix))
        if entry is None:
            continue
        page_id, content_type_id = entry
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        remaining = path_components[len(prefix) :]
        if model is None or (remaining and routes_by_slug(model)):
            return None
        try:
            page = model._default_manager.get(pk=page_id)
        except model.DoesNotExist:
            return None
        if page.url_path != f"{root.url_path}{'/'.join(prefix)}/":
            return None
        if len(prefix) == 1:
            page._cached_parent_obj = root  # as Wagtail's routing does: get_parent() then needs no query
        return page, remaining
    return None


def remember(root, consumed, page):
    """Remember that ``consumed`` (the start of a path below ``root``) names ``page``."""
    if settings.CACHE_IS_SHARED:
        cache.set(_key(root, consumed), (page.pk, page.content_type_id), CACHE_SECONDS)
