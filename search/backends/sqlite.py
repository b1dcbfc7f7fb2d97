"""Wagtail's SQLite FTS5 backend (for ``make run`` and the SQLite test run) with folded, stemmed text.

What changes from ``modelsearch.backends.database.sqlite``:

* the index stores the stems of the folded title and body (``search.text.sqlite_title_text``, ``sqlite_body_text``;
  the title also keeps its folded words, for title suggestions), each in its object's language
  (``search.languages.object_languages``: Porter's English stems, Snowball's French and Spanish ones, as PostgreSQL
  stems them), and the folded, unstemmed autocomplete text, so "reports" finds "report" and "journaux" finds
  "journal" as on PostgreSQL while a half-typed word still completes. Search queries are folded and stemmed alike in
  each language searched (``search(..., languages=[...])``, every language when ``None``): ``(french stems) OR
  (spanish stems)``, one FTS5 match; callers narrow the querysets to those languages (``search.selectors``), so a
  French search finds French pages by French stems. The index has no language markers (PostgreSQL's have): a search
  of every language may also match one language's stem in another's entry ("cooperativas", Spanish "cooper", finds a
  French "coopérative"). Autocomplete queries are only folded;
* ``autocomplete(..., fields=["title"])`` (title suggestions) matches the index's title column, Wagtail's
  behaviour for a ``fields`` list here;
* results are ranked by BM25 with the title column weighted above the body (``BM25_WEIGHTS``), like the A and
  C weights on PostgreSQL; Wagtail's own rank counts every column alike.
"""

from django.db.models import FloatField, Func
from django.utils.functional import cached_property
from modelsearch.backends.base import EmptySearchResults
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.query import Or, PlainText

from search.backends.folding import FoldingBackendMixin, _is_empty, transform_query
from search.languages import DEFAULT_LANGUAGE, LANGUAGES, object_languages
from search.text import fold_for_index, sqlite_body_text, sqlite_title_text, stemmed_query

IndexEntry = sqlite.IndexEntry
SQLiteFTSIndexEntry = sqlite.SQLiteFTSIndexEntry
# BM25 weights of the FTS5 table's columns, in their order: autocomplete, body, title.
BM25_WEIGHTS = (0.0, 1.0, 5.0)


class WeightedBM25(Func):
    """``bm25(<fts table>, ...weights)``: FTS5's rank, lower is better."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        weights = ", ".join(str(weight) for weight in BM25_WEIGHTS)
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


class FoldingObjectIndexer(sqlite.ObjectIndexer):
    def __init__(self, obj, backend, language="en"):
        super().__init__(obj, backend)
        self.language = language

    @cached_property
    def title(self):
        return sqlite_title_text(super().title, self.language)

    @cached_property
    def body(self):
        return sqlite_body_text(super().body, self.language)

    @cached_property
    def autocomplete(self):
        return fold_for_index(super().autocomplete or "")


class PortalSQLiteIndex(sqlite.SQLiteIndex):
    def add_items(self, model, objs):
        """Wagtail's ``SQLiteIndex.add_items`` (modelsearch 1.3), with ``FoldingObjectIndexer``.

        The method is copied because it builds its indexer by name; only that line differs (each object's indexer
        told its language).
        """
        if not model.get_search_fields():
            return
        objs = list(objs)
        indexers = [
            FoldingObjectIndexer(obj, self.backend, language)
            for obj, language in zip(objs, object_languages(objs), strict=True)
        ]
        if not indexers:
            return

        content_type_pk = sqlite.get_content_type_pk(model)
        data = {indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers}
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed_ids = set(entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True))
        for object_id in indexed_ids:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(title=title, autocomplete=autocomplete, body=body)
        self.entries.bulk_create(
            IndexEntry(
                content_type_id=content_type_pk, object_id=object_id, title=title, autocomplete=autocomplete, body=body
            )
            for object_id, (title, autocomplete, body) in data.items()
            if object_id not in indexed_ids
        )
        self._refresh_title_norms()


class PortalSQLiteSearchQueryCompiler(sqlite.SQLiteSearchQueryCompiler):
    def _build_rank_expression(self, vectors, config):
        return WeightedBM25()


class PortalSQLiteSearchBackend(FoldingBackendMixin, sqlite.SQLiteSearchBackend):
    index_class = PortalSQLiteIndex
    query_compiler_class = PortalSQLiteSearchQueryCompiler
    scores_ascending = True
    supports_languages = True

    def search_words(self, text):
        return stemmed_query(text)

    def _search(self, query_compiler_class, query, model_or_queryset, languages=None, **kwargs):
        """Searches stem the query in each language searched (module docstring); autocomplete only folds it."""
        if query_compiler_class is self.autocomplete_query_compiler_class:
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
        if not isinstance(query, (str, PlainText)):
            # Other query types (phrases, ``Not``...): stemmed in English, as before languages (an ``Or`` of them is
            # not something SQLite's compiler takes).
            languages = [DEFAULT_LANGUAGE]
        alternatives, seen = [], set()
        for language in languages or LANGUAGES:
            stemmed = transform_query(query, lambda text, language=language: stemmed_query(text, language))
            key = (stemmed.query_string, stemmed.operator) if isinstance(stemmed, PlainText) else stemmed
            if not _is_empty(stemmed) and key not in seen:
                seen.add(key)
                alternatives.append(stemmed)
        if not alternatives:
            # Nothing but punctuation, operators or stop words: nothing to match.
            return EmptySearchResults()
        if len(alternatives) > 1:
            operator = kwargs.get("operator") or query_compiler_class.DEFAULT_OPERATOR
            query = Or([PlainText(text, operator=operator) if isinstance(text, str) else text for text in alternatives])
        else:
            query = alternatives[0]
        # Already folded and stemmed: Wagtail's own ``_search``, past the folding mixin's.
        return super(FoldingBackendMixin, self)._search(query_compiler_class, query, model_or_queryset, **kwargs)


SearchBackend = PortalSQLiteSearchBackend
