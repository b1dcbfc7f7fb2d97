"""Helpers that write StreamField data in its raw (JSON) form for the demo pages.

Each helper returns one ``{"type", "value", "id"}`` item whose value matches the block definitions in
``home.blocks`` and ``about.blocks`` exactly; the loader validates every stream with its ``StreamBlock``
before saving, so a mismatch fails loudly rather than producing a page that cannot be edited.
"""

import uuid


def _item(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def heading(text, level="h2"):
    return _item("heading", {"text": text, "level": level})


def rich_text(html):
    return _item("rich_text", html)


def image(picture, caption="", alt_text=None):
    """A captioned image; its alt text is the image's own description unless given."""
    alt = picture.description if alt_text is None else alt_text
    return _item("image", {"image": {"image": picture.pk, "alt_text": alt, "decorative": False}, "caption": caption})


def quote(text, attribution="", role=""):
    return _item("quote", {"quote": text, "attribution": attribution, "role": role})


def item_list(items, heading_text="", style="bulleted"):
    return _item("item_list", {"heading": heading_text, "style": style, "items": list(items)})


def key_figures(figures, heading_text=""):
    return _item(
        "key_figures",
        {"heading": heading_text, "figures": [{"number": number, "label": label} for number, label in figures]},
    )


def call_to_action(heading_text, text="", page=None, external_url="", link_text=""):
    return _item(
        "call_to_action",
        {
            "heading": heading_text,
            "text": text,
            "page": page.pk if page else None,
            "external_url": external_url,
            "link_text": link_text,
        },
    )


def document_links(documents, heading_text=""):
    return _item("document_links", {"heading": heading_text, "documents": [document.pk for document in documents]})


def faq(items, heading_text="Frequently asked questions"):
    return _item("faq", {"heading": heading_text, "items": [{"question": q, "answer": answer} for q, answer in items]})


def benefits(items, heading_text=""):
    """A ``benefits`` block (WhyJoinPage only): ``items`` are ``(icon, heading, text)`` triples."""
    return _item(
        "benefits",
        {"heading": heading_text, "benefits": [{"icon": i, "heading": h, "text": t} for i, h, t in items]},
    )


def highlight_card(page, text="", title="", picture=None):
    return _item("card", {"page": page.pk, "title": title, "text": text, "image": picture.pk if picture else None})


def document(doc):
    """An entry of a ``related_documents`` stream."""
    return _item("document", doc.pk)


def page_link(page, text):
    """A rich-text link to a page of the site, in Wagtail's stored form."""
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def document_link(doc, text):
    return f'<a linktype="document" id="{doc.pk}">{text}</a>'
