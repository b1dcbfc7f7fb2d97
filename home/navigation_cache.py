"""The version of the site's navigation (menus, breadcrumbs), for caching them.

Whenever a page is published, unpublished, moved, renamed or deleted, the version goes up and every cached
menu and breadcrumb trail is read afresh. Privacy changes need no bump: the cache keys hold the pages the
request may not see (see ``home.templatetags.navigation``).
"""

from django.core.cache import cache
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

VERSION_KEY = "nav:version"


def navigation_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
@receiver(post_delete)
def navigation_changed(sender=None, **kwargs):
    if sender is not None and not (isinstance(sender, type) and issubclass(sender, Page)):
        return
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)
