"""Template tags of the members' app: what the private areas say to whoever is looking at them."""

import math

from django import template
from django.conf import settings
from django.contrib.auth.views import redirect_to_login

from members import access

register = template.Library()


def private_area_status(request, page):
    """What the private areas' entry page (``access.private_areas_page``) says to ``request``, or ``None`` on any
    other page.

    * ``member``: a welcome, and what they can reach (the section's pages, listed below it, and the members-only
      documents, counted with ``access`` as the library lists them to them: one query);
    * ``anonymous``: the login invitation, back to this page (the page itself sends them there; kept for safety);
    * ``not_member``: logged in, but this account may not read the area (the page itself answers with the
      "members only" page; kept for safety).
    """
    if request is None or page is None or not access.is_private_areas_entry(request, page):
        return None
    user = request.user
    if not user.is_authenticated:
        login = redirect_to_login(page.get_url(request), settings.LOGIN_URL)["Location"]
        return {"state": "anonymous", "login_url": login}
    if not access.can_view_page(request, page):
        return {"state": "not_member", "username": user.get_username()}
    restricted = access.restricted_collection_ids(request)
    documents = access.visible_documents(request).filter(collection_id__in=restricted).count() if restricted else 0
    return {
        "state": "member",
        "name": user.get_full_name() or user.get_username(),
        "documents": documents,
    }


@register.inclusion_tag("tags/private_area_status.html", takes_context=True)
def private_area_welcome(context, page):
    """``private_area_status`` for the current request, rendered (nothing on other pages)."""
    return {"status": private_area_status(context.get("request"), page)}


@register.filter
def whole_minutes(duration):
    """A ``timedelta`` in whole minutes, rounded up (at least 1): the lock-out page says "15 minutes", not axes'
    ISO 8601 "PT15M"."""
    return max(1, math.ceil(duration.total_seconds() / 60))
