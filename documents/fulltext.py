"""Full-text search over documents' title, description and extracted text.

Text and queries are folded like site search's (``home.folding``): "cooperative", "co-operative" and
"coopérative" find the same documents. On PostgreSQL each document keeps a ``search_vector`` (a ``tsvector``
with a GIN index, built from the folded text with the text search configuration of the document's language) and a
search is one ``@@`` match against the visitor's folded words parsed by each library language's configuration, so
"rapports" finds a French report and "reports" an English one. Elsewhere (SQLite, in development and tests) each
folded word must be contained in the folded title, description or text (``portal_fold``, an SQL function this
module registers on every SQLite connection).
"""

from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Substr
from django.db.models.lookups import Contains

from home.folding import fold_for_index, fold_query, query_terms

# PostgreSQL's text search configuration for each document language.
SEARCH_CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}
# The extracted text that goes into the vector: PostgreSQL caps a tsvector at 1 MB.
VECTOR_TEXT_LENGTH = 100_000
# Words of a query matched on databases without full-text search.
MAX_FALLBACK_WORDS = 8


def uses_postgres_search():
    return connection.vendor == "postgresql"


def search_vector(language, title, description, text):
    """The ``search_vector`` of a document in ``language``: folded title (A), description (B), text (C)."""
    config = Value(SEARCH_CONFIGS.get(language, "simple"))
    return (
        SearchVector(Value(fold_for_index(title or "")), weight="A", config=config)
        + SearchVector(Value(fold_for_index(description or "")), weight="B", config=config)
        + SearchVector(Value(fold_for_index((text or "")[:VECTOR_TEXT_LENGTH])), weight="C", config=config)
    )


def refresh_search_vectors(queryset):
    """Rebuild the vectors of ``queryset``'s documents, from their folded text (a no-op off PostgreSQL).

    The folding is Python's (the same as site search's), so each document is one UPDATE of its own.
    """
    if not uses_postgres_search():
        return
    model = queryset.model
    rows = queryset.order_by().values_list(
        "pk", "language", "title", "description", Substr("extracted_text", 1, VECTOR_TEXT_LENGTH)
    )
    for pk, language, title, description, text in rows.iterator(chunk_size=500):
        model.objects.filter(pk=pk).update(search_vector=search_vector(language, title, description, text))


class Folded(Func):
    """``portal_fold(column)``: the column's text folded as site search folds it (SQLite only)."""

    function = "portal_fold"
    output_field = TextField()


def _fold_for_sqlite(text):
    return None if text is None else fold_for_index(text)


def register_sqlite_functions(sender, connection, **kwargs):
    """``connection_created``: give every SQLite connection ``portal_fold`` (Python's folding)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("portal_fold", 1, _fold_for_sqlite, deterministic=True)


def text_search_condition(query):
    """A ``Q`` that keeps the documents matching ``query`` (already trimmed and length-limited)."""
    if uses_postgres_search():
        folded = fold_query(query)
        if not folded:
            return Q(pk__isnull=True)  # nothing to look for: no document
        parsed = reduce(
            or_, (SearchQuery(folded, search_type="plain", config=config) for config in SEARCH_CONFIGS.values())
        )
        return Q(search_vector=parsed)
    words = query_terms(query, limit=MAX_FALLBACK_WORDS)
    if not words:
        return Q(pk__isnull=True)  # nothing to look for: no document
    return reduce(
        and_,
        (
            Q(Contains(Folded(F("title")), word))
            | Q(Contains(Folded(F("description")), word))
            | Q(Contains(Folded(F("extracted_text")), word))
            for word in words
        ),
    )
