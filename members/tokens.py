"""Members' personal API tokens: Wagtail's own ``APIToken`` (stored as a keyed hash, shown once) with an optional
expiry (``members.models.TokenExpiry``), the DRF authentication class that lets ``Authorization: Bearer <token>``
stand for its owner on the JSON API, and ``bearer_token_allowed``, which does the same for file downloads
(``/files/...`` and ``/media/...``) so that a headless front end can fetch what the token's owner may see.

A request with a token is its owner's request: what it may see is then decided by ``members.access`` exactly as for
the owner's browser. A header that is present but not a live token — unknown, revoked, expired, malformed, another
scheme such as HTTP Basic, or the token of a deactivated account — is refused with 401 and never falls back to
anonymous access (nor to a login redirect), so a client with a broken token finds out at once instead of silently
seeing public content only.
"""

import json
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from wagtail.models import APIToken

from members import cache_policy
from members.models import TokenExpiry

# How often, at most, a token's "last used" time is written (one UPDATE per token per interval, not per request).
LAST_USED_INTERVAL = getattr(settings, "WAGTAILAPI_TOKEN_LAST_USED_INTERVAL", 60)
MAX_TOKENS_PER_USER = 10
REFUSAL = "Invalid, expired or revoked token. Send a personal API token as 'Authorization: Bearer <token>'."
# The lifetimes offered on "My account", in days (``None``: never expires), and the one chosen by default.
EXPIRY_CHOICES = (30, 90, 365, None)
DEFAULT_EXPIRY_DAYS = 90


class InvalidToken(Exception):
    """An ``Authorization`` header was sent, but it is not a live personal token."""


def _unexpired(now=None):
    now = now or timezone.now()
    return (
        Q(portal_expiry__isnull=True) | Q(portal_expiry__expires_at__isnull=True) | Q(portal_expiry__expires_at__gt=now)
    )


def listed_tokens(user):
    """The user's tokens that are not revoked, expired ones included (shown as such), newest first."""
    return (
        APIToken.objects.filter(user=user, revoked_at__isnull=True)
        .select_related("portal_expiry")
        .order_by("-created", "-pk")
    )


def active_tokens(user):
    """The user's tokens that still work (neither revoked nor expired), newest first."""
    return listed_tokens(user).filter(_unexpired())


def expires_at(token):
    """When ``token`` stops working, or ``None`` for never."""
    try:
        return token.portal_expiry.expires_at
    except TokenExpiry.DoesNotExist:
        return None


def is_expired(token, now=None):
    moment = expires_at(token)
    return moment is not None and moment <= (now or timezone.now())


def create_token(user, name, days=None):
    """A new token for ``user``: ``(token, plaintext)``, working for ``days`` days (``None``: until revoked).

    Only a hash is stored; the plaintext exists only here.
    """
    token, plaintext = APIToken.create_token(user=user, name=name)
    TokenExpiry.objects.create(token=token, expires_at=timezone.now() + timedelta(days=days) if days else None)
    return token, plaintext


def revoke_token(user, token_id):
    """Revoke one of ``user``'s own tokens (live or expired); ``False`` when there is no such token."""
    token = listed_tokens(user).filter(pk=token_id).first()
    if token is None:
        return False
    token.revoke()
    return True


def token_for(plaintext):
    """The live (not revoked, not expired) token a plaintext stands for, with its user, or ``None``.

    The format (prefix, length, checksum) is checked first, so garbage costs no query. The stored value is an HMAC of
    the token with the secret key; the current key and ``SECRET_KEY_FALLBACKS`` are tried, so tokens survive a key
    rotation.
    """
    if not APIToken.validate_token_format(plaintext):
        return None
    return (
        APIToken.objects.select_related("user")
        .filter(key_hash__in=APIToken.candidate_key_hashes(plaintext), revoked_at__isnull=True)
        .filter(_unexpired())
        .first()
    )


def token_from_header(header):
    """The live token an ``Authorization`` header (bytes) carries; ``None`` when there is no header.

    Raises ``InvalidToken`` for anything else: another scheme, a malformed or unknown token, a revoked or expired one,
    or one whose owner's account is deactivated.
    """
    if not header:
        return None
    scheme, _, credentials = header.partition(b" ")
    credentials = credentials.strip()
    if scheme.lower() != b"bearer" or not credentials or b" " in credentials:
        raise InvalidToken
    try:
        plaintext = credentials.decode("ascii")
    except UnicodeDecodeError as error:
        raise InvalidToken from error
    token = token_for(plaintext)
    if token is None or not token.user.is_active:
        raise InvalidToken
    touch(token)
    return token


def touch(token):
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= LAST_USED_INTERVAL:
        APIToken.objects.filter(pk=token.pk).update(last_used_at=now)


class BearerTokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer <personal API token>`` for the JSON API; no other scheme is accepted."""

    def authenticate(self, request):
        try:
            token = token_from_header(get_authorization_header(request))
        except InvalidToken as error:
            raise exceptions.AuthenticationFailed(REFUSAL) from error
        if token is None:
            return None
        return token.user, token

    def authenticate_header(self, request):
        # Present, so DRF answers 401 (not 403) and tells the client which scheme to use.
        return 'Bearer realm="api"'


def refusal_response(request):
    """401 for a file request with a bad token: JSON when the client asks for it, plain text otherwise."""
    if "json" in request.headers.get("Accept", ""):
        response = HttpResponse(json.dumps({"message": REFUSAL}), status=401, content_type="application/json")
    else:
        response = HttpResponse(REFUSAL + "\n", status=401, content_type="text/plain; charset=utf-8")
    response["WWW-Authenticate"] = 'Bearer realm="files", error="invalid_token"'
    return cache_policy.make_private(response)


def bearer_token_allowed(view):
    """Let ``Authorization: Bearer <token>`` stand for its owner on a file-serving view.

    With a live token the request is the token owner's for the rest of the view (``request.user``), so
    ``members.access`` lets through exactly what the owner may see, and the answer is ``private, no-store``
    (``members.cache_policy`` treats any ``Authorization`` header so). A non-member's token gets the same 404 as a
    hidden or missing file. A bad token is a 401 with ``WWW-Authenticate: Bearer``, never a login redirect.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            token = token_from_header(request.META.get("HTTP_AUTHORIZATION", "").encode("latin-1", "replace"))
        except InvalidToken:
            return refusal_response(request)
        if token is not None:
            request.user = token.user
            request.auth_token = token
            for memo in ("_access_group_ids", "_access_rows"):
                request.__dict__.pop(memo, None)
            cache_policy.mark_private(request)
        return view(request, *args, **kwargs)

    return wrapped
