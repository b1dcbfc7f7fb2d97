"""Small template helpers shared by the portal's templates: JSON-LD, access-checked document lists, icons."""

import functools
import json
import re
from urllib.parse import urlsplit

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import select_template
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from members.access import document_language, shown_documents
from members.editors import may_use_admin

register = template.Library()

# The characters that could end the <script> element or open an HTML comment inside it, escaped as JSON allows
# (the same escapes as ``django.utils.html.json_script``).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

ICON_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


@register.simple_tag
def json_ld(data):
    """``data`` as a ``<script type="application/ld+json">`` element, safe to place anywhere in the page.

    ``json_script`` cannot be used: it always writes ``type="application/json"``, which search engines ignore.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above


@register.filter
def lang_if_other(language):
    """`` lang="fr"`` when ``language`` (a document's, a search result's) is not the language of the page it is shown
    on, so that a screen reader reads an English report's title on a French page in English (WCAG 3.1.2, language
    of parts); nothing when they are the same or the language is unknown.

    Use as ``<h3{{ doc.language|lang_if_other }}>``."""
    current = (translation.get_language() or "").split("-")[0]
    if not language or not current or language.split("-")[0] == current:
        return ""
    return format_html(' lang="{}"', language)


@register.simple_tag(takes_context=True)
def visible_documents(context, documents):
    """The documents of an editor-chosen list that the current request may see, in order, each in the page's
    language where the request may see that version, one per translation set (``members.access.shown_documents``).

    Use as ``{% visible_documents value.documents as docs %}``. Without a request (a block rendered outside a
    page view) the access module treats the visitor as anonymous, so the list never shows more than it should.
    """
    return shown_documents(context.get("request"), list(documents or []), document_language(context))


@register.simple_tag
def icon(name, fallback="default"):
    """The inline SVG icon ``templates/includes/icons/<name>.svg`` (hidden from assistive technology).

    An unknown name falls back to ``fallback`` rather than breaking the page.
    """
    return _icon_svg(str(name or ""), str(fallback or ""))


@functools.lru_cache(maxsize=64)
def _icon_svg(name, fallback):
    """The icon's markup, read once per process: the SVG files are static."""
    names = [f"includes/icons/{value}.svg" for value in (name, fallback) if value and ICON_NAME.match(value)]
    return mark_safe(select_template(names).render()) if names else ""  # noqa: S308 - our own static SVG files


@register.filter
def display_url(url):
    """An address as people say it: ``https://www.ica.coop/en/`` becomes ``ica.coop/en``."""
    parts = urlsplit(str(url or ""))
    if not parts.netloc:
        return url
    host = parts.netloc.removeprefix("www.")
    return f"{host}{parts.path}".rstrip("/")


@register.simple_tag
def page_links(page_obj, on_each_side=1, on_ends=1):
    """The page numbers to link to around ``page_obj``, with ``Paginator.ELLIPSIS`` for the gaps."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=on_ends))


# A page gets a contents list from this many section headings (level 2) in its body.
CONTENTS_MIN_SECTIONS = 3


@register.simple_tag
def page_contents(body):
    """``[{"anchor", "text"}]`` of the level-2 headings of a StreamField ``body`` (its raw data: no query), for an
    "On this page" list; ``[]`` for a short page (fewer than ``CONTENTS_MIN_SECTIONS``)."""
    from home.blocks import heading_anchors

    headings = [
        block.get("value") or {} for block in getattr(body, "raw_data", None) or [] if block.get("type") == "heading"
    ]
    anchors = heading_anchors(value.get("text") or "" for value in headings)
    entries = [
        {"anchor": anchor, "text": value["text"]}
        for value, anchor in zip(headings, anchors, strict=True)
        if value.get("text") and value.get("level", "h2") == "h2"
    ]
    return entries if len(entries) >= CONTENTS_MIN_SECTIONS else []


@register.simple_tag(takes_context=True)
def editor_userbar(context, position="bottom-right"):
    """Wagtail's userbar for those who may use the admin, and nothing (without a permission query) for anyone
    else (members.editors)."""
    request = context.get("request")
    if request is None or not may_use_admin(request):
        return ""
    from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

    return wagtailuserbar(context, position)
