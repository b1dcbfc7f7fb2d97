"""``{% page_content_cache %}…{% end_page_content_cache %}``: the page's rendered content from the shared cache
when the same audience has seen the same page in its current state (``home.fragment_cache``)."""

from django import template
from django.core.cache import cache

from home import fragment_cache

register = template.Library()


class PageContentCacheNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        key = fragment_cache.key_for(context)
        if key is None:
            return self.nodelist.render(context)
        html = cache.get(key)
        if html is not None:
            return html
        html = self.nodelist.render(context)
        if fragment_cache.storable(html):
            cache.set(key, html, fragment_cache.lifetime(context))
        return html


@register.tag("page_content_cache")
def page_content_cache(parser, token):
    nodelist = parser.parse(("end_page_content_cache",))
    parser.delete_first_token()
    return PageContentCacheNode(nodelist)
