"""Wagtail's PostgreSQL full-text backend with folded text, the portal's weights and bounded ranking.

What changes from ``modelsearch.backends.database.postgres``:

* The text of every field goes into ``to_tsvector`` folded (``search.text.fold_for_index``), each field with the
  portal's weight (``search.backends.folding.field_weight``; ranks use ``RANK_WEIGHTS``) rather than one derived
  from whichever boosts the installed apps happen to use. Queries are folded alike (``FoldingBackendMixin``).

* Ranking reads a bounded number of index rows, however many match. Wagtail ranks every match (``ts_rank`` over
  each title and body vector, then a sort): a word on most pages, which a federation's site has ("cooperative"),
  means reading thousands of body vectors per search. Here a sliced word or phrase search first picks candidates
  with the GIN indexes alone: the entries whose *title* matches, best title first (twice ``CANDIDATES``, or twice
  as many as the slice needs, taken before the access check), and ``CANDIDATES`` entries the request may see that
  match in the body only, in whatever order the index yields them; only those candidates are ranked in full
  (title and body, as Wagtail does) among the objects the request may see, best first. Results are therefore
  exact while fewer than ``CANDIDATES`` entries match in the body only; beyond that, the best title matches still
  come first and the body-only matches ranked are a sample. Unsliced searches (facets) and other query types
  (``Not``, ``Fuzzy``...) use Wagtail's own query.

* Counts read no vector: ``COUNT`` over the GIN index match, stopping at the slice's end (``hits[:1001].count()``).

* A results page asks for both kinds' counts and ranked slices in one statement written by hand
  (``PortalPostgresSearchQueryCompiler.count_and_rank_sql``, sent by ``search.selectors.count_and_rank_all``): the
  same candidates, ranks and visibility as the ORM-built count and slices above, without the CPU of building and
  compiling them, and with each kind's count and body-only candidates read from one bitmap of the GIN index. Its
  title tier reads the entries' titles kept apart (``ENTRY_TITLES``, without the body vectors that fill the entries'
  table), and its candidates are entries, each read once by primary key to be ranked.

* ``autocomplete(..., fields=["title"])`` (title suggestions) matches the folded title text
  (``title_text``, indexed with the ``simple`` configuration by ``search/migrations/0001``), the last word as a
  prefix; Wagtail would build a vector from every row's raw ``title`` column, unfolded and unindexed. Its candidates are
  the shortest matching titles, twice ``AUTOCOMPLETE_CANDIDATES`` (or twice the slice): a list of a few titles, never
  paged, needs fewer than a results page.

* ``title_text`` holds the folded title (Wagtail keeps it for fuzzy search, which the portal does not use) and
  ``body_text`` is left empty: a second copy of every body made each index row too large to stay uncompressed.

* Each entry is stemmed in its object's language (``search.languages``: a page's locale, a document's own
  language; ``english``, ``french`` or ``spanish``), and its title vector and title text carry that language's
  marker (``search.languages.marker``). ``search(..., languages=["fr"])`` parses the query with each language's
  configuration and matches it with that language's marker only, ``(french query & French marker) | (spanish
  query & Spanish marker) ...``: one ``tsquery``, matched inside the GIN indexes, so candidates, counts and ranks
  are of the languages searched alone, each language's query against its own entries. A language in which the
  query holds only stop words ("the" in English) matches nothing there (``LanguageQuery``), as on SQLite.
  ``languages=None`` (the admin, the API) searches every language. Ranks use each entry's own language's query,
  without the markers.
  Title suggestions (``autocomplete(..., fields=["title"])``, unstemmed) match the markers of the languages
  asked for.

Objects without a language (images, snippets) are indexed as English. ``SEARCH_CONFIG`` (``english`` unless set)
is only used by searches of named fields (``fields=[...]``), which read the model's columns, not the index.
"""

import time
from functools import cache, reduce
from operator import or_
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchQueryField, SearchRank, SearchVectorField
from django.db import connections
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    Value,
    When,
)
from django.db.models.expressions import Expression, RawSQL
from django.db.models.functions import Cast
from django.db.models.sql import Query
from django.db.models.sql.subqueries import InsertQuery
from django.utils.functional import cached_property
from modelsearch.backends.database.postgres import postgres
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.index import AutocompleteField
from modelsearch.query import Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendant_models

from search.backends.folding import RANK_WEIGHTS, FoldingBackendMixin, field_weight
from search.languages import LANGUAGES, SEARCH_CONFIGS, marker, object_languages
from search.text import fold_for_index, query_stems

IndexEntry = postgres.IndexEntry
SQL_WEIGHTS = "{" + ",".join(str(weight) for weight in RANK_WEIGHTS) + "}"
# Candidates per tier (``CANDIDATES`` in the backend's settings) when a slice asks for fewer. At least as many as
# the deepest slice the site asks for (search.selectors: ten pages of ten), so that every results page ranks the
# same candidates and pages neither repeat nor skip a result.
DEFAULT_CANDIDATES = 100
# Candidates of title suggestions (``autocomplete(..., fields=["title"])``) when a slice asks for fewer: a list of
# eight titles, never paged. Each candidate is joined to its object and its title ranked; 200 of them (as for
# search) were half the cost of a suggestion for a common prefix at 10,000 pages ("coop": 11 ms, 5.7 ms with 40).
AUTOCOMPLETE_CANDIDATES = 20
# The entries' ids, content types, title vectors and title norms, kept equal to the entries by triggers
# (``search/migrations/0006``): what the title tier of a results page reads, without each entry's body vector.
ENTRY_TITLES = "search_entry_title"


