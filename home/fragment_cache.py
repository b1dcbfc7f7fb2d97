"""The rendered content of a page, kept in the shared cache for whoever may see exactly the same thing.

A page's ``{% block content %}`` (everything between the breadcrumbs and the footer) costs most of an uncached
request: the blocks, the cards, the document lists. ``base.html`` wraps it in ``{% page_content_cache %}``
(``home.templatetags.fragment_cache``), which keeps the rendered HTML under a key that holds everything it
depends on:

* the page in its current state (Wagtail's ``Page.cache_key``: id, address, last publication) and the address
  asked for (the documents library answers its sub-pages under its own page);
* the language (the interface strings around the content);
* who is asking: ``anon`` for every anonymous visitor, the user's id otherwise (the private areas greet a member
  by name), and what the access module hides from the request (``members.access``: a restriction change, or a
  member leaving a group, makes a new key at once);
* a generation (``members.cache_generations``) advanced whenever anything that pages show may have changed: any
  model saved or deleted, or a many-to-many relation changed, except the rows written while visitors use the site
  (sessions, search statistics, download records, task results, renditions, log entries ...; ``IGNORED``). It is
  advanced at once and again when the transaction commits, so a request that read the old rows just before the
  commit cannot keep them under the new generation.

The content is not kept for a preview, a request with a query string (filters, pages of a listing), anything
but GET and HEAD, a page type that opts out (``cache_rendered_content = False``: the enquiry form), a page not
served through ``BasePage.get_context`` (error pages, the members-only page), or HTML that holds a CSRF token.
Nothing is kept without a shared cache (``CACHE_IS_SHARED``): per-process caches could not retire each other's
entries.
"""

import hashlib

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from members import access, cache_generations

GENERATION_KEY = "page_content:generation"
# How long a rendered page is kept: an hour for visitors, less for one member's own copy.
ANONYMOUS_SECONDS = 60 * 60
USER_SECONDS = 10 * 60
CONTEXT_FLAG = "page_content_cacheable"

# Rows written as visitors and members use the site, or as editors draft, that no page's content shows:
# saving them leaves the rendered pages as they are ("app_label" or "app_label.ModelName", lower case).
IGNORED = frozenset(
    {
        "sessions",
        "axes",
        "django_tasks_database",
        "admin.logentry",
        "wagtailcore.pagelogentry",
        "wagtailcore.modellogentry",
        "wagtailcore.referenceindex",
        "wagtailcore.revision",
        "wagtailcore.taskstate",
        "wagtailcore.workflowstate",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.pagesubscription",
        "wagtailcore.uploadedfile",
        "wagtailcore.apitoken",
        "wagtailadmin.editingsession",
        "wagtailadmin.formstate",
        "wagtailimages.rendition",
        "home.customrendition",
        "wagtailsearch",
        "wagtailsearchpromotions.query",
        "wagtailsearchpromotions.querydailyhits",
        "wagtailforms.formsubmission",
        "wagtail_localize",
        "documents.downloadrecord",
        "documents.sharelink",
        "members.feedtoken",
        "members.ratelimitcounter",
        "members.tokenexpiry",
    }
)


def _ignored(model):
    meta = model._meta
    return meta.app_label in IGNORED or meta.label_lower in IGNORED


def generation():
    return cache_generations.current(GENERATION_KEY)


def content_changed():
    """Retire every kept page content: now, and again when the current transaction commits."""
    if not settings.CACHE_IS_SHARED:
        return
    cache_generations.advance(GENERATION_KEY)
    transaction.on_commit(lambda: cache_generations.advance(GENERATION_KEY))


@receiver(post_save, dispatch_uid="home.fragment_cache.saved")
def _saved(sender, raw=False, update_fields=None, **kwargs):
    if raw or _ignored(sender):
        return
    if update_fields and set(update_fields) <= {"last_login"}:
        return  # a login: what a page shows does not change
    content_changed()


@receiver(post_delete, dispatch_uid="home.fragment_cache.deleted")
def _deleted(sender, **kwargs):
    if not _ignored(sender):
        content_changed()


@receiver(m2m_changed, dispatch_uid="home.fragment_cache.related")
def _related(sender, action="", **kwargs):
    if action.startswith("post_") and not _ignored(sender):
        content_changed()


def _audience(request):
    """Who the content is for: ``anon`` or the user's id, and what the access module hides from them."""
    user = getattr(request, "user", None)
    who = f"u{user.pk}" if user is not None and user.is_authenticated else "anon"
    return who + ":" + access.denied_digest(request)


def key_for(context):
    """The cache key of the content this template context renders, or ``None`` when it must be rendered afresh."""
    if not settings.CACHE_IS_SHARED or not context.get(CONTEXT_FLAG):
        return None
    request, page = context.get("request"), context.get("page")
    if request is None or page is None or page.pk is None:
        return None
    if request.method not in ("GET", "HEAD") or request.GET or getattr(request, "is_preview", False):
        return None
    path = hashlib.sha1(request.path.encode(), usedforsecurity=False).hexdigest()[:16]
    language = translation.get_language() or ""
    return f"page_content:{generation()}:{page.cache_key}:{path}:{language}:{_audience(request)}"


def lazy(compute):
    """``compute()``'s value for a page's context, computed only if the template asks for it: when the content is
    taken from the cache, what only the content shows is never read."""
    return SimpleLazyObject(compute)


def storable(html):
    """Whether rendered content may be kept: never with a form's CSRF token (it belongs to one visitor)."""
    return "csrfmiddlewaretoken" not in html


def lifetime(context):
    user = getattr(context.get("request"), "user", None)
    return USER_SECONDS if user is not None and user.is_authenticated else ANONYMOUS_SECONDS
