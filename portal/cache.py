"""The shared cache on Redis (``CACHE_URL``): Django's ``RedisCache``, kept answering while Redis is away.

Django's ``RedisCache`` raises when Redis cannot be reached, so a Redis restart would turn every page view into a
500. Here a read that fails is a miss and a write that fails is skipped (both logged): the site answers from the
database until Redis is back, a little slower. ``add`` reports success (a rate-limit window then starts afresh:
limits are not enforced while Redis is away) and ``incr`` raises ``ValueError`` as for a missing key, which its
callers already handle.

Invalidations (``delete``, ``delete_many``, ``clear``) still raise. They are how a privacy change (a page made
members-only) reaches the cached restriction rows (``members/access.py``); dropping one silently would let Redis,
once back with its old contents, serve the old rules. Only editors' changes invalidate, so while Redis is away an
editor's change fails loudly and visitors keep being served.

Django's ``RedisCacheClient`` builds a new ``redis.Redis`` for every call (copying its hundred-odd response callbacks,
upper-casing each name): about a tenth of a millisecond each, and a member's page reads the cache some thirty times.
``redis.Redis`` holds no connection of its own (its pool does, and reopens them after a fork or a Redis restart) and
is safe to share between threads, so one is kept per connection pool.
"""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _unavailable(operation, exc):
    logger.warning("cache unavailable (%s): %s: %s", operation, type(exc).__name__, exc)


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client, with one ``redis.Redis`` per connection pool instead of one per call."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class TolerantRedisCache(RedisCache):
    """``RedisCache`` whose reads degrade to misses and writes to no-ops while Redis cannot be reached."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNAVAILABLE as exc:
            _unavailable("get", exc)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNAVAILABLE as exc:
            _unavailable("get_many", exc)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNAVAILABLE as exc:
            _unavailable("has_key", exc)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except UNAVAILABLE as exc:
            _unavailable("set", exc)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNAVAILABLE as exc:
            _unavailable("set_many", exc)
            return list(data)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except UNAVAILABLE as exc:
            _unavailable("add", exc)
            return True

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except UNAVAILABLE as exc:
            _unavailable("touch", exc)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNAVAILABLE as exc:
            _unavailable("incr", exc)
            raise ValueError(f"Key '{key}' not found (the cache is unavailable)") from exc
