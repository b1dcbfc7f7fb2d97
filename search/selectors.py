"""The site search's queries: results, counts, snippets, editors' picks, popular searches and suggestions.

Results are in the visitor's language (the address's prefix: ``/fr/search/`` finds French pages and documents) unless
they ask for all languages (``?languages=all``); the backend stems each language's words with its own rules
(``search.languages``, ``search.backends.postgres``).

Every result set starts from the access module (``visible_pages``, ``visible_documents``): the search backend
only ever sees querysets already narrowed to what the request may see, so a members-only page or document
never reaches a title, a snippet, a count or a suggestion for anyone else. Pages are limited to the current
site; documents are not tied to a site.

A results page costs a fixed number of queries, whatever the number of results: a count and a ranked slice per kind
(on PostgreSQL, both kinds' in one hand-written statement, ``count_and_rank_all``, then one query per kind shown for
the objects the page shows), then, for the page's ten results only, one query for the pages' texts (their intros and
bodies, for snippets) when it shows pages, and, on SQLite, one for the documents' text when it shows documents
(PostgreSQL reads it with them; the libraries that link documents to their pages are kept in the shared cache:
``library_addresses``); then the editors' picks.
The query log is written once the response is sent (one statement on PostgreSQL). Nothing is loaded per result.
"""

import html
import json
import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache, reduce
from operator import or_

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection, models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Sum, When
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.models import Locale, Page, Site, get_page_models
from wagtail.rich_text import get_text_for_indexing
from wagtail.search.backends import get_search_backend
from wagtail.search.index import SearchField
from wagtail.search.utils import normalise_query_string

from documents.models import DocumentsLibraryPage, PortalDocument
from home.search_terms import is_meaningful_search
from members.access import (
    can_view_page,
    is_restricted_page,
    mark_members_only,
    visible_documents,
    visible_pages,
)
from search import results_cache
from search.languages import ALL_LANGUAGES_PARAM, ALL_LANGUAGES_VALUE, language_code, request_language
from search.text import Highlighter, fold, query_terms

# Longer queries are cut here: no one types more, and the search must stay cheap whatever arrives.
MAX_QUERY_LENGTH = 200
PER_PAGE = 10
# Results beyond this many pages are not offered (add words instead): each kind ranks its best candidates only
# (see search.backends.postgres), and merging pages and documents costs more the deeper the page.
MAX_PAGES = 10
# Counting stops here ("100+ results", as many as are offered): a count looks up every match it counts.
COUNT_LIMIT = MAX_PAGES * PER_PAGE
KINDS = {"all": _("All results"), "pages": _("Pages"), "documents": _("Documents")}
DEFAULT_KIND = "all"
# Documents' extracted text read for snippets: the start of it (a snippet is a few dozen words).
SNIPPET_SOURCE_CHARS = 20_000
TEXT_HEAD = Substr("extracted_text", 1, SNIPPET_SOURCE_CHARS)
SUGGESTION_LIMIT = 8
SUGGESTION_MIN_LENGTH = 2
# Popular searches offered when nothing matches: searched at least this often over this many days, by anyone,
# and with results for an anonymous visitor (so a member's words never show to the public).
POPULAR_LIMIT = 5
POPULAR_MIN_HITS = 3
POPULAR_DAYS = 30
POPULAR_CACHE_KEY = "search:popular-public:v2"  # then ":<language>" or ":all"
POPULAR_CACHE_SECONDS = 10 * 60

logger = logging.getLogger(__name__)


