"""The request's Wagtail site, looked up once per process and host rather than on every request.

Wagtail finds a request's site (``Site.find_for_request``) with a query on every request: the sites matching the
host, ranked by a ``CASE``, with their root pages. Building and reading it costs about 1.5 ms of a page's 7 ms, for
every page, search and API answer, though sites change about never. ``SiteMiddleware`` gives each request the site
found for its host and port (``request._wagtail_site``, where Wagtail keeps it for the rest of the request) from a
per-process table, looked up again after ``SITE_CACHE_SECONDS``, and at once in this process when a site or a page
is saved or deleted (a root page's title, address or language may have changed). Another process sees a change of
sites within ``SITE_CACHE_SECONDS``: the search's roots are kept the same way (``search.selectors``).

The table is filled with the site Wagtail looked up for a request, so a request that never needs its site (the health
checks) still reads nothing for it. Each request gets its own copy of the site and its root page, holding their
columns only, so nothing one request caches on them reaches another. Hosts are the visitor's to write: the table holds
at most ``MAX_HOSTS`` of them, emptied when full.
"""

import time

from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Page, Site

SITE_CACHE_SECONDS = 60
MAX_HOSTS = 64

# {(hostname, port): (expiry, site)}
_sites = {}
# Bumped whenever the table is emptied: a site looked up before a change is not kept after it.
_generation = [0]


def forget_sites():
    _sites.clear()
    _generation[0] += 1


def _host(request):
    """``(hostname, port)`` as Wagtail matches sites on them (``Site._find_for_request``); reads no database."""
    return split_domain_port(request._get_raw_host())[0], request.get_port()


def _fields(instance, model):
    return [field.attname for field in model._meta.concrete_fields], [
        getattr(instance, field.attname) for field in model._meta.concrete_fields
    ]


def _clean_copy(site):
    """A new ``Site`` and root ``Page`` holding only ``site``'s columns: nothing a request cached on them (a specific
    page, settings) is carried to another."""
    copy_of_site = Site.from_db(site._state.db, *_fields(site, Site))
    root = site.root_page
    copy_of_site.root_page = Page.from_db(root._state.db, *_fields(root, Page))
    return copy_of_site


def kept_site(request):
    """A copy of the site kept for ``request``'s host and port, or ``None`` when none is kept (or it is too old):
    then Wagtail looks it up, and ``remember_site`` keeps what it found."""
    entry = _sites.get(_host(request))
    if entry is None or entry[0] <= time.monotonic():
        return None
    return _clean_copy(entry[1])


def remember_site(request, site, generation):
    """Keeps ``site`` for ``request``'s host, unless a site or a page changed since ``generation`` (the table's, when
    the request began): what it looked up may be older than the change."""
    if site is None or generation != _generation[0]:
        return  # no site for this host (no default site: looked up each time, as by Wagtail), or maybe stale
    if len(_sites) >= MAX_HOSTS:
        _sites.clear()
    _sites[_host(request)] = (time.monotonic() + SITE_CACHE_SECONDS, _clean_copy(site))


class SiteMiddleware:
    """Gives a request the site kept for its host (``request._wagtail_site``, where ``Site.find_for_request`` looks
    first), and keeps the one Wagtail looked up when none was. A request that never asks for its site (``/healthz``,
    ``/readyz``) reads no database for it, as before."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        generation = _generation[0]
        site = kept_site(request)
        if site is not None:
            request._wagtail_site = site
        response = self.get_response(request)
        if site is None and getattr(request, "_wagtail_site", None) is not None:
            remember_site(request, request._wagtail_site, generation)
        return response


def _forget_on_change(sender, instance=None, **_kwargs):
    """A site, or a page (any page model: each sends its own signal), saved or deleted."""
    if isinstance(instance, (Site, Page)):
        forget_sites()


post_save.connect(_forget_on_change, dispatch_uid="portal.sites.saved")
post_delete.connect(_forget_on_change, dispatch_uid="portal.sites.deleted")