class CountAndRankSQL(NamedTuple):
    """A result set's count and ranked slice as SQL (``count_and_rank_sql``): ``ctes``, ``[(sql, params)]`` for the
    statement's ``WITH`` (each ``<name> AS ...``), which the count and the ranked rows may read; ``ranked_sql``
    ``None`` when only the count is asked for."""

    ctes: list
    count_sql: str
    count_params: list
    ranked_sql: str | None
    ranked_params: list


class EntryVector(Func):
    """``portal_search_vector(title, body)``: an entry's title and body vectors as one, as Wagtail matches them.

    A function of the portal's (``search/migrations/0001``), GIN-indexed, declared costly: evaluating it row by
    row reads each body vector, and PostgreSQL's planner, told so, matches through the index instead (for
    ``title || body`` it counts the cost of an operator, and reads thousands of vectors for a common word).
    """

    function = "portal_search_vector"
    output_field = SearchVectorField()

    def __init__(self, **extra):
        super().__init__(F("title"), F("body"), **extra)


class TitleVector(Func):
    """``portal_title_vector(title)``: the title vector, through a GIN-indexed function declared costly (as above)."""

    function = "portal_title_vector"
    output_field = SearchVectorField()

    def __init__(self, **extra):
        super().__init__(F("title"), **extra)


class SimpleTitleVector(Func):
    """``to_tsvector('simple', title_text)``: the folded title's words, unstemmed (GIN-indexed by the migration)."""

    template = "to_tsvector('simple'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()

    def __init__(self, expression="title_text", **extra):
        super().__init__(expression, **extra)


@cache
def _descendant_models(model):
    """``model`` and its subclasses: fixed once the process runs (Wagtail's helper scans every model each time)."""
    return tuple(get_descendant_models(model))


def _content_type_ids(model):
    """The content type ids of ``model`` and its subclasses (from Django's content type cache)."""
    return [content_type.pk for content_type in ContentType.objects.get_for_models(*_descendant_models(model)).values()]


def _integer_pk_field(model):
    """An ``IntegerField`` or ``BigIntegerField`` matching ``model``'s primary key, or ``None`` for other keys."""
    field = model._meta.pk
    while field.is_relation:
        field = field.target_field
    if isinstance(field, BigIntegerField):
        return BigIntegerField()
    if isinstance(field, IntegerField):
        return IntegerField()
    return None


# Compiled queries kept per process (``compiled_tsqueries``), at most this many sets of words before starting afresh.
COMPILED_TSQUERIES_KEPT = 512
_COMPILED_TSQUERIES = {}

# Common words read in order (``scans_in_order``): a kind's matching entries are read one by one through the content
# type's B-tree, in its order, until the count and the body-only candidates have what they need, instead of through
# a bitmap of the GIN index, which is built whole first (about 2 ms for a word in 16,000 entries, then a bitmap of the
# kind's content types to intersect). A word qualifies when PostgreSQL's own statistics (``pg_stats`` of the GIN
# index's expression: the share of entries holding each common lexeme) say that at least ``ORDERED_SCAN_MIN_SHARE``
# of the kind's entries must match, however the other kinds' entries are shared out: reading in order then reads
# about 1 / ``ORDERED_SCAN_MIN_SHARE`` entries or fewer for each one needed, unless the word's entries are bunched far
# along the kind's order (the whole kind read, in the worst case). Sites of fewer than
# ``ORDERED_SCAN_MIN_ENTRIES`` entries keep the bitmap. Each process reads the statistics (the lexemes', the content
# types' shares of the entries, their number) with a results page's statement (``scan_statistics_sql``, no statement
# of its own), at most every ``SCAN_STATISTICS_SECONDS``; until then, and for words the statistics do not hold, the
# bitmap is used.
ORDERED_SCAN_MIN_SHARE = 0.4
ORDERED_SCAN_MIN_ENTRIES = 5000
SCAN_STATISTICS_SECONDS = 600
# The least share of the entries for which a lexeme's statistics are kept: below it, no search can qualify by it.
# A search of all the languages needs ``ORDERED_SCAN_MIN_SHARE`` of the entries in all, so at least one language's
# words must each be held by that share divided among the languages; a word kept out counts as held by none, which
# only ever keeps the bitmap.
WORD_MIN_SHARE = ORDERED_SCAN_MIN_SHARE / len(LANGUAGES)
# The GIN index whose expression's statistics hold each lexeme's share of the entries (search/migrations).
MATCH_INDEX = "search_entry_type_vector_gin"
_scan_statistics = {"read": None, "words": {}, "shares": {}, "entries": 0}


def scan_statistics_due():
    read = _scan_statistics["read"]
    return read is None or time.monotonic() - read >= SCAN_STATISTICS_SECONDS


def scan_statistics_sql():
    """``None`` while this process's statistics are fresh (``scan_statistics_due``); else ``(sql, params)`` of rows
    ``(kind, content type, share, count, lexeme)`` to send with a statement, all from PostgreSQL's statistics (which
    ``ANALYZE`` and autovacuum keep): ``kind`` -1 for a lexeme held by at least ``WORD_MIN_SHARE`` of the entries
    (the statistics of the index's expression) and for each language's marker, -2 for a content type's share of the
    entries, -3 for the number of entries."""
    if not scan_statistics_due():
        return None
    entries = IndexEntry._meta.db_table
    sql = (
        "(SELECT -1, NULL::bigint, s.share::float8, NULL::bigint, s.lexeme FROM pg_stats AS p, "
        "unnest(p.most_common_elems::text::text[], p.most_common_elem_freqs) AS s (lexeme, share) "
        "WHERE p.schemaname = current_schema() AND p.tablename = %s AND s.lexeme IS NOT NULL "
        "AND (s.share >= %s OR s.lexeme = ANY(%s))) "
        "UNION ALL (SELECT -2, s.content_type, s.share::float8, NULL, NULL FROM pg_stats AS p, "
        "unnest(p.most_common_vals::text::bigint[], p.most_common_freqs) AS s (content_type, share) "
        "WHERE p.schemaname = current_schema() AND p.tablename = %s AND p.attname = 'content_type_id') "
        "UNION ALL (SELECT -3, NULL, NULL, c.reltuples::bigint, NULL FROM pg_class AS c "
        "WHERE c.oid = to_regclass(quote_ident(%s)))"
    )
    return sql, [MATCH_INDEX, WORD_MIN_SHARE, [marker(code) for code in LANGUAGES], entries, entries]


