"""The development cache is shared by every process of the machine, because the dev settings keep restriction
rows in it (``CACHE_IS_SHARED``): a restriction added from ``manage.py shell`` or a second runserver must clear
them for the running server at once."""

import json
import os
import subprocess
import sys

from tests.portal.test_settings import BASE_DIR, run_python

SHOW_CACHE = (
    "import django, json; django.setup(); from django.conf import settings; "
    "print(json.dumps({'shared': settings.CACHE_IS_SHARED, 'backend': settings.CACHES['default']['BACKEND']}))"
)

# A long-lived process (the running server): reads commands from stdin, answers each on stdout.
SERVER = """
import django, sys
django.setup()
from django.core.cache import cache
for line in sys.stdin:
    command, key, *value = line.split()
    if command == "set":
        cache.set(key, value[0], 3600)
        print("ok", flush=True)
    else:
        print(cache.get(key, "missing"), flush=True)
"""


def dev_cache(env):
    result = run_python("portal.settings.dev", env, "-c", SHOW_CACHE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def dev_process(env, *args, **kwargs):
    clean_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    return subprocess.Popen(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, *args], cwd=BASE_DIR, env={**clean_env, **env}, text=True, **kwargs
    )


def test_dev_settings_never_pair_a_shared_cache_flag_with_a_per_process_cache(tmp_path):
    for env in ({}, {"DEV_CACHE_DIR": str(tmp_path)}):
        values = dev_cache(env)
        assert values["shared"] is True
        assert "LocMemCache" not in values["backend"]
    with_redis = dev_cache({"CACHE_URL": "redis://127.0.0.1:6379/9"})
    assert with_redis["backend"].endswith("RedisCache")


def test_a_change_made_in_another_dev_process_reaches_the_running_one(tmp_path):
    env = {"DEV_CACHE_DIR": str(tmp_path)}
    server = dev_process(env, "-c", SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:

        def ask(line):
            server.stdin.write(line + "\n")
            server.stdin.flush()
            return server.stdout.readline().strip()

        assert ask("set restrictions public") == "ok"
        assert ask("get restrictions") == "public"
        # "manage.py shell" in another process: a restriction is added and the cached rows are cleared.
        shell = dev_process(
            env,
            "-c",
            "import django; django.setup(); from django.core.cache import cache; cache.delete('restrictions')",
        )
        assert shell.wait(timeout=120) == 0
        assert ask("get restrictions") == "missing"
    finally:
        server.stdin.close()
        server.wait(timeout=60)