def clean_query(raw):
    """The visitor's words as shown back and searched: control characters (NUL...) out, spaces collapsed, cut
    to ``MAX_QUERY_LENGTH`` (at a space when there is one, so that no word is cut in two)."""
    text = "".join(char if char.isprintable() else " " for char in (raw or "")[: MAX_QUERY_LENGTH * 4])
    text = " ".join(text.split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text
    cut = text[:MAX_QUERY_LENGTH]
    if text[MAX_QUERY_LENGTH] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.strip()


def wants_all_languages(params):
    """Whether a search address asks for every language (``?languages=all``); anything else is the visitor's."""
    return params.get(ALL_LANGUAGES_PARAM) == ALL_LANGUAGES_VALUE


def search_languages(request, all_languages=False):
    """The language codes a request's search looks in: the visitor's (the address's), or ``None`` for all."""
    return None if all_languages else [request_language(request)]


def parse_page_number(raw):
    """A requested results page: a positive whole number, or 1 for anything else (``abc``, ``-1``, ``0``)."""
    value = (raw or "").strip()
    if not (value.isascii() and value.isdigit()):
        return 1
    # A huge number is a request for the last page; the caller clamps it.
    return max(1, int(value)) if len(value) <= 6 else MAX_PAGES


@dataclass(frozen=True)
class SearchParams:
    """What a search address asks for, cleaned: never an error."""

    query: str = ""
    kind: str = DEFAULT_KIND
    page: int = 1
    all_languages: bool = False  # every language, not only the visitor's (``?languages=all``)

    @classmethod
    def from_querydict(cls, params):
        kind = params.get("kind") or DEFAULT_KIND
        return cls(
            query=clean_query(params.get("q")),
            kind=kind if kind in KINDS else DEFAULT_KIND,
            page=parse_page_number(params.get("page")),
            all_languages=wants_all_languages(params),
        )

    @property
    def has_words(self):
        """Whether the query holds anything to search for (not only punctuation or operators)."""
        return bool(query_terms(self.query))


@dataclass
class Result:
    kind: str  # "page" or "document"
    title: str
    url: str
    title_html: str
    snippet_html: str
    label: str  # what the result is, e.g. "Page" or "Document · PDF, 1.2 MB"
    members_only: bool
    language: str = ""  # the result's own language code (its title and snippet are in it)


@dataclass
class Pick:
    """An editor's pick: a page (visible to the request) or an external link."""

    title: str
    url: str
    description: str
    external: bool


@dataclass
class KindTab:
    kind: str
    label: str
    count: str  # as shown, e.g. "12" or "1,000+"
    selected: bool


@dataclass
class SearchOutcome:
    params: SearchParams
    counts: dict = field(default_factory=dict)  # {"pages": n, "documents": m}, of what the request may see
    page: object = None  # a Django paginator page of Result
    picks: list = field(default_factory=list)
    popular: list = field(default_factory=list)
    did_you_mean: str = ""  # a corrected query, when nothing matched (search.spelling)
    too_common: bool = False  # the words are all stop words in the languages searched: not searched

    def count_of(self, kind):
        """How many results of ``kind`` ("all", "pages" or "documents"), counted up to ``COUNT_LIMIT + 1``."""
        if kind == "all":
            return sum(self.counts.values())
        return self.counts.get(kind, 0)

    @property
    def total(self):
        """The number of results of the selected kind (more than ``COUNT_LIMIT`` when counting stopped)."""
        return self.count_of(self.params.kind)

    @property
    def total_label(self):
        return count_label(self.total)

    @property
    def capped(self):
        """Whether there are more results than the pages offered."""
        return self.total > MAX_PAGES * PER_PAGE

    @property
    def tabs(self):
        return [
            KindTab(kind, label, count_label(self.count_of(kind)), kind == self.params.kind)
            for kind, label in KINDS.items()
        ]


def count_label(count):
    """A result count as shown, in the active language's digits: "7", "1,054" ("1 054" in French), or "100+" once
    counting stopped."""
    if count > COUNT_LIMIT:
        return number_format(COUNT_LIMIT, force_grouping=True) + "+"
    return number_format(count, force_grouping=True)


class CountedPaginator(Paginator):
    """A paginator told its total up front (the backend counted it), so it runs no ``COUNT`` of its own."""

    def __init__(self, count, per_page):
        super().__init__([], per_page)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count


# Result sets ------------------------------------------------------------------------------------------------


def site_root_translations(site):
    """The site's root page and its translations (each language's home page), as a queryset: the site's pages
    are theirs and their descendants'."""
    root = site.root_page
    return Page.objects.filter(translation_key=root.translation_key, depth=root.depth)


# The paths of each site's root page and its translations, per process: ``{root id: (expiry, [(language, path)])}``.
ROOT_PATHS_SECONDS = 300
_root_paths = {}


def site_root_paths(site):
    """``[(language, path), ...]`` of the site's root page and its translations (each language's home).

    Read once per process for ``ROOT_PATHS_SECONDS`` and forgotten whenever a page is saved or deleted in this
    process (``search.signals``): a search then filters pages by literal path prefixes, which PostgreSQL's planner
    estimates well and reads through the path index (a subquery of the translations' paths, estimated at one row,
    made it re-run the candidates per page: seconds per search). Another process sees a new home translation
    within ``ROOT_PATHS_SECONDS``.
    """
    root = site.root_page
    entry = _root_paths.get(root.pk)
    now = time.monotonic()
    if entry is None or entry[0] <= now:
        rows = site_root_translations(site).values_list("locale__language_code", "path")
        entry = (now + ROOT_PATHS_SECONDS, [(language_code(code), path) for code, path in rows])
        _root_paths[root.pk] = entry
    return entry[1]


def locale_ids(languages):
    """The ids of the locales of ``languages``, from ``Locale.objects.get_for_language``, which ``home.locales`` keeps
    per process (forgotten when a locale is saved or deleted). Pages are filtered by these ids as literals: with a
    subquery of the locales, the statement joined the locales' table for every page whose visibility it checked and
    planned that join in each of its checks (the statement of a common word: about 1.5 ms of its 22)."""
    ids = []
    for code in languages:
        try:
            ids.append(Locale.objects.get_for_language(code).pk)
        except (Locale.DoesNotExist, LookupError):  # no such locale, or not a content language
            continue
    return sorted(ids)


def forget_site_root_paths():
    _root_paths.clear()


def site_pages_in(site, languages=None):
    """Every page of ``site`` (under its root page or one of the root's translations), in ``languages`` (language
    codes; ``None``: every language). No access check: callers pass it through the access module."""
    root = site.root_page
    paths = [path for code, path in site_root_paths(site) if languages is None or code in languages]
    # Nothing in those languages: the root's own subtree, which the locale filter below then empties.
    condition = reduce(or_, (Q(path__startswith=path) for path in paths or [root.path]))
    pages = Page.objects.filter(condition, depth__gte=root.depth)
    if languages is not None:
        # No locale in those languages: the same subquery, which finds none (an empty ``IN`` cannot be compiled).
        ids = locale_ids(languages)
        pages = pages.filter(
            locale_id__in=ids if ids else Locale.objects.filter(language_code__in=languages).values("pk")
        )
    return pages


def site_pages(request, languages=None):
    """The pages of the request's site, in ``languages`` (``None``: all), that the request may see (base ``Page``
    rows)."""
    site = Site.find_for_request(request)
    if site is None:
        return Page.objects.none()
    return visible_pages(request, site_pages_in(site, languages))


def searchable_documents(request, languages=None):
    """The documents in ``languages`` (``None``: all) the request may see, without their (long) extracted text."""
    documents = PortalDocument.objects.without_text()
    if languages is not None:
        documents = documents.filter(language__in=languages)
    return visible_documents(request, documents).select_related("collection")


def search_in(backend, query, queryset, languages, autocomplete=False, **kwargs):
    """``backend.search`` (or ``autocomplete``) of ``queryset`` (already narrowed to ``languages``), ``operator="and"``
    unless told, telling the portal's backends the languages (their stemming, and the index's language markers on
    PostgreSQL); Wagtail's plain fallback backend takes no languages."""
    if hasattr(backend, "supports_languages"):
        kwargs["languages"] = languages
    if autocomplete:
        return backend.autocomplete(query, queryset, **kwargs)
    return backend.search(query, queryset, **{"operator": "and", **kwargs})


def _scored(results):
    return results.annotate_score("_search_score")


def merge_best_first(backend, pages, documents):
    """``[(kind, object)]`` of two result lists, each already best first, merged best first.

    Scores from one backend are comparable across models (the same rank over the same index). Ties keep each
    list's own order (the backend's tie-break), pages before documents.
    """
    sign = 1 if getattr(backend, "scores_ascending", False) else -1
    items = [(sign * (obj._search_score or 0), 0, index, "page", obj) for index, obj in enumerate(pages)]
    items += [(sign * (obj._search_score or 0), 1, index, "document", obj) for index, obj in enumerate(documents)]
    return [(kind, obj) for _score, _order, _index, kind, obj in sorted(items, key=lambda item: item[:3])]


def count_and_rank_all(hit_sets, count_stop):
    """``[(count, [(id, score), ...] best first), ...]`` for ``[(hits, window), ...]`` (``window``: ``(start, stop)`` of
    the objects wanted, or ``None`` for a count only), from one statement; ``None`` when the backend cannot answer so
    (SQLite, other query types). The objects are read afterwards, only those shown (``ranked_objects``).

    The statement is the backend's own counts and ranked slices (``count_and_rank_sql``, PostgreSQL: the same
    candidates, ranks and access checks as ``count()`` and slicing), written without the ORM and sent together: a
    kind that nothing matches is counted, not ranked (``WHERE`` on its count, a one-time filter)."""
    parts = []
    for index, (hits, window) in enumerate(hit_sets):
        make = getattr(hits, "count_and_rank_sql", None)
        start, stop = window if window is not None else (0, None)
        part = make(count_stop, start, stop, name=f"matches{index}") if make is not None else None
        if part is None:
            return None
        parts.append(part)
    expressions = [cte for part in parts for cte in part.ctes]
    counts = ", ".join(f"({part.count_sql}) AS n{index}" for index, part in enumerate(parts))
    expressions.append((f"counts AS MATERIALIZED (SELECT {counts})", [p for part in parts for p in part.count_params]))
    statement = ["WITH " + ", ".join(sql for sql, _params in expressions) + " "]
    params = [param for _sql, cte_params in expressions for param in cte_params]
    selects = [
        f"SELECT {index}, NULL::bigint, NULL::float8, n{index}, NULL::text FROM counts"  # noqa: S608
        for index in range(len(parts))
    ]
    for index, part in enumerate(parts):
        if part.ranked_sql is not None:
            selects.append(
                f"(SELECT {index}, ranked.id::bigint, ranked.score::float8, NULL, NULL FROM ({part.ranked_sql}) "  # noqa: S608
                f"AS ranked WHERE (SELECT n{index} FROM counts) > 0)"
            )
            params += part.ranked_params
    # The backend's statistics for reading common words in order, when this process's are due: read here, with the
    # answer, rather than by a statement of their own (``scans_in_order``).
    results = hit_sets[0][0]
    statistics = getattr(results, "scan_statistics_sql", lambda: None)()
    if statistics is not None:
        selects.append(statistics[0])
        params += statistics[1]
    statement.append(" UNION ALL ".join(selects))
    with connection.cursor() as cursor:
        cursor.execute("".join(statement), params)
        rows = cursor.fetchall()
    counts = [0] * len(parts)
    ranked = [[] for _part in parts]
    if statistics is not None:
        results.remember_scan_statistics([row for row in rows if row[0] < 0])
    for index, pk, score, count, _lexeme in rows:
        if index < 0:
            continue
        if pk is None:
            counts[index] = count
        else:
            ranked[index].append((pk, score))
    for found in ranked:
        # Best first, ties by primary key, as the statement ordered them (its union keeps no order of its own).
        found.sort(key=lambda row: (-row[1], -row[0]))
    return list(zip(counts, ranked, strict=True))


@dataclass
class RankedRow:
    """A ranked result before its object is read: what ``merge_best_first`` needs to place it."""

    pk: int
    _search_score: float


def ranked_objects(hits, rows):
    """The objects of ``rows`` (``[(id, score)]``, best first) from ``hits``'s own queryset (the access module's), by
    primary key, in that order, each with its ``_search_score``; one gone since (deleted, unpublished) is left out."""
    if not rows:
        return []
    queryset = hits.query_compiler.queryset
    if issubclass(queryset.model, PortalDocument):
        # Their snippets' source, read with them (``document_text_heads`` would read it in a query of its own).
        queryset = queryset.annotate(_text_head=TEXT_HEAD)
    by_pk = queryset.in_bulk([pk for pk, _score in rows])
    objects = []
    for pk, score in rows:
        obj = by_pk.get(pk)
        if obj is not None:
            obj._search_score = score
            objects.append(obj)
    return objects


def run_search(request, params):
    """Everything the results page shows for ``params``: counts, a page of results, editors' picks."""
    outcome = SearchOutcome(params)
    if not params.has_words:
        return outcome
    backend = get_search_backend()
    languages = search_languages(request, params.all_languages)
    page_hits = _scored(search_in(backend, params.query, site_pages(request, languages), languages))
    document_hits = _scored(search_in(backend, params.query, searchable_documents(request, languages), languages))
    ranked = ranked_in_one_statement(backend, params, page_hits, document_hits)
    items = None
    if ranked is None:
        # Each count stops after COUNT_LIMIT + 1 matches.
        outcome.counts = {
            "pages": page_hits[: COUNT_LIMIT + 1].count(),
            "documents": document_hits[: COUNT_LIMIT + 1].count(),
        }
    else:
        outcome.counts, items = ranked  # items None: past the last page, shown from the result sets below

    paginator = CountedPaginator(min(outcome.total, MAX_PAGES * PER_PAGE), PER_PAGE)
    number = min(params.page, paginator.num_pages)
    start = (number - 1) * PER_PAGE
    if items is None:
        items = page_items(backend, params.kind, start, page_hits, document_hits, outcome.counts)
    outcome.page = PaginatorPage(build_results(request, items, params.query), number, paginator)
    if number == 1 and params.kind != "documents":
        outcome.picks = editors_picks(request, params.query)
    return outcome


def page_items(backend, kind, start, pages, documents, counts):
    """``[(kind, object)]`` shown on the results page that starts at ``start``, from the pages and documents found
    best first (result sets, or lists that slice like them); a kind without a match (``counts``) is not read."""
    if not counts["pages"]:
        pages = []
    if not counts["documents"]:
        documents = []
    if kind == "pages":
        return [("page", page) for page in pages[start : start + PER_PAGE]]
    if kind == "documents":
        return [("document", document) for document in documents[start : start + PER_PAGE]]
    # The best ``start + PER_PAGE`` of each kind hold the best ``start + PER_PAGE`` of both.
    return merge_best_first(backend, pages[: start + PER_PAGE], documents[: start + PER_PAGE])[start : start + PER_PAGE]


def ranked_in_one_statement(backend, params, page_hits, document_hits):
    """``(counts, items)`` of ``params``'s results page from one statement (``count_and_rank_all``), ``items`` the
    ``[(kind, object)]`` the page shows, or ``None`` when the backend cannot answer so (then the result sets are
    counted and sliced as usual). When the page asked for is past the last one, ``items`` is ``None``: the counts
    stand, and the result sets are sliced at the last page.

    Only the objects shown are read: the ranks decide which of each kind's best the page shows (as
    ``merge_best_first`` would merge the objects), so a deep page of all results reads ten objects, not the best
    fifty of each kind."""
    number = min(params.page, MAX_PAGES)
    start = (number - 1) * PER_PAGE
    if params.kind == "all":
        windows = [(0, start + PER_PAGE), (0, start + PER_PAGE)]
    else:
        shown = (start, start + PER_PAGE)
        windows = [shown, None] if params.kind == "pages" else [None, shown]
    found = count_and_rank_all(list(zip([page_hits, document_hits], windows, strict=True)), COUNT_LIMIT + 1)
    if found is None:
        return None
    counts = {"pages": found[0][0], "documents": found[1][0]}
    total = sum(counts.values()) if params.kind == "all" else counts[params.kind]
    if number > 1 and start >= min(total, MAX_PAGES * PER_PAGE):
        return counts, None  # past the last page: the caller shows the last one
    rows = []
    for (_count, kind_rows), window in zip(found, windows, strict=True):
        # Padded so that ``[start:stop]`` of the list is the window's rows, as of the result set.
        rows.append([None] * window[0] + [RankedRow(pk, score) for pk, score in kind_rows] if window else [])
    shown = page_items(backend, params.kind, start, rows[0], rows[1], counts)
    objects = {}
    for kind, hits in (("page", page_hits), ("document", document_hits)):
        wanted = [(row.pk, row._search_score) for item_kind, row in shown if item_kind == kind]
        objects[kind] = {obj.pk: obj for obj in ranked_objects(hits, wanted)}
    return counts, [(kind, objects[kind][row.pk]) for kind, row in shown if row.pk in objects[kind]]


# Results: titles, links, labels, snippets -------------------------------------------------------------------


def build_results(request, items, query):
    """``Result`` objects for ``[(kind, page or document), ...]``, in order, with snippets highlighted for ``query``,
    each result's in its own language (its words stemmed as the index stemmed them)."""
    pages = [obj for kind, obj in items if kind == "page"]
    documents = mark_members_only(request, [obj for kind, obj in items if kind == "document"])
    # A results page without pages (or without documents) reads nothing for them.
    page_texts = specific_page_texts(pages) if pages else {}
    document_texts = document_text_heads(documents) if documents else {}
    document_urls = document_url_finder(request, documents) if documents else None
    site = Site.find_for_request(request) if pages else None
    # A page's language is its home's: the site root's translation its path starts with (kept per process).
    roots = site_root_paths(site) if site is not None else []

    def page_language(page):
        return next((code for code, path in roots if page.path.startswith(path)), "")

    highlighters = {}

    def highlighter(language):
        code = language_code(language)  # a page outside every home, a document of another language: the default's
        if code not in highlighters:
            highlighters[code] = Highlighter(query, code)
        return highlighters[code]

    results = []
    for kind, obj in items:
        if kind == "page":
            texts = page_texts.get(obj.pk, [])
            language = page_language(obj)
            marker = highlighter(language)
            results.append(
                Result(
                    kind="page",
                    title=obj.title,
                    url=obj.get_url(request),
                    title_html=marker.mark(obj.title),
                    snippet_html=marker.snippet(texts),
                    label=pgettext("kind of search result", "Page"),
                    members_only=is_restricted_page(request, obj),
                    language=language,
                )
            )
        else:
            size = obj.size_label
            marker = highlighter(obj.language)
            results.append(
                Result(
                    kind="document",
                    title=obj.title,
                    url=document_urls(obj),
                    title_html=marker.mark(obj.title),
                    snippet_html=marker.snippet([obj.description, document_texts.get(obj.pk, "")]),
                    label=(
                        gettext("Document · %(type)s, %(size)s") % {"type": obj.file_type_label, "size": size}
                        if size
                        else gettext("Document · %(type)s") % {"type": obj.file_type_label}
                    ),
                    members_only=obj.members_only,
                    language=obj.language,
                )
            )
    return results


@lru_cache(maxsize=1)
def page_text_fields():
    """``{page model: [(annotation name, model field), ...]}``: the text fields each page type's index holds
    besides the title (intros, headings, StreamFields), from its search fields. Worked out once."""
    fields = {}
    for model in get_page_models():
        found = []
        for search_field in model.get_search_fields():
            if not isinstance(search_field, SearchField) or search_field.field_name == "title":
                continue
            try:
                model_field = search_field.get_field(model)
            except FieldDoesNotExist:
                continue  # a method, not a field: not read for snippets
            if model_field.model is not Page and isinstance(
                model_field, (models.TextField, models.CharField, StreamField)
            ):
                found.append((f"_text_{model._meta.label_lower.replace('.', '_')}_{model_field.name}", model_field))
        if found:
            fields[model] = found
    return fields


def specific_page_texts(pages):
    """``{page id: [texts to take a snippet from]}`` for the pages of a results page: one query, whatever their
    number and types.

    The texts are those the index holds besides the title: the search description, then each page type's own
    text fields, read through one correlated subquery per field of the types present (only the page's own type
    answers), StreamFields
    as raw data: no block is turned into Python values, so no chooser loads anything.
    """
    present = {page.specific_class for page in pages}
    fields = {model: found for model, found in page_text_fields().items() if model in present}
    annotations = {}
    for model, model_fields in fields.items():
        for name, model_field in model_fields:
            subquery = model._default_manager.filter(pk=OuterRef("pk")).values(model_field.attname)[:1]
            annotations[name] = Subquery(subquery, output_field=models.TextField())
    ids = [page.pk for page in pages] or [0]
    rows = Page.objects.filter(pk__in=ids).annotate(**annotations).values("pk", "search_description", *annotations)
    texts = {}
    for row in rows:
        found = [row["search_description"]]
        for model_fields in fields.values():
            for name, model_field in model_fields:
                value = row[name]
                if value is None:
                    continue
                if isinstance(model_field, StreamField):
                    found.append(" ".join(stream_text(model_field.stream_block, _raw_stream(value))))
                else:
                    found.append(value)
        texts[row["pk"]] = found
    return texts


def _raw_stream(value):
    """Raw StreamField data as the database gave it (JSON text, or already decoded)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return value if isinstance(value, list) else []


def stream_text(block, raw):
    """The words of raw StreamField data, block by block (what ``get_searchable_content`` indexes, minus the
    labels of choices and anything that needs the database).

    Words that are shown only with an image are left out: an image's alt text, and the words of a block built
    around a required image (a caption). Whether the visitor may see the image depends on its collection, which
    raw data does not tell, and a snippet must never repeat what the page does not show them
    (``members.search_privacy``)."""
    if raw is None or not getattr(block, "search_index", True) or _shown_with_an_image(block):
        return []
    if isinstance(block, blocks.StreamBlock):
        found = []
        for child in raw:
            if isinstance(child, dict) and child.get("type") in block.child_blocks:
                found += stream_text(block.child_blocks[child["type"]], child.get("value"))
        return found
    if isinstance(block, blocks.StructBlock):
        if not isinstance(raw, dict):
            return []
        found = []
        for name, child_block in block.child_blocks.items():
            found += stream_text(child_block, raw.get(name))
        return found
    if isinstance(block, blocks.ListBlock):
        found = []
        for item in raw if isinstance(raw, list) else []:
            value = item.get("value") if isinstance(item, dict) and item.get("type") == "item" else item
            found += stream_text(block.child_block, value)
        return found
    if isinstance(block, blocks.RichTextBlock):
        return [html.unescape(get_text_for_indexing(str(raw)))]
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return [str(raw)]
    return []


def _shown_with_an_image(block):
    if isinstance(block, ImageBlock | ImageChooserBlock):
        return True
    return isinstance(block, blocks.StructBlock) and any(
        _is_required_image(child) for child in block.child_blocks.values()
    )


def _is_required_image(block):
    if isinstance(block, ImageBlock):  # a struct of the chooser, alt text and "decorative"
        return block.child_blocks["image"].required
    return isinstance(block, ImageChooserBlock) and block.required


def document_text_heads(documents):
    """``{document id: the start of its extracted text}``: read with the documents when they were ranked in one
    statement (``ranked_objects``), else one query."""
    heads = {document.pk: document._text_head for document in documents if hasattr(document, "_text_head")}
    ids = [document.pk for document in documents if document.pk not in heads]
    if ids:
        heads.update(PortalDocument.objects.filter(pk__in=ids).values_list("pk", TEXT_HEAD))
    return heads


LIBRARIES_CACHE_SECONDS = 60 * 60


def library_addresses(request):
    """``[(collection path or None, library address)]``: the live documents libraries of the request's site that it
    may see, the visitor's language's first, then the others' (a document may be listed in any of them), each with
    the path of the collection it lists (``None``: every collection).

    One query. With a shared cache the list is kept there like a search's answer (``search.results_cache``: under
    the content's generation, the site, the language and what the request may not see), for
    ``LIBRARIES_CACHE_SECONDS`` whatever the answers' own lifetime, so that a results page or a list of suggestions
    with documents reads no library."""
    site = Site.find_for_request(request)
    language = request_language(request)

    def read():
        queryset = (
            DocumentsLibraryPage.objects.live()
            .select_related("collection")
            .annotate(_other_language=Case(When(locale__language_code=language, then=0), default=1))
            .order_by("_other_language", "path")
        )
        if site is not None:
            queryset = queryset.filter(pk__in=site_pages_in(site).values("pk"))
        return [
            (library.collection.path if library.collection_id else None, library.get_url(request))
            for library in visible_pages(request, queryset)
        ]

    return results_cache.remembered(request, ("libraries",), read, seconds=LIBRARIES_CACHE_SECONDS)


def document_url_finder(request, documents):
    """A function giving each document's page in a documents library the request may see (its download address
    when no such library lists it), from ``library_addresses``: one query at most (also when there are no
    documents, so that every list of suggestions costs the same queries)."""
    libraries = [(path, address) for path, address in library_addresses(request) if address]
    resolver = DocumentsLibraryPage.get_resolver()

    def url(document):
        for collection_path, address in libraries:
            if collection_path is None or document.collection.path.startswith(collection_path):
                return address + resolver.reverse("document", document.pk, document.slug)
        return document.url

    return url


# Editors' picks, the query log, popular searches ----------------------------------------------------------


def promotion_keys(query):
    """The promotion query strings ``query`` answers to: as typed and as folded (accents, hyphens)."""
    return {normalise_query_string(query), normalise_query_string(fold(query))}


PROMOTED_QUERIES_KEY = "search:promoted-queries:v1"


def promoted_query_strings():
    """The query strings that have editors' picks, kept in the shared cache (``None`` without one: then every
    first results page asks the database). Cleared whenever a pick or a query changes (``search.signals``)."""
    if not settings.CACHE_IS_SHARED:
        return None
    promoted = cache.get(PROMOTED_QUERIES_KEY)
    if promoted is None:
        promoted = frozenset(SearchPromotion.objects.values_list("query__query_string", flat=True))
        cache.set(PROMOTED_QUERIES_KEY, promoted, None)
    return promoted


def clear_promoted_queries():
    cache.delete(PROMOTED_QUERIES_KEY)


def editors_picks(request, query):
    """The editors' picks for ``query`` that the request may see, in the editors' order: one query, none when the
    shared cache's list of promoted queries holds none of ``query``'s forms.

    A pick of a page the request may not see (a members-only page for a visitor, a draft, another site's page)
    is left out; the access module decides, from its cached restriction rows.

    A pick is made on one page (usually the English one), and shown in the search's language: a French search shows
    the page's French translation when it has one that the request may see, else the page as picked. That costs one
    more query, only when a pick's page is in another language (``pick_translations``).
    """
    keys = promotion_keys(query)
    promoted = promoted_query_strings()
    if promoted is not None and not keys & promoted:
        return []  # no pick for these words: no query (most searches)
    promotions = (
        SearchPromotion.objects.filter(query__query_string__in=keys).select_related("page").order_by("sort_order", "pk")
    )
    site = Site.find_for_request(request)
    if site is not None:
        # Under the site's root page or one of its translations (each language's home), in the same query.
        root_length = len(site.root_page.path)
        promotions = promotions.annotate(
            _on_site=Exists(site_root_translations(site).filter(path=Substr(OuterRef("page__path"), 1, root_length)))
        )
    promotions = list(promotions)
    translations = pick_translations(request, site, [promotion.page for promotion in promotions if promotion.page_id])
    picks = []
    for promotion in promotions:
        if promotion.page_id:
            page = promotion.page
            on_site = site is None or promotion._on_site
            # can_view_page asks the access module (live, and no restriction the request does not pass).
            if on_site and can_view_page(request, page):
                page = translations.get(page.translation_key, page)
                picks.append(Pick(page.title, page.get_url(request), promotion.description, external=False))
        elif promotion.external_link_url:
            title = promotion.external_link_text or promotion.external_link_url
            picks.append(Pick(title, promotion.external_link_url, promotion.description, external=True))
    return picks


def pick_translations(request, site, pages):
    """``{translation key: page}``: the translations, in the search's language, of those of ``pages`` that are in
    another language, among the site's pages, that the request may see (live, no restriction it does not pass).
    One query, none when every page is already in the search's language."""
    try:
        locale = Locale.objects.get_for_language(request_language(request))  # kept per process (home.locales)
    except Locale.DoesNotExist:
        return {}
    keys = {page.translation_key for page in pages if page.locale_id != locale.pk}
    if not keys:
        return {}
    candidates = site_pages_in(site, [language_code(locale.language_code)]) if site is not None else Page.objects
    candidates = candidates.filter(translation_key__in=keys, locale_id=locale.pk)
    return {page.translation_key: page for page in candidates if can_view_page(request, page)}


def log_search(query):
    """Count ``query`` for the admin's popular-searches report (``search_promotions``' daily hits).

    What ``Query.get(query).add_hit()`` records, in upserts instead of a get-or-create of the query, a
    get-or-create of the day's row and an increment: fewer round trips, and exact under concurrent searches (the
    database settles who inserts the day's row; the others increment it; the query's upsert updates its row when
    it exists, so that it is returned, locked, even when another search has just inserted it). On PostgreSQL it is
    one statement, in its own transaction, that does not wait for the disk (``synchronous_commit`` off for it alone):
    a crash may lose the last hits counted, never anything else. On SQLite (no data-modifying ``WITH``), two
    statements. The view runs it once the response is sent (``after_response``): a search never waits on it.
    """
    query_string = normalise_query_string(query)
    if not query_terms(query_string) or not is_meaningful_search(query_string):
        return
    queries, hits = Query._meta.db_table, QueryDailyHits._meta.db_table
    today = timezone.now().date()
    # Table names are the models'; every value is a parameter.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Not inside a caller's transaction: the setting would hold for the rest of it.
            settings = "" if connection.in_atomic_block else ", settings"
            statement = (
                "WITH settings AS (SELECT set_config('synchronous_commit', 'off', true)), "  # noqa: S608
                f"query AS (INSERT INTO {queries} (query_string) VALUES (%s) ON CONFLICT (query_string) "
                "DO UPDATE SET query_string = EXCLUDED.query_string RETURNING id) "
                f"INSERT INTO {hits} (query_id, date, hits) SELECT query.id, %s, 1 FROM query{settings} "
                f"ON CONFLICT (query_id, date) DO UPDATE SET hits = {hits}.hits + 1"
            )
            cursor.execute(statement, [query_string, today])
            return
        # SQLite runs one writer at a time: the second statement finds the row the first made sure of.
        cursor.execute(
            f"INSERT INTO {queries} (query_string) VALUES (%s) ON CONFLICT (query_string) DO NOTHING",  # noqa: S608
            [query_string],
        )
        cursor.execute(
            f"INSERT INTO {hits} (query_id, date, hits) SELECT id, %s, 1 FROM {queries} WHERE query_string = %s "  # noqa: S608
            f"ON CONFLICT (query_id, date) DO UPDATE SET hits = {hits}.hits + 1",
            [today, query_string],
        )


def after_response(response, function, *args):
    """Call ``function(*args)`` when ``response`` is closed: once its bytes are sent, before the request's end
    (``request_finished``) releases the database connection, as Django's file responses close their files. An
    error is logged, never shown: the visitor has the page already."""

    def call():
        try:
            function(*args)
        except Exception:
            logger.exception("%s failed after the response", getattr(function, "__name__", function))

    response._resource_closers.append(call)


def popular_searches(languages=None):
    """Up to ``POPULAR_LIMIT`` popular queries that an anonymous visitor would find results for in ``languages``
    (``None``: any language).

    Only queries searched at least ``POPULAR_MIN_HITS`` times in the last ``POPULAR_DAYS`` days, so one person's
    words are never offered to others, and only those with public results in those languages, so a members-only
    subject is never suggested to the public and a French visitor is offered words that find French pages. Kept in
    the cache for ``POPULAR_CACHE_SECONDS``: the same list for everyone searching those languages.
    """
    key = f"{POPULAR_CACHE_KEY}:{'-'.join(languages) if languages else 'all'}"
    popular = cache.get(key)
    if popular is not None:
        return popular
    since = timezone.localdate() - timedelta(days=POPULAR_DAYS)
    candidates = (
        Query.objects.filter(daily_hits__date__gte=since)
        .annotate(recent_hits=Sum("daily_hits__hits"))
        .filter(recent_hits__gte=POPULAR_MIN_HITS)
        .order_by("-recent_hits", "query_string")
        .values_list("query_string", flat=True)[: POPULAR_LIMIT * 4]
    )
    popular = []
    for query_string in candidates:
        if is_meaningful_search(query_string) and has_public_results(query_string, languages):
            popular.append(query_string)
            if len(popular) == POPULAR_LIMIT:
                break
    cache.set(key, popular, POPULAR_CACHE_SECONDS)
    return popular


def has_public_results(query, languages=None):
    """Whether an anonymous visitor finds anything for ``query`` in ``languages`` (on the default site)."""
    backend = get_search_backend()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return False
    pages = visible_pages(None, site_pages_in(site, languages))
    if list(search_in(backend, query, pages, languages)[:1]):
        return True
    documents = PortalDocument.objects.without_text()
    if languages is not None:
        documents = documents.filter(language__in=languages)
    return bool(list(search_in(backend, query, visible_documents(None, documents), languages)[:1]))


# Suggestions (autocomplete) ---------------------------------------------------------------------------------


def content_matches(request, backend, query, found, limit, languages=None):
    """``[(kind, object)]``: up to ``limit`` pages and documents in ``languages`` the request may see that the search
    finds for ``query`` (title and text, every word), best first, other than those already ``found``."""
    found_pages = [obj.pk for kind, obj in found if kind == "page"]
    found_documents = [obj.pk for kind, obj in found if kind == "document"]
    pages = _scored(search_in(backend, query, site_pages(request, languages).exclude(pk__in=found_pages), languages))
    documents = _scored(
        search_in(backend, query, searchable_documents(request, languages).exclude(pk__in=found_documents), languages)
    )
    return merge_best_first(backend, list(pages[:limit]), list(documents[:limit]))[:limit]


def suggestions(request, query, all_languages=False):
    """Up to ``SUGGESTION_LIMIT`` titles of pages and documents the request may see, in the visitor's language
    (or all, ``all_languages``), best first: ``[{"title", "url", "kind"}, ...]``.

    First those whose title has words starting with what was typed (the last word may be unfinished); when they
    are fewer than the limit, then those whose text matches it as the search does ("asia" suggests the pages
    about the Asia-Pacific region, as searching for it finds them), so a suggestion never says less than the
    results page. The second pass runs only then: a list full of titles costs no more.
    """
    query = clean_query(query)
    if len(query) < SUGGESTION_MIN_LENGTH or not query_terms(query):
        return []
    backend = get_search_backend()
    languages = search_languages(request, all_languages)
    pages = site_pages(request, languages)
    documents = searchable_documents(request, languages)
    pages = list(
        _scored(search_in(backend, query, pages, languages, autocomplete=True, fields=["title"]))[:SUGGESTION_LIMIT]
    )
    documents = list(
        _scored(search_in(backend, query, documents, languages, autocomplete=True, fields=["title"]))[:SUGGESTION_LIMIT]
    )
    items = merge_best_first(backend, pages, documents)[:SUGGESTION_LIMIT]
    if len(items) < SUGGESTION_LIMIT:
        items += content_matches(request, backend, query, items, SUGGESTION_LIMIT - len(items), languages)
    document_urls = document_url_finder(request, [obj for kind, obj in items if kind == "document"])
    return [
        {
            "title": obj.title,
            "url": obj.get_url(request) if kind == "page" else document_urls(obj),
            "kind": kind,
        }
        for kind, obj in items
    ]
