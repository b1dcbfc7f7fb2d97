"""The test suite: fast hashing, in-memory cache and mail, media in a temporary folder."""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Tests set the Site record themselves: `make run`'s SITE_URL in the environment must not move it.
SITE_URL = ""
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The local-memory cache, or with CACHE_URL (e.g. redis://127.0.0.1:6379/1) the production one on that Redis
# database, which every test empties (tests/fixtures.py): CI runs its PostgreSQL pass so.
if os.environ.get("CACHE_URL"):
    CACHES = {"default": redis_cache(os.environ["CACHE_URL"])}  # noqa: F405
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_AUTOREFRESH = True
# Embeds are resolved by a local finder so that no test depends on the network.
WAGTAILEMBEDS_FINDERS = [{"class": "tests.embed_finder.LocalEmbedFinder"}]

# One process: its in-memory cache can be cleared wherever a restriction changes.
CACHE_IS_SHARED = True
