"""The shared StreamField block library.

Every page type builds its body from ``BaseStreamBlock``; a page that needs more subclasses it rather than
redefining children. Each block renders through its own template in ``templates/blocks/``. Values that a
template would otherwise have to work out (a link's URL and label) live on ``StructValue`` subclasses.
"""

import copy
import uuid
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.text import slugify
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

from home import representations as api
from members.access import current_request, document_language, documents_in_bulk
from members.blocks import VisibleStreamBlock

# The features editors get in rich text: enough for prose, no raw HTML, no inline styling.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class PortalDocumentChooserBlock(DocumentChooserBlock):
    """Wagtail's document chooser, reading the chosen documents without their extracted text, with their
    translations.

    A document card needs the title, the file and the metadata, not the text of the file (hundreds of kilobytes
    for a long PDF), which Wagtail's chooser would read for every page view (``PortalDocument.objects``'
    ``without_text``). The other documents of each chosen one's translation set are read in the same query
    (``members.access.documents_in_bulk``), so a page in French shows the French edition of a chosen report
    (``members.blocks.visible_value``) at no extra cost.
    """

    def bulk_to_python(self, values):
        documents = documents_in_bulk(self.model_class.objects.without_text(), values)
        result, seen = [], set()
        for pk in values:
            document = documents.get(int(pk)) if str(pk).isdigit() else None
            if document is not None and pk in seen:
                document = copy.copy(document)  # as Wagtail's: each occurrence its own object
            result.append(document)
            seen.add(pk)
        return result


def heading_anchor(text):
    """The ``id`` a heading with these words starts from (``section-<slug>``)."""
    return f"section-{slugify(text) or 'heading'}"


def heading_anchors(texts):
    """The ``id`` of each heading of a page, in order: unique on the page, as ids must be (the second "Contact" is
    ``section-contact-2``). The page's contents list and the headings themselves both use it."""
    seen, anchors = set(), []
    for text in texts:
        base = anchor = heading_anchor(text)
        number = 1
        while anchor in seen:
            number += 1
            anchor = f"{base}-{number}"
        seen.add(anchor)
        anchors.append(anchor)
    return anchors


def number_headings(stream_value):
    """Give each heading of ``stream_value`` its unique ``id`` (``heading_anchors``) before the stream renders."""
    headings = [child.value for child in stream_value if isinstance(child.value, HeadingValue)]
    for value, anchor in zip(headings, heading_anchors(value.get("text") or "" for value in headings), strict=True):
        value.unique_anchor = anchor


