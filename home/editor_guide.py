"""The editor's guide (``docs/editors.md``) served inside the admin, where the Help menu's "Editor guide" points.

The guide is written once, in Markdown in the repository (GitHub shows it too); here it is rendered to HTML with
markdown-it-py (CommonMark, tables on, raw HTML off: anything looking like markup in the guide is shown as text, and
links with unsafe schemes are dropped), its headings get GitHub's anchor ids so the contents list works, and its
screenshots are served from ``docs/screenshots/`` beside it. The rendering is kept per file modification time.
"""

import functools
import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView
from markdown_it import MarkdownIt
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

SCREENSHOT_NAME = re.compile(r"^editor-[a-z0-9-]+\.png$")


def guide_path():
    return Path(settings.BASE_DIR) / "docs" / "editors.md"


def heading_id(text):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]", "", text.lower())
    return re.sub(r"[^\w\- ]", "", text).strip().replace(" ", "-")


@functools.lru_cache(maxsize=4)
def _render(path, modified):
    markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = markdown.parse(Path(path).read_text(encoding="utf-8"))
    for position, token in enumerate(tokens):
        if token.type == "heading_open":
            token.attrSet("id", heading_id(tokens[position + 1].content))
    # Raw HTML is off, so the HTML is markdown-it's own output.
    return mark_safe(markdown.renderer.render(tokens, markdown.options, {}))  # noqa: S308


def render_guide():
    """The guide as HTML (safe: raw HTML in the Markdown is escaped)."""
    path = guide_path()
    return _render(str(path), path.stat().st_mtime_ns)


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    """``/admin/editor-guide/``: for anyone who may use the admin (Wagtail's admin URLs require it)."""

    template_name = "home/admin/editor_guide.html"
    page_title = "Editor guide"
    header_icon = "help"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "guide": render_guide()}


def editor_guide_screenshot(request, name):
    """A picture of the guide (``docs/screenshots/editor-*.png``); any other name is a 404."""
    if not SCREENSHOT_NAME.match(name):
        raise Http404("No such picture in the editor's guide.")
    path = guide_path().parent / "screenshots" / name
    if not path.is_file():
        raise Http404("No such picture in the editor's guide.")
    return FileResponse(path.open("rb"), content_type="image/png")
