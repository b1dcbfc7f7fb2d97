"""The documents library's queries: filters, facet counts, text search, sorting and pages.

Everything starts from ``library_documents``: the documents of the library's collection subtree that the access
module lets the request see. Facet counts are grouped aggregates over that visible set, so a members-only document
is never counted for someone who may not see it, and a value with no visible document is not offered.

A library request costs a fixed number of queries whatever the number of documents or the page size: the
categories, one query for every facet count and the total (``facet_counts``: each facet counted with the other
active filters, so every offered value leads to results), and one for the page of documents.

The library's page type (``documents.models.DocumentsLibraryPage``) serves its listing and document pages from these
functions, so this module does not import the models back: it asks Wagtail for the document model
(``get_document_model()``, as Wagtail advises for a custom document model) and the app registry for the categories.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, ExtractYear
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.text import get_text_list
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, ReferenceIndex

from documents.fulltext import text_search_condition, uses_postgres_search
from documents.labels import FILE_TYPE_LABELS, LANGUAGE_CHOICES, NATIVE_LANGUAGE_NAMES
from members.access import mark_members_only, visible_documents, visible_pages

# Longer search strings are cut here; no one types more, and a 5,000-character query must stay cheap.
MAX_QUERY_LENGTH = 200
# A year outside this range is ignored rather than turned into a date range the database cannot hold.
MIN_YEAR, MAX_YEAR = 1800, 2200

SORTS = {
    "newest": ("-publication_date", "-id"),
    "oldest": ("publication_date", "id"),
    "title": ("title", "id"),
}
SORT_LABELS = {"newest": _("Newest first"), "oldest": _("Oldest first"), "title": _("Title A–Z")}
DEFAULT_SORT = "newest"

LANGUAGE_LABELS = dict(LANGUAGE_CHOICES)
LANGUAGE_ORDER = {code: position for position, (code, _label) in enumerate(LANGUAGE_CHOICES)}
FACET_LABELS = {"category": _("Category"), "year": _("Year"), "language": _("Language"), "file_type": _("File type")}
# The query-string parameter of each filter (``type`` reads better in an address than ``file_type``).
PARAMS = {"q": "q", "category": "category", "year": "year", "language": "language", "file_type": "type"}
# ``?language=all``: every language, where the library would otherwise show the visitor's own.
ALL = "all"


@dataclass(frozen=True)
class LibraryFilters:
    """What a library address asks for, cleaned: anything unknown or malformed is dropped (and listed in
    ``ignored``), never an error. A repeated parameter counts once: its last value.

    ``language`` is the language filter in force ("" for every language). On the library page it starts as the
    visitor's language (``default_language``, from the page's address): ``?language=fr`` picks another and
    ``?language=all`` lifts it. Addresses are written back the same way, so the visitor's own language needs no
    parameter and "every language" is ``language=all``. The API has no default and takes no ``all``.
    """

    q: str = ""
    category: str = ""
    year: int | None = None
    language: str = ""
    file_type: str = ""
    sort: str = DEFAULT_SORT
    ignored: tuple = ()
    default_language: str = ""

    @classmethod
    def from_params(cls, params, category_slugs, default_language=""):
        ignored = []

        def pick(name, valid):
            value = (params.get(name) or "").strip()
            if value and not valid(value):
                ignored.append(name)
                return ""
            return value

        q = " ".join((params.get("q") or "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH].strip()
        year = pick("year", lambda value: value.isascii() and value.isdigit() and MIN_YEAR <= int(value) <= MAX_YEAR)
        language = pick("language", lambda value: value in LANGUAGE_LABELS or (value == ALL and default_language))
        if language == ALL:
            language = ""
        elif not language:
            language = default_language
        return cls(
            q=q,
            category=pick("category", lambda value: value in category_slugs),
            year=int(year) if year else None,
            language=language,
            file_type=pick("type", lambda value: value in FILE_TYPE_LABELS),
            sort=pick("sort", lambda value: value in SORTS) or DEFAULT_SORT,
            ignored=tuple(ignored),
            default_language=default_language,
        )

    @property
    def is_filtered(self):
        """Whether the visitor narrowed (or widened) the list: a search, any filter, another language than their
        own. The list in the visitor's own language is the plain list."""
        return bool(self.q or self.category or self.year or self.file_type or self.language != self.default_language)

    def without(self, name):
        return replace(self, **{name: None if name == "year" else ""})

    def with_value(self, name, value):
        return replace(self, **{name: value})

    def params(self):
        """``(parameter, value)`` of the filters as the address carries them (no search order)."""
        params = []
        for name in PARAMS:
            value = getattr(self, name)
            if name == "language":
                if value == self.default_language:
                    continue
                value = value or ALL
            if value:
                params.append((PARAMS[name], value))
        return params

    def query_string(self):
        """The address (``?...``, or ``?`` alone for the plain list) that shows exactly these filters."""
        params = self.params()
        if self.sort != DEFAULT_SORT:
            params.append(("sort", self.sort))
        return "?" + urlencode(params)

    def apply_facets(self, queryset, category_id):
        """``queryset`` narrowed by the active category (``category_id``), year, language and file-type filters."""
        if category_id is not None:
            queryset = queryset.filter(category_id=category_id)
        if self.year:
            queryset = queryset.filter(publication_date__year=self.year)
        if self.language:
            queryset = queryset.filter(language=self.language)
        if self.file_type:
            queryset = queryset.filter(file_type=self.file_type)
        return queryset


