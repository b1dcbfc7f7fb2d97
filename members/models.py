from django.conf import settings
from django.db import models


class RateLimitCounter(models.Model):
    """One fixed-window counter of ``members.throttle``: how many events ``key_hash`` has had in ``scope`` since
    ``window_start``. Kept in the database so that every process and server counts together."""

    scope = models.CharField(max_length=32, help_text="What is counted, e.g. reset-email.")
    key_hash = models.CharField(max_length=64, help_text="SHA-256 of who or what is counted (never in clear).")
    window_start = models.DateTimeField(help_text="When the current window began.")
    count = models.PositiveIntegerField(default=0, help_text="Events in the current window.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key_hash"], name="members_ratelimit_scope_key")]
        indexes = [models.Index(fields=["window_start"], name="members_ratelimit_window")]

    def __str__(self):
        return f"{self.scope} {self.key_hash[:8]}: {self.count}"


class TokenExpiry(models.Model):
    """When a personal API token made on "My account" stops working (``None``: never).

    Wagtail's ``APIToken`` has no expiry of its own; this row sits beside it. A token without a row (made in
    Wagtail's admin) never expires. ``members.tokens.token_for`` refuses a token whose time has passed, so an expired
    token is refused by the JSON API and by file downloads alike.
    """

    token = models.OneToOneField(
        "wagtailcore.APIToken",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="portal_expiry",
        help_text="The personal API token this expiry belongs to.",
    )
    expires_at = models.DateTimeField(null=True, blank=True, help_text="When the token stops working; empty: never.")

    class Meta:
        verbose_name = "API token expiry"
        verbose_name_plural = "API token expiries"

    def __str__(self):
        return f"{self.token_id}: {self.expires_at or 'never'}"


class FeedToken(models.Model):
    """A member's personal feed address (``/feeds/personal/<token>/documents/``): the token stands for its user in
    that one feed, which then lists what the user may see, members-only documents included. Only its SHA-256 is
    stored (the token carries 256 random bits); it is shown once, on "My account", where it can be revoked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_tokens", help_text="Whose feed."
    )
    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token (never in clear).")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True, help_text="When it was revoked; empty while it works.")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Feed token of {self.user} ({'revoked' if self.revoked_at else 'active'})"
