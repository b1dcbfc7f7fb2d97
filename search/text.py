"""Text handling shared by the search index, the search queries and the result snippets.

Visitors type "cooperative", "co-operative" or "coopérative" for the same thing, and the site's text spells it
all three ways. The database search backend (``search.backends``) therefore indexes and queries *folded* text,
folded by ``home.folding`` (``fold``, ``fold_for_index``, ``query_terms``, ``fold_query``, re-exported here), the
one folding that the documents library's search uses too.

Stemming is PostgreSQL's (its ``english``, ``french`` and ``spanish`` configurations). SQLite's FTS5 has none that
suits, so for SQLite the backend stores stems made here (``stem_words``: Porter's for English, Snowball's for French
and Spanish, each object's in its own language) and stems queries alike (``stemmed_query``). Snippets
are highlighted here, each in its result's language (``Highlighter(query, language)``): English with the same
Porter stemmer, so "reports" marks "report" and "Reports"; French and Spanish with Snowball's stemmers
(``snowballstemmer``), the ones PostgreSQL's ``french`` and ``spanish`` configurations use, and their stop words
(``search/stopwords``, PostgreSQL's lists), so that a snippet marks the words the index matched: "país" marks
"países", "national" marks "nationaux".
"""

import re
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe

# The folding lives below every page app, so the documents library folds its queries the same way.
from home.folding import WORD, fold, fold_for_index, fold_query, query_terms  # noqa: F401 (used here and re-exported)
from search.languages import SEARCH_CONFIGS

# Words the English configuration of PostgreSQL ignores; they are not highlighted either.
STOP_WORDS = frozenset(
    re.findall(
        r"\w+",
        """a about above after again against all am an and any are as at be because been before being below between
    both but by can did do does doing don down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own s same she should so some such t than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with you your yours yourself yourselves""",
    )
)


# Porter stemmer ---------------------------------------------------------------------------------------------
# M. F. Porter, "An algorithm for suffix stripping", 1980. PostgreSQL's English stemmer is Snowball's later
# version of it; both reduce "cooperative", "co-operatives" and "cooperation" to "cooper", which is all that
# highlighting needs: the same stemmer on both sides decides which words of a snippet to mark.


def _is_consonant(word, i):
    char = word[i]
    if char in "aeiou":
        return False
    if char == "y":
        return i == 0 or not _is_consonant(word, i - 1)
    return True


def _measure(stem):
    """Porter's m: the number of vowel-consonant sequences in ``stem``."""
    count, previous_vowel = 0, False
    for i in range(len(stem)):
        consonant = _is_consonant(stem, i)
        if consonant and previous_vowel:
            count += 1
        previous_vowel = not consonant
    return count


def _has_vowel(stem):
    return any(not _is_consonant(stem, i) for i in range(len(stem)))


def _ends_double_consonant(word):
    return len(word) >= 2 and word[-1] == word[-2] and _is_consonant(word, len(word) - 1)


def _ends_cvc(word):
    return (
        len(word) >= 3
        and _is_consonant(word, len(word) - 3)
        and not _is_consonant(word, len(word) - 2)
        and _is_consonant(word, len(word) - 1)
        and word[-1] not in "wxy"
    )


def _replace(word, rules, min_measure):
    """Apply the first rule whose suffix ``word`` ends with (only when the stem's measure is high enough)."""
    for suffix, replacement in rules:
        if word.endswith(suffix):
            stem = word[: len(word) - len(suffix)]
            return stem + replacement if _measure(stem) > min_measure else word
    return word


