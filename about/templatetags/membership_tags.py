"""The membership page, for templates of apps that may not import a page type (the "members only" page of
``members``): ``{% load membership_tags %}{% membership_page as page %}``."""

from django import template
from wagtail.models import Page

from about.models import WhyJoinPage
from members.access import visible_pages

register = template.Library()


@register.simple_tag(takes_context=True)
def membership_page(context):
    """The first "Why join" page the current request may see, or ``None``: where to read why and how to join."""
    return visible_pages(context.get("request"), Page.objects.type(WhyJoinPage)).first()
