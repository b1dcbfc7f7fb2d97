"""A search's answer kept in the shared cache for everyone who may see exactly the same things.

Visitors search for the same few words again and again ("cooperative", "membership", "annual report"), and the
answer to the same words only changes when the content does. A results page (its counts, its ten results with
their snippets, the editors' picks, "did you mean" and popular searches when nothing matched) and a list of title
suggestions are therefore kept in the shared cache (``CACHE_IS_SHARED``), for ``SEARCH_RESULTS_CACHE_SECONDS``
(0: never kept), under a key that holds everything the answer depends on:

* the content's generation (``home.fragment_cache``): advanced whenever a page, a document, a collection, a
  restriction or its groups, an editors' pick... is saved or deleted, and when a document's extracted text is
  recorded (``documents.tasks``), so a changed page, a new restriction or an unpublished document is never
  answered from an older copy;
* what the request may *not* see (``members.access.denied_digest``): the denied restricted page paths and
  collections. Requests that see the same things share an answer, as they share a "did you mean" vocabulary; a
  member and a visitor never do. Nothing in an answer depends on who asks beyond that: every page, document, pick
  and suggestion in it went through the access module with that same denied set;
* the site, the search's language and the interface's language (labels and number formats);
* what was asked, cleaned (``SearchParams``, or the suggestions' words and languages).

The query log is still written for every search (``search.views``): only the answer is shared.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Site

from home import fragment_cache
from members.access import denied_digest
from search.languages import request_language

# Change the version when what is kept (search.selectors' SearchOutcome, Result...) changes shape.
KEY_PREFIX = "search:answer:v1"
logger = logging.getLogger(__name__)


def lifetime():
    return int(getattr(settings, "SEARCH_RESULTS_CACHE_SECONDS", 0) or 0)


def answer_key(request, asked, seconds=None):
    """The cache key of the answer to ``asked`` (a ``repr``-able description of the cleaned request) for
    ``request``, or ``None`` when answers are not kept (no shared cache, or a lifetime of 0: ``seconds``, by default
    ``SEARCH_RESULTS_CACHE_SECONDS``)."""
    if not settings.CACHE_IS_SHARED or (lifetime() if seconds is None else seconds) <= 0:
        return None
    site = Site.find_for_request(request)
    parts = (
        site.pk if site is not None else 0,
        request_language(request),
        translation.get_language() or "",
        denied_digest(request),
        asked,
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
    return f"{KEY_PREFIX}:{fragment_cache.generation()}:{digest}"


def remembered(request, asked, compute, seconds=None):
    """``compute()``, or the answer kept for the same ``asked`` and the same audience (module docstring), for
    ``seconds`` (by default ``SEARCH_RESULTS_CACHE_SECONDS``)."""
    key = answer_key(request, asked, seconds)
    if key is None:
        return compute()
    try:
        answer = cache.get(key)
    except Exception:  # noqa: BLE001 - e.g. an answer kept by an older release that no longer unpickles
        logger.warning("A kept search answer could not be read; answering afresh", exc_info=True)
        answer = None
    if answer is None:
        answer = compute()
        cache.set(key, answer, lifetime() if seconds is None else seconds)
    return answer
