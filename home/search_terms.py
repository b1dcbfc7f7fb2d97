"""Which logged searches are worth counting: the rule shared by the site search's log (``search.selectors``) and the
admin dashboard's "Popular searches" panel (``home.wagtail_hooks``).

Visitors, robots and scanners type anything into a search box: ``<script>``, one letter, a pasted paragraph. Those
are not what people look for and make the dashboard useless, so a search counts only when it reads as words. It
lives in ``home`` because the dashboard panel does and ``search`` imports ``home``, never the other way.
"""

import re

# A search longer than this (in characters, after spaces are collapsed) or of more words is a pasted text.
MAX_LENGTH = 100
MAX_WORDS = 10
# A word of at least two letters (any script; digits and underscores are not letters).
_REAL_WORD = re.compile(r"[^\W\d_]{2,}")
# Markup, template or script syntax: never something a person looks up on the portal.
_MARKUP = re.compile(r"[<>{}]|javascript:|&#|%3c|%3e", re.IGNORECASE)


def is_meaningful_search(query_string):
    """Whether ``query_string`` holds real words: at least one of two letters or more, no markup, not too long.

    ``"annual report"``, ``"ICA 2024"`` and ``"coopérative"`` count; ``"<script>"``, ``"a"``, ``"42"`` and a
    300-character paste do not.
    """
    text = " ".join((query_string or "").split())
    if not text or len(text) > MAX_LENGTH or len(text.split()) > MAX_WORDS:
        return False
    if _MARKUP.search(text):
        return False
    return bool(_REAL_WORD.search(text))