@dataclass
class FacetValue:
    value: object
    label: str
    count: int
    selected: bool
    url: str  # selects this value, or removes it when it is selected
    # The language facet's "All languages": selecting it again changes nothing (it lifts the language filter).
    lifts_filter: bool = False


@dataclass
class Facet:
    name: str
    label: str
    values: list

    @property
    def param(self):
        return PARAMS[self.name]


@dataclass
class ActiveFilter:
    label: str
    value_label: str
    remove_url: str


@dataclass
class LibraryListing:
    filters: LibraryFilters
    facets: list
    active: list
    page: object
    total: int
    sort_options: list = field(default_factory=list)
    # With the other filters but any language: what "all languages" would list.
    total_all_languages: int = 0

    @property
    def clear_url(self):
        """Every document: no search, no filter, every language."""
        return LibraryFilters(default_language=self.filters.default_language).without("language").query_string()

    @property
    def all_languages_url(self):
        """The same list in every language."""
        return self.filters.without("language").query_string()

    @property
    def language_label(self):
        """The language in force, by name ("" for every language)."""
        return LANGUAGE_LABELS.get(self.filters.language, "")

    @property
    def hidden_fields(self):
        """``(parameter, value)`` of the active filters, for the search form to keep them."""
        return [(name, value) for name, value in self.filters.params() if name != "q"]

    @property
    def ignored_messages(self):
        """What the page says about each value it ignored (an unknown category, a malformed year...)."""
        return [
            gettext("%(problem)s: showing documents without that filter.") % {"problem": UNKNOWN_VALUE_MESSAGES[name]}
            for name in self.filters.ignored
        ]

    @property
    def active_summary(self):
        """The active filters in a sentence's words, e.g. "category Guides and year 2024" (for "No documents
        match ...")."""
        return get_text_list(
            [f"{active.label.lower()} {active.value_label}" for active in self.active],
            pgettext("the last of a list of filters", "and"),
        )

    @property
    def noindex(self):
        """Filtered, searched, re-sorted or later pages are not for search engines: the plain list is."""
        return self.filters.is_filtered or self.filters.sort != DEFAULT_SORT or bool(self.filters.ignored)


