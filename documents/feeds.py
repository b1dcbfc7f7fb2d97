"""Atom feeds: the library's new and updated documents (all, or one category's), the site's new and updated pages,
and a member's personal documents feed.

Feeds have no language prefix (``/feeds/...``); ``?language=fr`` (or ``es``, ``en``) gives a feed in that language:
its title and description in French, its entries the French pages (``/feeds/pages/``) or the documents in French
(``/feeds/documents/``, as the French library lists them by default), linking to the French library. Each library
page's ``<link rel="alternate">`` leads to its language's feed. Without the parameter a feed is in English and lists
every language, as before languages; a language the site does not have answers 404.

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
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from wagtail.models import Collection, Page

from documents.models import DocumentCategory, DocumentsLibraryPage, PortalDocument
from members import access, cache_policy, feed_tokens
from members.languages import language_codes

FEED_LENGTH = 30
LANGUAGE_PARAM = "language"


def feed_language(request):
    """The language a feed address asks for (``?language=fr``), or ``None`` (every language, in English). A
    language the site does not have is a missing feed (404), never an error."""
    if LANGUAGE_PARAM not in request.GET:
        return None
    language = request.GET[LANGUAGE_PARAM]
    if language not in language_codes():
        raise Http404("No feed in that language.")
    return language


class LanguageFeed(Feed):
    """A feed answered in the language its address asks for (``feed_language``): its words (and the Atom
    ``xml:lang``, Django's ``get_language()``) in that language; ``get_object`` gives ``obj.language``."""

    def __call__(self, request, *args, **kwargs):
        language = feed_language(request)
        if language is None:
            return super().__call__(request, *args, **kwargs)
        with translation.override(language):
            return super().__call__(request, *args, **kwargs)


def newest_documents(access_request, category=None, limit=FEED_LENGTH, language=None):
    """The documents ``access_request`` may see (in ``language``, when given), most recently added or replaced
    first."""
    documents = access.visible_documents(access_request, PortalDocument.objects.without_text()).select_related(
        "category"
    )
    if category is not None:
        documents = documents.filter(category=category)
    if language is not None:
        documents = documents.filter(language=language)
    documents = documents.annotate(changed_at=Coalesce("file_updated_at", "created_at")).order_by("-changed_at", "-pk")
    return access.mark_members_only(access_request, list(documents[:limit]))


class _DocumentsFeedBase(LanguageFeed):
    feed_type = Atom1Feed
    description_template = None

    def _library(self, access_request, language=None):
        """The library page (visible to the feed's reader; in ``language``, when given) whose detail pages the
        entries link to, with the ids of the collections it lists (``None``: all)."""
        libraries = DocumentsLibraryPage.objects.all()
        if language is not None:
            libraries = libraries.filter(locale__language_code=language)
        library = access.visible_pages(access_request, libraries).specific().first()
        if library is None:
            return None, None
        if library.collection_id is None:
            return library, None
        path = library.collection.path
        return library, set(Collection.objects.filter(path__startswith=path).values_list("id", flat=True))

    def get_object(self, request, *args, **kwargs):
        access_request = self.access_request(request, **kwargs)
        language = feed_language(request)
        library, scope = self._library(access_request, language)
        return SimpleNamespace(
            access_request=access_request,
            category=self.category(**kwargs),
            library=library,
            scope=scope,
            language=language,
        )

    def category(self, category=None, **kwargs):
        return get_object_or_404(DocumentCategory, slug=category) if category else None

    def items(self, obj):
        documents = newest_documents(obj.access_request, obj.category, language=obj.language)
        # Each entry links to the document's page in the library when the library lists it, else to its file. Set
        # here, on the items, because one feed instance serves every request.
        for document in documents:
            listed = obj.library is not None and (obj.scope is None or document.collection_id in obj.scope)
            document.feed_link = obj.library.document_url(document) if listed else document.url
        return documents

    def title(self, obj):
        if obj.category:
            return gettext("New and updated documents: %(category)s") % {"category": obj.category.name}
        return gettext("New and updated documents")

    def link(self, obj):
        return obj.library.url if obj.library is not None else home_url(obj.language)

    def subtitle(self, obj):
        return gettext("The documents library's newest additions and corrections.")

    def item_title(self, document):
        title = document.title
        if document.version_number > 1:
            title = gettext("%(title)s (version %(number)s)") % {"title": title, "number": document.version_number}
        return gettext("%(title)s [members only]") % {"title": title} if document.members_only else title

    def item_description(self, document):
        parts = [document.description] if document.description else []
        if document.version_number > 1 and document.version_note:
            parts.append(
                gettext("Version %(number)s: %(note)s")
                % {"number": document.version_number, "note": document.version_note}
            )
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
        return gettext("New and updated documents for %(user)s") % {"user": obj.access_request.user.get_username()}


def home_url(language):
    """The address of the home page in ``language`` (``None``: the site's root), for a feed's own link."""
    return f"/{language}/" if language is not None else "/"


class PagesFeed(LanguageFeed):
    """The site's newest and updated public pages (news-like: what changed on the site), newest first: of every
    language, or of one (``?language=fr``: the French pages)."""

    feed_type = Atom1Feed

    def title(self):
        return gettext("New and updated pages")

    def subtitle(self):
        return gettext("The pages of the site most recently published or updated.")

    def link(self, obj):
        return home_url(obj.language)

    def get_object(self, request, *args, **kwargs):
        cache_policy.tag(request, "pages")
        return SimpleNamespace(language=feed_language(request))

    def items(self, obj):
        pages = Page.objects.filter(depth__gt=2)
        if obj.language is not None:
            pages = pages.filter(locale__language_code=obj.language)
        pages = access.visible_pages(None, pages).annotate(
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
