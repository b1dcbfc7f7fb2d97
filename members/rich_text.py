"""Rich-text links that respect the access module.

Editors may link from any page to any page or document. When the page is shown to someone who may not see
the link's target (a members' page, a members-only document), the link is rendered as plain text: its
address would otherwise name the hidden page or file. The request comes from ``members.access``'s
per-request context; outside a request the rule for an anonymous visitor applies.

The page handler also reads plain ``Page`` rows in one query: a link needs only the page's address, not
the specific page that Wagtail's own handler loads with a second query.

With a shared cache (``CACHE_IS_SHARED``) the expanded page and document links (``<a href="...">`` or a bare
``<a>``) are kept in the cache. The key holds the linked ids, what the request may not see
(``access.denied_page_paths`` or ``access.denied_collection_ids``: a member's and a visitor's keys differ, and a
restriction change makes new keys at once) and a version bumped whenever a page is published, unpublished,
renamed, moved or deleted, a document is saved or deleted, or a site changes (``links_changed``).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.models import Page, Site
from wagtail.rich_text.pages import PageLinkHandler
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from members import access, cache_generations

VERSION_KEY = "rich_text_links:version"
LINK_SECONDS = 60 * 60


def links_version():
    return cache_generations.current(VERSION_KEY)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
@receiver(post_delete)
@receiver(post_save)
def links_changed(sender=None, **kwargs):
    """A page's address or liveness, a site's root, or a document (its file, title, collection, publication)
    changed: every cached link is expanded afresh."""
    if sender is not None and not (isinstance(sender, type) and issubclass(sender, (Page, Site, get_document_model()))):
        return
    if kwargs.get("signal") is post_save and issubclass(sender, Page):
        return  # a saved draft changes no address; publishing sends page_published
    cache_generations.advance(VERSION_KEY)


def _ids(attrs_list):
    return [str(attrs.get("id", "")) for attrs in attrs_list]


class AccessAwarePageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = _ids(attrs_list)
        pages = {str(page.pk): page for page in Page.objects.filter(pk__in=[i for i in ids if i.isdigit()])}
        request = access.current_request()
        return [
            page if page is not None and access.can_view_page(request, page) else None
            for page in (pages.get(i) for i in ids)
        ]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        if not settings.CACHE_IS_SHARED or not attrs_list:
            return super().expand_db_attributes_many(attrs_list)
        request = access.current_request()
        denied = "|".join(sorted(access.denied_page_paths(request)))
        audience = hashlib.sha1(denied.encode(), usedforsecurity=False).hexdigest()[:16]
        return _cached_tags("page", audience, attrs_list, lambda: cls.get_many(attrs_list))


class AccessAwareDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        """The linked documents, each in the page's language where the request may see that version
        (``access.shown_document``: the link to an English report on a French page opens its French edition), in the
        one query that reads them."""
        ids = _ids(attrs_list)
        request, language = access.current_request(), access.document_language()
        documents = access.documents_in_bulk(cls.get_model().objects.without_text(), [i for i in ids if i.isdigit()])
        shown = []
        for i in ids:
            document = access.shown_document(request, documents.get(int(i)) if i.isdigit() else None, language)
            shown.append(document if document is not None and getattr(document, "published", True) else None)
        return shown

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        if not settings.CACHE_IS_SHARED or not attrs_list:
            return super().expand_db_attributes_many(attrs_list)
        denied = ",".join(map(str, sorted(access.denied_collection_ids(access.current_request()))))
        # The language too: the same link opens the French edition on a French page.
        audience = hashlib.sha1(f"{denied}:{access.document_language()}".encode(), usedforsecurity=False).hexdigest()
        return _cached_tags("document", audience[:16], attrs_list, lambda: cls.get_many(attrs_list))


def _cached_tags(kind, audience, attrs_list, load):
    """The ``<a>`` tags of the links in ``attrs_list`` as ``audience`` sees them, from the cache or ``load()``."""
    key = f"rich_text_links:{kind}:{links_version()}:{audience}:{','.join(_ids(attrs_list))}"
    if len(key) > 200:
        key = f"{key[:60]}:{hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()}"
    tags = cache.get(key)
    if tags is None:
        tags = [f'<a href="{escape(target.url)}">' if target else "<a>" for target in load()]
        cache.set(key, tags, LINK_SECONDS)
    return tags
