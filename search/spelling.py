"""“Did you mean”: a correction of a search that found nothing, from the words of what the request may see.

The vocabulary is read afresh for each such search, from the titles and descriptions of the pages and documents
the request may see (``members.access`` through ``site_pages``/``searchable_documents``), so a visitor is never
offered a word that only members-only content holds. It runs only when a search finds nothing, so a search with
results costs nothing more. Each unknown query word of four letters or more is replaced by the closest
vocabulary word (``difflib``'s ratio, at least ``CUTOFF``), on SQLite and PostgreSQL alike.
"""

import difflib

from search.text import query_terms

# Rows of each kind read for the vocabulary: bounds the cost on a large site (newest first).
VOCABULARY_ROWS = 5000
CUTOFF = 0.75
MIN_LENGTH = 4


def vocabulary(request):
    """The folded words (three letters or more) of the titles and descriptions the request may see."""
    from search.selectors import searchable_documents, site_pages

    texts = []
    pages = site_pages(request).order_by("-latest_revision_created_at").values_list("title", "search_description")
    for row in pages[:VOCABULARY_ROWS]:
        texts.extend(row)
    documents = searchable_documents(request).order_by("-pk").values_list("title", "description")
    for row in documents[:VOCABULARY_ROWS]:
        texts.extend(row)
    words = set()
    for text in texts:
        words.update(word for word in query_terms(text or "") if len(word) >= 3 and not word.isdigit())
    return words


def did_you_mean(request, query):
    """``query`` with its misspelt words corrected (folded, "alliance membership"), or "" when none is."""
    terms = query_terms(query, limit=8)
    candidates = [term for term in terms if len(term) >= MIN_LENGTH and not term.isdigit()]
    if not candidates:
        return ""
    words = vocabulary(request)
    corrected, changed = [], False
    for term in terms:
        if term in words or term not in candidates:
            corrected.append(term)
            continue
        close = difflib.get_close_matches(term, words, n=1, cutoff=CUTOFF)
        corrected.append(close[0] if close else term)
        changed = changed or bool(close)
    return " ".join(corrected) if changed else ""
