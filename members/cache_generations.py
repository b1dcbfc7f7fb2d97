"""Generation counters: the one way the portal retires many cached entries at once.

A family of cache keys (the navigation rows, expanded rich-text links, the search vocabulary...) embeds the current
value of its generation key; ``advance`` makes every key of the family stale at once, without knowing them. A
generation that is missing (never set, evicted, or lost with a Redis restart) starts again from the clock, never
from a small number an older, still-cached family may have used, so a lost counter can never revive stale entries.
"""

import time

from django.core.cache import cache


def current(key):
    """The generation of ``key`` now (created if missing)."""
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), None)
        value = cache.get(key)
    # A cache that keeps nothing (unreachable) gives a new value each time: every look-up misses, never goes stale.
    return value if value is not None else time.time_ns()


def advance(key):
    """Retire every entry keyed with the current generation of ``key``."""
    try:
        cache.incr(key)
    except ValueError:  # missing: any value from the clock is newer than every earlier one
        cache.set(key, time.time_ns(), None)
