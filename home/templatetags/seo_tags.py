"""The head tags search engines and social networks read: canonical address, Open Graph, Twitter cards, robots.

``{% seo_meta %}`` in ``base.html`` describes the page being served. It stays silent on a routable page's own
sub-routes (a document's page in the library): those describe something else, and their templates say so
themselves. The shared picture goes through the access module, so a members-only image is never offered to
crawlers; a page without a public picture of its own falls back to the site settings' default social image.
"""

import logging
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.utils.translation import to_locale
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.models import Page

from home.models import SiteSettings
from members.access import can_view_image, is_restricted_page

register = template.Library()
logger = logging.getLogger(__name__)

# Open Graph's recommended size (1.91:1), which Twitter's large card also uses; cropped around the focal point.
SOCIAL_IMAGE_FILTER = "fill-1200x630"


def describes_request(page, request):
    """Whether ``page`` itself is what ``request`` shows (not a sub-route of it, not an admin preview)."""
    url = page.get_url(request=request)
    return url is not None and urlsplit(url).path == request.path


def social_image(page, site_settings):
    """The public picture for sharing ``page``: its listing image, else the default social image; or ``None``.

    Reads an image only when one is set, so a page with neither costs no query.
    """
    for owner, field in ((page, "listing_image"), (site_settings, "default_social_image")):
        if getattr(owner, f"{field}_id", None):
            image = getattr(owner, field)
            if image is not None and can_view_image(None, image):
                return image
    return None


def social_image_tags(image, root_url):
    """``{url, width, height, alt}`` of the image's sharing rendition, or ``None`` if it cannot be made.

    The address starts with the site's root URL, like the canonical URL (a rendition's own URL is a path).
    """
    try:
        rendition = image.get_rendition(SOCIAL_IMAGE_FILTER)
    except (InvalidFilterSpecError, OSError):  # OSError covers Wagtail's SourceImageIOError
        # A missing or broken file must not take the page down with it.
        logger.warning("No social image rendition for image %s", image.pk)
        return None
    return {
        "url": rendition.url if urlsplit(rendition.url).scheme else root_url + rendition.url,
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
    }


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def seo_meta(context):
    """Canonical link, Open Graph and Twitter tags for the page being served; ``noindex`` for members' pages."""
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page) or not describes_request(page, request):
        return {"page_meta": None}
    site_settings = SiteSettings.for_request(request)
    image = social_image(page, site_settings)
    canonical_url = page.get_full_url(request=request)
    root_url = "{0.scheme}://{0.netloc}".format(urlsplit(canonical_url))
    return {
        "page_meta": {
            "canonical_url": canonical_url,
            "title": page.seo_title or page.title,
            "description": page.search_description or getattr(page, "intro", ""),
            "site_name": site_settings.organisation_name,
            "locale": to_locale(settings.LANGUAGE_CODE),
            "image": social_image_tags(image, root_url) if image is not None else None,
            "twitter_site": site_settings.twitter_handle,
            "noindex": is_restricted_page(request, page),
        }
    }
