"""Keep the cached "did you mean" vocabularies (``search.spelling``) in step with the pages and documents, the
cached list of promoted queries (``search.selectors.promoted_query_strings``) with the editors' picks, and this
process's paths of each language's home (``search.selectors.site_root_paths``) with the pages."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from documents.models import PortalDocument
from search.selectors import clear_promoted_queries, forget_site_root_paths
from search.spelling import new_generation


@receiver(post_save)
@receiver(post_delete)
def content_saved(sender, **kwargs):
    if issubclass(sender, (Page, PortalDocument, Collection, PageViewRestriction, CollectionViewRestriction)):
        new_generation()
    if issubclass(sender, Page):
        forget_site_root_paths()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
@receiver(m2m_changed, sender=CollectionViewRestriction.groups.through)
def page_changed(**kwargs):
    new_generation()


@receiver(post_save, sender=SearchPromotion)
@receiver(post_delete, sender=SearchPromotion)
@receiver(post_save, sender=Query)
@receiver(post_delete, sender=Query)
def promotions_changed(**kwargs):
    clear_promoted_queries()
