"""The one place that decides what a request may see.

Every surface that lists or serves pages or documents — menus, section listings, related documents,
search, the documents library, feeds, the API — asks this module rather than filtering privacy itself.

``request`` may be ``None`` for "an anonymous visitor" (the sitemap, public caches).

Wagtail's own helpers are not enough on their own: ``PageQuerySet.public()`` hides restricted pages from
members too, and ``live()`` hides them from nobody. Here a restriction hides its page (and the page's
whole subtree, and every translation of them: ``_load_page_rows``; or the collection and its children) only from
requests that do not pass it:

* "login" restrictions pass for any logged-in user;
* "groups" restrictions pass for a member of one of the restriction's groups, and for superusers;
* "password" restrictions pass for nobody in listings (shared passwords are switched off for editors).

The restriction rows are few and read on every request. With ``CACHE_IS_SHARED`` on (a cache
shared by every process, or a single process), they are kept in the cache and cleared whenever a
restriction, its groups, a page's position or a collection changes, or a page is created or deleted (a new
translation of a members-only page is covered at once: ``members.signals``).
Otherwise they are read once per request: a per-process cache could not be cleared in the other processes
and would keep showing a newly restricted page there.
"""

import hashlib
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import F, Lookup, Q
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.permissions import policy_registry

# The request being served, for code that renders without one at hand (rich-text links). Set by
# ``members.middleware.PrivateResponseMiddleware``; ``None`` outside a request means an anonymous visitor.
_current_request = ContextVar("portal_current_request", default=None)


def current_request():
    return _current_request.get()


@contextmanager
def serving(request):
    """Make ``request`` the one ``current_request`` returns while the block runs."""
    token = _current_request.set(request)
    try:
        yield request
    finally:
        _current_request.reset(token)


PAGE_RESTRICTIONS_KEY = "access:page-restrictions:v3"  # v3: translations covered
COLLECTION_RESTRICTIONS_KEY = "access:collection-restrictions:v2"
CACHE_SECONDS = 60 * 60


def _load_rows(model, path_field):
    """``[(path, restriction_type, (group ids...)), ...]``: one row per restriction of ``model``."""
    grouped = {}
    for pk, path, kind, group_id in model.objects.values_list("pk", path_field, "restriction_type", "groups"):
        entry = grouped.setdefault(pk, (path, kind, set()))
        if group_id is not None:
            entry[2].add(group_id)
    return [(path, kind, tuple(sorted(groups))) for path, kind, groups in grouped.values()]


def _cached(request, key, load):
    """``load()``, kept in the shared cache when allowed, and on the request for the rest of it."""
    memo = getattr(request, "_access_rows", None) if request is not None else None
    if memo is not None and key in memo:
        return memo[key]
    rows = cache.get(key) if settings.CACHE_IS_SHARED else None
    if rows is None:
        rows = load()
        if settings.CACHE_IS_SHARED:
            cache.set(key, rows, CACHE_SECONDS)
    if request is not None:
        if memo is None:
            memo = request._access_rows = {}
        memo[key] = rows
    return rows


def _page_rows(request):
    """Page restrictions as ``(path, type, group ids)``, translations included (``_load_page_rows``)."""
    return _cached(request, PAGE_RESTRICTIONS_KEY, _load_page_rows)


# Bound on the rounds of ``_load_page_rows``: each round follows one more move of a translation out of its
# restricted tree; a real tree needs two (the restricted pages' translations, then nothing new).
TRANSLATION_ROUNDS = 8


