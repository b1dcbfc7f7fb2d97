"""What a template needs to show an image's rendition (address, size, alt text, collection), without the image.

Card pictures and the picture shared on social media appear on many pages. Showing one costs a query for the image
row and a cache round trip for its rendition (which Wagtail also writes back on every look-up). These facts change
only when the image changes, so where the cache is shared by every process (``CACHE_IS_SHARED``) they are kept
there, one entry per image and filter, and the receivers below delete an image's entries whenever it is saved or
deleted, or one of its renditions is deleted. Without a shared cache they are worked out on every request: a
per-process cache could not be cleared in the other processes, and a stale ``collection_id`` would be a stale
privacy decision.

The facts hold ``collection_id`` so that callers can still ask the access module whether the request may see the
image (``members.access.can_view_image`` reads nothing else).
"""

import logging
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.images.exceptions import InvalidFilterSpecError

from members.access import can_view_image

# Every filter whose facts may be cached: an image's entries are deleted for each of them when it changes.
SOCIAL_IMAGE_FILTER = "fill-1200x630"  # Open Graph's recommended 1.91:1, cropped around the focal point
CARD_IMAGE_FILTER = "fill-640x360|format-webp"
HERO_FILTERS = ("fill-600x250|format-webp", "fill-1200x500|format-webp")  # the home page's hero, narrowest first
CACHED_FILTERS = (SOCIAL_IMAGE_FILTER, CARD_IMAGE_FILTER, *HERO_FILTERS)
CACHE_SECONDS = 60 * 60

logger = logging.getLogger(__name__)


def _key(image_id, spec):
    return f"image-facts:v1:{image_id}:{spec}"


def _facts(image, rendition):
    return {
        "id": image.pk,
        "collection_id": image.collection_id,
        "url": rendition.url if rendition is not None else None,
        "width": rendition.width if rendition is not None else None,
        "height": rendition.height if rendition is not None else None,
        "alt": image.default_alt_text,
    }


def rendition_facts(image_ids, spec):
    """``{image id: facts}`` for the rendition ``spec`` of each image in ``image_ids`` (``None`` ids skipped).

    Facts are ``SimpleNamespace(id, collection_id, url, width, height, alt)``. At most two queries (the images not
    in the cache and their renditions); an image that no longer exists is left out. When a rendition cannot be made
    (a missing or broken file), the image's ``url`` is ``None``, a warning is logged and nothing is cached for it,
    so the next request tries again.
    """
    if spec not in CACHED_FILTERS:
        raise ValueError(f"{spec!r} is not one of image_facts.CACHED_FILTERS")
    ids = list(dict.fromkeys(pk for pk in image_ids if pk is not None))
    if not ids:
        return {}
    shared = settings.CACHE_IS_SHARED
    found = {}
    if shared:
        found = {facts["id"]: facts for facts in cache.get_many([_key(pk, spec) for pk in ids]).values()}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        fresh = {}
        for image in get_image_model().objects.filter(pk__in=missing).prefetch_renditions(spec):
            try:
                rendition = image.get_rendition(spec)
            except (InvalidFilterSpecError, OSError):  # OSError covers Wagtail's SourceImageIOError
                logger.warning("No %s rendition for image %s", spec, image.pk)
                found[image.pk] = _facts(image, None)
            else:
                fresh[image.pk] = _facts(image, rendition)
        if shared and fresh:
            cache.set_many({_key(pk, spec): facts for pk, facts in fresh.items()}, CACHE_SECONDS)
        found.update(fresh)
    return {pk: SimpleNamespace(**found[pk]) for pk in ids if pk in found}


def visible_rendition_facts(request, image_ids, spec):
    """``rendition_facts`` of the images ``request`` may see (``members.access.can_view_image``).

    A picture in a collection the request may not see is left out rather than shown as a link the media view would
    refuse (and whose address would name a members' file).
    """
    return {pk: facts for pk, facts in rendition_facts(image_ids, spec).items() if can_view_image(request, facts)}


def forget(image_id):
    """Delete the cached facts of one image (every filter)."""
    cache.delete_many([_key(image_id, spec) for spec in CACHED_FILTERS])


# The image models by name (Django connects the receivers once they are registered): the page models import this
# module, so importing ``home.models`` here would be an import circle through the package's ``__init__``.
@receiver(post_save, sender="home.CustomImage")
@receiver(post_delete, sender="home.CustomImage")
def image_changed(sender, instance, **kwargs):
    forget(instance.pk)


@receiver(post_delete, sender="home.CustomRendition")
def rendition_changed(sender, instance, **kwargs):
    forget(instance.image_id)
