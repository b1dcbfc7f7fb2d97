"""Settings from the environment, each checked in a fresh Python process with a clean environment.

A subprocess is the only honest check: the settings module is imported once per process, and the test run's own
environment (``DATABASE_URL`` on the PostgreSQL run) must not leak into what is being tested.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-key-for-the-test-1234567890-abcdefghijklmnop",
    "ALLOWED_HOSTS": "portal.example.org,www.portal.example.org",
    "DATABASE_URL": "sqlite:////tmp/portal-settings-test.sqlite3",
    "SITE_URL": "https://portal.example.org",
}

SHOW_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings; "
    "print(json.dumps({'debug': settings.DEBUG, 'hosts': settings.ALLOWED_HOSTS, "
    "'key': settings.SECRET_KEY, 'database': settings.DATABASES['default']}, default=str))"
)


def run_python(settings_module, env, *args):
    """Run ``python *args`` in the project folder with only ``env`` (and PATH) in its environment."""
    clean_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DJANGO_SETTINGS_MODULE": settings_module, **env}
    return subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, *args], cwd=BASE_DIR, env=clean_env, capture_output=True, text=True, timeout=120
    )


def show_settings(settings_module, env):
    result = run_python(settings_module, env, "-c", SHOW_SETTINGS)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "SITE_URL"])
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {name: value for name, value in PRODUCTION_ENV.items() if name != missing}
    result = run_python("portal.settings.production", env, "-c", "import django; django.setup()")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


@pytest.mark.parametrize(
    "site_url",
    [
        "portal.example.org",  # no scheme
        "ftp://portal.example.org",
        "https://",
        "https://portal.example.org/portal/",  # a path
        "https://portal.example.org?x=1",
        "https://user:secret@portal.example.org",
        "https://portal.example.org:8443",  # a Site serves https on 443 only
        "http://portal.example.org:443",
        "http://portal.example.org:99999",
    ],
)
def test_production_refuses_a_site_url_that_is_not_the_sites_origin(site_url):
    result = run_python(
        "portal.settings.production", {**PRODUCTION_ENV, "SITE_URL": site_url}, "-c", "import django; django.setup()"
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SITE_URL" in result.stderr


def test_production_refuses_a_blank_secret_key():
    result = run_python(
        "portal.settings.production", {**PRODUCTION_ENV, "SECRET_KEY": "   "}, "-c", "import django; django.setup()"
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_starts_with_the_required_variables():
    values = show_settings("portal.settings.production", PRODUCTION_ENV)
    assert values["debug"] is False
    assert values["key"] == PRODUCTION_ENV["SECRET_KEY"]
    assert values["hosts"] == ["portal.example.org", "www.portal.example.org"]


def test_production_passes_the_deploy_checks():
    result = run_python("portal.settings.production", PRODUCTION_ENV, "manage.py", "check", "--deploy")
    assert result.returncode == 0, result.stderr
    assert "ERRORS" not in result.stderr


def test_production_deploy_checks_are_clean_with_hsts_preload():
    env = {**PRODUCTION_ENV, "SECURE_HSTS_PRELOAD": "true"}
    result = run_python("portal.settings.production", env, "manage.py", "check", "--deploy")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stderr


def test_without_preload_the_only_deploy_warning_is_the_preload_one_the_readme_justifies():
    result = run_python("portal.settings.production", PRODUCTION_ENV, "manage.py", "check", "--deploy")
    warnings = set(re.findall(r"\((security\.W\d+)\)", result.stderr))
    assert warnings == {"security.W021"}
    assert "security.W021" in (BASE_DIR / "README.md").read_text()


def test_hsts_covers_subdomains_and_preload_is_configurable():
    show = "import django; django.setup(); from django.conf import settings as s; "
    show += "print(s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    default = run_python("portal.settings.production", PRODUCTION_ENV, "-c", show).stdout.split()
    assert default == ["True", "False"]
    env = {**PRODUCTION_ENV, "SECURE_HSTS_PRELOAD": "true", "SECURE_HSTS_INCLUDE_SUBDOMAINS": "false"}
    assert run_python("portal.settings.production", env, "-c", show).stdout.split() == ["False", "True"]


def test_base_settings_hold_no_secret_key():
    assert "SECRET_KEY" not in (BASE_DIR / "portal" / "settings" / "base.py").read_text()


def test_database_url_selects_postgresql():
    database = show_settings("portal.settings.dev", {"DATABASE_URL": "postgres://u@h:5432/db"})["database"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["HOST"], database["PORT"]) == ("db", "u", "h", 5432)


def test_postgresql_queries_run_without_parallel_workers_or_jit_unless_allowed():
    # Starting workers cost a search more than they saved (bench/search.py), and compiling a statement (JIT) ten
    # times what running it did: neither unless a variable allows it.
    database = show_settings("portal.settings.dev", {"DATABASE_URL": "postgres://u@h:5432/db"})["database"]
    assert database["OPTIONS"]["options"] == "-c max_parallel_workers_per_gather=0 -c jit=off"
    env = {"DATABASE_URL": "postgres://u@h:5432/db", "DATABASE_PARALLEL_WORKERS": "2", "DATABASE_JIT": "on"}
    database = show_settings("portal.settings.dev", env)["database"]
    assert database["OPTIONS"]["options"] == "-c max_parallel_workers_per_gather=2 -c jit=on"
    assert "options" not in show_settings("portal.settings.dev", {})["database"].get("OPTIONS", {})


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_postgresql_connection_runs_without_jit():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)


def test_sqlite_file_is_the_default_database():
    database = show_settings("portal.settings.dev", {})["database"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(BASE_DIR / "db.sqlite3")


def test_production_uses_the_database_url():
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://portal@db.internal:5433/portal"}
    database = show_settings("portal.settings.production", env)["database"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["HOST"] == "db.internal"


def test_csp_frame_src_narrows_the_embeddable_sites():
    show = "import django; django.setup(); from django.conf import settings as s; "
    show += "print(' '.join(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['frame-src']))"
    env = {"CSP_FRAME_SRC": "https://www.youtube-nocookie.com, https://player.vimeo.com"}
    result = run_python("portal.settings.dev", env, "-c", show)
    assert result.stdout.split() == ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]


SHOW_STORAGE = (
    "import django, json; django.setup(); from django.core.files.storage import default_storage as s; "
    "print(json.dumps({'class': type(s._wrapped if s._setup() is None else s).__name__, "
    "'bucket': getattr(s, 'bucket_name', None), 'endpoint': getattr(s, 'endpoint_url', None)}))"
)


def test_media_stay_on_the_local_disk_by_default():
    result = run_python("portal.settings.production", PRODUCTION_ENV, "-c", SHOW_STORAGE)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["class"] == "FileSystemStorage"


def test_media_storage_s3_keeps_media_in_the_named_private_bucket():
    env = {**PRODUCTION_ENV, "MEDIA_STORAGE": "s3", "S3_BUCKET": "coop-media", "S3_ENDPOINT_URL": "http://s3.internal"}
    result = run_python("portal.settings.production", env, "-c", SHOW_STORAGE)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "class": "PrivateS3Storage",
        "bucket": "coop-media",
        "endpoint": "http://s3.internal",
    }


@pytest.mark.parametrize(
    ("extra", "said"), [({"MEDIA_STORAGE": "s3"}, "S3_BUCKET"), ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE")]
)
def test_a_media_storage_without_what_it_needs_refuses_to_start(extra, said):
    result = run_python(
        "portal.settings.production", {**PRODUCTION_ENV, **extra}, "-c", "import django; django.setup()"
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert said in result.stderr


FRONTEND = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'cdn': getattr(s, 'WAGTAILFRONTENDCACHE', None), 'wildcard': s.FRONTEND_CACHE_WILDCARD}))"
)


def test_production_purges_varnish_only_unless_a_cdn_is_named():
    result = run_python("portal.settings.production", PRODUCTION_ENV, "-c", FRONTEND)
    assert json.loads(result.stdout) == {"cdn": None, "wildcard": False}


def test_production_configures_wagtails_cloudflare_backend_from_the_environment():
    env = {**PRODUCTION_ENV, "FRONTEND_CACHE": "cloudflare", "CLOUDFLARE_BEARER_TOKEN": "t", "CLOUDFLARE_ZONEID": "z"}
    values = json.loads(run_python("portal.settings.production", env, "-c", FRONTEND).stdout)
    assert values["cdn"]["cloudflare"] == {
        "BACKEND": "portal.cdn.PurgeEverythingCloudflareBackend",
        "BEARER_TOKEN": "t",
        "ZONEID": "z",
    }
    assert values["wildcard"] is True


def test_production_configures_cloudfront_with_wildcard_purges():
    env = {**PRODUCTION_ENV, "FRONTEND_CACHE": "cloudfront", "CLOUDFRONT_DISTRIBUTION_ID": "E123"}
    values = json.loads(run_python("portal.settings.production", env, "-c", FRONTEND).stdout)
    assert values["cdn"]["cloudfront"]["DISTRIBUTION_ID"] == "E123"
    assert values["wildcard"] is True


@pytest.mark.parametrize(
    "env", [{"FRONTEND_CACHE": "cloudflare"}, {"FRONTEND_CACHE": "cloudfront"}, {"FRONTEND_CACHE": "akamai"}]
)
def test_production_refuses_an_incomplete_or_unknown_cdn(env):
    result = run_python("portal.settings.production", {**PRODUCTION_ENV, **env}, "-c", FRONTEND)
    assert result.returncode != 0
    assert "FRONTEND_CACHE" in result.stderr or "CLOUD" in result.stderr
