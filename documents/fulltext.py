"""Full-text search over documents' title, description and extracted text.

On PostgreSQL each document keeps a ``search_vector`` (a ``tsvector`` with a GIN index, built with the text
search configuration of the document's language) and a search is one ``@@`` match against the visitor's words
parsed by each library language's configuration, so "rapports" finds a French report and "reports" an English
one. Elsewhere (SQLite, in development and tests) the words are matched with ``icontains``, each word in any of
the three fields.
"""

from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, Value
from django.db.models.functions import Substr

# PostgreSQL's text search configuration for each document language.
SEARCH_CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}
# The extracted text that goes into the vector: PostgreSQL caps a tsvector at 1 MB.
VECTOR_TEXT_LENGTH = 100_000
# Words of a query matched on databases without full-text search.
MAX_FALLBACK_WORDS = 8


def uses_postgres_search():
    return connection.vendor == "postgresql"


def search_vector(language):
    """The ``search_vector`` expression for a document in ``language``: title (A), description (B), text (C)."""
    config = Value(SEARCH_CONFIGS.get(language, "simple"))
    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("description", weight="B", config=config)
        + SearchVector(Substr("extracted_text", 1, VECTOR_TEXT_LENGTH), weight="C", config=config)
    )


def refresh_search_vectors(queryset):
    """Rebuild the vectors of ``queryset``'s documents: one UPDATE per language (a no-op off PostgreSQL)."""
    if not uses_postgres_search():
        return
    for language in {*SEARCH_CONFIGS, "other"}:
        matching = (
            queryset.filter(language=language)
            if language != "other"
            else queryset.exclude(language__in=list(SEARCH_CONFIGS))
        )
        matching.update(search_vector=search_vector(language))


def text_search_condition(query):
    """A ``Q`` that keeps the documents matching ``query`` (already trimmed and length-limited)."""
    if uses_postgres_search():
        parsed = reduce(
            or_, (SearchQuery(query, search_type="websearch", config=config) for config in SEARCH_CONFIGS.values())
        )
        return Q(search_vector=parsed)
    words = query.split()[:MAX_FALLBACK_WORDS]
    return reduce(
        and_,
        (
            Q(title__icontains=word) | Q(description__icontains=word) | Q(extracted_text__icontains=word)
            for word in words
        ),
        Q(),
    )
