"""Atom feeds: the library's new and updated documents (all, or one category's), the site's new and updated pages,
and a member's personal documents feed.

Every feed asks ``members.access`` what it may list. The public feeds are built for an anonymous visitor whoever
asks (a logged-in member reading ``/feeds/documents/`` gets the public feed, so it can be kept by the front cache,
tagged ``docs``/``pages`` and purged like the library: ``members.cache_policy``). The personal feed
(``/feeds/personal/<token>/documents/``) lists what the token's user may see, members-only documents included; its
answers are ``private, no-store`` and an unknown or revoked token answers 404.
"""

from types import SimpleNamespace

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Collection, Page

from documents.models import DocumentCategory, DocumentsLibraryPage, PortalDocument
from members import access, cache_policy, feed_tokens

FEED_LENGTH = 30


def newest_documents(access_request, category=None, limit=FEED_LENGTH):
    """The documents ``access_request`` may see, most recently added or replaced first."""
    documents = access.visible_documents(access_request, PortalDocument.objects.without_text()).select_related(
        "category"
    )
    if category is not None:
        documents = documents.filter(category=category)
    documents = documents.annotate(changed_at=Coalesce("file_updated_at", "created_at")).order_by("-changed_at", "-pk")
    return access.mark_members_only(access_request, list(documents[:limit]))


class _DocumentsFeedBase(Feed):
    feed_type = Atom1Feed
    description_template = None

    def _library(self, access_request):
        """The library page (visible to the feed's reader) whose detail pages the entries link to, with the ids of
        the collections it lists (``None``: all)."""
        library = access.visible_pages(access_request, DocumentsLibraryPage.objects.all()).specific().first()
        if library is None:
            return None, None
        if library.collection_id is None:
            return library, None
        path = library.collection.path
        return library, set(Collection.objects.filter(path__startswith=path).values_list("id", flat=True))

    def get_object(self, request, *args, **kwargs):
        access_request = self.access_request(request, **kwargs)
        library, scope = self._library(access_request)
        return SimpleNamespace(
            access_request=access_request, category=self.category(**kwargs), library=library, scope=scope
        )

    def category(self, category=None, **kwargs):
        return get_object_or_404(DocumentCategory, slug=category) if category else None

    def items(self, obj):
        documents = newest_documents(obj.access_request, obj.category)
        # Each entry links to the document's page in the library when the library lists it, else to its file. Set
        # here, on the items, because one feed instance serves every request.
        for document in documents:
            listed = obj.library is not None and (obj.scope is None or document.collection_id in obj.scope)
            document.feed_link = obj.library.document_url(document) if listed else document.url
        return documents

    def title(self, obj):
        base = "New and updated documents"
        return f"{base}: {obj.category.name}" if obj.category else base

    def link(self, obj):
        return obj.library.url if obj.library is not None else "/"

    def subtitle(self, obj):
        return "The documents library's newest additions and corrections."

    def item_title(self, document):
        title = document.title
        if document.version_number > 1:
            title += f" (version {document.version_number})"
        return title + (" [members only]" if document.members_only else "")

    def item_description(self, document):
        parts = [document.description] if document.description else []
        if document.version_number > 1 and document.version_note:
            parts.append(f"Version {document.version_number}: {document.version_note}")
        return "\n\n".join(parts) or document.title

    def item_link(self, document):
        return document.feed_link

    def item_guid(self, document):
        return f"document-{document.pk}-v{document.version_number}"

    item_guid_is_permalink = False

    def item_pubdate(self, document):
        return document.created_at

    def item_updateddate(self, document):
        return document.updated_at

    def item_categories(self, document):
        return [document.category.name] if document.category_id else []


class DocumentsFeed(_DocumentsFeedBase):
    """The public feed of new and updated documents (all, or those of one category)."""

    def access_request(self, request, **kwargs):
        # Built for an anonymous visitor whoever asks: the answer is the same for everyone, so caches may keep it.
        cache_policy.tag(request, "docs")
        return None


class PersonalDocumentsFeed(_DocumentsFeedBase):
    """A member's own feed: what the token's user may see, members-only documents included."""

    def access_request(self, request, token=None, **kwargs):
        user = feed_tokens.user_for(token)
        if user is None:
            raise Http404("No such feed.")
        return SimpleNamespace(user=user)

    def title(self, obj):
        return f"New and updated documents for {obj.access_request.user.get_username()}"

    def link(self, obj):
        return obj.library.url if obj.library is not None else "/"


class PagesFeed(Feed):
    """The site's newest and updated public pages (news-like: what changed on the site), newest first."""

    feed_type = Atom1Feed
    title = "New and updated pages"
    subtitle = "The pages of the site most recently published or updated."

    def link(self):
        return "/"

    def get_object(self, request, *args, **kwargs):
        cache_policy.tag(request, "pages")
        return None

    def items(self):
        pages = access.visible_pages(None, Page.objects.filter(depth__gt=2)).annotate(
            changed_at=Coalesce("last_published_at", "first_published_at", "latest_revision_created_at")
        )
        return list(pages.order_by(F("changed_at").desc(nulls_last=True), "-pk").specific()[:FEED_LENGTH])

    def item_title(self, page):
        return page.title

    def item_description(self, page):
        return getattr(page, "search_description", "") or page.title

    def item_link(self, page):
        return page.url

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        # Atom requires an entry's "updated": pages made outside the admin may lack publication times.
        return page.last_published_at or page.first_published_at or timezone.now()