def remember_scan_statistics(rows):
    """Keep the rows of ``scan_statistics_sql`` for this process's next searches."""
    words = {lexeme: share for kind, _type, share, _count, lexeme in rows if kind == -1}
    shares = {content_type: share for kind, content_type, share, _count, _lexeme in rows if kind == -2}
    total = max([count for kind, _type, _share, count, _lexeme in rows if kind == -3] or [0])
    _scan_statistics.update(read=time.monotonic(), words=words, shares=shares, entries=total)


def forget_scan_statistics():
    _scan_statistics.update(read=None, words={}, shares={}, entries=0)


def language_marker_query(code):
    """A ``tsquery`` of ``code``'s language marker alone (``search.languages.marker``)."""
    return SearchQuery(Value(f"'{marker(code)}'"), search_type="raw", config="simple")


class LanguageQuery(SearchQuery):
    """``portal_language_query(query, marker)`` (``search/migrations/0005``): ``query & marker``, the entries of one
    language matching its query, or nothing when the query is empty (stop words only in that language: an empty
    query ``&`` the marker would be the marker alone, every entry of the language). PostgreSQL folds it into a
    constant when planning. Combines with other queries as a ``SearchQuery`` does."""

    def __init__(self, query, marker_query):
        Func.__init__(self, query, marker_query, output_field=SearchQueryField())
        self.function = "portal_language_query"
        self.config = None
        self.invert = False


def language_query(code, tsquery):
    """What an entry of ``code``'s language must match for ``tsquery`` (parsed in that language)."""
    return LanguageQuery(tsquery, language_marker_query(code))


class ByLanguage(Expression):
    """``CASE WHEN <title> @@ <marker of L> THEN <expression for L> ... ELSE 0 END``: each entry's value from its
    own language's expression (its rank for that language's query), the language read from the title's marker."""

    output_field = FloatField()

    def __init__(self, title, branches):
        super().__init__()
        self.title = title
        self.codes = [code for code, _expression in branches]
        self.markers = [language_marker_query(code) for code in self.codes]
        self.expressions = [expression for _code, expression in branches]

    def get_source_expressions(self):
        return [self.title, *self.markers, *self.expressions]

    def set_source_expressions(self, exprs):
        count = len(self.codes)
        self.title, self.markers, self.expressions = exprs[0], exprs[1 : 1 + count], exprs[1 + count :]

    def as_sql(self, compiler, connection):
        title_sql, title_params = compiler.compile(self.title)
        branches, params = [], []
        for marker_query, expression in zip(self.markers, self.expressions, strict=True):
            marker_sql, marker_params = compiler.compile(marker_query)
            expression_sql, expression_params = compiler.compile(expression)
            branches.append(f"WHEN {title_sql} @@ {marker_sql} THEN {expression_sql}")
            params += [*title_params, *marker_params, *expression_params]
        return f"(CASE {' '.join(branches)} ELSE 0 END)", params


class VisibleObject(Expression):
    """``EXISTS (SELECT 1 FROM (<visible ids>) AS visible WHERE visible.id = <object id> OFFSET 0)``: whether an
    index entry's object is among those a queryset holds (the access module's filters), looked up by primary key,
    entry by entry.

    ``<object id> IN (<visible ids>)`` says the same, but PostgreSQL may plan it as a hash join that first reads
    every object the request may see: with three languages, the 9,000 English pages (15 ms) for each count and
    each search's body-only candidates, which stop after about a hundred entries. ``OFFSET 0`` keeps the
    ``EXISTS`` a sub-plan run for each entry read (PostgreSQL does not turn it into a join), and the entries read
    are bounded (``LIMIT``) wherever this is used.
    """

    output_field = BooleanField()

    def __init__(self, object_pk, sql, params):
        super().__init__()
        self.object_pk, self.sql, self.params = object_pk, sql, tuple(params)

    def get_source_expressions(self):
        return [self.object_pk]

    def set_source_expressions(self, exprs):
        (self.object_pk,) = exprs

    def as_sql(self, compiler, connection):
        object_sql, object_params = compiler.compile(self.object_pk)
        sql = f"EXISTS (SELECT 1 FROM ({self.sql}) AS visible (id) WHERE visible.id = ({object_sql}) OFFSET 0)"  # noqa: S608 - the ORM's SQL
        return sql, [*self.params, *object_params]


class FoldingObjectIndexer(postgres.ObjectIndexer):
    def __init__(self, obj, backend, language):
        super().__init__(obj, backend)
        self.language = language
        self.config = SEARCH_CONFIGS[language]

    def prepare_field(self, obj, field):
        for current_field, _weight, value in super().prepare_field(obj, field):
            yield current_field, field_weight(current_field, isinstance(current_field, AutocompleteField)), value

    def as_vector(self, texts, for_autocomplete=False):
        return super().as_vector([(fold_for_index(text), weight) for text, weight in texts], for_autocomplete)

    @cached_property
    def title_text(self):
        """The folded title and the language's marker (title suggestions match both)."""
        return f"{fold_for_index(super().title_text)} {marker(self.language)}"

    @cached_property
    def body_text(self):
        return ""


