"""Folding: the one spelling-insensitive form of text for every text search of the portal.

Visitors type "cooperative", "co-operative" or "coopérative" for the same thing, and the site's text spells it
all three ways. Site search (``search.text``, ``search.backends``) and the documents library's ``?q=``
(``documents.fulltext``) both index and query text folded by these functions:

* accents and other marks are removed ("coopérative" → "cooperative"; "ø", "æ", "ß"... are spelled out);
* a hyphenated word is kept and also written joined ("co-operative" → "co-operative cooperative"), so that
  "cooperative" finds "co-operative" and "Pacific" still finds "Asia-Pacific";
* in a query, a hyphenated word is joined ("co-operative" → "cooperative"), which the index always holds.

It lives in ``home``, the page app every other one may import, and imports nothing of the portal's own, so the
imports keep running one way: ``search`` → ``documents`` → ``home``.
"""

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and a mark.
_SPELLED_OUT = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
        # Hyphens: the Unicode hyphen and the non-breaking hyphen count as "-"; a soft hyphen is invisible.
        "\u2010": "-",
        "\u2011": "-",
        "\u00ad": "",
    }
)

# A word, possibly hyphenated ("co-operative", "Asia-Pacific"); underscores separate words.
WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def fold(text):
    """``text`` without accents or marks, in lower case: "Coopérative" → "cooperative"."""
    if text.isascii():
        return text.lower()  # nothing to decompose or spell out (every key of _SPELLED_OUT is beyond ASCII)
    text = unicodedata.normalize("NFKD", text.translate(_SPELLED_OUT))
    return "".join(char for char in text if not unicodedata.combining(char)).translate(_SPELLED_OUT).lower()


def fold_for_index(text):
    """What the search index stores for ``text``: folded, each hyphenated word followed by its joined form."""
    return WORD.sub(_with_joined_form, fold(text))


def _with_joined_form(match):
    word = match.group()
    return f"{word} {word.replace('-', '')}" if "-" in word else word


def query_terms(text, limit=None):
    """The words of a visitor's query, folded and with hyphenated words joined, without repeats.

    Everything that is not a letter or a digit (full-text operators, quotes, backslashes, NUL bytes) separates
    words and goes no further: ``'co-op & "housing"'`` → ``["coop", "housing"]``.
    """
    terms = []
    for word in WORD.findall(fold(text)):
        term = word.replace("-", "")
        if term not in terms:
            terms.append(term)
    return terms[:limit] if limit else terms


def fold_query(text):
    """The query the index is searched with: its folded terms, separated by spaces."""
    return " ".join(query_terms(text))
