"""What the portal's two search backends share: queries folded before they are compiled
(``FoldingBackendMixin``) and titles weighed above body text alike (``RANK_WEIGHTS``, ``field_weight``).

Both backends (``search.backends.postgres``, ``search.backends.sqlite``) index ``search.text.fold_for_index`` of
every text and search with ``search.text.fold_query`` of every query, so "cooperative", "co-operative" and
"coopérative" find each other, and a page and a document with the same words rank alike. Wagtail loads the backend
from ``search.backends.database``, which picks one of them.
"""

from modelsearch.backends.base import EmptySearchResults
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

from search.text import fold_query

# PostgreSQL's four tsvector weights, in the order ts_rank takes them ({D, C, B, A}). In the search vectors,
# titles are A, fields an app boosts (a document's description, tags) B, other text (intros, bodies, extracted
# text) C. In the autocomplete vector, titles are A (title suggestions match only those) and other fields D.
RANK_WEIGHTS = (0.05, 0.2, 0.4, 1.0)


def field_weight(field, is_autocomplete=False):
    """The tsvector weight (``"A"``...``"D"``) a search field's text is indexed with."""
    if field.field_name == "title":
        return "A"
    if is_autocomplete:
        return "D"
    return "B" if (field.boost or 1) > 1 else "C"


def transform_query(query, transform):
    """``query`` (a string or a query object) with ``transform`` applied to each of its query strings.

    Queries other than words and phrases (match-all, fuzzy) are left as they are.
    """
    if isinstance(query, str):
        return transform(query)
    if isinstance(query, PlainText):
        return PlainText(transform(query.query_string), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(transform(query.query_string))
    if isinstance(query, (And, Or)):
        return type(query)([transform_query(subquery, transform) for subquery in query.subqueries])
    if isinstance(query, Not):
        return Not(transform_query(query.subquery, transform))
    if isinstance(query, Boost):
        return Boost(transform_query(query.subquery, transform), query.boost)
    return query


def _is_empty(query):
    if isinstance(query, str):
        return not query
    if isinstance(query, (PlainText, Phrase)):
        return not query.query_string
    return False


class FoldingBackendMixin:
    """Folds every search and autocomplete query (``search_words``, ``autocomplete_words``) before compiling it."""

    # Lower scores are better (SQLite's BM25): results still come best first.
    scores_ascending = False
    # Whether the index knows each entry's language (PostgreSQL): ``languages`` then narrows the match and picks
    # each language's stemming. Elsewhere it is ignored, and callers narrow their querysets to the languages
    # (``search.selectors`` always does, so results are the same languages on every backend).
    supports_languages = False

    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True, languages=None):
        """Wagtail's ``search``, in ``languages`` (language codes; ``None``: every language)."""
        return self._search(
            self.query_compiler_class,
            query,
            model_or_queryset,
            fields=fields,
            operator=operator,
            order_by_relevance=order_by_relevance,
            **self._language_kwargs(languages),
        )

    def autocomplete(
        self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True, languages=None
    ):
        """Wagtail's ``autocomplete``, in ``languages`` (as ``search``)."""
        return self._search(
            self.autocomplete_query_compiler_class,
            query,
            model_or_queryset,
            fields=fields,
            operator=operator,
            order_by_relevance=order_by_relevance,
            **self._language_kwargs(languages),
        )

    def _language_kwargs(self, languages):
        return {"languages": languages} if self.supports_languages else {}

    def search_words(self, text):
        return fold_query(text)

    def autocomplete_words(self, text):
        return fold_query(text)

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        is_autocomplete = query_compiler_class is self.autocomplete_query_compiler_class
        query = transform_query(query, self.autocomplete_words if is_autocomplete else self.search_words)
        if _is_empty(query):
            # Nothing but punctuation, operators or marks: nothing to match (and no malformed query to send).
            return EmptySearchResults()
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