class PortalPostgresIndex(postgres.PostgresIndex):
    def add_items(self, model, objs):
        """Wagtail's ``PostgresIndex.add_items`` (modelsearch 1.3), with ``FoldingObjectIndexer``.

        The method is copied because it builds its indexer by name; only that line differs.
        """
        if not model.get_search_fields():
            return
        objs = list(objs)
        if not objs:
            return
        indexers = [
            FoldingObjectIndexer(obj, self.backend, language)
            for obj, language in zip(objs, object_languages(objs), strict=True)
        ]

        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        rows_sql = []
        data_params = []
        for indexer in indexers:
            data_params.extend((content_type_pk, indexer.id))
            vectors_sql = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(IndexEntry._meta.get_field(name), getattr(indexer, name))
                sql, params = value.as_sql(compiler, self.write_connection)
                if name == "title":
                    # The language's marker, without a position: it never counts in a rank.
                    sql = f"(({sql})::tsvector || %s::tsvector)"
                    params = [*params, f"'{marker(indexer.language)}'"]
                vectors_sql.append(sql)
                data_params.extend(params)
            data_params.extend((indexer.title_text, indexer.body_text))
            rows_sql.append("(%s, %s, " + ", ".join(vectors_sql) + ", 1.0, %s, %s)")

        table = IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} "  # noqa: S608 - the table name is the model's; values are parameters
                "(content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text) "
                f"(VALUES {', '.join(rows_sql)}) "
                "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, "
                "autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, title_text = EXCLUDED.title_text, "
                "body_text = EXCLUDED.body_text",
                data_params,
            )
        self._refresh_title_norms()


