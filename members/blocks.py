"""StreamField values as a request may see them: every chosen page, document or image it may not see taken out.

A block that holds a page, document or image chooser must never show a target the request may not see: not its
title, address, file name, alt text nor rendition, in HTML or in the API. Rather than trusting each block's template
and ``get_api_representation`` to ask, ``visible_value`` walks a value along its block definition (struct, list and
stream blocks, to any depth) and replaces each chosen target the request may not see with ``None``, and drops it
from lists and streams. ``VisibleStreamBlock`` does this once, at the top, before the stream renders or is
represented in the API, so every block below it (including a plain ``StructBlock`` added later) only ever sees
what the request may see. Every page StreamField's stream block derives from it; ``tests/privacy/test_blocks.py``
walks every block of every page type to prove it.

The check is made when the value is shown, not when it is loaded: the admin edits the stored targets whatever the
editor may see, and a target made private later is hidden at once (the access module's restriction rows are cleared
whenever a restriction changes). It reads nothing but the restriction rows the request has already loaded.
"""

from wagtail import blocks
from wagtail.blocks.list_block import ListValue
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

from members import access


def _is_visible_target(block, value, request):
    """Whether a chooser's ``value`` may be shown; ``None`` when ``block`` is not a page, document or image
    chooser."""
    if isinstance(block, ImageBlock | ImageChooserBlock):
        return access.can_view_image(request, value)
    if isinstance(block, DocumentChooserBlock):
        return access.can_view_document(request, value)
    if isinstance(block, blocks.PageChooserBlock):
        return access.can_view_page(request, value)
    return None


def visible_value(block, value, request, language=None):
    """``value`` of ``block`` with every page, document and image ``request`` may not see taken out.

    A hidden chooser value becomes ``None``; a list or stream item that was a hidden target is dropped. The value
    is copied only where something changes below it, so a value with nothing hidden is returned as it is.

    With ``language`` (the page's, ``fr``), a chosen document that has a version in that language the request may see
    is replaced by that version (``access.shown_document``): a French page shows the French edition of a report its
    English original chose, and never a members-only one to someone who may not see it.
    """
    if value is None:
        return None
    if language and isinstance(block, DocumentChooserBlock):
        return access.shown_document(request, value, language)
    visible = _is_visible_target(block, value, request)
    if visible is not None:
        return value if visible else None
    if isinstance(block, blocks.StreamBlock):
        return _visible_stream(block, value, request, language)
    if isinstance(block, blocks.ListBlock):
        return _visible_list(block, value, request, language)
    if isinstance(block, blocks.StructBlock):
        return _visible_struct(block, value, request, language)
    return value


def _visible_stream(block, value, request, language):
    children, changed = [], False
    for child in value:
        shown = visible_value(child.block, child.value, request, language)
        changed = changed or shown is not child.value
        if shown is None and child.value is not None:
            continue
        children.append((child.block_type, shown, child.id))
    return blocks.StreamValue(block, children) if changed else value


def _visible_list(block, value, request, language):
    items, changed = [], False
    for bound in value.bound_blocks:
        shown = visible_value(block.child_block, bound.value, request, language)
        changed = changed or shown is not bound.value
        if shown is None and bound.value is not None:
            continue
        items.append(ListValue.ListChild(block.child_block, shown, id=bound.id))
    return ListValue(block, bound_blocks=items) if changed else value


def _visible_struct(block, value, request, language):
    pairs, changed = [], False
    for name, child_block in block.child_blocks.items():
        original = value.get(name)
        shown = visible_value(child_block, original, request, language)
        changed = changed or shown is not original
        pairs.append((name, shown))
    if not changed:
        return value
    return type(value)(block, pairs) if isinstance(value, blocks.StructValue) else dict(pairs)


def request_for(context):
    """The request a block is shown to: the template's or the API serializer's, else the one being served."""
    request = context.get("request") if context else None
    return request if request is not None else access.current_request()


class VisibleStreamBlock(blocks.StreamBlock):
    """A stream that shows, in HTML and in the API, only the pages, documents and images the request may see.

    Use it (or a subclass) as the stream block of every StreamField on a page.
    """

    def render(self, value, context=None):
        return super().render(self._visible(value, context), context)

    def render_basic(self, value, context=None):
        return super().render_basic(self._visible(value, context), context)

    def _visible(self, value, context):
        """``visible_value`` once per request (and language): ``render`` hands the filtered value on to
        ``render_basic``, which would otherwise walk it again."""
        request = request_for(context)
        language = access.document_language(context)
        if request is not None and getattr(value, "_visible_for", None) == (request, language):
            return value
        shown = visible_value(self, value, request, language)
        if request is not None and isinstance(shown, blocks.StreamValue):
            shown._visible_for = (request, language)
        return shown

    def get_api_representation(self, value, context=None):
        """The stream as the request may see it, each chosen document in the page's language
        (``access.DOCUMENT_LANGUAGE``, which the API sets to the page's)."""
        language = access.document_language(context)
        return super().get_api_representation(visible_value(self, value, request_for(context), language), context)

    def get_searchable_content(self, value):
        """The words an anonymous visitor can read: the index is shared by everyone, so a hidden image's alt text
        (or anything else a visitor is not shown) never becomes searchable (``members.search_privacy``)."""
        return super().get_searchable_content(visible_value(self, value, None))
