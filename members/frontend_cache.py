"""Purging the front cache (Varnish) the moment an editor's change is committed.

The responses Varnish keeps carry purge tags (``members.cache_policy``); here every kind of change is mapped to
the tags of the responses that show it, and one ``BAN`` per committed transaction drops them
(``X-Ban-Tags: <regex>``, see deploy/varnish/portal.vcl). The ban is sent from ``transaction.on_commit`` in the
process that made the change, before its request returns, so the next anonymous request through Varnish is
answered by Django with the new state.

* a page published, unpublished (also by ``publish_scheduled``), reverted, renamed, moved or deleted: the page,
  its subtree (breadcrumbs and addresses under it), its translations (their language switcher links it) and, when
  moved, their subtrees too (a translation of a members-only page is members-only: a move into or out of a
  restricted tree changes them), its parent (child cards) before and after, the pages that reference it (cards,
  links: Wagtail's reference index), page listings (search, sitemap, API, a document's "pages linking here"), and
  the menus on every page when it is or was shown in menus or is a language's home page (the switcher's fallback);
* a document or image added, edited, replaced, deleted or moved to another collection: its own responses, the
  document listings (library, home's latest documents, search, sitemap, API), the pages that reference it and
  their parents (their cards show it);
* a page created (a new translation: the pages of its translation set, and their subtrees, may become
  members-only or public through it);
* a search index update or a document's text read by the worker (background tasks, after the change itself was
  purged): the page and document listings, search among them;
* a privacy change (a page or collection restriction added, changed or removed, its groups changed, a collection
  moved) and the site settings (footer, social links, on every page): **everything** (the translations of a
  restricted page among it). A restriction can hide a
  page from menus, cards, listings and links anywhere; privacy changes are rare and their exactness matters more
  than the hit ratio, so the whole cache goes rather than a computed subset that one day misses a surface.

``VARNISH_URL`` (comma-separated, e.g. ``http://127.0.0.1:6081``) names the caches; without it nothing is sent.
A cache that cannot be reached is logged as an error and the change still succeeds.

**A CDN instead** (or as well): ``WAGTAILFRONTENDCACHE`` (set from ``FRONTEND_CACHE=cloudflare|cloudfront`` by the
production settings) names Wagtail's frontend-cache backends. A CDN purges addresses, not tags, so the same pending
tags are turned into full URLs (``cdn_urls``): the pages tagged (and every live page under a purged address), the
listing addresses (``FRONTEND_CACHE_LISTING_PATHS`` on each site) when pages or documents changed, the addresses
the apps register for their own tags (``register_urls``: the documents app, for ``d<id>``), and for a purge of
everything (a privacy change, the menus, site settings) every live page and every listing, plus ``/*`` for a
backend that takes wildcards (``FRONTEND_CACHE_WILDCARD``: CloudFront; query-string variants included). They go
to Wagtail's ``purge_urls_from_cache``.

With neither configured, nothing here runs a query: a save pays nothing for the front cache.
"""

import http.client
import logging
import re
import threading
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django_tasks.signals import task_finished
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from members.cache_policy import url_tag

logger = logging.getLogger(__name__)

_state = threading.local()


def _pending():
    pending = getattr(_state, "pending", None)
    if pending is None:
        pending = _state.pending = {"tags": set(), "prefixes": set(), "all": False}
    return pending


def enabled():
    """Whether any front cache is configured: Varnish (``FRONTEND_CACHE_URLS``) or a CDN (``WAGTAILFRONTENDCACHE``)."""
    return bool(settings.FRONTEND_CACHE_URLS or getattr(settings, "WAGTAILFRONTENDCACHE", None))


def queue(tags=(), prefixes=(), everything=False):
    """Ban ``tags`` (exact) and ``prefixes`` (tags starting so) once the current transaction commits."""
    if not enabled():
        return
    pending = _pending()
    pending["tags"].update(tags)
    pending["prefixes"].update(prefixes)
    pending["all"] = pending["all"] or everything
    # One callback per call: the first to run sends everything pending, the rest find nothing. (Callbacks of a
    # rolled-back transaction are dropped; what they queued goes out with the next ban: a harmless extra purge.)
    transaction.on_commit(flush)


def ban_regex(tags, prefixes):
    """The regular expression matching the X-Cache-Tags header (``,a,b,``) of the responses to drop."""
    parts = []
    if tags:
        parts.append(",(" + "|".join(re.escape(t) for t in sorted(tags)) + "),")
    parts.extend("," + re.escape(p) for p in sorted(prefixes))
    return "|".join(parts)


def flush():
    pending = getattr(_state, "pending", None)
    _state.pending = None
    if not pending or not (pending["all"] or pending["tags"] or pending["prefixes"]):
        return
    headers = {"X-Ban-All": "1"} if pending["all"] else {"X-Ban-Tags": ban_regex(pending["tags"], pending["prefixes"])}
    for url in settings.FRONTEND_CACHE_URLS:
        send_ban(url, headers)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        purge_urls_from_cache(sorted(cdn_urls(pending)))


# Functions ``tags -> full URLs`` registered by the apps whose responses carry tags of their own (``d<id>``).
_url_resolvers = []