class CountedPaginator(Paginator):
    """A paginator told its total up front, so it runs no ``COUNT`` query."""

    def __init__(self, object_list, per_page, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count


def library_scope(library):
    """The library's documents before any access check: its collection and the collection's descendants."""
    queryset = get_document_model().objects.all()
    if library.collection_id:
        subtree = Collection.objects.filter(path__startswith=library.collection.path).values("id")
        queryset = queryset.filter(collection_id__in=subtree)
    return queryset


def library_documents(request, library):
    """The library's documents that ``request`` may see."""
    return visible_documents(request, library_scope(library))


def library_document(library, document_id):
    """A document of the library (visible or not: its page applies the access ladder), or ``None``."""
    return library_scope(library).without_text().select_related("category").filter(pk=document_id).first()


FACET_COLUMNS = {"category": "c", "year": "y", "language": "l", "file_type": "t"}


def facet_counts(documents, filters, category_id):
    """``({facet: {value: count}}, total)`` for ``documents`` (already narrowed by the search), in one query.

    The documents' facet columns are read once (a CTE: an index-only scan of ``documents_library_idx``, or the
    search's matches), then counted per value of each facet with the other active filters applied, and in total
    with all of them. Plain SQL around the ORM's own query for ``documents``, so the access module's conditions
    are the ones applied; it runs on PostgreSQL and SQLite alike.
    """
    base_sql, base_params = (
        documents.order_by()
        .values(
            c=F("category_id"),
            y=Cast(ExtractYear("publication_date"), IntegerField()),  # an integer hashes faster than numeric
            l=F("language"),
            t=F("file_type"),
        )
        .query.sql_with_params()
    )
    active = {
        "category": category_id,
        "year": filters.year,
        "language": filters.language or None,
        "file_type": filters.file_type or None,
    }

    def condition(skip=None):
        """SQL and parameters matching every active filter but ``skip``."""
        parts, params = [], []
        for name, value in active.items():
            if value is not None and name != skip:
                parts.append(f"{FACET_COLUMNS[name]} = %s")
                params.append(value)
        return (" AND ".join(parts) or "1 = 1"), params

    # Only column names and placeholders are formatted into the SQL; every value is a parameter.
    selects, params = [], list(base_params)
    for name, column in FACET_COLUMNS.items():
        where, where_params = condition(skip=name)
        number = column if name in ("category", "year") else "CAST(NULL AS BIGINT)"
        text = column if name in ("language", "file_type") else "CAST(NULL AS VARCHAR(16))"
        selects.append(
            f"SELECT '{name}', {number}, {text}, SUM(CASE WHEN {where} THEN n ELSE 0 END) "  # noqa: S608
            f"FROM grouped GROUP BY {column}"
        )
        params += where_params
    where, where_params = condition()
    selects.append(
        "SELECT 'total', CAST(NULL AS BIGINT), CAST(NULL AS VARCHAR(16)), "  # noqa: S608
        f"SUM(CASE WHEN {where} THEN n ELSE 0 END) FROM grouped"
    )
    params += where_params
    # The documents are read once and grouped by all four columns (a few hundred groups at most), then each facet
    # adds up the groups.
    sql = (
        f"WITH base (c, y, l, t) AS ({base_sql}), "  # noqa: S608
        "grouped AS (SELECT c, y, l, t, COUNT(*) AS n FROM base GROUP BY c, y, l, t) " + " UNION ALL ".join(selects)
    )
    counts = {name: {} for name in FACET_COLUMNS}
    total = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for name, number, text, count in cursor.fetchall():
            if name == "total":
                total = int(count or 0)
            elif count:
                counts[name][int(number) if number is not None else text] = int(count)
    return counts, total


class DeferredJoinList:
    """A page of documents read in two steps inside one query: the ids of the page from the index alone
    (``ORDER BY ... LIMIT/OFFSET`` over narrow index entries, cheap even at page 400), then those rows."""

    def __init__(self, queryset, ordering):
        self.queryset = queryset
        self.ordering = ordering

    def __getitem__(self, items):
        ids = self.queryset.order_by(*self.ordering).values("pk")[items]
        documents = get_document_model().objects.without_text().filter(pk__in=ids).select_related("category")
        return list(documents.order_by(*self.ordering))


@contextmanager
def search_plan(query):
    """Run a search's queries with PostgreSQL's planner told to use the full-text index.

    For a word found in most documents the planner prefers a sequential scan, which decompresses and matches every
    document's ``search_vector`` (about four times slower at 10,000 documents than reading the matches from the GIN
    index). ``SET LOCAL`` confines the hint to this transaction.
    """
    if not query or not uses_postgres_search():
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def known_categories(request):
    """The document categories ``request`` may know of, by name: those holding a document it may see.

    A category whose documents are all members-only is, to anyone else, exactly an unknown one: its name is never
    shown and its slug is refused like a mistyped one, in the library (which says so and lists every document) and
    in the API (a 400). One query: the categories with an ``EXISTS`` on the visible documents.
    """
    visible = visible_documents(request, get_document_model().objects.filter(category_id=OuterRef("pk")))
    categories = apps.get_model("documents", "DocumentCategory").objects
    return categories.filter(Exists(visible.values("pk"))).order_by("name")


UNKNOWN_VALUE_MESSAGES = {
    "category": _("There is no such category"),
    "year": _("That is not a year documents can have"),
    "language": _("There is no such language"),
    "type": _("There is no such file type"),
    "sort": _("There is no such order"),
}


def visitor_language():
    """The language the request is served in (the address's prefix, ``portal.i18n``), as a document language
    code, or "" when documents have no such language."""
    code = (translation.get_language() or "").split("-")[0].lower()
    return code if code in LANGUAGE_LABELS else ""


def library_listing(request, library, per_page=20):
    """Everything the library page shows for ``request``: cleaned filters, facets, active filters, a page.

    Without a language in the address, the list is in the visitor's language (``visitor_language``); the language
    facet offers "All languages" (``?language=all``) and the others, with their counts.
    """
    categories = list(known_categories(request))
    filters = LibraryFilters.from_params(
        request.GET, {category.slug for category in categories}, default_language=visitor_language()
    )
    documents = library_documents(request, library)
    if filters.q:
        documents = documents.filter(text_search_condition(filters.q))
    category_id = next((category.pk for category in categories if category.slug == filters.category), None)
    with search_plan(filters.q):
        counts, total = facet_counts(documents, filters, category_id)
        matching = filters.apply_facets(documents, category_id)
        page = CountedPaginator(DeferredJoinList(matching, SORTS[filters.sort]), per_page, total).get_page(
            request.GET.get("page")
        )
        page.object_list = list(page.object_list)

    choices = {
        "category": [(category.slug, category.name, category.pk) for category in categories],
        "year": [(year, str(year), year) for year in sorted((y for y in counts["year"] if y), reverse=True)],
        "language": [(code, label, code) for code, label in LANGUAGE_CHOICES],
        "file_type": [(code, label, code) for code, label in FILE_TYPE_LABELS.items()],
    }
    facets = []
    for name, label in FACET_LABELS.items():
        selected_value = getattr(filters, name)
        values = []
        for value, value_label, key in choices[name]:
            count = counts[name].get(key, 0)
            selected = value == selected_value
            if count or selected:
                target = filters.without(name) if selected else filters.with_value(name, value)
                values.append(FacetValue(value, value_label, count, selected, target.query_string()))
        if name == "language" and filters.default_language:
            everything = FacetValue(
                ALL,
                _("All languages"),
                sum(counts["language"].values()),
                not filters.language,
                filters.without("language").query_string(),
                lifts_filter=True,
            )
            values.insert(0, everything)
        facets.append(Facet(name, label, values))

    labels = {name: {value: value_label for value, value_label, _key in choices[name]} for name in choices}
    active = []
    if filters.q:
        words = gettext("“%(words)s”") % {"words": filters.q}
        active.append(ActiveFilter(pgettext("noun", "Search"), words, filters.without("q").query_string()))
    for name, label in FACET_LABELS.items():
        value = getattr(filters, name)
        if name == "language" and value == filters.default_language:
            continue  # the visitor's own language: the page says so, with the "all languages" switch
        if value:
            value_label = labels[name].get(value, str(value))
            active.append(ActiveFilter(label, value_label, filters.without(name).query_string()))

    page.object_list = mark_members_only(request, page.object_list)
    base_url = library.url
    for document in page.object_list:
        document.detail_url = base_url + library.reverse_subpage("document", args=[document.pk, document.slug])
    attach_translations(request, library, page.object_list)

    sort_options = [(value, label, value == filters.sort) for value, label in SORT_LABELS.items()]
    return LibraryListing(filters, facets, active, page, total, sort_options, sum(counts["language"].values()))


@dataclass
class TranslationLink:
    """One of a document's translations as its page and card offer it: "Also in Français"."""

    language: str
    name: str  # the language in its own words (Français, Español)
    title: str
    url: str


def visible_translations(request, documents, scope=None):
    """``{translation key: [documents of the set]}`` for the translation sets of ``documents``: the members (the
    documents themselves included) that ``request`` may see (``members.access``: a members-only translation is
    left out, title and language alike, for those who may not see it), in the site's language order. ``scope``
    (a queryset of documents, e.g. a library's) narrows the members.

    One query for all the documents, none when no document is in a set: a list costs the same whatever its length.
    """
    keys = {document.translation_key for document in documents if document.translation_key is not None}
    if not keys:
        return {}
    scope = get_document_model().objects.all() if scope is None else scope
    members = (
        visible_documents(request, scope)
        .filter(translation_key__in=sorted(keys, key=str))
        .only("id", "title", "file", "language", "translation_key", "collection_id", "published")
        .order_by("id")
    )
    by_key = {}
    # In the order the site lists its languages (English, French, Spanish), not by code.
    for member in sorted(members, key=lambda member: LANGUAGE_ORDER.get(member.language, len(LANGUAGE_ORDER))):
        by_key.setdefault(member.translation_key, []).append(member)
    return by_key


def attach_translations(request, library, documents):
    """Set ``translation_links`` on each of ``documents``: the other documents of its translation set that
    ``request`` may see in ``library`` (``visible_translations``), each linking to its page in the library.
    Returns ``documents``."""
    by_key = visible_translations(request, documents, library_scope(library))
    base_url = library.url
    for document in documents:
        document.translation_links = [
            TranslationLink(
                member.language,
                NATIVE_LANGUAGE_NAMES.get(member.language, member.language),
                member.title,
                base_url + library.reverse_subpage("document", args=[member.pk, member.slug]),
            )
            for member in by_key.get(document.translation_key, ())
            if member.pk != document.pk
        ]
    return documents


def pages_linking_to(request, document):
    """The live pages ``request`` may see that link to ``document`` (Wagtail's reference index), by title."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
        if str(object_id).isdigit()
    }
    if not ids:
        return []
    return list(visible_pages(request, Page.objects.filter(pk__in=ids)).order_by("title"))


def latest_documents(request, limit=3, exclude=(), language=None):
    """The newest documents ``request`` may see, for the home page, marked when members-only; none of the ids in
    ``exclude`` (those the page lists already), nor another version of them.

    One card per translation set, placed by the set's newest version the request may see and showing the version in
    ``language`` (the page's; default the visitor's) when the request may see it, else the one the site lists first
    (English, French, Spanish): a French home page lists "L'Alliance en bref" and never also "The Alliance at a
    glance". The list is one query (a version is skipped when its set has a newer visible one: ``NOT EXISTS`` on the
    set's index); a second reads the versions to show instead, only when one differs from the newest.
    """
    language = visitor_language() if language is None else language
    model = get_document_model()

    def set_members():
        """The other versions of the outer document's translation set that the request may see."""
        members = model.objects.filter(translation_key=OuterRef("translation_key")).exclude(pk=OuterRef("pk"))
        return visible_documents(request, members)

    # The library's "newest" order: a backward scan of documents_library_idx stops after ``limit`` rows (a
    # ``NULLS LAST`` on the never-null date would not match the index and sort every document instead).
    documents = visible_documents(request, model.objects.without_text()).order_by(*SORTS["newest"])
    newer = Q(publication_date__gt=OuterRef("publication_date")) | Q(
        publication_date=OuterRef("publication_date"), pk__gt=OuterRef("pk")
    )
    rank = _language_rank(language)
    preferred = (
        visible_documents(request, model.objects.filter(translation_key=OuterRef("translation_key")))
        .annotate(rank=rank)
        .order_by("rank", "pk")
        .values("pk")[:1]
    )
    documents = documents.exclude(Exists(set_members().filter(newer))).annotate(shown_pk=Subquery(preferred))
    if exclude:
        chosen = model.objects.filter(pk__in=sorted(exclude), translation_key__isnull=False)
        documents = documents.exclude(pk__in=sorted(exclude)).exclude(
            translation_key__in=chosen.values("translation_key")
        )
    newest = list(documents.select_related("category")[:limit])
    others = {document.shown_pk for document in newest if document.shown_pk not in (None, document.pk)}
    if others:
        versions = model.objects.without_text().select_related("category").in_bulk(sorted(others))
        newest = [versions.get(document.shown_pk, document) if document.shown_pk else document for document in newest]
    return mark_members_only(request, newest)


def _language_rank(language):
    """0 for a document in ``language``, then the site's order of languages: which version of a report to list."""
    whens = [When(language=language, then=Value(0))] if language else []
    whens += [When(language=code, then=Value(position + 1)) for code, position in LANGUAGE_ORDER.items()]
    return Case(*whens, default=Value(len(LANGUAGE_ORDER) + 1), output_field=IntegerField())