class HeadingValue(blocks.StructValue):
    @property
    def anchor(self):
        return getattr(self, "unique_anchor", None) or heading_anchor(self.get("text") or "")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, help_text="The heading's words.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Level 2 (section)"), ("h3", "Level 3 (sub-section)"), ("h4", "Level 4")],
        default="h2",
        help_text="Level 2 for a section of the page, 3 and 4 for sections within it. The page title is level 1.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = "Heading"
        description = "A section heading, at level 2, 3 or 4."
        value_class = HeadingValue
        preview_value = {"text": "What the Alliance does", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def get_api_representation(self, value, context=None):
        """HTML with its links resolved; a link to a page or document the request may not see keeps only its words.

        Always HTML: Wagtail's stored form (``?rich_text_format=db_html``) would name hidden pages by id.
        """
        return api.rich_text_representation(value.source if value else "", context)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = "Rich text"
        description = "Paragraphs of text with links, lists and sub-headings."
        preview_value = "<p>Co-operatives are businesses owned and run by their members.</p>"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with alt text (required unless the image is marked decorative) and an optional caption.

    Wagtail's ``ImageBlock`` suggests the image's own description as alt text and refuses a non-decorative
    image without any.
    """

    image = ImageBlock(help_text="Choose an image, then give it alt text describing it, or mark it decorative.")
    caption = blocks.CharBlock(required=False, max_length=255, help_text="Optional caption shown under the image.")

    def get_api_representation(self, value, context=None):
        """The image and its caption; left out (``None``) when the image was taken out because the request may not
        see it (``members.blocks.VisibleStreamBlock``)."""
        image = value.get("image")
        if image is None:
            return None
        return {
            "image": api.image_representation(
                image, api.request_of(context), alt=image.contextual_alt_text, decorative=image.decorative
            ),
            "caption": value.get("caption") or "",
        }

    def get_searchable_content(self, value):
        """Nothing when the image was taken out (the caption is shown only with its image)."""
        if value.get("image") is None:
            return []
        return super().get_searchable_content(value)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"
        label = "Image"
        description = "An image with alt text and an optional caption."


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="The quoted words, without quotation marks.")
    attribution = blocks.CharBlock(required=False, max_length=255, help_text="Who said it (optional).")
    role = blocks.CharBlock(required=False, max_length=255, help_text="The speaker's role or organisation (optional).")

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = "Quote"
        description = "A quotation with its attribution."
        preview_value = {
            "quote": "Co-operation is the strength of people who act together.",
            "attribution": "A co-operator",
        }


class ItemListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=200, help_text="Optional heading above the list.")
    style = blocks.ChoiceBlock(
        choices=[("bulleted", "Bulleted"), ("numbered", "Numbered")],
        default="bulleted",
        help_text="Numbered when the order matters.",
    )
    items = blocks.ListBlock(blocks.CharBlock(max_length=500, label="Item"), min_num=1, help_text="One line per item.")

    class Meta:
        icon = "list-ul"
        template = "blocks/item_list_block.html"
        label = "List of items"
        description = "A short list, for example objectives or activities."
        preview_value = {"heading": "Objectives", "items": ["Promote co-operatives", "Defend their values"]}


class KeyFigureBlock(blocks.StructBlock):
    number = blocks.CharBlock(max_length=30, help_text="The figure as it should read, e.g. 310 or 1895.")
    label = blocks.CharBlock(max_length=120, help_text="What the figure counts, e.g. member organisations.")

    class Meta:
        icon = "pick"
        label = "Key figure"


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=200, help_text="Optional heading for the panel.")
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=8)

    class Meta:
        icon = "table"
        template = "blocks/key_figures_block.html"
        label = "Key figures"
        description = "A panel of numbers with what they count."
        preview_value = {
            "heading": "In figures",
            "figures": [{"number": "310", "label": "member organisations"}, {"number": "107", "label": "countries"}],
        }


class LinkStructValue(blocks.StructValue):
    """The destination of a call to action: an internal page wins over an external URL."""

    @property
    def url(self):
        page = self.get("page")
        if page:
            return page.url
        return self.get("external_url") or ""

    @property
    def label(self):
        if self.get("link_text"):
            return self["link_text"]
        page = self.get("page")
        return page.title if page else self.get("external_url", "")


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=200, help_text="The invitation, e.g. Become a member.")
    text = blocks.TextBlock(required=False, help_text="One or two sentences that explain it (optional).")
    page = blocks.PageChooserBlock(required=False, help_text="A page of this site to link to…")
    external_url = blocks.URLBlock(required=False, help_text="…or an address elsewhere (used when no page is chosen).")
    link_text = blocks.CharBlock(
        required=False, max_length=80, help_text="The button's words; the page's title when left empty."
    )

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("external_url"):
            message = "Choose a page or enter an address for the button."
            raise StructBlockValidationError(block_errors={"page": ErrorList([ValidationError(message)])})
        return value

    def get_api_representation(self, value, context=None):
        """The call to action with its destination; left out (``None``) when its only destination is a page the
        request may not see. The button's words never fall back to a hidden page's title."""
        page = api.page_link_representation(value.get("page"), api.request_of(context))
        external_url = value.get("external_url") or ""
        if page is None and not external_url:
            return None
        return {
            "heading": value.get("heading") or "",
            "text": value.get("text") or "",
            "page": page,
            "external_url": external_url,
            "url": page["url"] if page else external_url,
            "link_text": value.get("link_text") or (page["title"] if page else external_url),
        }

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        label = "Call to action"
        description = "A highlighted invitation with a button to a page or an address."
        value_class = LinkStructValue
        preview_value = {
            "heading": "Become a member",
            "text": "Join the federation and the Alliance's worldwide movement.",
            "external_url": "https://example.org/join",
            "link_text": "Ask about membership",
        }


class PortalEmbedBlock(blocks.StructBlock):
    """An external video or post, shown as a link until the visitor asks to load it.

    Nothing is fetched from another site when the page loads: the embed's HTML is only inserted when the
    visitor presses the button, and without JavaScript the link still works.
    """

    embed = EmbedBlock(help_text="The address of the video or post, e.g. a YouTube or Vimeo link.")
    title = blocks.CharBlock(max_length=200, help_text="What the video or post is about, read before loading it.")
    caption = blocks.CharBlock(required=False, max_length=255, help_text="Optional caption.")

    class Meta:
        icon = "media"
        template = "blocks/embed_block.html"
        label = "Embedded media"
        description = "A video or post from another site, loaded only when the visitor asks."


class DocumentLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=200, help_text="Optional heading above the documents.")
    documents = blocks.ListBlock(PortalDocumentChooserBlock(), min_num=1, help_text="The documents to offer.")

    def get_api_representation(self, value, context=None):
        """The documents the request may see; left out when it may see none of them (as on the page)."""
        documents = api.visible_document_representations(
            api.request_of(context), value.get("documents") or [], document_language(context)
        )
        if not documents:
            return None
        return {"heading": value.get("heading") or "", "documents": documents}

    class Meta:
        icon = "doc-full"
        template = "blocks/document_links_block.html"
        label = "Document links"
        description = "A list of documents with their type, size and a download link."


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=255, help_text="The question as a visitor would ask it.")
    answer = ParagraphBlock(help_text="The answer.")

    class Meta:
        icon = "help"
        label = "Question"


class FaqBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False, max_length=200, default="Frequently asked questions", help_text="Heading above the questions."
    )
    items = blocks.ListBlock(FaqItemBlock(), min_num=1)

    class Meta:
        icon = "help"
        template = "blocks/faq_block.html"
        label = "Questions and answers"
        description = "Questions that open to show their answers."
        preview_value = {
            "heading": "Frequently asked questions",
            "items": [{"question": "Who can join?", "answer": "<p>Any co-operative federation.</p>"}],
        }


class VisibleItemsStreamBlock(VisibleStreamBlock):
    """A stream of what the request may see (``members.blocks.VisibleStreamBlock``), whose API representation also
    leaves out the items a block left out (represented as ``None``)."""

    def get_api_representation(self, value, context=None):
        return [item for item in super().get_api_representation(value, context) if item["value"] is not None]


class BaseStreamBlock(VisibleItemsStreamBlock):
    def render(self, value, context=None):
        number_headings(value)
        return super().render(value, context)

    heading = HeadingBlock()
    rich_text = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    item_list = ItemListBlock()
    key_figures = KeyFiguresBlock()
    call_to_action = CallToActionBlock()
    embed = PortalEmbedBlock()
    document_links = DocumentLinksBlock()
    faq = FaqBlock()


class HighlightCardStructValue(blocks.StructValue):
    """A card's words and destination; ``card`` is ``None`` when its page was taken out (one the request may not
    see, ``members.blocks``)."""

    @property
    def card_title(self):
        page = self.get("page")
        return self.get("title") or (page.title if page else "")

    @property
    def url(self):
        page = self.get("page")
        return page.url if page else ""

    @property
    def card(self):
        """The card as ``includes/highlight_card.html`` shows it: ``{title, url, text, image}``, ``image`` being the
        facts of the picture's rendition (``home.image_facts``) or ``None``."""
        from home.image_facts import CARD_IMAGE_FILTER, visible_rendition_facts  # it imports the models

        if self.get("page") is None:
            return None
        image = self.get("image")
        facts = None
        if image is not None:
            facts = visible_rendition_facts(current_request(), [image.pk], CARD_IMAGE_FILTER).get(image.pk)
        return {"title": self.card_title, "url": self.url, "text": self.get("text") or "", "image": facts}


