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

The closest word is the one ``difflib.get_close_matches(word, vocabulary, n=1, cutoff=CUTOFF)`` gives, found without
comparing the word with every other (``Vocabulary.closest``): ``difflib`` does, about 2 ms for nonsense and 12 ms for
a misspelling ("coperative") among 4,650 words. The shared cache keeps the ``Vocabulary`` built (about 15 ms for
4,650 words, 70 ms for 20,000), and each process keeps the last vocabularies it read (``KEPT_VOCABULARIES``, by
their cache key: the generation and what the request may not see are in it), so a search that finds nothing does
not read and unpickle thousands of words from the shared cache each time.
"""

import difflib
import time
from collections import OrderedDict
from threading import Lock

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
# Vocabularies kept by each process (one per site, languages and set of things a request may not see).
KEPT_VOCABULARIES = 16

_kept = OrderedDict()  # cache key -> (time read, Vocabulary)
_kept_lock = Lock()


class Vocabulary:
    """A set of words that finds the closest one to a misspelt word fast.

    ``difflib`` scores two words by their matching characters, ``2 * M / (len(a) + len(b))``. The characters they
    share, whatever their order, bound ``M`` (``difflib``'s ``quick_ratio``): here each word's characters are kept as
    the bits of a number (one bit for each character and each time it occurs: "ana" has a first "a", a second "a"
    and a first "n"), so the shared characters of two words are the bits their numbers share, counted in one step
    (``int.bit_count``). ``closest`` counts them for every word whose length allows ``cutoff``, then scores in full
    (``ratio``, the costly part) only the words that reach it, best bound first, and stops as soon as no word left
    can score as high as the best found: ``difflib`` runs its ``SequenceMatcher`` over every word."""

    def __init__(self, words):
        self.words = frozenset(words)
        self._bits = {}  # (character, occurrence) -> bit
        by_length = {}
        for word in sorted(self.words):
            by_length.setdefault(len(word), []).append((word, self._mask(word, grow=True)))
        self.by_length = by_length

    def _mask(self, word, grow=False):
        """The bits of ``word``'s characters (a character the vocabulary never holds has none: no word shares it)."""
        mask, seen = 0, {}
        for char in word:
            seen[char] = occurrence = seen.get(char, 0) + 1
            bit = self._bits.get((char, occurrence))
            if bit is None:
                if not grow:
                    continue
                bit = self._bits[(char, occurrence)] = 1 << len(self._bits)
            mask |= bit
        return mask

    def __contains__(self, word):
        return word in self.words

    def __len__(self):
        return len(self.words)

    def closest(self, word, cutoff=CUTOFF):
        """The vocabulary word closest to ``word`` with a score of at least ``cutoff``, or ``None``: exactly
        ``difflib.get_close_matches(word, words, n=1, cutoff=cutoff)`` (of equal scores, the last in sort order)."""
        size, mask = len(word), self._mask(word)
        # The words whose shared characters allow ``cutoff`` (difflib's quick_ratio, computed as it computes it).
        hopeful = []
        for length, group in self.by_length.items():
            total = size + length
            if not total or 2.0 * min(size, length) / total < cutoff:
                continue  # its length alone rules it out (difflib's real_quick_ratio)
            for other, bits in group:
                shared = (bits & mask).bit_count()
                if 2.0 * shared / total >= cutoff:
                    hopeful.append((2.0 * shared / total, other))
        hopeful.sort(reverse=True)
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(word)
        best = None  # (score, word)
        for hope, other in hopeful:
            if best is not None and hope < best[0]:
                break  # neither this word nor any after it can score as high
            matcher.set_seq1(other)
            score = matcher.ratio()
            if score >= cutoff and (best is None or (score, other) > best):
                best = (score, other)
        return best[1] if best is not None else None


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
    return f"search:vocabulary:v3:{generation}:{site.pk if site else 0}:{language_part}:{digest}"


def cached_vocabulary(request, languages=None):
    """A ``Vocabulary`` of ``vocabulary(request, languages)``, kept in the shared cache when there is one, and then
    in the process too (module docstring)."""
    if not settings.CACHE_IS_SHARED:
        return Vocabulary(vocabulary(request, languages))
    key = vocabulary_key(request, languages)
    now = time.monotonic()
    with _kept_lock:
        kept = _kept.get(key)
        if kept is not None and now - kept[0] < VOCABULARY_CACHE_SECONDS:
            _kept.move_to_end(key)
            return kept[1]
    found = cache.get(key)
    if found is None:
        # Kept built: grouping and masking 20,000 words costs about 70 ms, once for every process.
        found = Vocabulary(vocabulary(request, languages))
        cache.set(key, found, VOCABULARY_CACHE_SECONDS)
    with _kept_lock:
        _kept[key] = (now, found)
        _kept.move_to_end(key)
        while len(_kept) > KEPT_VOCABULARIES:
            _kept.popitem(last=False)
    return found


def forget_vocabularies():
    """Drop the vocabularies this process keeps (tests: a cache cleared under them)."""
    with _kept_lock:
        _kept.clear()


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
        close = words.closest(term, CUTOFF)
        if close is not None and not same_word(term, close, languages):
            corrected.append(close)
            changed = True
        else:
            corrected.append(term)
    return " ".join(corrected) if changed else ""


def same_word(term, other, languages=None):
    """Whether ``other`` is another form of ``term`` in one of ``languages`` (``None``: all): the same stem, as the
    search stems them, so searching it finds what ``term`` found."""
    return any(stemmer(code)(term) == stemmer(code)(other) for code in (languages or LANGUAGES))
