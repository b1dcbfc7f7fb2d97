"""Settings shared by every environment.

Nothing secret lives here: `production.py` reads secrets from the environment and `dev.py`/`test.py` set
throwaway values. Everything that differs between machines comes from environment variables
(see `.env.example`).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "home",
    "about",
    "documents",
    "members",
    "search",
    # Translations (README "Languages"): wagtail-localize's workflow (translate, sync, PO export/import) and its
    # locales admin, which replaces wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    # Background tasks (documents/tasks.py, Wagtail's search and reference index): the database backend's table
    # exists everywhere; only production enqueues into it (TASKS below, portal/settings/production.py).
    "django_tasks",
    "django_tasks_db",
]

# Django's task framework (the django-tasks backport, which Wagtail 8 uses): tasks run at once, inside the request,
# in tests and `make run`; production sets the database backend and runs `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

MIDDLEWARE = [
    # First: every log line written while a request is served carries its id (portal/observability.py).
    "portal.observability.RequestIdMiddleware",
    # First: any error answered under /api/ leaves as JSON ({"message": ...}), whatever below produced it.
    "portal.api.errors.JSONErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response (portal/security.py, README "Security").
    "portal.security.PortalCSPMiddleware",
    "portal.security.PermissionsPolicyMiddleware",
    # Before anything that may answer: CORS headers for the JSON API only (CORS_URLS_REGEX).
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The request's Wagtail site from a per-process table, not a query per request (portal/sites.py).
    "portal.sites.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language: from the address's prefix (/en/, /fr/, /es/), English elsewhere; old unprefixed addresses
    # redirect permanently to their English pages, "/" to the visitor's language (portal/i18n.py).
    "portal.i18n.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Wagtail's redirects, except to a page the request may not see (answered as the 404 it was).
    "members.middleware.AccessAwareRedirectMiddleware",
    "members.middleware.PrivateResponseMiddleware",
    # Under DEBUG, a missing address shows the designed 404 page, not Django's technical one (DEBUG_TECHNICAL_404).
    "portal.middleware.DesignedNotFoundMiddleware",
    # Last, as django-axes asks: turns a lockout raised during login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                # LANGUAGE_CODE and LANGUAGES in every template (the switcher, <html lang>, home links).
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# DATABASE_URL picks the database: an SQLite file next to manage.py by default,
# PostgreSQL in production and in the PostgreSQL test run
# (e.g. postgres://postgres@127.0.0.1:5432/portal).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# SQLite (`make run`, the SQLite test run) serves the admin's overlapping requests (preview and autosave fire
# together) without "database is locked": WAL lets readers run beside the writer, every transaction takes the
# write lock when it begins (IMMEDIATE, so two transactions never deadlock upgrading a read lock to a write), and
# a writer waits up to 20 s for the lock instead of failing at once.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
# PostgreSQL: no parallel workers for a request's queries (DATABASE_PARALLEL_WORKERS to allow some). The site's
# queries are short: a search's candidates are a GIN bitmap that one process builds anyway, and starting two
# workers to read a hundred rows of it cost more than the read (bench/search.py, three languages: each of a
# search's three statements took 45-90 ms with workers and 10-50 ms without, on a busy two-core machine).
# Nor JIT compilation (DATABASE_JIT=on to allow it): PostgreSQL compiles a statement whose estimated cost passes
# jit_above_cost, which a search's statement can (an ordered read is costed as if it read a whole kind), and
# compiling took 34 ms for a statement that then ran in 3 ms; JIT pays off for queries that run for seconds, which
# the site does not send.
if DATABASES["default"]["ENGINE"] in ("django.db.backends.postgresql", "django.contrib.gis.db.backends.postgis"):
    _parallel = int(os.environ.get("DATABASE_PARALLEL_WORKERS", "0"))
    _jit = "on" if os.environ.get("DATABASE_JIT", "off").lower() in ("on", "1", "true", "yes") else "off"
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (
        f"{_options.get('options', '')} -c max_parallel_workers_per_gather={_parallel} -c jit={_jit}".strip()
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# CACHE_URL (e.g. redis://127.0.0.1:6379/1) selects a shared cache; without it each process keeps
# a small in-memory one. Image renditions are looked up through it, so it matters for speed.
# portal.cache.TolerantRedisCache is Django's RedisCache that answers a miss (and logs) while Redis is away, so a
# Redis restart slows the site down instead of failing it; short socket timeouts keep a dead Redis from holding
# requests. CACHE_TIMEOUT_SECONDS bounds each Redis call.
def redis_cache(url):
    timeout = float(os.environ.get("CACHE_TIMEOUT_SECONDS", "0.5"))
    return {
        "BACKEND": "portal.cache.TolerantRedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
        # Sites (or a test run and the stack it starts) sharing one Redis database keep apart by prefix.
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
    }


if os.environ.get("CACHE_URL"):
    CACHES = {"default": redis_cache(os.environ["CACHE_URL"])}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English is the default; French and Spanish are the Alliance's other working languages. Every page lives at a
# language-prefixed address (/en/, /fr/, /es/) with its own slugs; UI strings come from locale/<lang>/LC_MESSAGES.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as each language writes them (|date:"DATE_FORMAT"): British English here, Django's own for French and Spanish.
FORMAT_MODULE_PATH = ["portal.formats"]
# The language the visitor chose in the switcher, remembered for "/" only (never read on a cached page).
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "collected-static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded media on the local disk (MEDIA_ROOT) by default; MEDIA_STORAGE=s3 keeps them in a private bucket of any
# S3-compatible object storage (members/storage.py), still served only through the site's access checks.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local").strip().lower() or "local"
if MEDIA_STORAGE not in ("local", "s3"):
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'local' or 's3', not {MEDIA_STORAGE!r}")
if MEDIA_STORAGE == "s3":
    if not os.environ.get("S3_BUCKET"):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs S3_BUCKET (and S3_ENDPOINT_URL for a non-AWS storage)")
    STORAGES["default"] = {
        "BACKEND": "members.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("S3_PREFIX", ""),
        },
    }

# Complex StreamField pages can exceed Django's default of 1000 form fields in the page editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

# Content-Security-Policy (django-csp, portal/security.py). The site: everything from this site only, no inline
# script or style. Frames are the exception: an embedded video (the embed block, shown only after the visitor
# clicks "Load") is the provider's own page in a frame, isolated from ours by its origin, and the providers
# editors may embed are many, so frames may come from any HTTPS site unless CSP_FRAME_SRC (comma-separated) names
# the few allowed.
EMBED_FRAME_SOURCES = ["'self'", *env_list("CSP_FRAME_SRC", "https:")]
_CSP_COMMON = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "frame-src": EMBED_FRAME_SOURCES,
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**_CSP_COMMON, "script-src": ["'self'"], "style-src": ["'self'"]},
}
# Wagtail's admin (and its preview panel) writes inline scripts and style attributes: it gets them, and blob:
# images (upload previews); nothing else. Only staff, logged in, reach these paths.
ADMIN_CSP_PATH_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "img-src": ["'self'", "data:", "blob:"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
    },
}
# Permissions-Policy: powerful browser features no page of the site uses, denied to every page and frame.
PERMISSIONS_POLICY_DENIED = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
    "interest-cohort",
]

# Wagtail
WAGTAIL_SITE_NAME = "Co-op Portal"
# The site's public address (https://portal.example.org): `migrate` and the demo loader write it into the default
# Wagtail Site, from which every absolute address (canonical links, Open Graph, sitemaps, robots.txt, the API) is
# built (home/site_address.py). Empty: the Site record is left as it is. Required in production.
SITE_URL = os.environ.get("SITE_URL", "").strip()
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or SITE_URL or "http://127.0.0.1:8000"
WAGTAILIMAGES_IMAGE_MODEL = "home.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "documents.PortalDocument"
# Site search (README, "Search"). SEARCH_BACKEND=database (the default) is Wagtail's database backend with the
# portal's folding of accents and hyphens: PostgreSQL full-text search (SEARCH_CONFIG, default english), or
# SQLite FTS5 locally. Elasticsearch or OpenSearch is a matter of environment: SEARCH_BACKEND=elasticsearch8 (or
# elasticsearch7/9, opensearch2/3), SEARCH_URL (comma-separated), optionally SEARCH_INDEX, then update_index.
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "database").strip().lower() or "database"
SEARCH_SERVER_BACKENDS = {"elasticsearch7", "elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3"}
if SEARCH_BACKEND == "database":
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.database",
            "SEARCH_CONFIG": os.environ.get("SEARCH_CONFIG", "english"),
        }
    }
elif SEARCH_BACKEND in SEARCH_SERVER_BACKENDS:
    if not env_list("SEARCH_URL"):
        raise ImproperlyConfigured(f"SEARCH_BACKEND={SEARCH_BACKEND} needs SEARCH_URL, the search server's address.")
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{SEARCH_BACKEND}",
            "URLS": env_list("SEARCH_URL"),
            "INDEX": os.environ.get("SEARCH_INDEX", "portal"),
            "TIMEOUT": int(os.environ.get("SEARCH_TIMEOUT", "5")),
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
else:
    raise ImproperlyConfigured(
        f"SEARCH_BACKEND={SEARCH_BACKEND!r} is not one of: database, {', '.join(sorted(SEARCH_SERVER_BACKENDS))}."
    )
# How long a search's answer (a results page, title suggestions) is kept in the shared cache for the same words
# from requests that may see the same things; any change of content retires it at once (search.results_cache).
# 0: every search is answered afresh.
SEARCH_RESULTS_CACHE_SECONDS = int(os.environ.get("SEARCH_RESULTS_CACHE_SECONDS", "300") or 0)
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv", "txt", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Files are streamed through Wagtail's serve view, which checks collection privacy,
# never linked as plain /media/ URLs.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# The admin's upload forms: help text on Wagtail's own fields, and an image's description (its alt text) required.
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.forms.PortalImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.forms.PortalDocumentForm"
# Collections that hold pictures only: never offered as a document's collection (home.forms.document_collections).
IMAGE_ONLY_COLLECTIONS = env_list("IMAGE_ONLY_COLLECTIONS", "Demo images")
WAGTAIL_I18N_ENABLED = True
# "Translate this page" makes the French or Spanish page a draft, whatever the English page's state: a moderator
# publishes it once it is translated (wagtail-localize would otherwise publish it at once, in English words, even
# when an editor who may not publish asked for it). See home/translations.py for "Sync translated pages".
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# No Gravatar: the admin would otherwise load every editor's picture from gravatar.com (nothing comes from other
# sites at run time, and editors' e-mail hashes stay here). Wagtail shows its own default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Embeds without Wagtail's responsive wrapper: its inline style attribute would break the Content-Security-Policy
# (style-src 'self'). portal.js sizes the player from its width and height instead (CSSOM, allowed by the policy).
WAGTAILEMBEDS_RESPONSIVE_HTML = False

# Public images (members/views.py serve_media): browsers keep one IMAGE_BROWSER_MAX_AGE seconds, shared caches
# IMAGE_SHARED_MAX_AGE; then they revalidate (Last-Modified), and an image whose collection became members-only
# answers 404. The browser lifetime is the bound on how long a privacy change may take to reach a visitor.
IMAGE_BROWSER_MAX_AGE = int(os.environ.get("IMAGE_BROWSER_MAX_AGE", "300"))
IMAGE_SHARED_MAX_AGE = int(os.environ.get("IMAGE_SHARED_MAX_AGE", "3600"))

# Members' private areas
# ----------------------
# Editors restrict pages and collections to groups (Members) or to any logged-in user. Shared passwords
# are switched off: Wagtail keeps them in clear and does not throttle guesses.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
LOGIN_URL = "members:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "members/login.html"
MEMBERS_GROUP_NAME = "Members"
# Whether every process sees the same cache (Redis), so that clearing a key on a change clears it for all.
# Only then are page/collection restrictions (members/access.py) and the site settings kept in the cache;
# a per-process cache could not be cleared in the other processes and would serve stale privacy rules.
CACHE_IS_SHARED = bool(os.environ.get("CACHE_URL"))
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# Password reset e-mails (members/views.py PasswordResetView): at most PASSWORD_RESET_EMAILS_PER_ADDRESS to one
# address and PASSWORD_RESET_REQUESTS_PER_CLIENT requests from one client per PASSWORD_RESET_WINDOW seconds.
# Counted in the database (members.RateLimitCounter), so the limits hold across every process and server.
PASSWORD_RESET_EMAILS_PER_ADDRESS = int(os.environ.get("PASSWORD_RESET_EMAILS_PER_ADDRESS", "3"))
PASSWORD_RESET_REQUESTS_PER_CLIENT = int(os.environ.get("PASSWORD_RESET_REQUESTS_PER_CLIENT", "10"))
PASSWORD_RESET_WINDOW = int(os.environ.get("PASSWORD_RESET_WINDOW_SECONDS", "3600"))
# "Change password" (members/views.py PasswordChangeView): after PASSWORD_CHANGE_FAILURES wrong current passwords in
# PASSWORD_CHANGE_WINDOW seconds, the form is refused (429) until the window has passed.
PASSWORD_CHANGE_FAILURES = int(os.environ.get("PASSWORD_CHANGE_FAILURES", "5"))
PASSWORD_CHANGE_WINDOW = int(os.environ.get("PASSWORD_CHANGE_WINDOW_SECONDS", "900"))

# Login throttling (django-axes), for the site login and the admin login alike (members/lockout.py): five
# failures lock one account *from one address* (a stranger cannot lock a member out), a slower limit holds for
# one account from everywhere and another for one address trying any account. Logins are then refused for the
# cool-off period with a clear page (HTTP 429). Counted in the database, so the limits hold across processes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "members.lockout.PortalAxesHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("LOGIN_FAILURES_PER_ACCOUNT", "30"))
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "30"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "members/locked_out.html"
AXES_VERBOSE = False
# Behind a reverse proxy, set AXES_IPWARE_PROXY_COUNT to the number of proxies in front of the site.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT") or 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)

# DRF's defaults: sessions only, never HTTP Basic credentials, and JSON only. The JSON API's endpoints
# (portal/api/endpoints.py) set their own classes: members' bearer tokens, then sessions.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# JSON API (/api/v2/, README "JSON API")
# --------------------------------------
# `limit` is capped: a larger one is a 400. Anonymous responses may be cached publicly for API_CACHE_MAX_AGE
# seconds; responses to requests with credentials are private, no-store.
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))
# Shared caches (the front cache, which is purged when a page changes) may keep an anonymous answer this long:
# hours, as for pages (members.frontend_cache bans every API answer on any change they show).
API_SHARED_CACHE_MAX_AGE = int(os.environ.get("API_SHARED_CACHE_MAX_AGE", str(6 * 60 * 60)))
# Browser apps on these origins (comma-separated, e.g. https://app.example.org) may call the API. No cookies are
# allowed cross-origin: such apps use a member's personal token.
CORS_ALLOWED_ORIGINS = env_list("API_CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "authorization", "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag"]
CORS_ALLOW_CREDENTIALS = False
# Headless preview (home/preview.py): the front end that renders drafts, e.g. https://app.example.org/preview;
# without it the page editor offers only the site's own preview. Preview tokens expire after
# HEADLESS_PREVIEW_MAX_AGE seconds.
HEADLESS_PREVIEW_URL = os.environ.get("HEADLESS_PREVIEW_URL", "")
HEADLESS_PREVIEW_MAX_AGE = int(os.environ.get("HEADLESS_PREVIEW_MAX_AGE", "600"))

# HTTP caching (README, "Serving and the front cache"): members/cache_policy.py decides. Public answers may be kept
# by browsers for CACHE_BROWSER_MAX_AGE seconds (default 0: a browser cannot be purged, so it asks again each time,
# which the front cache answers at once; a visitor then sees an editor's change on the next visit) and by the
# shared front cache for
# CACHE_SHARED_MAX_AGE (it is purged on every change: members/frontend_cache.py); public images for
# IMAGE_SHARED_MAX_AGE (above). VARNISH_URL (comma-separated, e.g. http://127.0.0.1:6081) names the caches to purge.
CACHE_BROWSER_MAX_AGE = int(os.environ.get("CACHE_BROWSER_MAX_AGE", "0"))
CACHE_SHARED_MAX_AGE = int(os.environ.get("CACHE_SHARED_MAX_AGE", str(6 * 60 * 60)))
FRONTEND_CACHE_URLS = env_list("VARNISH_URL")
# Public downloads are kept by Varnish too when its hits are counted (documents/cached_downloads.py: varnishncsa piped
# into `manage.py count_cached_downloads`, started beside Varnish by scripts/stack.py and in production by its
# unit). Without that counter (the default, and behind a CDN) every download goes to Django, which counts it.
FRONT_CACHE_COUNTS_DOWNLOADS = os.environ.get("FRONT_CACHE_COUNTS_DOWNLOADS", "").strip().lower() in (
    "1",
    "true",
    "yes",
    "on",
)
FRONTEND_CACHE_TIMEOUT = float(os.environ.get("FRONTEND_CACHE_TIMEOUT", "2"))
# A CDN (Wagtail's frontend-cache backends, WAGTAILFRONTENDCACHE, set in production from FRONTEND_CACHE) purges by
# URL: these listing addresses (on each site) go whenever pages or documents change; FRONTEND_CACHE_WILDCARD adds
# "<site>/*" to a purge of everything, for a backend that takes wildcards (CloudFront).
FRONTEND_CACHE_LISTING_PATHS = [
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/sitemap-documents.xml",
    *(f"/{code}/search/" for code, _name in LANGUAGES),
    "/api/v2/pages/",
    "/api/v2/documents/",
    "/api/v2/images/",
]
FRONTEND_CACHE_WILDCARD = False
# And "<listing path>*" with each listing (their query-string variants), for a backend that takes path wildcards.
FRONTEND_CACHE_LISTING_WILDCARDS = False

# Membership enquiries: at most ENQUIRY_RATE_LIMIT enquiries from one address in ENQUIRY_RATE_WINDOW seconds
# (then a 429 page until the window ends). Counted in the cache, so the limit holds across processes only with a
# shared CACHE_URL.
ENQUIRY_RATE_LIMIT = int(os.environ.get("ENQUIRY_RATE_LIMIT", "5"))
ENQUIRY_RATE_WINDOW = int(os.environ.get("ENQUIRY_RATE_WINDOW_SECONDS", "600"))

# Documents over time (README, "Documents"). Share links: whether members (not only editors) may make them, and at
# most SHARE_LINK_RATE_LIMIT unknown tokens from one address in SHARE_LINK_RATE_WINDOW seconds (guessing), then 429.
MEMBERS_MAY_SHARE = os.environ.get("MEMBERS_MAY_SHARE", "").strip().lower() in ("1", "true", "yes", "on")
SHARE_LINK_RATE_LIMIT = int(os.environ.get("SHARE_LINK_RATE_LIMIT", "30"))
SHARE_LINK_RATE_WINDOW = int(os.environ.get("SHARE_LINK_RATE_WINDOW_SECONDS", "60"))
# Download audit records (members-only downloads) older than this are deleted by `manage.py prune_download_audit`.
DOWNLOAD_AUDIT_RETENTION_DAYS = int(os.environ.get("DOWNLOAD_AUDIT_RETENTION_DAYS", "365"))
