"""Which language each indexed object is in, and which languages a search looks in.

Pages are in their locale's language (``page.locale``), documents in the language an editor gave them
(``PortalDocument.language``); anything else indexed (images, snippets) counts as the site's default language. Each
language has its PostgreSQL text search configuration (``SEARCH_CONFIGS``: ``english``, ``french``, ``spanish``,
the documents library's table), so "coopératives" and "coopérative" meet on a French page and "cooperativas" and
"cooperativa" on a Spanish one.

A search looks in the visitor's language (the address's prefix: ``/fr/search/`` searches French pages and documents)
unless they ask for all languages (``?languages=all``).
"""

from django.conf import settings
from django.utils import translation

from documents.fulltext import SEARCH_CONFIGS

LANGUAGES = tuple(SEARCH_CONFIGS)
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in SEARCH_CONFIGS else LANGUAGES[0]
# The search address's parameter and value that ask for every language.
ALL_LANGUAGES_PARAM = "languages"
ALL_LANGUAGES_VALUE = "all"


def language_code(code):
    """``code`` ("fr", "fr-ca", "FR") as one of ``LANGUAGES``, or the default language."""
    base = (code or "").split("-")[0].split("_")[0].lower()
    return base if base in SEARCH_CONFIGS else DEFAULT_LANGUAGE


def request_language(request):
    """The language a request is in: its address's prefix (``portal.i18n`` activates it), else the default."""
    return language_code(getattr(request, "LANGUAGE_CODE", None) or translation.get_language())


def marker(code):
    """The index's language marker for ``code``: a lexeme that no visitor's word can be or start with.

    The portal's PostgreSQL backend adds it to every entry's title vector and folded title text, so that a search
    in one language matches that language's entries inside the GIN indexes (``search.backends.postgres``). It
    begins with "/" (PostgreSQL's parser reads it as a file path, one token), and queries only ever hold letters
    and digits (``home.folding.query_terms``).
    """
    return f"/search-language/{code}"


def object_languages(objs):
    """``[code, ...]``: the language of each of ``objs`` (module docstring), one query for all the pages' locales.

    A document's own ``language`` decides for it; a page (or another translatable object) is in its locale's
    language; anything else is in the default language.
    """
    from wagtail.models import Locale

    locale_ids = {
        obj.locale_id
        for obj in objs
        if not isinstance(getattr(obj, "language", None), str) and getattr(obj, "locale_id", None) is not None
    }
    locales = {}
    if locale_ids:
        locales = dict(Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code"))
    codes = []
    for obj in objs:
        own = getattr(obj, "language", None)
        if isinstance(own, str):
            codes.append(language_code(own))
        else:
            codes.append(language_code(locales.get(getattr(obj, "locale_id", None))))
    return codes
