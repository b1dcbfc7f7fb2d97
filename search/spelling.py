"""“Did you mean”: a correction of a search that found nothing, from the words of what the request may see.

The vocabulary comes from the titles and descriptions of the pages and documents the request may see
(``members.access`` through ``site_pages``/``searchable_documents``), so a visitor is never offered a word that only
members-only content holds. Reading and folding it costs far more than the search (about 150 ms at 20,000 items), so
with a shared cache (``CACHE_IS_SHARED``) it is kept there, under a key made of the site, the languages searched
(each language has its own words) and what the request may *not* see (the denied restricted page paths and
collections, from the access module): requests that see the same things share it, and a request that sees other
things never reads it. Any change of a page or a document, or of a restriction (a new denied set is a new key),
makes a new generation (``search.signals``), so a word that has just become members-only or unpublished is not
offered from an older vocabulary. Without a shared cache it is read for each such search (a per-process copy could
not be cleared in the other processes). It runs only when a search finds nothing, so a search with results costs
nothing more. Each unknown query word of four letters or more is replaced by the closest vocabulary word
(``difflib``'s ratio, at least ``CUTOFF``), on SQLite and PostgreSQL alike, unless that word is only another form of
the same word in a language searched (the same stem: "rapport" and "rapports"), which the search already looked for:
offering it would lead to the same answer.
"""

import difflib

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Site

from members import cache_generations
from members.access import denied_digest
from search.languages import LANGUAGES
from search.text import query_terms, stemmer

# Rows of each kind read for the vocabulary: bounds the cost on a large site (newest first).
VOCABULARY_ROWS = 5000
CUTOFF = 0.75
MIN_LENGTH = 4
GENERATION_KEY = "search:vocabulary:generation"
VOCABULARY_CACHE_SECONDS = 60 * 60


def new_generation():
    """Make every cached vocabulary stale: a page or document changed (``search.signals``)."""
    cache_generations.advance(GENERATION_KEY)


def vocabulary_key(request, languages=None):
    """The cache key of the vocabulary that ``request`` may be offered in ``languages`` (``None``: all): its site,
    the languages and the set it may not see."""
    generation = cache_generations.current(GENERATION_KEY)
    site = Site.find_for_request(request)
    digest = denied_digest(request)
    language_part = "-".join(languages) if languages else "all"
    return f"search:vocabulary:v2:{generation}:{site.pk if site else 0}:{language_part}:{digest}"


def cached_vocabulary(request, languages=None):
    """``vocabulary(request, languages)``, kept in the shared cache when there is one (module docstring)."""
    if not settings.CACHE_IS_SHARED:
        return vocabulary(request, languages)
    key = vocabulary_key(request, languages)
    words = cache.get(key)
    if words is None:
        words = frozenset(vocabulary(request, languages))
        cache.set(key, words, VOCABULARY_CACHE_SECONDS)
    return words


def vocabulary(request, languages=None):
    """The folded words (three letters or more) of the titles and descriptions in ``languages`` (``None``: all)
    the request may see."""
    from search.selectors import searchable_documents, site_pages

    texts = []
    pages = site_pages(request, languages).order_by("-latest_revision_created_at")
    pages = pages.values_list("title", "search_description")
    for row in pages[:VOCABULARY_ROWS]:
        texts.extend(row)
    documents = searchable_documents(request, languages).order_by("-pk").values_list("title", "description")
    for row in documents[:VOCABULARY_ROWS]:
        texts.extend(row)
    words = set()
    for text in texts:
        words.update(word for word in query_terms(text or "") if len(word) >= 3 and not word.isdigit())
    return words


def did_you_mean(request, query, languages=None):
    """``query`` with its misspelt words corrected (folded, "alliance membership") from the words of ``languages``
    (``None``: all), or "" when none is."""
    terms = query_terms(query, limit=8)
    candidates = [term for term in terms if len(term) >= MIN_LENGTH and not term.isdigit()]
    if not candidates:
        return ""
    words = cached_vocabulary(request, languages)
    corrected, changed = [], False
    for term in terms:
        if term in words or term not in candidates:
            corrected.append(term)
            continue
        close = difflib.get_close_matches(term, words, n=1, cutoff=CUTOFF)
        if close and not same_word(term, close[0], languages):
            corrected.append(close[0])
            changed = True
        else:
            corrected.append(term)
    return " ".join(corrected) if changed else ""


def same_word(term, other, languages=None):
    """Whether ``other`` is another form of ``term`` in one of ``languages`` (``None``: all): the same stem, as the
    search stems them, so searching it finds what ``term`` found."""
    return any(stemmer(code)(term) == stemmer(code)(other) for code in (languages or LANGUAGES))