class HighlightCardBlock(blocks.StructBlock):
    """A card on the home page that leads to a section."""

    page = blocks.PageChooserBlock(help_text="The section the card leads to.")
    title = blocks.CharBlock(required=False, max_length=120, help_text="The card's title; the page's when empty.")
    text = blocks.TextBlock(required=False, max_length=300, help_text="A sentence on what the visitor finds there.")
    image = ImageChooserBlock(required=False, help_text="An optional decorative picture for the card.")

    def get_api_representation(self, value, context=None):
        """The card, or ``None`` (left out) when the request may not see the page it leads to."""
        request = api.request_of(context)
        page = api.page_link_representation(value.get("page"), request)
        if page is None:
            return None
        return {
            "page": page,
            "title": value.get("title") or page["title"],
            "text": value.get("text") or "",
            "image": api.image_representation(value.get("image"), request, decorative=True),
        }

    class Meta:
        icon = "form"
        template = "blocks/highlight_card_block.html"
        label = "Highlight card"
        description = "A card linking to a section of the site."
        value_class = HighlightCardStructValue


class HighlightsStreamBlock(VisibleItemsStreamBlock):
    card = HighlightCardBlock()


class RelatedDocumentsStreamBlock(VisibleStreamBlock):
    """The editor-chosen "Related documents" list shown at the foot of a page."""

    document = PortalDocumentChooserBlock(help_text="A document related to this page.")

    def get_api_representation(self, value, context=None):
        """The documents the request may see, in order, expanded (not as a stream of ids)."""
        return api.visible_document_representations(
            api.request_of(context), [item.value for item in value or []], document_language(context)
        )


