"""Wagtail's locales, read once per process instead of on every request.

With languages on, Wagtail asks the database for the active ``Locale`` whenever it needs the home page in the
request's language (routing every page, the menu's root): one query per use, two or more per page. The three
locales are rows that never change in normal use (created by migration ``home/0005_locales``; an administrator may
add one), so each process keeps them by language code for ``SECONDS``, and forgets them at once when a locale is
saved or deleted in that process. Another process notices a deleted and re-created locale within ``SECONDS``;
until then it falls back to English pages, never to the wrong language's content.
"""

import time

from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale
from wagtail.models.i18n import LocaleManager

SECONDS = 300

_known = {}
_original_get_for_language = LocaleManager.get_for_language


def _get_for_language(manager, language_code):
    entry = _known.get(language_code)
    now = time.monotonic()
    if entry is not None and entry[0] > now:
        return entry[1]
    locale = _original_get_for_language(manager, language_code)
    _known[language_code] = (now + SECONDS, locale)
    return locale


def forget(**_kwargs):
    _known.clear()


def install():
    LocaleManager.get_for_language = _get_for_language
    post_save.connect(forget, sender=Locale, dispatch_uid="home.locales.saved")
    post_delete.connect(forget, sender=Locale, dispatch_uid="home.locales.deleted")
