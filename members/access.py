"""The one place that decides what a request may see.

Every surface that lists or serves pages or documents — menus, section listings, related documents,
search, the documents library, feeds, the API — asks this module rather than filtering privacy itself.

``request`` may be ``None`` for "an anonymous visitor" (the sitemap, public caches).

Wagtail's own helpers are not enough on their own: ``PageQuerySet.public()`` hides restricted pages from
members too, and ``live()`` hides them from nobody. Here a restriction hides its page (and the page's
whole subtree, or the collection and its children) only from requests that do not pass it:

* "login" restrictions pass for any logged-in user;
* "groups" restrictions pass for a member of one of the restriction's groups, and for superusers;
* "password" restrictions pass for nobody in listings (shared passwords are switched off for editors).

The restriction rows are few and read on every request, so they are cached (see ``_restriction_rows``)
and the cache is cleared whenever a restriction, its groups or a restricted page's position changes.
"""

from django.core.cache import cache
from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction, Page, PageViewRestriction

PAGE_RESTRICTIONS_KEY = "access:page-restrictions:v1"
COLLECTION_RESTRICTIONS_KEY = "access:collection-restrictions:v1"
CACHE_SECONDS = 60 * 60


def _restriction_rows(model, cache_key, path_field):
    """``[(path, restriction_type, (group ids...)), ...]`` for every restriction of ``model``.

    Cached under ``cache_key`` until ``members.signals`` clears it.
    """
    rows = cache.get(cache_key)
    if rows is None:
        grouped = {}
        for pk, path, kind, group_id in model.objects.values_list("pk", path_field, "restriction_type", "groups"):
            entry = grouped.setdefault(pk, (path, kind, set()))
            if group_id is not None:
                entry[2].add(group_id)
        rows = [(path, kind, tuple(sorted(groups))) for path, kind, groups in grouped.values()]
        cache.set(cache_key, rows, CACHE_SECONDS)
    return rows


def clear_cached_restrictions():
    cache.delete_many([PAGE_RESTRICTIONS_KEY, COLLECTION_RESTRICTIONS_KEY])


def _remember(request, name, compute):
    """``compute()``, kept on ``request`` for the rest of the request (not kept when there is none)."""
    if request is None:
        return compute()
    if not hasattr(request, name):
        setattr(request, name, compute())
    return getattr(request, name)


def _user_group_ids(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return frozenset()
    if not hasattr(request, "_access_group_ids"):
        request._access_group_ids = frozenset(user.groups.values_list("id", flat=True))
    return request._access_group_ids


def passes(request, kind, group_ids):
    """Whether ``request`` satisfies one restriction of type ``kind`` limited to ``group_ids``."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if kind == BaseViewRestriction.LOGIN:
        return True
    if kind == BaseViewRestriction.GROUPS:
        return user.is_superuser or bool(_user_group_ids(request) & set(group_ids))
    return False


def _denied_paths(request, model, cache_key, path_field):
    rows = _restriction_rows(model, cache_key, path_field)
    return [path for path, kind, groups in rows if not passes(request, kind, groups)]


def denied_page_paths(request):
    """Tree paths of the restricted pages that ``request`` may not see; their subtrees are hidden too."""
    return [path for path, kind, groups in _page_rows() if not passes(request, kind, groups)]


def denied_collection_paths(request):
    """Tree paths of the restricted collections that ``request`` may not see, with their children."""
    return _denied_paths(request, CollectionViewRestriction, COLLECTION_RESTRICTIONS_KEY, "collection__path")


def _under_any(field, paths):
    """A condition matching rows whose tree ``field`` lies under (or at) any of ``paths``."""
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def _exclude_paths(queryset, field, paths):
    return queryset.exclude(_under_any(field, paths)) if paths else queryset


def visible_pages(request, queryset=None):
    """Live pages that ``request`` may see. ``queryset`` narrows the pages (default: all pages)."""
    queryset = Page.objects.all() if queryset is None else queryset
    return _exclude_paths(queryset.live(), "path", denied_page_paths(request))


def can_view_page(request, page):
    return page.live and not any(page.path.startswith(path) for path in denied_page_paths(request))


def denied_collection_ids(request):
    """Ids of every collection ``request`` may not see: restricted ones and all their descendants.

    Collections are few, so the subtree ids are worked out once per request; a document check is then a
    set look-up on ``collection_id`` with no join.
    """

    def compute():
        paths = denied_collection_paths(request)
        if not paths:
            return frozenset()
        return frozenset(Collection.objects.filter(_under_any("path", paths)).values_list("id", flat=True))

    return _remember(request, "_access_denied_collection_ids", compute)


def visible_documents(request, queryset=None):
    """Documents that ``request`` may see, leaving out those in collections it may not see."""
    queryset = get_document_model().objects.all() if queryset is None else queryset
    denied = denied_collection_ids(request)
    return queryset.exclude(collection_id__in=denied) if denied else queryset


def can_view_document(request, document):
    return document.collection_id not in denied_collection_ids(request)


def filter_visible_documents(request, documents):
    """Keep, in order, the documents of an already-loaded list that ``request`` may see (``None`` dropped).

    For editor-chosen lists (related documents, document-link blocks) loaded in bulk by a chooser block.
    """
    denied = denied_collection_ids(request)
    return [doc for doc in documents if doc is not None and doc.collection_id not in denied]


def visible_images(request, queryset=None):
    """Images that ``request`` may see: those outside collections restricted from it."""
    queryset = get_image_model().objects.all() if queryset is None else queryset
    denied = denied_collection_ids(request)
    return queryset.exclude(collection_id__in=denied) if denied else queryset


def can_view_image(request, image):
    return image.collection_id not in denied_collection_ids(request)


def is_restricted_page(page):
    """Whether any restriction applies to ``page`` (for whom it applies does not matter here)."""
    return any(page.path.startswith(path) for path, _kind, _groups in _page_rows())


def is_restricted_collection(collection_id):
    return collection_id in denied_collection_ids(None)


def _page_rows():
    return _restriction_rows(PageViewRestriction, PAGE_RESTRICTIONS_KEY, "page__path")
