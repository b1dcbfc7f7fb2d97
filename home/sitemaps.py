"""The public sitemap (``/sitemap.xml``): the pages and the documents an anonymous visitor may see.

The sitemap is public, so it is the same for everyone, members included: both sections are built for "nobody
logged in" (``request=None`` in the access module), never from the request's user.
"""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import get_document_model
from wagtail.models import Collection

from documents.models import DocumentsLibraryPage
from members.access import visible_documents, visible_pages


class PublicPagesSitemap(Sitemap):
    """Pages an anonymous visitor may see."""

    def items(self):
        root = self.get_wagtail_site().root_page
        pages = visible_pages(None, root.get_descendants(inclusive=True))
        return pages.order_by("path").defer_streamfields().specific()


class PublicDocumentsSitemap(Sitemap):
    """Documents an anonymous visitor may download, each at the address that best presents it.

    A document in the scope of a public documents library of this site (the library's collection and its child
    collections, or everything for a library without a collection) is listed at its page in the first such library
    in tree order; any other public document at its download address. Libraries and collections are few: they are
    read once, and a document's library is then found without a query.
    """

    def items(self):
        documents = visible_documents(None, get_document_model().objects.all())
        return documents.only("id", "title", "file", "collection_id").order_by("pk")

    def _libraries(self):
        """``[(library, collection ids or None for all), ...]`` of this site's public libraries, in tree order."""
        root = self.get_wagtail_site().root_page
        libraries = visible_pages(None, DocumentsLibraryPage.objects.descendant_of(root, inclusive=True))
        paths = dict(Collection.objects.values_list("id", "path"))
        scoped = []
        for library in libraries.order_by("path").select_related("collection"):
            if library.collection_id is None:
                scoped.append((library, None))
            else:
                prefix = library.collection.path
                scoped.append((library, {pk for pk, path in paths.items() if path.startswith(prefix)}))
        return scoped

    def _document_url(self, document, libraries):
        for library, collection_ids in libraries:
            if collection_ids is None or document.collection_id in collection_ids:
                base = library.get_full_url(request=self.request)
                return base + library.reverse_subpage("document", args=[document.pk, document.slug])
        return self.get_wagtail_site().root_url + document.url

    def _urls(self, page, protocol, domain):
        libraries = self._libraries()
        return [
            {"item": document, "location": self._document_url(document, libraries)}
            for document in self.paginator.page(page).object_list
        ]
