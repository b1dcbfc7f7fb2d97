"""Local development: DEBUG on, a throwaway key, the console e-mail backend."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# 404s show the designed page even under DEBUG; DEBUG_TECHNICAL_404=1 shows Django's technical 404 instead.
# (Errors still show their traceback: DEBUG is on.)
DEBUG_TECHNICAL_404 = os.environ.get("DEBUG_TECHNICAL_404", "").lower() in {"1", "true", "yes"}
# `make run` serves http://127.0.0.1:8000 (and passes SITE_URL when HOST is changed).
SITE_URL = os.environ.get("SITE_URL", "").strip() or "http://127.0.0.1:8000"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or SITE_URL

# The cache must be shared by every process that serves or changes the site (a second runserver, manage.py shell,
# publish_scheduled): a restriction added in one process clears the cached restriction rows for all of them.
# Without CACHE_URL that is a file cache on this machine (DEV_CACHE_DIR), never a per-process memory cache,
# which would keep serving stale privacy rules in the other processes.
if not os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("DEV_CACHE_DIR") or str(BASE_DIR / ".dev-cache"),  # noqa: F405
        }
    }
CACHE_IS_SHARED = True
