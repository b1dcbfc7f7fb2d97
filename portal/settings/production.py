"""Production: every secret and host comes from the environment, and the process refuses to start
without the required ones rather than falling back to something unsafe."""

import os

from django.core.exceptions import ImproperlyConfigured

from home.site_address import parse_site_url

from .base import *  # noqa: F403


def required_env(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The {name} environment variable is required in production.")
    return value


DEBUG = False
SECRET_KEY = required_env("SECRET_KEY")
required_env("ALLOWED_HOSTS")
required_env("DATABASE_URL")
SITE_URL = required_env("SITE_URL")
parse_site_url(SITE_URL)  # refuses an address a Site cannot stand for (ImproperlyConfigured)
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or SITE_URL
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")  # noqa: F405
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")  # noqa: F405

# Background tasks (documents' text extraction, Wagtail's search and reference index) are rows in the database that
# `manage.py db_worker` runs (README "Deploying"). TASKS_BACKEND=immediate runs them inside the request instead.
if os.environ.get("TASKS_BACKEND", "database") == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
# The health answers are asked for over plain HTTP by Varnish's probe and load balancers.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
# HSTS for every subdomain too (on unless SECURE_HSTS_INCLUDE_SUBDOMAINS=false, for a domain whose subdomains are
# not all on HTTPS). Preloading (SECURE_HSTS_PRELOAD=true) is the owner's decision for the whole domain, hard to
# undo, so it is off until asked for (README "Security").
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true").lower() == "true"
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "false").lower() == "true"
# X_FRAME_OPTIONS stays SAMEORIGIN (not DENY, check security.W019): Wagtail's preview panel shows the page being
# edited in a frame of the admin, on this same site. Other sites still cannot frame it (CSP frame-ancestors 'self').
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# A CDN in front (README "Serving and the front cache"): FRONTEND_CACHE=cloudflare (CLOUDFLARE_BEARER_TOKEN and
# CLOUDFLARE_ZONEID) or cloudfront (CLOUDFRONT_DISTRIBUTION_ID; AWS credentials as boto3 finds them) configures
# Wagtail's frontend-cache backend, which members/frontend_cache.py calls with the URLs of every change. Varnish
# (VARNISH_URL, BAN by tags) stays the default and may run as well.
FRONTEND_CACHE = os.environ.get("FRONTEND_CACHE", "varnish").strip().lower()
if FRONTEND_CACHE == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            # Wagtail's, purging the whole zone when everything must go (portal/cdn.py).
            "BACKEND": "portal.cdn.PurgeEverythingCloudflareBackend",
            "BEARER_TOKEN": required_env("CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": required_env("CLOUDFLARE_ZONEID"),
        }
    }
    FRONTEND_CACHE_WILDCARD = True
elif FRONTEND_CACHE == "cloudfront":
    WAGTAILFRONTENDCACHE = {
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": required_env("CLOUDFRONT_DISTRIBUTION_ID"),
        }
    }
    FRONTEND_CACHE_WILDCARD = True
    FRONTEND_CACHE_LISTING_WILDCARDS = True
elif FRONTEND_CACHE != "varnish":
    raise ImproperlyConfigured(f"FRONTEND_CACHE must be varnish, cloudflare or cloudfront, not {FRONTEND_CACHE!r}.")

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# One line per event (a traceback's newlines escaped) with its time, level, logger and request id; Wagtail's
# background tasks (reference index, search index) log each task's state at INFO: only their warnings are kept.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.observability.RequestIdFilter"}},
    "formatters": {
        "line": {
            "()": "portal.observability.OneLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line", "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "django": {"level": os.environ.get("LOG_LEVEL", "INFO")},
    },
}
