"""Fixed-window counters for throttling what costs an e-mail (password resets).

The counters are rows of ``RateLimitCounter`` in the database, updated under a row lock, so the limits hold
across every process and server whatever the cache is. Identifiers are hashed, so no e-mail address is kept in
clear. Expired rows of a scope are deleted as the scope is counted.
"""

import hashlib
from datetime import timedelta

from axes.helpers import get_client_ip_address
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from members.models import RateLimitCounter


def client_address(request):
    """The client's address, read as django-axes reads it (``AXES_IPWARE_*`` behind a proxy)."""
    return get_client_ip_address(request) or "unknown"


def count_and_check(scope, identifier, limit, window):
    """Count one more event for ``identifier`` in ``scope``; ``True`` while the count is within ``limit`` per
    ``window`` seconds (the first event of a window starts it)."""
    key_hash = hashlib.sha256(str(identifier).encode()).hexdigest()
    now = timezone.now()
    window_began_after = now - timedelta(seconds=window)
    with transaction.atomic():
        RateLimitCounter.objects.filter(scope=scope, window_start__lte=window_began_after).exclude(
            key_hash=key_hash
        ).delete()
        counter, created = RateLimitCounter.objects.select_for_update().get_or_create(
            scope=scope, key_hash=key_hash, defaults={"window_start": now, "count": 1}
        )
        if created:
            return limit >= 1
        rows = RateLimitCounter.objects.filter(pk=counter.pk)
        if counter.window_start <= window_began_after:
            rows.update(window_start=now, count=1)
        else:
            rows.update(count=F("count") + 1)
        count = rows.values_list("count", flat=True).get()
    return count <= limit


def is_over(scope, identifier, limit, window):
    """Whether ``identifier`` has already passed ``limit`` events in ``scope`` in the current window (counts
    nothing): to refuse what follows too many failures without counting the successes."""
    key_hash = hashlib.sha256(str(identifier).encode()).hexdigest()
    window_began_after = timezone.now() - timedelta(seconds=window)
    return RateLimitCounter.objects.filter(
        scope=scope, key_hash=key_hash, window_start__gt=window_began_after, count__gt=limit
    ).exists()


def has_used_up(scope, identifier, limit, window):
    """Whether ``identifier`` has already used up ``limit`` events of ``scope`` in the current window (counts
    nothing): the next one would pass the limit."""
    return is_over(scope, identifier, limit - 1, window)
