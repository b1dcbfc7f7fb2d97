"""Share links: ``/share/<token>/`` serves one document (or one chosen version) to someone without an account.

The link is the only credential: no access hook runs, no listing or other version is reachable through it, and
every answer under ``/share/`` is ``private, no-store`` (``members.cache_policy``). An unknown token answers 404;
an expired, revoked or used-up link answers 410 with a page that says so in plain words (never the login page, which
the visitor has no account for). Unknown tokens are counted per client address (``members.throttle``): past
``SHARE_LINK_RATE_LIMIT`` in ``SHARE_LINK_RATE_WINDOW`` seconds that address gets 429 for every share link until
the window ends. Good links are not counted: a PDF viewer fetching ranges of a shared file makes many requests.
"""

import re
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.api.utils import get_full_url

from documents import audit, serving
from documents.labels import share_day_choices
from documents.models import PortalDocument, ShareLink
from members import access, throttle

THROTTLE_SCOPE = "share-link-miss"
TOKEN_FORMAT = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
GONE_REASONS = {
    "expired": _("This share link has expired."),
    "revoked": _("This share link has been withdrawn by the person who shared it."),
    "used up": _("This share link has already been used as many times as it allows."),
}


def _unavailable(request, heading, message, status):
    return TemplateResponse(
        request, "documents/share_unavailable.html", {"heading": heading, "message": message}, status=status
    )


def _too_many(request):
    response = _unavailable(
        request,
        gettext("Too many attempts"),
        gettext("Too many unknown share links were tried from your connection. Wait a minute and open the link again."),
        429,
    )
    response["Retry-After"] = str(settings.SHARE_LINK_RATE_WINDOW)
    return response


def share_url(request, plaintext):
    """The full address of a share link (on the Site's address)."""
    return get_full_url(request, reverse("document_share", args=[plaintext]))


def _count_link_download(link):
    def on_download(request, document, version):
        # Counted atomically and only below the limit: two downloads at once cannot both take the last one.
        limit = Q(max_downloads__isnull=True) | Q(download_count__lt=F("max_downloads"))
        ShareLink.objects.filter(limit, pk=link.pk).update(download_count=F("download_count") + 1)
        audit.record_download(request, document, version, share_link=link)

    return on_download


def share_download(request, token):
    """The file a share link opens, or why it no longer does."""
    address = throttle.client_address(request)
    limits = (settings.SHARE_LINK_RATE_LIMIT, settings.SHARE_LINK_RATE_WINDOW)
    if throttle.is_over(THROTTLE_SCOPE, address, *limits):
        return _too_many(request)
    link = ShareLink.for_token(token) if TOKEN_FORMAT.match(token) else None
    if link is None:
        if not throttle.count_and_check(THROTTLE_SCOPE, address, *limits):
            return _too_many(request)
        raise Http404("No such share link.")
    state = link.state
    if state != "active":
        return _unavailable(
            request,
            gettext("This link no longer works"),
            gettext("%(reason)s Ask the person who sent it to you for a new one.") % {"reason": GONE_REASONS[state]},
            410,
        )
    return serving.document_response(
        request, link.document, version=link.version, on_download=_count_link_download(link)
    )


class MemberShareForm(forms.Form):
    days = forms.TypedChoiceField(
        label=_("Link works for"),
        choices=share_day_choices,
        coerce=int,
        initial=7,
    )
    max_downloads = forms.IntegerField(
        label=_("Downloads allowed (optional)"), required=False, min_value=1, max_value=1000
    )
    note = forms.CharField(label=_("Who it is for (optional)"), max_length=200, required=False)


@login_required
@require_POST
def member_share(request, document_id):
    """A member makes a share link to a members-only document they may see (``MEMBERS_MAY_SHARE``). A document they
    may not see, a public one or a site that does not allow it answers as a missing page."""
    if not settings.MEMBERS_MAY_SHARE:
        raise Http404
    document = get_object_or_404(
        access.visible_documents(request, PortalDocument.objects.without_text()), pk=document_id
    )
    if not access.is_restricted_collection(request, document.collection_id):
        raise Http404
    form = MemberShareForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request, "documents/share_created.html", {"document": document, "form": form}, status=400
        )
    link = ShareLink(
        document=document,
        expires_at=timezone.now() + timedelta(days=form.cleaned_data["days"]),
        max_downloads=form.cleaned_data["max_downloads"],
        note=form.cleaned_data["note"],
        created_by=request.user,
    )
    plaintext = link.issue_token()
    link.full_clean()
    link.save()
    return TemplateResponse(
        request,
        "documents/share_created.html",
        {"document": document, "link": link, "share_url": share_url(request, plaintext)},
    )