def register_urls(resolver):
    """Register ``resolver(tags, everything)``, returning the full URLs of the responses carrying ``tags`` (or of
    all such responses when ``everything``), for a CDN that purges by URL."""
    if resolver not in _url_resolvers:
        _url_resolvers.append(resolver)
    return resolver


def _live_page_urls(prefixes=None):
    """Full URLs of live pages (under the ``u<path>`` prefixes when given; all of them when ``None``)."""
    pages = Page.objects.live()
    if prefixes is not None:
        query = Q()
        for prefix in prefixes:
            query |= Q(url_path__startswith=unquote(prefix[1:]))
        if not query:
            return set()
        pages = pages.filter(query)
    return {url for url in (page.get_full_url() for page in pages.only("id", "url_path", "path", "depth")) if url}


def cdn_urls(pending):
    """The full URLs a CDN must drop for ``pending`` (module docstring): a conservative superset of the tags."""
    everything = pending["all"] or "nav" in pending["tags"]
    tags = pending["tags"]
    site_roots = [site.root_url for site in Site.objects.all()]
    urls = set()
    if everything:
        urls |= _live_page_urls()
        if getattr(settings, "FRONTEND_CACHE_WILDCARD", False):
            urls.update(f"{root}/*" for root in site_roots)
    else:
        page_ids = [int(t[1:]) for t in tags if t[:1] == "p" and t[1:].isdigit()]
        for page in Page.objects.filter(pk__in=page_ids).only("id", "url_path", "path", "depth"):
            url = page.get_full_url()
            if url:
                urls.add(url)
        if pending["prefixes"]:
            urls |= _live_page_urls(pending["prefixes"])
    # Pages whose type lists something tagged (``cache_tags = ("docs",)``: the library, home's latest documents).
    listed = {t for t in tags if not t[1:].isdigit()} - {"pages", "nav"}
    if listed and not everything:
        content_types = [
            ct
            for ct in ContentType.objects.filter(pk__in=Page.objects.live().values("content_type"))
            if listed & set(getattr(ct.model_class(), "cache_tags", ()))
        ]
        for page in Page.objects.live().filter(content_type__in=content_types).only("id", "url_path", "path", "depth"):
            url = page.get_full_url()
            if url:
                urls.add(url)
    if everything or tags & {"pages", "docs"}:
        urls.update(f"{root}{path}" for root in site_roots for path in settings.FRONTEND_CACHE_LISTING_PATHS)
        if getattr(settings, "FRONTEND_CACHE_LISTING_WILDCARDS", False):  # their query-string variants too
            urls.update(f"{root}{path}*" for root in site_roots for path in settings.FRONTEND_CACHE_LISTING_PATHS)
    for resolver in _url_resolvers:
        urls.update(resolver(tags, everything))
    return urls


