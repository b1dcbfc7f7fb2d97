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
