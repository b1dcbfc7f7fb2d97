"""Fixed-window counters in the cache, for throttling what costs an e-mail (password resets).

With ``CACHE_URL`` (Redis, as production with several processes must have) the counters are shared by every
process, and ``incr`` is atomic; the development settings use a file cache shared by the processes of one machine.
Identifiers are hashed, so no e-mail address is written into the cache in clear.
"""

import hashlib

from axes.helpers import get_client_ip_address
from django.core.cache import cache


def client_address(request):
    """The client's address, read as django-axes reads it (``AXES_IPWARE_*`` behind a proxy)."""
    return get_client_ip_address(request) or "unknown"


def count_and_check(scope, identifier, limit, window):
    """Count one more event for ``identifier`` in ``scope``; ``True`` while the count is within ``limit`` per
    ``window`` seconds (the first event of a window starts it)."""
    digest = hashlib.sha256(str(identifier).encode()).hexdigest()
    key = f"throttle:{scope}:{digest}"
    if cache.add(key, 1, window):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, window)
        count = 1
    return count <= limit