def send_ban(url, headers):
    parts = urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname, parts.port, timeout=settings.FRONTEND_CACHE_TIMEOUT)
    try:
        connection.request("BAN", parts.path or "/", headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            logger.error("front cache %s refused the ban (%s %s): %s", url, response.status, response.reason, headers)
    except OSError as exc:
        logger.error("front cache %s could not be purged (%s): %s", url, exc, headers)
    finally:
        connection.close()


# What changed -> what to ban -------------------------------------------------------------------------------------


def _referrers(obj):
    """Tags of the objects referencing ``obj`` (cards, links, choosers): ``p<id>`` for pages, ``nav`` otherwise
    (a site setting's link shows on every page)."""
    page_type = ContentType.objects.get_for_model(Page).pk
    tags = set()
    for content_type, object_id in ReferenceIndex.get_references_to(obj).values_list(
        "base_content_type_id", "object_id"
    ):
        tags.add(f"p{object_id}" if content_type == page_type else "nav")
    return tags


def _translations(page):
    """Tags of the pages that link to ``page`` because it is their translation (the language switcher and the
    ``hreflang`` links, ``home.language_links``): ``p<id>`` of each; ``nav`` when it translates a site's root page,
    as each language's home page is the switcher's link on every page without a translation in that language."""
    if not getattr(page, "translation_key", None):
        return set()
    tags = set()
    translations = Page.objects.filter(translation_key=page.translation_key).values_list("pk", "sites_rooted_here")
    for pk, site_id in translations:
        if pk != page.pk:
            tags.add(f"p{pk}")
        if site_id is not None:
            tags.add("nav")
    return tags


def page_changed(page, url_paths=(), parents=(), in_menus=False):
    tags = {f"p{page.pk}", "pages", *_referrers(page), *_translations(page)}
    tags.update(f"p{parent}" for parent in parents if parent)
    if in_menus:
        tags.add("nav")
    queue(tags, {url_tag(path) for path in url_paths if path})


def _menu_state_before(pk):
    return getattr(_state, "shown_in_menus", {}).pop(pk, False)


@receiver(pre_save)
def remember_menu_state(sender, instance, raw=False, **kwargs):
    """Whether a page was in the menus before this save: a page taken out of them must leave every menu."""
    if raw or not isinstance(instance, Page) or instance.pk is None or not enabled():
        return
    if not hasattr(_state, "shown_in_menus"):
        _state.shown_in_menus = {}
    before = Page.objects.filter(pk=instance.pk, live=True, show_in_menus=True).exists()
    _state.shown_in_menus[instance.pk] = _state.shown_in_menus.get(instance.pk, False) or before


@receiver(page_published)
@receiver(page_unpublished)
def page_published_or_unpublished(sender, instance, **kwargs):
    if not enabled():
        return
    page_changed(
        instance,
        url_paths=[instance.url_path],
        parents=[instance.get_parent().pk if instance.depth > 1 else None],
        in_menus=instance.show_in_menus or _menu_state_before(instance.pk),
    )


@receiver(page_slug_changed)
def page_renamed(sender, instance, instance_before, **kwargs):
    if not enabled():
        return
    page_changed(instance, url_paths=[instance_before.url_path, instance.url_path], in_menus=instance.show_in_menus)


@receiver(post_page_move)
def page_moved(sender, instance, parent_page_before, parent_page_after, url_path_before, url_path_after, **kwargs):
    if not enabled():
        return
    page_changed(
        instance,
        url_paths=[url_path_before, url_path_after, *_translation_url_paths(instance, subtree=True)],
        parents=[parent_page_before.pk, parent_page_after.pk],
        in_menus=instance.show_in_menus,
    )


def _translation_url_paths(page, subtree=False):
    """The addresses of the translations of ``page`` (and of every page under it when ``subtree``): a translation
    of a members-only page is members-only (``members.access``), so a page created in, or moved into or out of, a
    restricted tree changes what its translations show, wherever they stand. Their subtrees go by prefix."""
    pages = Page.objects.filter(path__startswith=page.path) if subtree else Page.objects.filter(pk=page.pk)
    paths = sorted(
        Page.objects.filter(translation_key__in=pages.values("translation_key"))
        .exclude(path__startswith=page.path)
        .values_list("url_path", flat=True)
    )
    # The top of each translated tree is enough: its prefix covers the pages below it.
    return [path for i, path in enumerate(paths) if not any(path.startswith(top) for top in paths[:i])]


@receiver(post_save)
def page_created(sender, instance, created=False, raw=False, **kwargs):
    if not created or raw or not enabled() or not isinstance(instance, Page):
        return
    queue(prefixes={url_tag(path) for path in _translation_url_paths(instance)})


@receiver(post_delete)
def object_deleted(sender, instance, **kwargs):
    if not enabled():
        return
    if isinstance(instance, Page):
        page_changed(
            instance, url_paths=[instance.url_path], parents=[_parent_pk(instance)], in_menus=instance.show_in_menus
        )
    elif isinstance(instance, get_document_model() | get_image_model()):
        file_changed(instance)
    elif isinstance(instance, EVERYTHING_MODELS):
        queue(everything=True)


# Background tasks that change what a search finds (production runs them in the worker, after the editor's change
# was purged): when one finishes, the answers listing pages, or documents (search among them), are dropped again.
@receiver(task_finished)
def index_task_finished(sender, task_result, **kwargs):
    path = task_result.task.module_path
    if path == "documents.tasks.extract_document_text":
        queue({"docs"})
    elif path == "modelsearch.tasks.insert_or_update_object_task" and len(task_result.args) >= 2:
        try:
            model = apps.get_model(*task_result.args[:2])
        except LookupError:
            return
        if issubclass(model, Page):
            queue({"pages"})
        elif issubclass(model, get_document_model()):
            queue({"docs"})


# Privacy and site-wide settings: a change to any of these purges everything (module docstring).
EVERYTHING_MODELS = (BaseSiteSetting, BaseGenericSetting, PageViewRestriction, CollectionViewRestriction, Collection)


def _parent_pk(page):
    if page.depth <= 1 or not page.path:
        return None
    parent_path = page.path[: -page.steplen]
    return Page.objects.filter(path=parent_path).values_list("pk", flat=True).first()


def file_changed(instance):
    """A document or an image: its own responses, document listings, its referrers and their parents."""
    own = f"d{instance.pk}" if isinstance(instance, get_document_model()) else f"i{instance.pk}"
    referrers = _referrers(instance)
    page_ids = [int(t[1:]) for t in referrers if t.startswith("p")]
    parents = set()
    for path, depth in Page.objects.filter(pk__in=page_ids).values_list("path", "depth"):
        if depth > 1:
            parents.add(path[: -Page.steplen])
    parent_tags = {f"p{pk}" for pk in Page.objects.filter(path__in=parents).values_list("pk", flat=True)}
    queue({own, "docs", *referrers, *parent_tags})


@receiver(post_save)
def object_saved(sender, instance, raw=False, **kwargs):
    if raw or not enabled():
        return
    if isinstance(instance, get_document_model() | get_image_model()):
        file_changed(instance)
    elif isinstance(instance, EVERYTHING_MODELS):
        queue(everything=True)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
@receiver(m2m_changed, sender=CollectionViewRestriction.groups.through)
def restriction_groups_changed(**kwargs):
    if not enabled():
        return
    queue(everything=True)