def _under(paths):
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def _load_page_rows():
    """Every page restriction, each also covering the translations of what it covers.

    A restriction on a page covers the page, its subtree, and every translation (same ``translation_key``) of
    any page so covered, with their own subtrees, wherever they stand in the tree and in whatever order they
    were created or moved: a translation of a members-only page is members-only. So a French page under an
    unrestricted French parent is hidden as its English original is, and taking the restriction off the
    English page makes its translations public again (unless they carry restrictions of their own).

    Each row is ``(path, type, group ids)`` of one restriction and one tree it covers; a request must pass every
    row whose path begins its page's path. Computed when the rows are loaded (``_cached``, cleared on every
    change that can move a page into or out of a covered set: ``members.signals``): one query for the
    restrictions, then one per round for the pages of the translation sets met in the covered trees (two rounds
    for a tree of translations; one where there are none).
    """
    restrictions = {}
    for pk, path, kind, group_id in PageViewRestriction.objects.values_list(
        "pk", "page__path", "restriction_type", "groups"
    ):
        entry = restrictions.setdefault(pk, (kind, set(), {path}))
        if group_id is not None:
            entry[1].add(group_id)
    frontier = {path for _kind, _groups, paths in restrictions.values() for path in paths}
    for _round in range(TRANSLATION_ROUNDS):
        if not frontier:
            break
        keys = Page.objects.filter(_under(frontier)).values("translation_key")
        members = sorted(Page.objects.filter(translation_key__in=keys).values_list("path", "translation_key"))
        frontier = set()
        for _kind, _groups, paths in restrictions.values():
            covered_keys = {key for path, key in members if path.startswith(tuple(paths))}
            for path, key in members:  # in tree order: a translated subtree is covered by its top page alone
                if key in covered_keys and not path.startswith(tuple(paths)):
                    paths.add(path)
                    frontier.add(path)
    return [
        (path, kind, tuple(sorted(groups))) for kind, groups, paths in restrictions.values() for path in sorted(paths)
    ]


def _collection_rows(request):
    """Collection restrictions as ``(type, group ids, ids of the collection and its descendants)``.

    Collections are few, so each restricted subtree is expanded to ids when the rows are loaded; a document
    or image check is then a set look-up on ``collection_id``, with no query and no join.
    """

    def load():
        return [
            (kind, groups, frozenset(Collection.objects.filter(path__startswith=path).values_list("id", flat=True)))
            for path, kind, groups in _load_rows(CollectionViewRestriction, "collection__path")
        ]

    return _cached(request, COLLECTION_RESTRICTIONS_KEY, load)


def clear_cached_restrictions():
    cache.delete_many([PAGE_RESTRICTIONS_KEY, COLLECTION_RESTRICTIONS_KEY])


def user_group_ids(request):
    """The ids of the request's user's groups, read once per request."""
    if not hasattr(request, "_access_group_ids"):
        # Straight from the membership table: ``user.groups`` builds a many-to-many manager (Django resolves the
        # relation's field names on each build, a measurable share of a member's page) and joins auth_group.
        memberships = get_user_model().groups.through.objects.filter(user_id=request.user.pk)
        request._access_group_ids = frozenset(memberships.values_list("group_id", flat=True))
    return request._access_group_ids


def passes(request, kind, group_ids):
    """Whether ``request`` satisfies one restriction of type ``kind`` limited to ``group_ids``."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if kind == BaseViewRestriction.LOGIN:
        return True
    if kind == BaseViewRestriction.GROUPS:
        return user.is_superuser or bool(user_group_ids(request) & set(group_ids))
    return False


def denied_page_paths(request):
    """Tree paths of the restricted pages that ``request`` may not see; their subtrees are hidden too.

    Each path once, in tree order, and none under another (a restriction's row per translation repeats paths, and
    a restricted page below a denied one is hidden with it): the fewest prefixes that hide the same pages, so that
    every listing's SQL holds no condition twice (PostgreSQL plans each one, for every time the pages are read)."""
    outermost = []
    for path in sorted({path for path, kind, groups in _page_rows(request) if not passes(request, kind, groups)}):
        # In sorted order, a path under an earlier one comes right after it or after other paths under it.
        if not outermost or not path.startswith(outermost[-1]):
            outermost.append(path)
    return outermost