SOCIAL_PLATFORMS = [
    ("linkedin", "LinkedIn"),
    ("facebook", "Facebook"),
    ("x", "X (Twitter)"),
    ("instagram", "Instagram"),
    ("youtube", "YouTube"),
    ("mastodon", "Mastodon"),
    ("bluesky", "Bluesky"),
    ("other", "Other"),
]
SOCIAL_PLATFORM_NAMES = dict(SOCIAL_PLATFORMS)


class SocialLinkStructValue(blocks.StructValue):
    @property
    def label(self):
        """The link's words: the editor's, else the platform's name."""
        return self.get("link_text") or SOCIAL_PLATFORM_NAMES.get(self.get("platform"), "")

    @property
    def twitter_handle(self):
        """``@name`` for an X (Twitter) profile address such as ``https://x.com/name``; empty otherwise."""
        if self.get("platform") != "x":
            return ""
        name = urlsplit(self.get("url") or "").path.strip("/").split("/")[0]
        return f"@{name.lstrip('@')}" if name else ""


class SocialLinkBlock(blocks.StructBlock):
    """One of the federation's social media accounts, linked from the footer of every page."""

    platform = blocks.ChoiceBlock(
        choices=SOCIAL_PLATFORMS, default="linkedin", help_text="The social network the account is on."
    )
    url = blocks.URLBlock(help_text="The address of the federation's profile, e.g. https://www.linkedin.com/company/…")
    link_text = blocks.CharBlock(
        required=False,
        max_length=60,
        help_text="The link's words in the footer; the platform's name when empty (needed for Other).",
    )

    def clean(self, value):
        value = super().clean(value)
        if value.get("platform") == "other" and not value.get("link_text"):
            message = "Give the link's words: the footer cannot name an “Other” platform for you."
            raise StructBlockValidationError(block_errors={"link_text": ErrorList([ValidationError(message)])})
        return value

    class Meta:
        icon = "link-external"
        template = "includes/social_link.html"
        label = "Social media account"
        description = "A link to one of the federation's social media profiles."
        value_class = SocialLinkStructValue
        preview_value = {"platform": "linkedin", "url": "https://www.linkedin.com/company/example"}


class SocialLinksStreamBlock(blocks.StreamBlock):
    """The social media accounts in the site settings, in the order the footer lists them."""

    link = SocialLinkBlock()


# The stored form -----------------------------------------------------------------------------------------------------


def complete_stored_form(block, raw):
    """``(raw, changed)``: a StreamField's stored (JSON) value of ``block`` in the one form translation needs.

    Wagtail reads two forms of a list block's items: the short one (``["a", "b"]``, as the demo loader and older
    content store them) and the block form (``[{"type": "item", "value": "a", "id": …}]``), and it gives short-form
    items a new random id every time it reads them. wagtail-localize finds a list's words by those ids, so it skips
    short-form lists altogether (their words would never reach the translator) and would lose their translations on
    every sync. A structure saved before one of its words was added (no key, or ``None``) stops its extraction with
    an error. Here every list item gets the block form and an id once, when the page is saved, and every missing
    text in a structure is empty text. Pure JSON: nothing is read from the database.
    """
    if isinstance(block, blocks.StreamBlock) and isinstance(raw, list):
        changed, items = False, []
        for item in raw:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is None:
                items.append(item)
                continue
            value, child_changed = complete_stored_form(child, item.get("value"))
            changed = changed or child_changed or not item.get("id")
            items.append({**item, "value": value, "id": item.get("id") or str(uuid.uuid4())})
        return items, changed
    if isinstance(block, blocks.ListBlock) and isinstance(raw, list):
        changed, items = False, []
        for item in raw:
            in_block_form = isinstance(item, dict) and item.get("type") == "item" and "value" in item and item.get("id")
            if not in_block_form:
                item, changed = {"type": "item", "value": item, "id": str(uuid.uuid4())}, True
            value, child_changed = complete_stored_form(block.child_block, item["value"])
            changed = changed or child_changed
            items.append({**item, "value": value})
        return items, changed
    if isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        changed, value = False, dict(raw)
        for name, child in block.child_blocks.items():
            if value.get(name) is None and isinstance(
                child, blocks.CharBlock | blocks.TextBlock | blocks.RichTextBlock
            ):
                value[name], changed = "", True
            elif name in value:
                value[name], child_changed = complete_stored_form(child, value[name])
                changed = changed or child_changed
        return value, changed
    return raw, False
