"""The site search's queries: results, counts, snippets, editors' picks, popular searches and suggestions.

Every result set starts from the access module (``visible_pages``, ``visible_documents``): the search backend
only ever sees querysets already narrowed to what the request may see, so a members-only page or document
never reaches a title, a snippet, a count or a suggestion for anyone else. Pages are limited to the current
site; documents are not tied to a site.

A results page costs a fixed number of queries, whatever the number of results: a count and a ranked slice per
kind, then, for the page's ten results only, one query for the pages' texts (their intros and bodies, for
snippets) when it shows pages, and one for the documents' text and one for the libraries that link documents to
their pages when it shows documents; then the editors' picks. The query log is written once the response is sent
(one statement on PostgreSQL). Nothing is loaded per result.
"""

import html
import json
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection, models
from django.db.models import OuterRef, Subquery, Sum
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
from wagtail.models import Page, Site, get_page_models
from wagtail.rich_text import get_text_for_indexing
from wagtail.search.backends import get_search_backend
from wagtail.search.index import SearchField
from wagtail.search.utils import normalise_query_string

from documents.models import DocumentsLibraryPage, PortalDocument
from home.search_terms import is_meaningful_search
from members.access import can_view_page, is_restricted_page, mark_members_only, visible_documents, visible_pages
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
SUGGESTION_LIMIT = 8
SUGGESTION_MIN_LENGTH = 2
# Popular searches offered when nothing matches: searched at least this often over this many days, by anyone,
# and with results for an anonymous visitor (so a member's words never show to the public).
POPULAR_LIMIT = 5
POPULAR_MIN_HITS = 3
POPULAR_DAYS = 30
POPULAR_CACHE_KEY = "search:popular-public:v1"
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

    @classmethod
    def from_querydict(cls, params):
        kind = params.get("kind") or DEFAULT_KIND
        return cls(
            query=clean_query(params.get("q")),
            kind=kind if kind in KINDS else DEFAULT_KIND,
            page=parse_page_number(params.get("page")),
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
    item: object  # the Page or the PortalDocument


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


def site_pages(request):
    """The pages of the request's site that the request may see (base ``Page`` rows)."""
    site = Site.find_for_request(request)
    if site is None:
        return Page.objects.none()
    return visible_pages(request, site.root_page.get_descendants(inclusive=True))


def searchable_documents(request):
    """The documents the request may see, without their (long) extracted text."""
    return visible_documents(request, PortalDocument.objects.without_text()).select_related("collection")


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


def count_all(hit_sets):
    """The counts of several result sets, in order: one statement when the backend gives each count's SQL
    (``count_sql``, PostgreSQL), each set's own ``count()`` otherwise (SQLite). The SQL is the backend's own count,
    built from the same querysets (the access module's filters), only sent together."""
    parts = [getattr(hits, "count_sql", lambda: None)() for hits in hit_sets]
    if any(part is None for part in parts):
        return [hits.count() for hits in hit_sets]
    sql = "SELECT " + ", ".join(f"({part_sql})" for part_sql, _params in parts)
    params = [param for _sql, part_params in parts for param in part_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchone())


def run_search(request, params):
    """Everything the results page shows for ``params``: counts, a page of results, editors' picks."""
    outcome = SearchOutcome(params)
    if not params.has_words:
        return outcome
    backend = get_search_backend()
    page_hits = _scored(backend.search(params.query, site_pages(request), operator="and"))
    document_hits = _scored(backend.search(params.query, searchable_documents(request), operator="and"))
    # Each count stops after COUNT_LIMIT + 1 matches; both in one statement where the backend allows it.
    pages_count, documents_count = count_all([page_hits[: COUNT_LIMIT + 1], document_hits[: COUNT_LIMIT + 1]])
    outcome.counts = {"pages": pages_count, "documents": documents_count}

    paginator = CountedPaginator(min(outcome.total, MAX_PAGES * PER_PAGE), PER_PAGE)
    number = min(params.page, paginator.num_pages)
    start = (number - 1) * PER_PAGE
    # A kind without a match is not ranked: its count said so.
    if not outcome.counts["pages"]:
        page_hits = []
    if not outcome.counts["documents"]:
        document_hits = []
    if params.kind == "pages":
        items = [("page", page) for page in page_hits[start : start + PER_PAGE]]
    elif params.kind == "documents":
        items = [("document", document) for document in document_hits[start : start + PER_PAGE]]
    else:
        # The best ``start + PER_PAGE`` of each kind hold the best ``start + PER_PAGE`` of both.
        merged = merge_best_first(backend, page_hits[: start + PER_PAGE], document_hits[: start + PER_PAGE])
        items = merged[start : start + PER_PAGE]
    outcome.page = PaginatorPage(build_results(request, items, Highlighter(params.query)), number, paginator)
    if number == 1 and params.kind != "documents":
        outcome.picks = editors_picks(request, params.query)
    return outcome


# Results: titles, links, labels, snippets -------------------------------------------------------------------


def build_results(request, items, highlighter):
    """``Result`` objects for ``[(kind, page or document), ...]``, in order, with highlighted snippets."""
    pages = [obj for kind, obj in items if kind == "page"]
    documents = mark_members_only(request, [obj for kind, obj in items if kind == "document"])
    # A results page without pages (or without documents) reads nothing for them.
    page_texts = specific_page_texts(pages) if pages else {}
    document_texts = document_text_heads(documents) if documents else {}
    document_urls = document_url_finder(request, documents) if documents else None

    results = []
    for kind, obj in items:
        if kind == "page":
            texts = page_texts.get(obj.pk, [])
            results.append(
                Result(
                    kind="page",
                    title=obj.title,
                    url=obj.get_url(request),
                    title_html=highlighter.mark(obj.title),
                    snippet_html=highlighter.snippet(texts),
                    label=pgettext("kind of search result", "Page"),
                    members_only=is_restricted_page(request, obj),
                    item=obj,
                )
            )
        else:
            size = obj.size_label
            results.append(
                Result(
                    kind="document",
                    title=obj.title,
                    url=document_urls(obj),
                    title_html=highlighter.mark(obj.title),
                    snippet_html=highlighter.snippet([obj.description, document_texts.get(obj.pk, "")]),
                    label=(
                        gettext("Document · %(type)s, %(size)s") % {"type": obj.file_type_label, "size": size}
                        if size
                        else gettext("Document · %(type)s") % {"type": obj.file_type_label}
                    ),
                    members_only=obj.members_only,
                    item=obj,
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
    """``{document id: the start of its extracted text}``: one query."""
    ids = [document.pk for document in documents] or [0]
    rows = PortalDocument.objects.filter(pk__in=ids).values_list(
        "pk", Substr("extracted_text", 1, SNIPPET_SOURCE_CHARS)
    )
    return dict(rows)


def document_url_finder(request, documents):
    """A function giving each document's page in a documents library the request may see (its download address
    when no such library lists it). One query, for the libraries (also when there are no documents, so that
    every list of suggestions costs the same queries)."""
    site = Site.find_for_request(request)
    queryset = DocumentsLibraryPage.objects.live().select_related("collection").order_by("path")
    if site is not None:
        queryset = queryset.descendant_of(site.root_page, inclusive=True)
    libraries = [(library, library.get_url(request)) for library in visible_pages(request, queryset)]

    def url(document):
        for library, library_url in libraries:
            if library_url and (
                library.collection_id is None or document.collection.path.startswith(library.collection.path)
            ):
                return library_url + library.reverse_subpage("document", args=[document.pk, document.slug])
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
    """
    keys = promotion_keys(query)
    promoted = promoted_query_strings()
    if promoted is not None and not keys & promoted:
        return []  # no pick for these words: no query (most searches)
    promotions = (
        SearchPromotion.objects.filter(query__query_string__in=keys).select_related("page").order_by("sort_order", "pk")
    )
    site = Site.find_for_request(request)
    picks = []
    for promotion in promotions:
        if promotion.page_id:
            page = promotion.page
            on_site = site is None or page.path.startswith(site.root_page.path)
            # can_view_page asks the access module (live, and no restriction the request does not pass).
            if on_site and can_view_page(request, page):
                picks.append(Pick(page.title, page.get_url(request), promotion.description, external=False))
        elif promotion.external_link_url:
            title = promotion.external_link_text or promotion.external_link_url
            picks.append(Pick(title, promotion.external_link_url, promotion.description, external=True))
    return picks


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


def popular_searches():
    """Up to ``POPULAR_LIMIT`` popular queries that an anonymous visitor would find results for.

    Only queries searched at least ``POPULAR_MIN_HITS`` times in the last ``POPULAR_DAYS`` days, so one person's
    words are never offered to others, and only those with public results, so a members-only subject is never
    suggested to the public. Kept in the cache for ``POPULAR_CACHE_SECONDS``: the same list for everyone.
    """
    popular = cache.get(POPULAR_CACHE_KEY)
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
        if is_meaningful_search(query_string) and has_public_results(query_string):
            popular.append(query_string)
            if len(popular) == POPULAR_LIMIT:
                break
    cache.set(POPULAR_CACHE_KEY, popular, POPULAR_CACHE_SECONDS)
    return popular


def has_public_results(query):
    """Whether an anonymous visitor finds anything for ``query`` (on the default site)."""
    backend = get_search_backend()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return False
    pages = visible_pages(None, site.root_page.get_descendants(inclusive=True))
    if list(backend.search(query, pages, operator="and")[:1]):
        return True
    return bool(list(backend.search(query, visible_documents(None).without_text(), operator="and")[:1]))


# Suggestions (autocomplete) ---------------------------------------------------------------------------------


def content_matches(request, backend, query, found, limit):
    """``[(kind, object)]``: up to ``limit`` pages and documents the request may see that the search finds for
    ``query`` (title and text, every word), best first, other than those already ``found``."""
    found_pages = [obj.pk for kind, obj in found if kind == "page"]
    found_documents = [obj.pk for kind, obj in found if kind == "document"]
    pages = _scored(backend.search(query, site_pages(request).exclude(pk__in=found_pages), operator="and"))
    documents = _scored(
        backend.search(query, searchable_documents(request).exclude(pk__in=found_documents), operator="and")
    )
    return merge_best_first(backend, list(pages[:limit]), list(documents[:limit]))[:limit]


def suggestions(request, query):
    """Up to ``SUGGESTION_LIMIT`` titles of pages and documents the request may see, best first:
    ``[{"title", "url", "kind"}, ...]``.

    First those whose title has words starting with what was typed (the last word may be unfinished); when they
    are fewer than the limit, then those whose text matches it as the search does ("asia" suggests the pages
    about the Asia-Pacific region, as searching for it finds them), so a suggestion never says less than the
    results page. The second pass runs only then: a list full of titles costs no more.
    """
    query = clean_query(query)
    if len(query) < SUGGESTION_MIN_LENGTH or not query_terms(query):
        return []
    backend = get_search_backend()
    pages = list(_scored(backend.autocomplete(query, site_pages(request), fields=["title"]))[:SUGGESTION_LIMIT])
    documents = list(
        _scored(backend.autocomplete(query, searchable_documents(request), fields=["title"]))[:SUGGESTION_LIMIT]
    )
    items = merge_best_first(backend, pages, documents)[:SUGGESTION_LIMIT]
    if len(items) < SUGGESTION_LIMIT:
        items += content_matches(request, backend, query, items, SUGGESTION_LIMIT - len(items))
    document_urls = document_url_finder(request, [obj for kind, obj in items if kind == "document"])
    return [
        {
            "title": obj.title,
            "url": obj.get_url(request) if kind == "page" else document_urls(obj),
            "kind": kind,
        }
        for kind, obj in items
    ]
