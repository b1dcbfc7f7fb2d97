"""Keep the access module's cached restriction rows in step with the database."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import post_page_move

from .access import clear_cached_restrictions


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=CollectionViewRestriction)
@receiver(post_delete, sender=CollectionViewRestriction)
@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
@receiver(m2m_changed, sender=CollectionViewRestriction.groups.through)
@receiver(post_page_move)
@receiver(post_save, sender=Collection)
@receiver(post_delete, sender=Collection)
def restrictions_changed(**kwargs):
    clear_cached_restrictions()


@receiver(post_save)
@receiver(post_delete)
def page_created_or_deleted(sender, instance, created=True, raw=False, **kwargs):
    """A new page may be a translation of a members-only one (``copy_for_translation``, wagtail-localize), and so
    members-only at once, wherever it stands; a deleted one frees its tree path for a later page."""
    if created and not raw and isinstance(instance, Page):
        clear_cached_restrictions()
