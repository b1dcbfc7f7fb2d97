"""How images, documents, page links and rich text look in the JSON API, decided for one request.

The StreamField blocks (``home.blocks``), the page fields and the endpoints all build their JSON here, and every
function asks ``members.access`` first: something the request may not see comes back as ``None`` (a relation left
out) or, in rich text, as the link's words without the link. Nothing here names a hidden page or document, not even
by id.

It lives beside the shared blocks whose JSON it shapes; ``portal.api`` only wires it to endpoints. It imports no page
model and nothing above ``members``.
"""

import re

from wagtail.api.utils import get_full_url
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.rich_text import expand_db_html
from wagtail.rich_text.rewriters import extract_attrs

from members import access

# Two sizes for responsive images, each in the image's own format and as WebP. ``width-N`` never enlarges.
RENDITION_SIZES = {"small": "width-480", "large": "width-1200"}
WEBP = "|format-webp"
RENDITION_SPECS = [spec for base in RENDITION_SIZES.values() for spec in (base, base + WEBP)]

# The key, in a serializer's context, of the response's ``RichTextLinks`` (see ``rich_text_representation``).
RICH_TEXT_LINKS = "portal_rich_text_links"

LINK = re.compile(r"<a(\b[^>]*)>(.*?)</a>", re.DOTALL | re.IGNORECASE)


def request_of(context):
    """The request in a serializer or block context (``None`` for "an anonymous visitor")."""
    return context.get("request") if context else None


def full_url(request, path):
    return get_full_url(request, path) if path else path


def image_representation(image, request, *, alt=None, decorative=False):
    """An image as alt text, size and renditions at two widths (its own format and WebP); ``None`` when hidden.

    ``alt`` is the text written for this use of the image (``ImageBlock``); the image's own description otherwise.
    Renditions come from Wagtail's rendition cache, so a warm request costs no query.
    """
    if image is None or not access.can_view_image(request, image):
        return None
    return {
        "id": image.pk,
        "title": image.title,
        "alt": "" if decorative else (image.default_alt_text if alt is None else alt) or "",
        "decorative": bool(decorative),
        "width": image.width,
        "height": image.height,
        "credit": getattr(image, "credit", ""),
        "renditions": rendition_sizes(image, request),
    }


def rendition_sizes(image, request):
    """The image's renditions, looked up once per image in a response (pages often share their pictures, and each
    look-up through Wagtail's rendition cache unpickles and re-stores every rendition)."""
    memo = getattr(request, "_api_renditions", None) if request is not None else None
    key = (image.pk, image.file.name)
    if memo is not None and key in memo:
        return memo[key]
    renditions = image.get_renditions(*RENDITION_SPECS)
    sizes = {}
    for name, spec in RENDITION_SIZES.items():
        rendition, webp = renditions[spec], renditions[spec + WEBP]
        sizes[name] = {
            "url": full_url(request, rendition.url),
            "webp_url": full_url(request, webp.url),
            "width": rendition.width,
            "height": rendition.height,
        }
    if request is not None:
        if memo is None:
            memo = request._api_renditions = {}
        memo[key] = sizes
    return sizes


def document_representation(document, request):
    """A document as title, type, size and download address (the download still checks access)."""
    return {
        "id": document.pk,
        "title": document.title,
        "file_type": document.file_type or document.file_extension.lower(),
        "file_type_label": document.file_type_label,
        "file_size": document.get_file_size(),
        "size_label": document.size_label,
        "download_url": full_url(request, document.url),
        "members_only": bool(getattr(document, "members_only", False)),
    }


def visible_document_representations(request, documents, language=None):
    """The documents of an editor-chosen list that ``request`` may see, in order, as JSON: each in ``language`` (the
    page's) where the request may see that version, one per translation set (``access.shown_documents``)."""
    return [
        document_representation(document, request) for document in access.shown_documents(request, documents, language)
    ]


def page_link_representation(page, request):
    """A link to a page as id, title and address; ``None`` when the request may not see the page."""
    if page is None or not access.can_view_page(request, page):
        return None
    return {"id": page.pk, "title": page.title, "url": page.get_url(request)}


class RichTextLinks:
    """The page and document links of every rich text in one response, looked up together.

    Each rich text registers its links while the response is serialised; ``resolve`` then costs one query for the
    pages and one for the documents however many rich texts there are, and ``finalise`` swaps each placeholder for
    its HTML.
    """

    def __init__(self, request):
        self.request = request
        self.page_ids = set()
        self.document_ids = set()
        self.page_urls = None
        self.document_urls = None
        self.pending = 0

    def add(self, source):
        for attrs in _links(source):
            kind, target = attrs.get("linktype"), _int(attrs.get("id"))
            if target is not None and kind == "page":
                self.page_ids.add(target)
            elif target is not None and kind == "document":
                self.document_ids.add(target)

    def resolve(self):
        if self.page_urls is not None:
            return
        self.page_urls, self.document_urls = {}, {}
        if self.page_ids:
            pages = access.visible_pages(self.request, Page.objects.filter(pk__in=self.page_ids))
            self.page_urls = {page.pk: page.get_url(self.request) for page in pages}
        if self.document_ids:
            documents = access.visible_documents(
                self.request, get_document_model().objects.without_text().filter(pk__in=self.document_ids)
            )
            self.document_urls = {document.pk: full_url(self.request, document.url) for document in documents}

    def expand(self, source):
        """``source`` (Wagtail's stored rich text) as HTML: links resolved, links to hidden targets unwrapped."""
        self.resolve()

        def replace(match):
            attrs = extract_attrs(match.group(1))
            kind = attrs.get("linktype")
            if kind is None:
                return match.group(0)
            urls = {"page": self.page_urls, "document": self.document_urls}.get(kind, {})
            url = urls.get(_int(attrs.get("id")))
            if url is None:
                return match.group(2)
            return f'<a href="{_escape_attr(url)}">{match.group(2)}</a>'

        # No linktype is left, so expand_db_html only normalises what remains (and runs no query).
        return expand_db_html(LINK.sub(replace, source))

    def finalise(self, data):
        """``data`` with every ``PendingRichText`` replaced by its HTML (in place where possible)."""
        if not self.pending:
            return data
        return self._finalise(data)

    def _finalise(self, data):
        if isinstance(data, PendingRichText):
            return self.expand(data.source)
        if isinstance(data, dict):
            for key, value in data.items():
                data[key] = self._finalise(value)
        elif isinstance(data, list):
            for index, value in enumerate(data):
                data[index] = self._finalise(value)
        return data


class PendingRichText:
    """Rich text waiting for the response's links to be looked up (see ``RichTextLinks``)."""

    __slots__ = ("source",)

    def __init__(self, source):
        self.source = source


def rich_text_representation(source, context):
    """Rich text for the API: HTML with links resolved, and a link to a page or document the request may not see
    reduced to its words. Inside an API response the work is batched (``RichTextLinks``); elsewhere it is done here."""
    source = source or ""
    links = context.get(RICH_TEXT_LINKS) if context else None
    if links is None:
        links = RichTextLinks(request_of(context))
        links.add(source)
        return links.expand(source)
    links.add(source)
    links.pending += 1
    return PendingRichText(source)


def _links(source):
    for match in LINK.finditer(source):
        yield extract_attrs(match.group(1))


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _escape_attr(value):
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