def denied_collection_ids(request):
    """Ids of every collection ``request`` may not see: restricted ones and all their descendants."""
    denied = set()
    for kind, groups, ids in _collection_rows(request):
        if not passes(request, kind, groups):
            denied |= ids
    return denied


def denied_digest(request):
    """A short digest of everything ``request`` may not see (the denied page paths and collections): requests with
    the same digest see the same pages, documents and images, so a cached answer built through this module for one
    of them may be given to the others (the search's answers and "did you mean" vocabularies, rendered pages)."""
    collections = ",".join(str(pk) for pk in sorted(denied_collection_ids(request)))
    hidden = "|".join(denied_page_paths(request)) + "#" + collections
    return hashlib.sha256(hidden.encode()).hexdigest()[:32]


def restricted_collection_ids(request=None):
    """Ids of every collection under any restriction: their documents are "members only"."""
    restricted = set()
    for _kind, _groups, ids in _collection_rows(request):
        restricted |= ids
    return restricted


class StartsWithAny(Lookup):
    """``field`` starts with one of ``prefixes``: the SQL of ``Q(field__startswith=a) | Q(field__startswith=b) | ...``
    (each prefix escaped, each its own ``LIKE``), built and compiled as one lookup. Every listing and search excludes
    the denied paths this way, and building each ``startswith`` lookup through the ORM cost a search about a
    millisecond of CPU for a dozen restricted sections. A lookup (not a bare expression), so that Wagtail's search
    backends, which read a searched queryset's filters, see a filter on ``field``."""

    lookup_name = "startswith_any"
    prepare_rhs = False

    def __init__(self, field, prefixes):
        super().__init__(F(field), tuple(prefixes))

    def as_sql(self, compiler, connection):
        column, column_params = compiler.compile(self.lhs)
        column = connection.ops.lookup_cast("startswith", self.lhs.output_field.get_internal_type()) % column
        condition = f"{column} {connection.operators['startswith']}"
        params = []
        for prefix in self.rhs:
            params += [*column_params, connection.ops.prep_for_like_query(prefix) + "%"]
        sql = " OR ".join([condition] * len(self.rhs))
        return (f"({sql})" if len(self.rhs) > 1 else sql), params


def _exclude_paths(queryset, field, paths):
    if not paths:
        return queryset
    return queryset.exclude(StartsWithAny(field, paths))


def visible_pages(request, queryset=None):
    """Live pages that ``request`` may see. ``queryset`` narrows the pages (default: all pages)."""
    queryset = Page.objects.all() if queryset is None else queryset
    return _exclude_paths(queryset.live(), "path", denied_page_paths(request))


def can_view_page(request, page):
    return page.live and not any(page.path.startswith(path) for path in denied_page_paths(request))


def is_announced_page(request, page):
    """Whether ``page`` may say that it exists to a request that may not see it: only a page the main menu lists
    to those who may see it (marked "show in menus", on the menu's first level, or on its second under such a
    page). Any other members-only page answers as a missing one."""
    if not page.show_in_menus or not 3 <= page.depth <= 4:  # the site root's children and grandchildren
        return False
    # A child of the site root needs no query; a grandchild is listed only under a parent shown in the menus.
    return page.depth == 3 or page.get_parent().show_in_menus


def private_areas_page(request):
    """The private areas: the first restricted page that the main menu announces (``is_announced_page``), or
    ``None``. Its existence is public (the menu entry and the login link lead to it), so naming it leaks nothing;
    whether ``request`` may read it is for the page's own serve-time check to say."""
    paths = {path for path, _kind, _groups in _page_rows(request)}
    pages = Page.objects.filter(path__in=paths).live().select_related("locale")
    announced = [page for page in pages if is_announced_page(request, page)]
    # The one in the request's language (the restricted English page's French translation, in French), else the
    # first in tree order.
    language = translation.get_language() or ""
    announced.sort(key=lambda page: (not language.startswith(page.locale.language_code), page.path))
    return announced[0] if announced else None


