"""Members' personal feed tokens (``members.models.FeedToken``): made, found and revoked here.

A user has at most one live token: making a new one revokes the old. The token is in the feed's address (feed
readers cannot send headers), so its answers are ``private, no-store`` (``members.cache_policy``), and a revoked
or unknown token answers 404.
"""

import hashlib
import re
import secrets

from django.utils import timezone

from members.models import FeedToken

TOKEN_FORMAT = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _hash(plaintext):
    return hashlib.sha256(plaintext.encode()).hexdigest()


def active_token(user):
    return FeedToken.objects.filter(user=user, revoked_at__isnull=True).first()


def create_token(user):
    """A new feed token for ``user`` (the old one stops working); returns the plaintext, never stored."""
    revoke_tokens(user)
    plaintext = secrets.token_urlsafe(32)
    FeedToken.objects.create(user=user, token_hash=_hash(plaintext))
    return plaintext


def revoke_tokens(user):
    """Revoke ``user``'s live feed token; ``True`` when there was one."""
    return bool(FeedToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now()))


def user_for(plaintext):
    """The active user a live token stands for, or ``None``."""
    if not TOKEN_FORMAT.match(plaintext or ""):
        return None
    token = (
        FeedToken.objects.select_related("user")
        .filter(token_hash=_hash(plaintext), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return token.user if token is not None else None
