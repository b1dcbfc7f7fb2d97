"""The site's one absolute address.

``settings.SITE_URL`` (``SITE_URL`` in the environment; ``make run`` passes the address it serves) is written into
the default Wagtail ``Site`` record, by ``migrate`` (a ``post_migrate`` receiver) and by the demo loader. Every
absolute address the portal writes — canonical links, Open Graph tags, the sitemaps and robots.txt, the API's
``detail_url``/``download_url``, a document's page — is then built from that record's ``root_url``, never from the
request's Host header, so they all agree.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_site_url(value):
    """``(hostname, port)`` for the ``Site`` record of an address like ``https://portal.example.org``.

    Refuses what a ``Site`` cannot stand for (Wagtail serves port 443 as https and every other port as http) or
    what is not a bare origin: another scheme, no host, a path, a query, credentials.
    """
    text = (value or "").strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise ImproperlyConfigured(f"SITE_URL {text!r} is not an address: {error}.") from error
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ImproperlyConfigured(f"SITE_URL {text!r} must look like https://portal.example.org (http or https).")
    if parts.username or parts.password or parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"SITE_URL {text!r} must be the site's origin only, without a path or query.")
    port = port or DEFAULT_PORTS[parts.scheme]
    if (parts.scheme == "https") != (port == 443):
        raise ImproperlyConfigured(
            f"SITE_URL {text!r}: the site is served as https on port 443 only, and as http on any other port."
        )
    return parts.hostname, port


def apply_site_url(site, value):
    """Point ``site`` at the address ``value``; True when the record changed."""
    hostname, port = parse_site_url(value)
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True


def sync_default_site(**kwargs):
    """``post_migrate``: the default site takes ``settings.SITE_URL`` when it is set."""
    from django.conf import settings
    from wagtail.models import Site

    if not getattr(settings, "SITE_URL", ""):
        return
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        apply_site_url(site, settings.SITE_URL)


def site_root_url(request):
    """The absolute origin of the site ``request`` is for (``https://portal.example.org``), from its ``Site``."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return f"{request.scheme}://{request.get_host()}"
    return site.root_url