def is_private_areas_entry(request, page):
    """Whether ``page`` is itself restricted (not only below a restriction) and announced by the main menu."""
    restricted_paths = {path for path, _kind, _groups in _page_rows(request)}
    return page.path in restricted_paths and is_announced_page(request, page)


def private_areas_url(request):
    """The private areas' address, where the login sends a member when no ``next`` address was given."""
    page = private_areas_page(request)
    return page.get_url(request) if page is not None else None


def restricted_page_paths(request=None):
    """Tree paths of every page under a restriction, translations included: their subtrees are restricted too."""
    return sorted({path for path, _kind, _groups in _page_rows(request)})


def restricted_through_translation(page):
    """The page carrying the restriction that makes ``page`` members-only through a translation (of ``page`` or of
    one of its ancestors), or ``None`` when ``page`` is not restricted or Wagtail's own tree restrictions already
    cover it. For the admin, whose privacy settings know only the tree."""
    if not is_restricted_page(None, page) or page.get_view_restrictions().exists():
        return None
    for candidate in [page, *page.get_ancestors().filter(depth__gt=1).order_by("-depth")]:
        for translation_ in candidate.get_translations():
            restriction = translation_.get_view_restrictions().select_related("page__locale").first()
            if restriction is not None:
                return restriction.page
    return None


def is_restricted_page(request, page):
    """Whether any restriction applies to ``page``, whoever it is for."""
    return any(page.path.startswith(path) for path, _kind, _groups in _page_rows(request))


def visible_documents(request, queryset=None):
    """Published documents that ``request`` may see, leaving out those in collections it may not see.

    A document uploaded in the admin is not published until an editor saves it with its details: no listing
    shows it to anyone (editors find it in the admin, marked "Not public yet").
    """
    queryset = get_document_model().objects.all() if queryset is None else queryset
    queryset = queryset.filter(published=True)
    denied = denied_collection_ids(request)
    return queryset.exclude(collection_id__in=denied) if denied else queryset