class BoundedSearchMixin:
    """Candidates from the GIN indexes, full ranks for those only, counts without vectors (module docstring)."""

    def __init__(self, *args, languages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sql_weights = SQL_WEIGHTS
        # The languages searched, in a fixed order (every language unless told).
        self.languages = tuple(code for code in LANGUAGES if not languages or code in languages) or LANGUAGES
        self.all_languages = self.languages == LANGUAGES

    def handles_query(self):
        """Whether this query takes the portal's path: words or a phrase, over a model with an integer key."""
        return isinstance(self.query, (PlainText, Phrase)) and _integer_pk_field(self.queryset.model) is not None

    def is_bounded(self, stop):
        return stop is not None and self.order_by_relevance and self.handles_query()

    def object_pk(self):
        """The entry's object id as the model's integer key (guarded: other models' ids may not be numbers)."""
        model = self.queryset.model
        content_types = _content_type_ids(model)
        return Case(
            When(content_type_id__in=content_types, then=Cast("object_id", _integer_pk_field(model))),
            default=None,
            output_field=_integer_pk_field(model),
        )

    def model_entries(self):
        """The index entries of ``self.queryset``'s model (and its subclasses), each with ``_object_pk``."""
        model = self.queryset.model
        return IndexEntry._default_manager.filter(content_type_id__in=_content_type_ids(model)).annotate(
            _object_pk=self.object_pk()
        )

    def visible_entries(self):
        """The index entries of the objects of ``self.queryset`` (its filters: the access module's).

        The objects are looked up by primary key from each entry (``VisibleObject``), so a search reads the entries
        it matches, not every object the request may see.
        """
        return self.model_entries().filter(VisibleObject(F("_object_pk"), *self.visible_pks_sql))

    @cached_property
    def visible_pks_sql(self):
        """``(sql, params)`` of the ids of ``self.queryset`` (the access module's filters), compiled once per search:
        the count, the candidates and the ranked slice all read it, and a nested queryset would be cloned and
        resolved again in each (a measurable share of a search's CPU). The same SQL, only compiled once."""
        sql, params = self.queryset.order_by().values("pk").query.sql_with_params()
        return sql, tuple(params)

    def compile_expression(self, expression):
        """``(sql, params)`` of a small expression over the index entries (a ``tsquery``), outside any queryset."""
        query = Query(IndexEntry)
        compiler = query.get_compiler(connection=connections[self.queryset.db])
        return compiler.compile(expression.resolve_expression(query))

    def candidates_wanted(self, backend):
        """Candidates per tier for a slice that asks for fewer (``CANDIDATES``, module docstring)."""
        return getattr(backend, "candidates", DEFAULT_CANDIDATES)

    def matching_entries(self, tsquery):
        raise NotImplementedError

    def candidate_ids(self, tsquery, limit):
        raise NotImplementedError

    def rank_expression(self, config):
        """The rank of each of ``self.queryset``'s objects (through their index entries) for ``self.query``."""
        raise NotImplementedError

    def search(self, config, start, stop, score_field=None, backend=None):
        if not self.is_bounded(stop):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        tsquery = self.build_tsquery(self.query, config=config)
        if tsquery is None:
            return self.queryset.none()
        limit = max(self.candidates_wanted(backend), stop)
        # One annotation: the score field is the rank (a second name for it, ``F("_search_rank")``, would make the
        # ORM repeat the whole expression in the SELECT, and PostgreSQL rank every candidate's body twice).
        rank_name = score_field or "_search_rank"
        queryset = self.queryset.filter(self.among_candidates(self.candidate_ids(tsquery, limit))).annotate(
            **{rank_name: self.rank_expression(config)}
        )
        return queryset.order_by(f"-{rank_name}", "-pk")[start:stop]

    def among_candidates(self, candidates):
        """``pk = ANY(ARRAY(<candidates>))``: the same rows as ``pk__in=candidates``, but PostgreSQL reads the few
        hundred candidate ids first and fetches each object by primary key. With ``IN (<subquery>)`` it estimated
        thousands of matches and scanned every page of the language to hash-join them with the candidates (about
        half of a common word's ranked query at 10,000 pages)."""
        model = self.queryset.model
        quote = connections[self.queryset.db].ops.quote_name
        sql, params = candidates.query.sql_with_params()
        column = f"{quote(model._meta.db_table)}.{quote(model._meta.pk.column)}"
        return RawSQL(f"{column} = ANY(ARRAY({sql}))", params, output_field=BooleanField())  # noqa: S611 - ORM SQL

    def count(self, config, start, stop):
        """How many objects match, between ``start`` and ``stop``: a ``COUNT`` that stops at ``stop``."""
        if not self.handles_query():
            return super().search(config, start, stop).count()
        entries = self.counted_entries(config, start, stop)
        return 0 if entries is None else entries.count()

    def counted_entries(self, config, start, stop):
        """The matching index entries between ``start`` and ``stop`` (what ``count`` counts), or ``None`` when the
        query matches nothing by construction. Only for ``handles_query()``."""
        tsquery = self.build_tsquery(self.query, config=config)
        if tsquery is None:
            return None
        return self.matching_entries(tsquery)[start:stop]


class PortalPostgresSearchQueryCompiler(BoundedSearchMixin, postgres.PostgresSearchQueryCompiler):
    def language_tsqueries(self, query):
        """``[(language, query parsed with its configuration), ...]`` for the languages searched, or ``None`` when
        the query holds nothing to match."""
        parts = []
        for code in self.languages:
            tsquery = self.build_tsquery_content(query, config=SEARCH_CONFIGS[code])
            if tsquery is None:
                return None
            parts.append((code, tsquery))
        return parts

    def build_tsquery(self, query, config=None):
        """What entries must match: each language's query with its marker, ``(q_fr & fr) | (q_es & es)``, a language
        whose query is empty (stop words only) matching nothing (``language_query``)."""
        if self.fields is not None:
            return super().build_tsquery(query, config=config)
        parts = self.language_tsqueries(query)
        if parts is None:
            return None
        return reduce(or_, (language_query(code, tsquery) for code, tsquery in parts))

    def language_rank(self, vector, title, query):
        """``ts_rank`` of ``vector`` for ``query`` parsed in the entry's own language (read from ``title``)."""
        ranks = [
            (code, SearchRank(vector, tsquery, weights=self.sql_weights))
            for code, tsquery in self.language_tsqueries(query)
        ]
        return ranks[0][1] if len(ranks) == 1 else ByLanguage(title, ranks)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        """Wagtail's rank (unsliced searches, other query types), each entry's for its own language's query."""
        if self.fields is None and isinstance(query, (Phrase, PlainText, Not)):
            rank = self.language_rank(vector, F("index_entries__title"), query)
            return rank * boost if boost != 1.0 else rank
        return super().build_tsrank(vector, query, config=config, boost=boost)

    def matching_entries(self, tsquery):
        return self.visible_entries().annotate(_vector=EntryVector()).filter(_vector=tsquery)

    def candidate_ids(self, tsquery, limit):
        """The best title matches by title rank, and as many body-only matches, as the index yields them first.

        The title matches are ranked before the access check (which would otherwise read every object the request
        may see, to rank them all), so twice as many are taken; the final query keeps only those the request may
        see (``self.queryset``), so a hidden object is never more than a candidate that drops out.
        """
        title_rank = self.language_rank(F("title"), F("title"), self.query) * F("title_norm")
        in_title = (
            self.model_entries()
            .annotate(_title_vector=TitleVector())
            .filter(_title_vector=tsquery)
            .annotate(_title_rank=title_rank)
            .order_by("-_title_rank", "-pk")
            .values_list("_object_pk")[: 2 * limit]
        )
        in_body_only = (
            self.matching_entries(tsquery).exclude(title=tsquery).order_by().values_list("_object_pk")[:limit]
        )
        return in_title.union(in_body_only, all=True)

    def rank_expression(self, config):
        """Wagtail's rank: the title's (times its length norm) plus the body's, in the entry's language."""
        title = self.language_rank(F("index_entries__title"), F("index_entries__title"), self.query)
        body = self.language_rank(F("index_entries__body"), F("index_entries__title"), self.query)
        return title * F("index_entries__title_norm") + body

    # One statement for a results page (``count_and_rank_sql``) -------------------------------------------------

    def compiled_tsqueries(self):
        """``({language: (sql, params)}, {language: (sql, params)})``: each language's query and marker compiled, or
        ``None`` when the query holds nothing to match (``language_tsqueries``). Kept per process for the same words,
        operator and languages (``_COMPILED_TSQUERIES``): a results page counts and ranks pages and documents for the
        same words, and popular words come back; the SQL depends on nothing else."""
        query = self.query
        key = (
            self.queryset.db,
            self.languages,
            type(query).__name__,
            query.query_string,
            getattr(query, "operator", None),
        )
        if key in _COMPILED_TSQUERIES:
            return _COMPILED_TSQUERIES[key]
        parts = self.language_tsqueries(query)
        compiled = None
        if parts is not None:

            def frozen(expression):
                sql, params = self.compile_expression(expression)
                return sql, tuple(params)  # shared between searches: never extended in place

            compiled = (
                {code: frozen(tsquery) for code, tsquery in parts},
                {code: frozen(language_marker_query(code)) for code, _tsquery in parts},
            )
        if len(_COMPILED_TSQUERIES) >= COMPILED_TSQUERIES_KEPT:
            _COMPILED_TSQUERIES.clear()
        _COMPILED_TSQUERIES[key] = compiled
        return compiled

    def scans_in_order(self, content_types):
        """Whether this query's matching entries of ``content_types`` are read in order rather than through a bitmap
        of the GIN index (``ORDERED_SCAN_MIN_SHARE``): words all required, each with its share of the entries in the
        statistics, together held by enough of the kind's entries whatever the other kinds', in one language or in
        all of them.

        A search of all languages matches each language's entries with that language's stems: its share is the sum
        of each language's (the marker's share times the stems'). Every entry carries one of the markers, so no
        language's entries are skipped on the way.

        A search of one language reads that language's entries only (``count_and_rank_sql``), so what counts is the
        share of them that hold the words. The statistics give each word's share of all the entries; the share of
        the language's entries that must hold it, whatever the other languages' hold, is at least ``(word − (1 −
        language)) / language`` (every entry of another language taken as holding it): on a site in three
        languages, only words on nearly every entry, in every language, qualify ("cooperative", stemmed alike in
        English and French). The kind's share of the language's entries is taken to be its share of all of them.
        On a site in one language this is the words' shares, as before. A search of two languages of three keeps
        the bitmap."""
        query = self.query
        if not isinstance(query, PlainText) or query.operator != "and":
            return False
        if len(self.languages) != 1 and not self.all_languages:
            return False
        words, shares = _scan_statistics["words"], _scan_statistics["shares"]
        # A content type too rare for the statistics to name counts for none of the kind's entries: a smaller kind
        # asks more of the word.
        kind_share = sum(shares.get(content_type, 0.0) for content_type in content_types)
        if _scan_statistics["entries"] < ORDERED_SCAN_MIN_ENTRIES or kind_share <= 0:
            return False
        if len(self.languages) == 1:
            (code,) = self.languages
            lexemes = query_stems(query.query_string, code)
            language = words.get(marker(code), 0.0)
            if not lexemes or language <= 0:
                return False
            share = 1.0
            for lexeme in lexemes:
                # At least this share of the language's entries hold the word; words found independently, as the
                # planner estimates them.
                share *= max(0.0, words.get(lexeme, 0.0) - (1 - language)) / language
        else:
            share = 0.0
            for code in self.languages:
                lexemes = query_stems(query.query_string, code)
                if not lexemes:
                    continue  # stop words only in this language: it matches nothing there
                language_share = words.get(marker(code), 0.0)
                for lexeme in lexemes:
                    language_share *= words.get(lexeme, 0.0)  # as the planner estimates it: words found independently
                share += language_share
        return (share - (1 - kind_share)) / kind_share >= ORDERED_SCAN_MIN_SHARE

    def count_and_rank_sql(self, count_stop, start, stop, candidates, name="matches"):
        """A ``CountAndRankSQL``: the same answers as ``count()`` (up to ``count_stop``) and as a bounded search's
        slice ``[start:stop]`` (``search``; ``stop`` ``None``: no ranking), written here instead of built through the
        ORM, for a caller to send in one statement (``search.selectors``): building and compiling the querysets cost
        a fresh search more CPU than the database spent answering them. Its expressions (named from ``name``) go in
        the statement's ``WITH``; the count and the ranked rows read them.

        The ranked statement gives ``(object id, score)`` rows, best first. Visibility is the access module's as
        everywhere: the compiled ids of ``self.queryset`` (``visible_pks_sql``), which every count and every ranked
        object must be among.

        When it ranks, the count and the body-only candidates share one read of the index: the first visible
        matching entries, at least ``count_stop`` and three times the candidates (``<name>``, materialized), which
        PostgreSQL finds through one bitmap of the GIN index instead of building the same bitmap twice (about 3 ms
        each for a common word). The count is that of the first ``count_stop``; the body-only candidates are the
        first ``candidates`` of them that do not match in the title, as ``candidate_ids`` takes them while they are
        among those entries: always, while the title matches are no more than the title tier takes (``2 *
        candidates``: beyond, both tiers are samples anyway).

        ``None`` when this query is not one of those (``handles_query``, named fields): the caller then uses Wagtail's
        results. A count of ``SELECT 0`` and no ranking when nothing can match.
        """
        if self.fields is not None or not self.order_by_relevance or not self.handles_query():
            return None
        compiled = self.compiled_tsqueries()
        if compiled is None:
            return CountAndRankSQL([], "SELECT 0", [], None, [])
        queries, markers = compiled
        # What an entry must match: each language's query with its marker, nothing for an empty query
        # (``build_tsquery``).
        match_sql = " || ".join(
            f"portal_language_query(({queries[code][0]}), ({markers[code][0]}))" for code in queries
        )
        match_params = [param for code in queries for param in (*queries[code][1], *markers[code][1])]
        # The same, for the index to find (once per scan): each query once, shared by the languages where it is the
        # same, ``portal_languages_query`` (``search/migrations/0004``); per entry, ``match_sql`` costs less.
        if len(queries) == 1:
            index_match_sql, index_match_params = match_sql, match_params
        else:
            index_match_sql = (
                f"portal_languages_query(ARRAY[{', '.join(sql for sql, _params in queries.values())}], "
                f"ARRAY[{', '.join(sql for sql, _params in markers.values())}], %s)"
            )
            index_match_params = [
                *(param for _sql, params in queries.values() for param in params),
                *(param for _sql, params in markers.values() for param in params),
                self.all_languages,
            ]

        def rank(column):
            """``ts_rank`` of the entry's ``column`` for the query in the entry's own language (``language_rank``)."""
            if len(queries) == 1:
                ((sql, params),) = queries.values()
                return f"ts_rank(%s::real[], e.{column}, ({sql}))", [self.sql_weights, *params]
            branches, params = [], []
            for code, (sql, query_params) in queries.items():
                branches.append(f"WHEN e.title @@ ({markers[code][0]}) THEN ts_rank(%s::real[], e.{column}, ({sql}))")
                params += [*markers[code][1], self.sql_weights, *query_params]
            return f"(CASE {' '.join(branches)} ELSE 0 END)", params

        model = self.queryset.model
        content_types = _content_type_ids(model)
        pk_type = "bigint" if isinstance(_integer_pk_field(model), BigIntegerField) else "integer"
        object_pk = f"(CASE WHEN e.content_type_id = ANY(%s) THEN e.object_id::{pk_type} END)"
        visible_sql, visible_params = self.visible_pks_sql

        def visible(pk):
            """Whether the object ``pk`` is among those the request may see (the access module's compiled ids)."""
            return f"EXISTS (SELECT 1 FROM ({visible_sql}) AS visible (id) WHERE visible.id = {pk} OFFSET 0)"  # noqa: S608

        entries = IndexEntry._meta.db_table

        def matching(language=None):
            """``(sql, params)``: ``FROM`` the kind's entries that match and that the request may see; of
            ``language`` only (the entry's own: what its marker, which it must match anyway, already says), for the
            b-tree of the content types and languages to read them (``search/migrations/0007``)."""
            in_language = "AND portal_entry_language(e.title) = %s " if language else ""
            sql = (
                f"FROM {entries} AS e WHERE e.content_type_id = ANY(%s) {in_language}"  # noqa: S608 - the model's table
                f"AND portal_search_vector(e.title, e.body) @@ ({index_match_sql}) AND {visible(object_pk)}"
            )
            params = [content_types, *([language] if language else []), *index_match_params, *visible_params]
            return sql, [*params, content_types]

        if stop is None:
            matching_sql, matching_params = matching()
            count_sql = f"SELECT COUNT(*) FROM (SELECT 1 {matching_sql} LIMIT %s) AS counted"  # noqa: S608
            return CountAndRankSQL([], count_sql, [*matching_params, count_stop], None, [])

        limit = max(candidates, stop)
        # A common word's entries in the content types' order (``scans_in_order``): PostgreSQL reads them through
        # the content type's B-tree, one by one, until enough are found; for a search of one language, through the
        # b-tree of the content types and languages, that language's entries only.
        in_order = self.scans_in_order(content_types)
        (language,) = self.languages if in_order and len(self.languages) == 1 else (None,)
        matching_sql, matching_params = matching(language)
        ordered = " ORDER BY e.content_type_id" if in_order else ""
        shared = (
            f"{name} AS MATERIALIZED (SELECT e.id AS entry, NOT (e.title @@ ({match_sql})) AS body_only "  # noqa: S608
            f"{matching_sql}{ordered} LIMIT %s)"
        )
        shared_params = [*match_params, *matching_params, max(count_stop, 3 * limit)]
        count_sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM {name} LIMIT %s) AS counted"  # noqa: S608
        count_params = [count_stop]
        title_rank, title_rank_params = rank("title")
        body_rank, body_rank_params = rank("body")
        # Candidates are index entries (their ids): the ranked rows read each by its primary key, where looking it up
        # by object (``content_type_id = ANY(...) AND object_id = ...``) descended the unique index once per page type.
        in_title = (
            f"(SELECT e.id FROM {ENTRY_TITLES} AS e "  # noqa: S608 - the entries' titles (search/migrations/0006)
            f"WHERE e.content_type_id = ANY(%s) AND portal_title_vector(e.title) @@ ({index_match_sql}) "
            f"ORDER BY {title_rank} * e.title_norm DESC, e.id DESC LIMIT %s)"
        )
        in_title_params = [content_types, *index_match_params, *title_rank_params, 2 * limit]
        in_body_only = f"(SELECT entry FROM {name} WHERE body_only LIMIT %s)"  # noqa: S608
        in_body_only_params = [limit]
        # The candidates ranked in full as Wagtail ranks them, best first, then those the request may see (the access
        # module's ids, checked per candidate as for the count) until the slice is full: the check runs for about ten
        # candidates instead of all three hundred. ``OFFSET 0`` keeps PostgreSQL from moving the check into the
        # ranking, where it would run on every candidate.
        ranked_sql = (
            f"SELECT r.id, r.score FROM (SELECT {object_pk} AS id, {title_rank} * e.title_norm + {body_rank} AS score "  # noqa: S608
            f"FROM {entries} AS e "
            f"WHERE e.id = ANY(ARRAY({in_title} UNION ALL {in_body_only})) "
            "ORDER BY score DESC, id DESC OFFSET 0) AS r "
            f"WHERE {visible('r.id')} ORDER BY r.score DESC, r.id DESC LIMIT %s OFFSET %s"
        )
        ranked_params = [
            content_types,
            *title_rank_params,
            *body_rank_params,
            *in_title_params,
            *in_body_only_params,
            *visible_params,
            stop - start,
            start,
        ]
        return CountAndRankSQL([(shared, shared_params)], count_sql, count_params, ranked_sql, ranked_params)


