"""The documents' own addresses for a CDN that purges by URL (``members.frontend_cache.register_urls``).

A document's detail page carries the tag ``d<id>``; a CDN needs its full address under each live library. Its file
carries it too when the front cache keeps public files (``FRONT_CACHE_COUNTS_DOWNLOADS``, meant for Varnish, whose
hits are counted from its log): then the file's address goes as well.
"""

from urllib.parse import urljoin

from django.conf import settings
from wagtail.documents import get_document_model


def document_urls(tags, everything):
    """Full URLs of the detail pages of the documents tagged ``d<id>`` in ``tags`` (every document's when
    ``everything``: a privacy change may have hidden any of them)."""
    from documents.models import DocumentsLibraryPage

    ids = [int(t[1:]) for t in tags if t[:1] == "d" and t[1:].isdigit()]
    if not ids and not everything:
        return set()
    documents = get_document_model().objects.all()
    if not everything:
        documents = documents.filter(pk__in=ids)
    documents = list(documents)
    urls = set()
    for library in DocumentsLibraryPage.objects.live():
        root = library.get_full_url()
        if root:
            urls.update(
                f"{root.rstrip('/')}/{library.reverse_subpage('document', args=[d.pk, d.slug])}" for d in documents
            )
            if settings.FRONT_CACHE_COUNTS_DOWNLOADS:
                urls.update(urljoin(root, d.url) for d in documents)
    return urls
