"""The documents library's lists for the templates of other pages: ``{% load library_tags %}``.

The home page shows the latest documents through this tag rather than asking ``documents`` itself: the library's
page type is built on ``home``'s ``BasePage``, so ``home`` imports nothing from ``documents``.
"""

from django import template

from documents import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def latest_documents(context, limit=3):
    """``{% latest_documents as documents %}``: the newest documents the current request may see, members-only ones
    marked, one per translation set in the page's language (``documents.selectors.latest_documents``), other than
    those the page's body already lists (``documents_in_body``) and their other versions, so a "Recently published"
    block and this list never show the same reports, in one language or another."""
    page = context.get("page")
    exclude = page.documents_in_body() if hasattr(page, "documents_in_body") else ()
    return selectors.latest_documents(context.get("request"), limit=limit, exclude=exclude)