def may_preview_document(request, document):
    """Whether ``request``'s user may edit ``document``, and so open its file before it is published."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_permission_for_instance(user, "change", document)


def can_view_document(request, document):
    """Whether ``request`` may open ``document`` (its file, its page in the library). An unpublished upload is
    open only to those who may edit it (the admin's links to the file), as a missing one to everyone else."""
    if document.collection_id in denied_collection_ids(request):
        return False
    return getattr(document, "published", True) or may_preview_document(request, document)


def filter_visible_documents(request, documents):
    """Keep, in order, the published documents of an already-loaded list that ``request`` may see (``None``
    dropped).

    For editor-chosen lists (related documents, document-link blocks) loaded in bulk by a chooser block.
    """
    denied = denied_collection_ids(request)
    return mark_members_only(
        request,
        [
            doc
            for doc in documents
            if doc is not None and doc.collection_id not in denied and getattr(doc, "published", True)
        ],
    )


def mark_members_only(request, documents):
    """Set ``members_only`` on each document of a list (for the "Members only" marker) and return the list."""
    restricted = restricted_collection_ids(request)
    for document in documents:
        document.members_only = document.collection_id in restricted
    return documents


def visible_images(request, queryset=None):
    """Images that ``request`` may see: those outside collections restricted from it."""
    queryset = get_image_model().objects.all() if queryset is None else queryset
    denied = denied_collection_ids(request)
    return queryset.exclude(collection_id__in=denied) if denied else queryset


def can_view_image(request, image):
    return image.collection_id not in denied_collection_ids(request)


def is_restricted_collection(request, collection_id):
    return collection_id in restricted_collection_ids(request)


# Documents in the page's language ----------------------------------------------------------------------------------

# The key, in a serializer's or block's context, of the language the documents of a page are shown in (the API sets
# it to the page's own language; a page served in HTML is in the request's language). A value may be a callable,
# asked only when a shown document is in a translation set.
DOCUMENT_LANGUAGE = "portal_document_language"


def document_language(context=None):
    """The language code (``fr``) documents are shown in: the context's ``DOCUMENT_LANGUAGE``, else the language the
    request is served in."""
    language = context.get(DOCUMENT_LANGUAGE) if context else None
    if callable(language):
        language = language()
    return (language or translation.get_language() or "").split("-")[0].lower()


def documents_in_bulk(queryset, ids):
    """``{pk: document}`` for ``ids`` (``queryset.in_bulk``), each document also given ``translation_set``: every
    document of its translation set, itself included, whoever may see them (``shown_document`` chooses among them
    for a request).

    One query, as ``in_bulk`` alone: the chosen ids and the members of their sets are read together (a ``UNION`` of
    two index look-ups).
    """
    ids = sorted({int(pk) for pk in ids if isinstance(pk, int) or str(pk).isdigit()})
    if not ids:
        return {}
    model = queryset.model
    keys = model.objects.filter(pk__in=ids, translation_key__isnull=False).values("translation_key")
    wanted = (
        model.objects.filter(pk__in=ids).values("pk").union(model.objects.filter(translation_key__in=keys).values("pk"))
    )
    rows = list(queryset.filter(pk__in=wanted))
    sets = {}
    for row in rows:
        if row.translation_key is not None:
            sets.setdefault(row.translation_key, []).append(row)
    wanted_ids = set(ids)
    documents = {}
    for row in rows:
        if row.pk in wanted_ids:
            row.translation_set = sets.get(row.translation_key, [row]) if row.translation_key is not None else [row]
            documents[row.pk] = row
    return documents


def _translation_sets(request, documents):
    """``{translation key: [documents of the set]}`` for those of ``documents`` that ``documents_in_bulk`` did not
    load with their sets: read once per request, in one query for all the sets asked together."""
    memo = getattr(request, "_document_translation_sets", None) if request is not None else None
    if memo is None:
        memo = {}
        if request is not None:
            request._document_translation_sets = memo
    missing = {
        document.translation_key
        for document in documents
        if document is not None
        and document.translation_key is not None
        and getattr(document, "translation_set", None) is None
        and document.translation_key not in memo
    }
    if missing:
        for key in missing:
            memo[key] = []
        members = get_document_model().objects.without_text().filter(translation_key__in=sorted(missing, key=str))
        for member in members.order_by("pk"):
            memo[member.translation_key].append(member)
    return memo


def shown_document(request, document, language):
    """The document to show where an editor chose ``document``, on a page in ``language``: the member of its
    translation set in that language when there is one that ``request`` may see (a members-only translation is never
    put in for someone who may not see it), else ``document`` itself when the request may see it
    (``can_view_document``), else ``None``.

    ``language`` "" (or ``None``) keeps the chosen document. No query for a document loaded by ``documents_in_bulk``.
    """
    if document is None:
        return None
    if language and document.translation_key is not None and document.language != language:
        members = getattr(document, "translation_set", None)
        if members is None:
            members = _translation_sets(request, [document]).get(document.translation_key, ())
        for member in members:
            # Never an unpublished translation, even for an editor who could preview it.
            if member.language == language and member.published and can_view_document(request, member):
                return member
    return document if can_view_document(request, document) else None


def shown_documents(request, documents, language):
    """The documents of an editor-chosen list as a page in ``language`` shows them to ``request``, in order: each
    one in the page's language where the request may see that version (``shown_document``), those it may not see
    left out, one document per translation set (two choices of one report never show twice), members-only ones
    marked. For editor-chosen lists (related documents, document-link blocks)."""
    documents = [document for document in documents if document is not None]
    if language:
        _translation_sets(request, [document for document in documents if document.language != language])
    shown, seen = [], set()
    for document in documents:
        document = shown_document(request, document, language)
        if document is None or not getattr(document, "published", True):
            continue
        key = ("set", document.translation_key) if document.translation_key is not None else ("pk", document.pk)
        if key in seen:
            continue
        seen.add(key)
        shown.append(document)
    return mark_members_only(request, shown)
