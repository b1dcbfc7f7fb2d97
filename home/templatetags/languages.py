"""The header's language switcher (``{% language_switcher %}``): the page being read in each language.

The links come from ``home.language_links``: a page's visible translation in each language, else that language's
home page; on other views (search, login, "My account") the same view in each language. Each link is plain, so it
works without JavaScript; ``static/js/language-switcher.js`` also remembers the choice in the language cookie, which
is where ``/`` sends the visitor next time (``portal.i18n``).
"""

from django import template
from django.conf import settings
from django.utils import translation

from home.language_links import switcher_links

register = template.Library()


@register.inclusion_tag("tags/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    return {
        "links": switcher_links(request, context.get("page"), translation.get_language()),
        "cookie_name": settings.LANGUAGE_COOKIE_NAME,
        "cookie_age": settings.LANGUAGE_COOKIE_AGE,
    }