_STEP2 = [
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("bli", "ble"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
    ("logi", "log"),
]
_STEP3 = [
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
]
_STEP4 = [
    "al",
    "ance",
    "ence",
    "er",
    "ic",
    "able",
    "ible",
    "ant",
    "ement",
    "ment",
    "ent",
    "ion",
    "ou",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
]


@lru_cache(maxsize=20_000)
def stem(word):
    """The Porter stem of a lower-case word: "cooperatives" → "cooper", "reporting" → "report"."""
    if len(word) <= 2 or not word.isalpha() or not word.isascii():
        return word
    # Step 1a: plurals.
    if word.endswith(("sses", "ies")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    # Step 1b: -ed, -ing.
    if word.endswith("eed"):
        if _measure(word[:-3]) > 0:
            word = word[:-1]
    else:
        for suffix in ("ed", "ing"):
            if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
                word = word[: -len(suffix)]
                if word.endswith(("at", "bl", "iz")):
                    word += "e"
                elif _ends_double_consonant(word) and word[-1] not in "lsz":
                    word = word[:-1]
                elif _measure(word) == 1 and _ends_cvc(word):
                    word += "e"
                break
    # Step 1c: -y.
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    # Steps 2 and 3: double and single suffixes.
    word = _replace(word, _STEP2, 0)
    word = _replace(word, _STEP3, 0)
    # Step 4: the remaining suffixes, on longer stems.
    for suffix in sorted(_STEP4, key=len, reverse=True):
        if word.endswith(suffix):
            stem_ = word[: -len(suffix)]
            if _measure(stem_) > 1 and (suffix != "ion" or stem_.endswith(("s", "t"))):
                word = stem_
            break
    # Step 5: a final -e, a double l.
    if word.endswith("e"):
        stem_ = word[:-1]
        if _measure(stem_) > 1 or (_measure(stem_) == 1 and not _ends_cvc(stem_)):
            word = stem_
    if _measure(word) > 1 and _ends_double_consonant(word) and word.endswith("l"):
        word = word[:-1]
    return word


# Highlighting -----------------------------------------------------------------------------------------------


# The stop words of the languages stemmed by Snowball (every one of ``search.languages.SEARCH_CONFIGS`` but English,
# whose configuration name each file bears): PostgreSQL's own lists (``tsearch_data/<name>.stop``, Snowball's).
STOP_WORDS_FOLDER = Path(__file__).resolve().parent / "stopwords"


def snowball_name(language):
    """The Snowball (and PostgreSQL) name of ``language``'s stemmer ("french"), or ``None`` for English and any
    language the site does not search in: those are stemmed by Porter's algorithm (``stem``)."""
    name = SEARCH_CONFIGS.get(language)
    return None if name == "english" else name


@cache
def stop_words(language):
    """The words ``language``'s PostgreSQL configuration ignores (English's for any other language).

    The lists keep their accents, as PostgreSQL's do: the index is built from folded text, in which an accented
    stop word ("été") is no longer one and is indexed, so it is highlighted too."""
    name = snowball_name(language)
    if name is None:
        return STOP_WORDS
    return frozenset((STOP_WORDS_FOLDER / f"{name}.txt").read_text(encoding="utf-8").split())


def only_stop_words(query, languages):
    """Whether every word of ``query`` is a stop word in each of ``languages``: each language's query would be empty,
    and a search of it finds nothing (``search.backends``), so none is run."""
    terms = query_terms(query)
    return bool(terms) and all(term in stop_words(language) for language in languages for term in terms)


@lru_cache(maxsize=40_000)
def snowball_stem(name, word):
    """Snowball's stem of ``word`` in the language ``name`` ("french"), remembered: about 0.1 ms a word in pure
    Python, and a site's words repeat. A stemmer object keeps state while it stems, so each word gets its own (making
    one costs about a microsecond)."""
    return snowballstemmer.stemmer(name).stemWord(word)


def stemmer(language):
    """A function giving the stem of a folded, lower-case word in ``language`` ("en", "fr", "es"; English for
    anything else): Porter's for English (as SQLite's index always held), Snowball's for French and Spanish."""
    name = snowball_name(language)
    if name is None:
        return stem
    return lambda word: snowball_stem(name, word)


def query_stems(query, language="en"):
    """The stems of ``query``'s terms in ``language``, without its stop words: the lexemes PostgreSQL's configuration
    for ``language`` makes of the query the index is searched with."""
    stem, ignored = stemmer(language), stop_words(language)
    return {stem(term) for term in query_terms(query) if term not in ignored}


class Highlighter:
    """Marks the words of a text that match a query's terms, the way the index matched them.

    A word matches when its folded form (or, for a hyphenated word, one of its parts or its joined form) has
    the same stem as one of the query's terms, both stemmed in ``language`` (the text's: a result's own language,
    as the index stemmed it); stop words of that language are not marked.
    """

    def __init__(self, query, language="en"):
        self.stem = stemmer(language)
        self.stop_words = stop_words(language)
        self.stems = query_stems(query, language)
        # Each distinct word is decided once: a results page's snippets and titles repeat most of their words.
        self._decided = {}

    def matches(self, word):
        decided = self._decided.get(word)
        if decided is None:
            folded = fold(word)
            candidates = [folded.replace("-", "")]
            if "-" in folded:
                candidates += folded.split("-")
            decided = any(
                candidate not in self.stop_words and self.stem(candidate) in self.stems for candidate in candidates
            )
            self._decided[word] = decided
        return decided

    def mark(self, text):
        """``text`` as safe HTML: everything escaped, each matching word in ``<mark>``."""
        return mark_safe(self._mark(text))  # noqa: S308 - every piece is escaped in _mark

    def _mark(self, text):
        pieces, position = [], 0
        for match in WORD.finditer(text):
            if self.matches(match.group()):
                pieces.append(escape(text[position : match.start()]))
                pieces.append(f"<mark>{escape(match.group())}</mark>")
                position = match.end()
        pieces.append(escape(text[position:]))
        return "".join(pieces)

    def first_match(self, words):
        """The index of the first of ``words`` (strings without spaces) that holds a matching word, or None."""
        for index, word in enumerate(words):
            if any(self.matches(match.group()) for match in WORD.finditer(word)):
                return index
        return None

    def snippet(self, texts, length=32, lead=8):
        """A snippet of about ``length`` words from the first of ``texts`` that holds a match, matches marked.

        The snippet starts ``lead`` words before the first match, with "…" where the text was cut. When no
        text holds a match, it is the start of the first non-empty text; when all are empty, "".
        """
        chosen, start = None, 0
        for text in texts:
            words = (text or "").split()
            if not words:
                continue
            if chosen is None:
                chosen = words
            found = self.first_match(words)
            if found is not None:
                chosen, start = words, max(0, found - lead)
                break
        if not chosen:
            return ""
        window = chosen[start : start + length]
        html = self._mark(" ".join(window))
        if start > 0:
            html = "… " + html
        if start + length < len(chosen):
            html += " …"
        return mark_safe(html)  # noqa: S308 - _mark escapes every piece


def stem_words(folded_text, language="en"):
    """The stems of a folded text's words in ``language`` (``stemmer``), hyphenated words split: what SQLite's FTS5
    index stores.

    SQLite's FTS5 has no stemmer that also leaves partial words alone for autocomplete, so the SQLite backend stems
    titles and bodies here, each in its object's language (and each search query's words the same way, in each
    language searched), and keeps autocomplete text unstemmed.
    """
    stem_of = stemmer(language)
    stems = []
    for word in WORD.findall(folded_text):
        stems.extend(stem_of(part) for part in word.split("-"))
    return " ".join(stems)


def sqlite_body_text(text, language="en"):
    """What the SQLite index's body column holds for ``text`` in ``language``: its stems."""
    return stem_words(fold_for_index(text or ""), language)


def sqlite_title_text(text, language="en"):
    """What the SQLite index's title column holds for ``text`` in ``language``: its stems, then its folded words.

    The words are there for title suggestions, which match a half-typed last word as a prefix of a whole word
    ("housin" → "housing", which its stem "hous" would not match).
    """
    folded = fold_for_index(text or "")
    return f"{stem_words(folded, language)} {folded}"


def stemmed_query(text, language="en"):
    """A query's words as SQLite's index holds them for ``language``: folded, hyphenated words joined, stemmed,
    that language's stop words out."""
    stem_of, ignored = stemmer(language), stop_words(language)
    return " ".join(stem_of(term) for term in query_terms(text) if term not in ignored)
