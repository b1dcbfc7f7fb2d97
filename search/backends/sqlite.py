"""Wagtail's SQLite FTS5 backend (for ``make run`` and the SQLite test run) with folded, stemmed text.

What changes from ``modelsearch.backends.database.sqlite``:

* the index stores the Porter stems of the folded title and body (``search.text.sqlite_title_text``,
  ``sqlite_body_text``; the title also keeps its folded words, for title suggestions) and the folded, unstemmed
  autocomplete text, so "reports" finds "report" as on PostgreSQL while a half-typed word still completes;
  search queries are folded and stemmed alike (``stemmed_query``), autocomplete queries only folded;
* ``autocomplete(..., fields=["title"])`` (title suggestions) matches the index's title column, Wagtail's
  behaviour for a ``fields`` list here;
* results are ranked by BM25 with the title column weighted above the body (``BM25_WEIGHTS``), like the A and
  C weights on PostgreSQL; Wagtail's own rank counts every column alike.
"""

from django.db.models import FloatField, Func
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite import sqlite

from search.backends.folding import FoldingBackendMixin
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
    @cached_property
    def title(self):
        return sqlite_title_text(super().title)

    @cached_property
    def body(self):
        return sqlite_body_text(super().body)

    @cached_property
    def autocomplete(self):
        return fold_for_index(super().autocomplete or "")


class PortalSQLiteIndex(sqlite.SQLiteIndex):
    def add_items(self, model, objs):
        """Wagtail's ``SQLiteIndex.add_items`` (modelsearch 1.3), with ``FoldingObjectIndexer``.

        The method is copied because it builds its indexer by name; only that line differs.
        """
        if not model.get_search_fields():
            return
        indexers = [FoldingObjectIndexer(obj, self.backend) for obj in objs]
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

    def search_words(self, text):
        return stemmed_query(text)


SearchBackend = PortalSQLiteSearchBackend