class PortalPostgresAutocompleteQueryCompiler(BoundedSearchMixin, postgres.PostgresAutocompleteQueryCompiler):
    """Autocomplete; ``fields=["title"]`` matches the folded title words, the last one as a prefix."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.titles_only = self.fields == ["title"]

    def handles_query(self):
        return self.titles_only and super().handles_query()

    def build_tsquery_content(self, query, config=None, invert=False):
        if self.titles_only and isinstance(query, PlainText) and not invert:
            terms = query.query_string.split()
            if not terms:
                return None
            lexemes = [Lexeme(term, prefix=index == len(terms) - 1) for index, term in enumerate(terms)]
            combined = lexemes[0]
            for lexeme in lexemes[1:]:
                combined = combined & lexeme if query.operator == "and" else combined | lexeme
            return SearchQuery(combined, search_type="raw", config="simple")
        return super().build_tsquery_content(query, config=config, invert=invert)

    def build_tsquery(self, query, config=None):
        """Title suggestions in some languages also match one of their markers (in the folded title text)."""
        tsquery = self.build_tsquery_content(query, config=config)
        if tsquery is None or not self.titles_only or self.all_languages:
            return tsquery
        return tsquery & reduce(or_, (language_marker_query(code) for code in self.languages))

    def candidates_wanted(self, backend):
        """Title suggestions rank fewer candidates than search (``AUTOCOMPLETE_CANDIDATES``)."""
        return AUTOCOMPLETE_CANDIDATES if self.titles_only else super().candidates_wanted(backend)

    def search(self, config, start, stop, score_field=None, backend=None):
        """Title suggestions: the objects of ``self.queryset`` (the access module's) among the candidates, each ranked
        by its entry's title, best first.

        The candidates are the shortest matching titles (Wagtail's title norm: the shorter, the higher), twice
        ``AUTOCOMPLETE_CANDIDATES`` (or twice the slice), taken before the access check as for search; ranking them
        all would read every matching title again. The rank is the words typed (without the markers, whose distance
        from them would count) against the folded title, times the title norm. Both are written as SQL, not built
        through the ORM (a subquery of annotated entries, a join through the objects' index entries): building and
        compiling those was most of a fresh suggestion's CPU (6.3 → 4.4 ms per request)."""
        if not self.titles_only or not self.is_bounded(stop):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        tsquery = self.build_tsquery(self.query, config=config)
        if tsquery is None:
            return self.queryset.none()
        limit = max(self.candidates_wanted(backend), stop)
        match_sql, match_params = self.compile_expression(tsquery)
        words_sql, words_params = self.compile_expression(self.build_tsquery_content(self.query, config=config))
        model = self.queryset.model
        content_types = _content_type_ids(model)
        pk_type = "bigint" if isinstance(_integer_pk_field(model), BigIntegerField) else "integer"
        # A GIN index cannot take ``content_type_id = ANY(<types>)`` as one condition: PostgreSQL scans it once per
        # type, and each scan reads every entry whose title has a word starting as typed, whatever its type ("coop"
        # in three languages at 10,000 pages each: 9.8 ms for the eight page types, 3.8 ms for one scan). Several
        # types are checked on each entry as it is read instead (``+ 0``: out of the indexes' reach); one type
        # (documents) stays in the index's scan.
        type_column = "(e.content_type_id + 0)" if len(content_types) > 1 else "e.content_type_id"
        entries = IndexEntry._meta.db_table
        candidates_sql = (
            f"SELECT (CASE WHEN e.content_type_id = ANY(%s) THEN e.object_id::{pk_type} END) FROM {entries} AS e "  # noqa: S608
            f"WHERE {type_column} = ANY(%s) AND to_tsvector('simple'::regconfig, e.title_text) @@ ({match_sql}) "
            "ORDER BY e.title_norm DESC, e.id DESC LIMIT %s"
        )
        candidates_params = [content_types, content_types, *match_params, 2 * limit]
        quote = connections[self.queryset.db].ops.quote_name
        column = f"{quote(model._meta.db_table)}.{quote(model._meta.pk.column)}"
        among_sql = f"{column} = ANY(ARRAY({candidates_sql}))"
        among = RawSQL(among_sql, candidates_params, output_field=BooleanField())  # noqa: S611
        # The object's entry (one per object: the content type and object id are unique together).
        rank_sql = (
            f"(SELECT ts_rank(to_tsvector('simple'::regconfig, e.title_text), ({words_sql})) * e.title_norm "  # noqa: S608
            f"FROM {entries} AS e WHERE e.content_type_id = ANY(%s) AND e.object_id = ({column})::text LIMIT 1)"
        )
        rank = RawSQL(rank_sql, [*words_params, content_types], output_field=FloatField())  # noqa: S611
        rank_name = score_field or "_search_rank"
        queryset = self.queryset.filter(among).annotate(**{rank_name: rank})
        return queryset.order_by(f"-{rank_name}", "-pk")[start:stop]

    def matching_entries(self, tsquery):
        return self.visible_entries().annotate(_title_vector=SimpleTitleVector()).filter(_title_vector=tsquery)


class PortalPostgresSearchResults(postgres.PostgresSearchResults):
    # A results page's statement also reads the statistics of ``scans_in_order`` when this process's are due.
    scan_statistics_sql = staticmethod(scan_statistics_sql)
    remember_scan_statistics = staticmethod(remember_scan_statistics)

    def _do_count(self):
        compiler = self.query_compiler
        if isinstance(compiler, BoundedSearchMixin):
            return compiler.count(compiler.get_config(self.backend), self.start, self.stop)
        return super()._do_count()

    def count_and_rank_sql(self, count_stop, start, stop, name="matches"):
        """The count (up to ``count_stop``) and, unless ``stop`` is ``None``, the ranked ``(id, score)`` rows of
        ``[start:stop]``, as SQL to send together (``PortalPostgresSearchQueryCompiler.count_and_rank_sql``), or
        ``None`` when this search is not answered that way."""
        compiler = self.query_compiler
        if not isinstance(compiler, PortalPostgresSearchQueryCompiler):
            return None
        return compiler.count_and_rank_sql(count_stop, start, stop, self.backend.candidates, name)


class PortalPostgresSearchBackend(FoldingBackendMixin, postgres.PostgresSearchBackend):
    index_class = PortalPostgresIndex
    query_compiler_class = PortalPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = PortalPostgresAutocompleteQueryCompiler
    results_class = PortalPostgresSearchResults
    supports_languages = True

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": "english", **params})
        self.candidates = int(params.get("CANDIDATES", DEFAULT_CANDIDATES))


SearchBackend = PortalPostgresSearchBackend
