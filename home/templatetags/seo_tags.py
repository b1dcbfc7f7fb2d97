"""The head tags search engines and social networks read: canonical address, Open Graph, Twitter cards, robots.

``{% seo_meta %}`` in ``base.html`` describes the page being served. It stays silent on a routable page's own
sub-routes (a document's page in the library): those describe something else, and their templates say so
themselves. The shared picture goes through the access module, so a members-only image is never offered to
crawlers; a page without a public picture of its own falls back to the site settings' default social image.
"""

from urllib.parse import urlsplit

from django import template
from django.utils import translation
from wagtail.models import Page

from home.image_facts import SOCIAL_IMAGE_FILTER, rendition_facts
from home.language_links import alternate_links, og_locale
from home.models import SiteSettings
from members.access import can_view_image, is_restricted_page

register = template.Library()


def social_image(page, site_settings, root_url):
    """``{url, width, height, alt}`` of the public picture for sharing ``page``: the sharing rendition of its listing
    image, else of the default social image; or ``None``.

    Reads nothing when neither is set, and where the cache is shared reads the rendition's facts from it
    (``home.image_facts``) instead of the image row. A members-only picture is skipped; a public one whose rendition
    cannot be made (a missing file) gives no picture rather than a broken page. The address starts with the site's
    root URL, like the canonical URL (a rendition's own URL is a path).
    """
    for image_id in (getattr(page, "listing_image_id", None), getattr(site_settings, "default_social_image_id", None)):
        image = rendition_facts([image_id], SOCIAL_IMAGE_FILTER).get(image_id) if image_id is not None else None
        if image is None or not can_view_image(None, image):
            continue
        if image.url is None:
            return None
        return {
            "url": image.url if urlsplit(image.url).scheme else root_url + image.url,
            "width": image.width,
            "height": image.height,
            "alt": image.alt,
        }
    return None


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def seo_meta(context):
    """Canonical link, Open Graph and Twitter tags for the page being served; ``noindex`` for members' pages.

    The canonical link is the page itself; ``<link rel="alternate" hreflang>`` names each of its translations the
    request may see, itself included, and ``x-default`` (``home.language_links.alternate_links``); ``og:locale`` is the
    page's language and ``og:locale:alternate`` its translations'.
    """
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page):
        return {"page_meta": None}
    canonical_url = page.get_full_url(request=request)
    parts = urlsplit(canonical_url) if canonical_url is not None else None
    if parts is None or parts.path != request.path:
        # Not the page itself (a sub-route of it, an admin preview): it describes something else.
        return {"page_meta": None}
    site_settings = SiteSettings.for_request(request)
    root_url = f"{parts.scheme}://{parts.netloc}"
    # The address's language, which is the page's (``/fr/...`` serves French pages); reading ``page.locale`` would
    # cost a query.
    language = translation.get_language()
    alternates = alternate_links(request, page)
    return {
        "page_meta": {
            "canonical_url": canonical_url,
            "title": page.seo_title or page.title,
            "description": page.search_description or getattr(page, "intro", ""),
            "site_name": site_settings.organisation_name,
            "locale": og_locale(language),
            "locale_alternates": [og_locale(code) for code, _url in alternates if code not in (language, "x-default")],
            "alternates": alternates,
            "image": social_image(page, site_settings, root_url),
            "twitter_site": site_settings.twitter_handle,
            "noindex": is_restricted_page(request, page),
        }
    }
