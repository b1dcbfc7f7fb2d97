"""The documents' section of the public sitemap (``/sitemap-documents.xml``; see ``home.sitemaps``)."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import get_document_model
from wagtail.models import Collection

from documents.models import DocumentsLibraryPage
from home.sitemaps import ENTRY, SITEMAP_PAGE_SIZE
from members.access import visible_documents, visible_pages


class PublicDocumentsSitemap(Sitemap):
    """Documents an anonymous visitor may download, each at the address that best presents it.

    A document in the scope of a public documents library of this site (the library's collection and its child
    collections, or everything for a library without a collection) is listed at its page in the first such library
    in tree order; any other public document at its download address. Libraries and collections are few: they are
    read once per sitemap page, and a document's library is then found without a query.
    """

    limit = SITEMAP_PAGE_SIZE

    def items(self):
        documents = visible_documents(None, get_document_model().objects.all())
        return documents.only("id", "title", "file", "collection_id").order_by("pk")

    def get_latest_lastmod(self):
        """Documents carry no ``lastmod`` in the sitemap (Django's default would read every document)."""
        return None

    def _libraries(self):
        """``[(library, its address, collection ids or None for all), ...]`` of this site's public libraries, in tree
        order."""
        root = self.get_wagtail_site().root_page
        libraries = visible_pages(None, DocumentsLibraryPage.objects.descendant_of(root, inclusive=True))
        paths = dict(Collection.objects.values_list("id", "path"))
        scoped = []
        for library in libraries.order_by("path").select_related("collection"):
            url = library.get_full_url(request=self.request)
            if library.collection_id is None:
                scoped.append((library, url, None))
            else:
                prefix = library.collection.path
                scoped.append((library, url, {pk for pk, path in paths.items() if path.startswith(prefix)}))
        return scoped

    def _urls(self, page, protocol, domain):
        libraries = self._libraries()
        root_url = self.get_wagtail_site().root_url
        urls = []
        for document in self.paginator.page(page).object_list:
            for library, url, collection_ids in libraries:
                if collection_ids is None or document.collection_id in collection_ids:
                    location = url + library.reverse_subpage("document", args=[document.pk, document.slug])
                    break
            else:
                location = root_url + document.url
            urls.append({**ENTRY, "item": document, "location": location})
        return urls
