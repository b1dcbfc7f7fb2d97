"""Members' personal API tokens: Wagtail's own ``APIToken`` (stored as a keyed hash, shown once), and the DRF
authentication class that lets ``Authorization: Bearer <token>`` stand for its owner on the JSON API.

A request with a token is its owner's request: what it may see is then decided by ``members.access`` exactly as for
the owner's browser. A header that is present but not a live token — unknown, revoked, malformed, another scheme
such as HTTP Basic, or the token of a deactivated account — is refused with 401 and never falls back to anonymous
access, so a client with a broken token finds out at once instead of silently seeing public content only.
"""

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from wagtail.models import APIToken

# How often, at most, a token's "last used" time is written (one UPDATE per token per interval, not per request).
LAST_USED_INTERVAL = getattr(settings, "WAGTAILAPI_TOKEN_LAST_USED_INTERVAL", 60)
MAX_TOKENS_PER_USER = 10
REFUSAL = "Invalid, expired or revoked token. Send a personal API token as 'Authorization: Bearer <token>'."


def active_tokens(user):
    """The user's tokens that still work, newest first."""
    return APIToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created", "-pk")


def create_token(user, name):
    """A new token for ``user``: ``(token, plaintext)``. Only a hash is stored; the plaintext exists only here."""
    return APIToken.create_token(user=user, name=name)


def revoke_token(user, token_id):
    """Revoke one of ``user``'s own live tokens; ``False`` when there is no such token."""
    token = active_tokens(user).filter(pk=token_id).first()
    if token is None:
        return False
    token.revoke()
    return True


def token_for(plaintext):
    """The live token a plaintext stands for, with its user, or ``None``.

    The format (prefix, length, checksum) is checked first, so garbage costs no query. The stored value is an HMAC of
    the token with the secret key; the current key and ``SECRET_KEY_FALLBACKS`` are tried, so tokens survive a key
    rotation.
    """
    if not APIToken.validate_token_format(plaintext):
        return None
    return (
        APIToken.objects.select_related("user")
        .filter(key_hash__in=APIToken.candidate_key_hashes(plaintext), revoked_at__isnull=True)
        .first()
    )


class BearerTokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer <personal API token>`` for the JSON API; no other scheme is accepted."""

    keyword = b"bearer"

    def authenticate(self, request):
        header = get_authorization_header(request)
        if not header:
            return None
        scheme, _, credentials = header.partition(b" ")
        credentials = credentials.strip()
        if scheme.lower() != self.keyword or not credentials or b" " in credentials:
            raise exceptions.AuthenticationFailed(REFUSAL)
        try:
            plaintext = credentials.decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(REFUSAL) from error
        token = token_for(plaintext)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(REFUSAL)
        self._touch(token)
        return token.user, token

    def authenticate_header(self, request):
        # Present, so DRF answers 401 (not 403) and tells the client which scheme to use.
        return 'Bearer realm="api"'

    @staticmethod
    def _touch(token):
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= LAST_USED_INTERVAL:
            APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
