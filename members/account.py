"""'My account': a logged-in user's personal API tokens for the JSON API, and their personal feed address.

A new token is shown once, in the response to the form that made it, and never again: it is not put in the session,
a message or a redirect address, and only its hash is stored. Every page here is private (``PrivateResponseMiddleware``
sends ``private, no-store`` to logged-in users), so no cache keeps a token.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.api.utils import get_full_url

from members import feed_tokens, tokens


def expiry_choices():
    """The lifetimes offered for a new token, worded in the active language (a callable: the form's choices are
    read again for each request, so a French page says "Dans 30 jours")."""
    return [
        (str(days), ngettext("In %(count)s day", "In %(count)s days", days) % {"count": days})
        if days
        else ("never", pgettext("API token", "Never"))
        for days in tokens.EXPIRY_CHOICES
    ]


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label=_("Token name"),
        help_text=_("What the token is for, e.g. 'Members' app on my phone', so you know which one to revoke."),
    )
    expires_in = forms.TypedChoiceField(
        label=pgettext_lazy("API token", "Expires"),
        choices=expiry_choices,
        initial=str(tokens.DEFAULT_EXPIRY_DAYS),
        coerce=lambda value: None if value == "never" else int(value),
        empty_value=tokens.DEFAULT_EXPIRY_DAYS,
        required=False,
        help_text=_("A token stops working on its own after this time; you can revoke it sooner."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean(self):
        cleaned = super().clean()
        if tokens.active_tokens(self.user).count() >= tokens.MAX_TOKENS_PER_USER:
            limit = tokens.MAX_TOKENS_PER_USER
            raise forms.ValidationError(
                ngettext(
                    "You already have %(count)s token. Revoke it first if you no longer use it.",
                    "You already have %(count)s tokens. Revoke one you no longer use first.",
                    limit,
                )
                % {"count": limit}
            )
        return cleaned


def _token_rows(user):
    """The user's tokens for the table, each with ``expires_at`` and ``is_expired`` for its status."""
    now = timezone.now()
    rows = list(tokens.listed_tokens(user))
    for token in rows:
        token.expires_at = tokens.expires_at(token)
        token.is_expired = tokens.is_expired(token, now)
    return rows


def personal_feed_url(request, plaintext):
    """The full address of a personal feed. The feed view is the documents app's (``members`` imports no page app):
    it is found by its URL name."""
    return get_full_url(request, reverse("documents_personal_feed", args=[plaintext]))


def _render(request, form, new_token=None, status=200, new_feed_url=None):
    context = {
        "feed_token": feed_tokens.active_token(request.user),
        "new_feed_url": new_feed_url,
        "form": form,
        "tokens": _token_rows(request.user),
        "new_token": new_token,
        # On the Site's address, like every absolute address the portal writes (home/site_address.py).
        "api_root": get_full_url(request, "/api/v2/"),
        "openapi_url": get_full_url(request, reverse("api_openapi")),
    }
    return TemplateResponse(request, "members/account.html", context, status=status)


@login_required
def account(request):
    """The account page; a POST creates a token and shows its only copy."""
    if request.method == "POST":
        form = TokenForm(request.POST, user=request.user)
        if form.is_valid():
            token, plaintext = tokens.create_token(
                request.user, form.cleaned_data["name"], days=form.cleaned_data["expires_in"]
            )
            return _render(
                request,
                TokenForm(user=request.user),
                new_token={"token": token, "plaintext": plaintext, "expires_at": tokens.expires_at(token)},
            )
        return _render(request, form, status=400)
    return _render(request, TokenForm(user=request.user))


@login_required
def revoke_token(request, token_id):
    """Revoking asks first: GET shows a confirmation page (a plain form, no script needed), POST revokes.

    Only the user's own tokens are found; anyone else's (or an unknown one) is a 404 on the confirmation page and
    "not found" on the POST.
    """
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method != "POST":
        token = tokens.listed_tokens(request.user).filter(pk=token_id).first()
        if token is None:
            raise Http404
        return TemplateResponse(request, "members/revoke_token.html", {"token": token})
    if tokens.revoke_token(request.user, token_id):
        messages.success(request, gettext("The token was revoked. Requests that use it are now refused."))
    else:
        messages.error(request, gettext("That token was not found; it may have been revoked already."))
    return redirect("members:account")


@login_required
@require_POST
def create_feed_token(request):
    """A new personal feed address, shown once in this response (the previous address stops working)."""
    plaintext = feed_tokens.create_token(request.user)
    return _render(request, TokenForm(user=request.user), new_feed_url=personal_feed_url(request, plaintext))


@login_required
@require_POST
def revoke_feed_token(request):
    if feed_tokens.revoke_tokens(request.user):
        messages.success(request, gettext("Your feed address was revoked. Feed readers that use it now get nothing."))
    else:
        messages.error(request, gettext("You have no feed address to revoke."))
    return redirect("members:account")
