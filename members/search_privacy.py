"""The search index holds only what an anonymous visitor may read on a page.

A page's StreamFields are indexed as an anonymous visitor sees them (``members.blocks.VisibleStreamBlock``): an
image the visitor may not see is taken out before its words (its alt text, and the caption of a captioned image)
reach the index, so searching for them finds nothing and no search snippet repeats them. Members lose nothing they
could not read elsewhere: the words describe a picture, and the picture itself is still shown to them.

What an anonymous visitor may see of an image changes when its collection's restriction changes or when the image
moves to another collection. The pages that show such images are then indexed again (Wagtail's own indexing task,
enqueued like a saved page's), so that the index forgets (or learns) those words at once.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex
from wagtail.search.tasks import insert_or_update_object_task

from members.access import clear_cached_restrictions


def pages_showing_images(image_ids):
    """The live pages whose content references any of ``image_ids``, as their specific classes."""
    if not image_ids:
        return []
    page_type = ContentType.objects.get_for_model(Page)
    image_type = ContentType.objects.get_for_model(get_image_model())
    page_ids = ReferenceIndex.objects.filter(
        base_content_type=page_type,
        to_content_type=image_type,
        to_object_id__in=[str(pk) for pk in image_ids],
    ).values_list("object_id", flat=True)
    return list(Page.objects.live().filter(pk__in={int(pk) for pk in page_ids}).specific())


def reindex_pages_showing_images(image_ids):
    """Index those pages again, the way Wagtail indexes a saved page (its task, run by the worker in production)."""
    for page in pages_showing_images(image_ids):
        insert_or_update_object_task.enqueue(page._meta.app_label, page._meta.model_name, str(page.pk))


def _images_in_collection_tree(collection_id):
    path = Collection.objects.filter(pk=collection_id).values_list("path", flat=True).first()
    if path is None:
        return []
    return list(get_image_model().objects.filter(collection__path__startswith=path).values_list("pk", flat=True))


def _reindex_collection(collection_id):
    clear_cached_restrictions()  # the pages are read as a visitor sees them now, whichever handler ran first
    reindex_pages_showing_images(_images_in_collection_tree(collection_id))


@receiver(post_save, sender=CollectionViewRestriction)
@receiver(post_delete, sender=CollectionViewRestriction)
def collection_restriction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_collection(instance.collection_id)


@receiver(m2m_changed, sender=CollectionViewRestriction.groups.through)
def collection_restriction_groups_changed(sender, instance, action, reverse=False, **kwargs):
    if action.startswith("post_") and not reverse:
        _reindex_collection(instance.collection_id)


@receiver(post_save)
def image_saved(sender, instance, created=False, raw=False, **kwargs):
    """An image moved to another collection may have become visible or hidden: its pages are indexed again
    (a new image is shown on no page yet)."""
    if raw or created or not isinstance(instance, get_image_model()):
        return
    reindex_pages_showing_images([instance.pk])
