"""Site navigation: the main menu, breadcrumbs, the header's sign-in link and the footer.

Every page list here comes through ``members.access.visible_pages`` so that a section a visitor may not see never
appears in their menu, and each tag runs a fixed number of queries however many pages there are.
"""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import resolve_url
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from wagtail.models import Page

from home.models import SiteSettings
from home.navigation_cache import cached_rows, site_root
from members.access import visible_pages

register = template.Library()

# The fields a menu or breadcrumb link needs; loading whole rows would fetch every page's full column set.
LINK_FIELDS = ("id", "path", "depth", "title", "url_path", "live", "show_in_menus")


def _current_marker(item, current):
    """``aria-current`` for a menu link: "page" on the current page, "true" on the section that contains it."""
    if current is None or not getattr(current, "path", None):
        return None
    if item.path == current.path:
        return "page"
    if current.path.startswith(item.path):
        return "true"
    return None


class _Link:
    """A menu row's tree position, for ``_current_marker``."""

    def __init__(self, path):
        self.path = path


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context):
    """The header menu: the site root's children marked "show in menus", each with its own such children.

    One query for both levels: the visible, live descendants of the root at depth +1 and +2 that are marked
    "show in menus", in tree order; a child is listed only when its parent is.
    """
    request = context.get("request")
    root = site_root(request)
    current = context.get("page")
    if root is None:
        return {"menu_items": []}

    def menu_rows():
        pages = visible_pages(
            request,
            Page.objects.filter(
                path__startswith=root.path, depth__in=(root.depth + 1, root.depth + 2), show_in_menus=True
            ),
        ).only(*LINK_FIELDS)
        return [(page.path, page.depth, page.title, page.get_url(request)) for page in pages.order_by("path")]

    items = []
    by_path = {}
    for path, depth, title, url in cached_rows(request, root, "menu", menu_rows):
        page = _Link(path)
        entry = {
            "title": title,
            "url": url,
            "current": _current_marker(page, current),
            "children": [],
        }
        if depth == root.depth + 1:
            by_path[page.path] = entry
            items.append(entry)
        else:
            parent = by_path.get(path[: -Page.steplen])
            if parent is not None:
                parent["children"].append(entry)
    for index, entry in enumerate(items, start=1):
        entry["submenu_id"] = f"submenu-{index}"
    return {"menu_items": items}


@register.inclusion_tag("tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, current_title=""):
    """A "Breadcrumb" trail from the home page to ``page`` (or to a non-page view titled ``current_title``).

    Nothing is shown on the home page itself. One query for the ancestors between the site root and ``page``,
    through the access module so that an unpublished ancestor is left out rather than linked to a 404.
    """
    request = context.get("request")
    root = site_root(request)
    if root is None or (page is None and not current_title):
        return {"crumbs": []}
    if page is not None and (not page.path or page.depth <= root.depth or not page.path.startswith(root.path)):
        return {"crumbs": []}

    crumbs = [{"title": root.title, "url": root.get_url(request)}]
    if page is not None:

        def ancestor_rows():
            ancestors = visible_pages(
                request, Page.objects.ancestor_of(page).filter(depth__gt=root.depth, path__startswith=root.path)
            ).only(*LINK_FIELDS)
            return [{"title": ancestor.title, "url": ancestor.get_url(request)} for ancestor in ancestors]

        crumbs.extend(cached_rows(request, root, "crumbs", ancestor_rows, page.path))
        current_title = page.title
    return {"crumbs": crumbs, "current_title": current_title}


@register.inclusion_tag("tags/account_link.html", takes_context=True)
def account_link(context):
    """The header's way into the private areas: a sign-in link that leads into them, or who is signed in.

    The sign-in address is ``settings.LOGIN_URL``; signing out is a POST form (Django's ``LogoutView`` refuses
    GET) shown when the project has a ``members:logout`` URL.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        try:
            logout_url = reverse("members:logout")
        except NoReverseMatch:
            logout_url = ""
        return {"username": user.get_username(), "logout_url": logout_url, "csrf_token": context.get("csrf_token")}
    # No ``next``: "Private areas access" leads into the private areas, where the login sends a member by default
    # (members.views.LoginView). Addresses that need a login send their own ``next``.
    return {"login_url": resolve_url(settings.LOGIN_URL)}


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer (``tags/site_footer.html``): the organisation's details and links from the site settings.

    It shows nothing but those settings (their texts in the page's language, ``SiteSettings.for_request``) and the
    year, the same for every page and visitor of one language, so where the cache is shared (``CACHE_IS_SHARED``) it
    is rendered once per language and kept until ``SiteSettings`` or ``SiteTexts`` ``save`` or ``delete`` clears it;
    the year is checked on every request.
    """
    request = context.get("request")
    year = timezone.localdate().year
    if request is None:
        site_settings = context["settings"]["home"]["SiteSettings"]
        return render_to_string("tags/site_footer.html", {"site_settings": site_settings, "year": year})
    site_settings = SiteSettings.for_request(request)
    language = translation.get_language()
    key = SiteSettings.footer_cache_key(site_settings.site_id, language) if settings.CACHE_IS_SHARED else None
    cached = cache.get(key) if key else None
    if cached is not None and cached[0] == year:
        return cached[1]
    html = render_to_string("tags/site_footer.html", {"site_settings": site_settings, "year": year})
    if key:
        cache.set(key, (year, html), 60 * 60)
    return html
