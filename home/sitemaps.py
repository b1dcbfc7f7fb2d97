from wagtail.contrib.sitemaps import Sitemap

from members.access import visible_pages


class PublicPagesSitemap(Sitemap):
    """Pages an anonymous visitor may see. The sitemap is public, so it is the same for everyone,
    members included: it is built for "nobody logged in" (``request=None`` in the access module)."""

    def items(self):
        root = self.get_wagtail_site().root_page
        pages = visible_pages(None, root.get_descendants(inclusive=True))
        return pages.order_by("path").defer_streamfields().specific()
