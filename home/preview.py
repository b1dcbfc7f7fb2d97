"""Headless preview: editors preview a page's draft in the external front end named by ``HEADLESS_PREVIEW_URL``.

Choosing "Front end (headless)" in the page editor's preview panel sends the panel to
``HEADLESS_PREVIEW_URL?token=<token>``; the front end fetches ``/api/v2/preview/?token=<token>`` and renders the JSON
exactly as it renders ``/api/v2/pages/<id>/``.

The token is signed with the secret key and names the page, the revision (the latest saved draft: Wagtail saves
drafts as the editor types) and the editor. It expires after ``HEADLESS_PREVIEW_MAX_AGE`` seconds, and is refused
once the editor may no longer edit the page or their account is deactivated. A draft of a page under a view
restriction (a members-only page) is shown only to a request made *as that editor* (their session, or their own
personal API token): the token alone, copied or leaked, does not reveal it.

wagtail-headless-preview is not used: it supports Wagtail 7, its tokens do not expire and are not bound to an
editor, and it keeps copies of drafts in a table of its own.
"""

from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.http import urlencode
from wagtail.models import Page

PREVIEW_MODE = "headless"
PREVIEW_MODE_LABEL = "Front end (headless)"
# The salt keeps the name of the module this lived in first, so tokens already handed out stay valid.
SALT = "portal.api.headless-preview"


class PreviewTokenError(Exception):
    pass


def preview_enabled():
    return bool(getattr(settings, "HEADLESS_PREVIEW_URL", ""))


def make_token(page_id, revision_id, user_id):
    return signing.dumps({"page": page_id, "revision": revision_id, "user": user_id}, salt=SALT)


def read_token(token):
    """The token's ``{"page", "revision", "user"}``; ``PreviewTokenError`` when forged, malformed or expired."""
    try:
        payload = signing.loads(token or "", salt=SALT, max_age=settings.HEADLESS_PREVIEW_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError) as error:  # SignatureExpired is a BadSignature
        raise PreviewTokenError from error
    if not isinstance(payload, dict) or not all(
        isinstance(payload.get(key), int) for key in ("page", "revision", "user")
    ):
        raise PreviewTokenError
    return payload


def preview_response(page, request):
    """The preview panel's answer: a redirect to the front end with a fresh token for the latest draft."""
    revision_id = None
    if page.pk:
        revision_id = Page.objects.filter(pk=page.pk).values_list("latest_revision_id", flat=True).first()
    if revision_id is None or not request.user.is_authenticated:
        response = HttpResponse(
            format_html(
                "<!DOCTYPE html><html lang='en'><title>{0}</title><p>{1}</p></html>",
                "Preview in the front end",
                "Save a draft of this page first: the front end shows the latest saved draft.",
            )
        )
    else:
        token = make_token(page.pk, revision_id, request.user.pk)
        response = redirect(f"{settings.HEADLESS_PREVIEW_URL}?{urlencode({'token': token})}")
    add_never_cache_headers(response)
    return response


class HeadlessPreviewMixin:
    """Adds the "Front end (headless)" preview mode to a page type when ``HEADLESS_PREVIEW_URL`` is set."""

    @property
    def preview_modes(self):
        modes = list(super().preview_modes)
        if preview_enabled():
            modes.append((PREVIEW_MODE, PREVIEW_MODE_LABEL))
        return modes

    def make_preview_request(self, original_request=None, preview_mode=None, extra_request_attrs=None):
        # Answered here rather than in serve_preview, which RoutablePageMixin replaces for the documents library.
        if preview_mode == PREVIEW_MODE and preview_enabled() and original_request is not None:
            return preview_response(self, original_request)
        return super().make_preview_request(original_request, preview_mode, extra_request_attrs)
