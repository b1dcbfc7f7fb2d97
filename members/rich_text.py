"""Rich-text links that respect the access module.

Editors may link from any page to any page or document. When the page is shown to someone who may not see
the link's target (a members' page, a members-only document), the link is rendered as plain text: its
address would otherwise name the hidden page or file. The request comes from ``members.access``'s
per-request context; outside a request the rule for an anonymous visitor applies.

The page handler also reads plain ``Page`` rows in one query: a link needs only the page's address, not
the specific page that Wagtail's own handler loads with a second query.
"""

from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from members import access


def _ids(attrs_list):
    return [str(attrs.get("id", "")) for attrs in attrs_list]


class AccessAwarePageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = _ids(attrs_list)
        pages = {str(page.pk): page for page in Page.objects.filter(pk__in=[i for i in ids if i.isdigit()])}
        request = access.current_request()
        return [
            page if page is not None and access.can_view_page(request, page) else None
            for page in (pages.get(i) for i in ids)
        ]


class AccessAwareDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = _ids(attrs_list)
        documents = cls.get_model().objects.without_text().in_bulk([int(i) for i in ids if i.isdigit()])
        visible = {
            document.pk for document in access.filter_visible_documents(access.current_request(), documents.values())
        }
        return [documents.get(int(i)) if i.isdigit() and int(i) in visible else None for i in ids]
