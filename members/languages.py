"""The language prefix of an address (``/fr/recherche/...``): read here so that every part of the site agrees.

Pages, search, login and "My account" live under ``/<language>/`` (``portal/urls.py``); the API, files, media, feeds
and sitemaps do not. Code that decides by the shape of an address (cache policy, login reasons, private paths)
looks at the address without its language prefix.
"""

from django.conf import settings


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def language_from_path(path):
    """The language code ``path`` starts with (``/fr/...`` gives ``fr``), or ``None``."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in language_codes() else None


def without_language(path):
    """``path`` without its language prefix: ``/fr/login/`` gives ``/login/``, ``/api/v2/`` stays as it is."""
    language = language_from_path(path)
    if language is None:
        return path
    return path[len(language) + 1 :] or "/"


def root_for_path(site_root, path):
    """``(root page, path without its language)``: the home page ``path`` is below (``/fr/...``: the French
    translation of ``site_root``, when there is one) and the rest of the path, to route from it as the site does."""
    from wagtail.models import Page

    language = language_from_path(path)
    root = site_root
    if language is not None:
        root = (
            Page.objects.filter(translation_key=site_root.translation_key, locale__language_code=language).first()
            or site_root
        )
    return root, without_language(path)
