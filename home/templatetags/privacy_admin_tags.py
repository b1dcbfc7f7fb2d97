"""The admin's privacy dialog (``templates/wagtailadmin/shared/set_privacy.html``): which public pages link to the
page an editor is about to make private, so the links can be changed (a call to action, a highlight card, a rich
text link) before visitors follow them into a login page."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Page, ReferenceIndex

from members.access import visible_pages

register = template.Library()

MAX_LISTED = 20


def public_pages_linking_to(page):
    """The live pages an anonymous visitor may see that link to ``page`` (Wagtail's reference index: page choosers,
    rich text, StreamField), apart from ``page`` and the pages below it (a restriction hides those too), by title."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(page)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
        if str(object_id).isdigit()
    }
    if not ids:
        return []
    linking = Page.objects.filter(pk__in=ids).exclude(path__startswith=page.path)
    return list(visible_pages(None, linking).order_by("title")[:MAX_LISTED])


@register.simple_tag
def public_referrers(obj):
    """``[{"title", "edit_url", "url"}]`` for the privacy dialog; empty for anything but a page (collections share
    the dialog)."""
    if not isinstance(obj, Page):
        return []
    return [
        {"title": page.get_admin_display_title(), "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk])}
        for page in public_pages_linking_to(obj)
    ]
