"""The production stack for real: Varnish (deploy/varnish/portal.vcl) in front of gunicorn with the production
settings and the background tasks' worker (``manage.py db_worker``), all started on free loopback ports for the
session (``scripts/stack.py``), and stopped after it.

The data is the demo content in a database of the stack's own: an SQLite file, or on a PostgreSQL run a database
named after the run's with ``_stack`` appended, created afresh. The test process never touches it through the
ORM: changes are made by an editor's process (``tests/stack/editor.py``, Django with the production settings on
the same database and ``VARNISH_URL`` pointing at this Varnish), so every purge travels the way it does in
production, and the tests then look through Varnish as an anonymous visitor (or a member) would.

``tests/requirements_plugin.py`` skips these tests with the reason when varnishd or gunicorn is missing, and fails
them in CI's strict mode (``.ci/run`` installs Debian's varnish).
"""

import html
import http.client
import json
import random
import re
import string
import subprocess
import sys
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from scripts import stack as stack_tools

EDITOR = stack_tools.ROOT / "tests" / "stack" / "editor.py"


def word(prefix="zq"):
    """A made-up word that the search finds and nothing else contains."""
    return prefix + "".join(random.choices(string.ascii_lowercase, k=10))  # noqa: S311 - not a secret


def wait_until(condition, timeout=30):
    """Whether ``condition()`` became true within ``timeout`` seconds (asked every 0.2 s)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def settled_download_count(editor, document_id, expected, timeout=15):
    """The document's download count once it reaches ``expected`` (downloads Varnish answered are counted from its
    log a moment later), read again a second afterwards so that a count going past it is seen too."""
    wait_until(lambda: editor.call("download_count", document_id) >= expected, timeout)
    time.sleep(1)
    return editor.call("download_count", document_id)


@dataclass
class Response:
    status: int
    headers: dict
    text: str

    def header(self, name):
        return self.headers.get(name.lower(), "")

    @property
    def hit(self):
        return self.header("X-Cache") == "HIT"


def form_fields(html, csrf_token, words, email="stack@example.org"):
    """What a visitor would type into the form in ``html``: the e-mail fields get ``email``, the other text fields,
    text areas ``words``, each list its first choice; the honeypot (``fax_number``) stays empty."""
    fields = {"csrfmiddlewaretoken": csrf_token}
    for tag in re.findall(r"<input\b[^>]*>", html):
        name, kind = re.search(r'name="([^"]+)"', tag), re.search(r'type="([a-z]+)"', tag)
        kind = kind.group(1) if kind else "text"
        if (
            not name
            or name.group(1) in fields
            or name.group(1) == "fax_number"
            or kind in ("hidden", "submit", "checkbox")
        ):
            continue
        fields[name.group(1)] = email if kind == "email" else words
    for name in re.findall(r'<textarea[^>]*name="([^"]+)"', html):
        fields[name] = words
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, flags=re.S):
        values = [value for value in re.findall(r'<option value="([^"]*)"', options) if value]
        if values:
            fields[name] = values[0]
    return fields


class Editor:
    """The editor's process: ``editor.call("publish", page_id, title="New")``."""

    def __init__(self, env):
        self.process = subprocess.Popen(
            [sys.executable, str(EDITOR)],
            cwd=stack_tools.ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def call(self, name, *args, wait=True, **kwargs):
        """Run ``name`` in the editor's process; with ``wait``, answer once the worker has run its tasks."""
        self.process.stdin.write(json.dumps({"call": name, "args": args, "kwargs": kwargs, "wait": wait}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the editor's process died (status {self.process.poll()})")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(f"editor.{name} failed:\n{answer['error']}")
        return answer["result"]

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(20)


class Stack:
    def __init__(self, workdir, env, app_port, varnish_port):
        self.workdir, self.env = workdir, env
        self.app_port, self.varnish_port = app_port, varnish_port
        self.app = self.cache = self.editor = self.worker = None

    def start_app(self):
        self.app = stack_tools.start_gunicorn(self.env, self.app_port, log_path=self.workdir / "gunicorn.log")

    def stop_app(self):
        stack_tools.stop(self.app)

    def get(self, path, cookie=None, port=None, method="GET", headers=None, body=None):
        """``path`` through Varnish (or ``port``), no redirects followed, no cookies kept."""
        headers = dict(headers or {})
        if cookie:
            headers["Cookie"] = cookie
        path = urlsplit(path)._replace(scheme="", netloc="").geturl() if path.startswith("http") else path
        connection = http.client.HTTPConnection("127.0.0.1", port or self.varnish_port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            body = html.unescape(response.read().decode("utf-8", "replace"))
            return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
        finally:
            connection.close()

    def direct(self, path, cookie=None):
        return self.get(path, cookie=cookie, port=self.app_port)

    def warm(self, *paths):
        """Request each path until it is a cache hit; return the hits."""
        responses = []
        for path in paths:
            self.get(path)
            response = self.get(path)
            assert response.hit, f"{path} was not cached: {response.status} {response.headers}"
            responses.append(response)
        return responses


def _database_url(workdir):
    database = settings.DATABASES["default"]
    if "postgresql" not in database["ENGINE"]:
        return f"sqlite:///{workdir / 'stack.sqlite3'}", None
    import psycopg2

    base = database["NAME"].removeprefix("test_")
    name = f"{base}_stack"
    credentials = database.get("USER") or "postgres"
    if database.get("PASSWORD"):
        credentials += f":{database['PASSWORD']}"
    server = f"postgres://{credentials}@{database.get('HOST') or '127.0.0.1'}:{database.get('PORT') or 5432}"
    admin = psycopg2.connect(f"{server}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}", (admin, name)


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("stack")
    database_url, pg = _database_url(workdir)
    app_port, varnish_port = stack_tools.free_port(), stack_tools.free_port()
    env = stack_tools.production_env(database_url, workdir, varnish_url=f"http://127.0.0.1:{varnish_port}")
    env["DEMO_MEMBER_PASSWORD"] = "stack-member-password"  # noqa: S105 - test database only
    # Pictures expire after 2 s here, so the grace test can show a stale one served while the app is down.
    env["IMAGE_BROWSER_MAX_AGE"] = env["IMAGE_SHARED_MAX_AGE"] = "2"
    running = Stack(workdir, env, app_port, varnish_port)
    try:
        stack_tools.prepare({**env, "VARNISH_URL": ""})  # nothing to purge yet
        running.start_app()
        running.worker = stack_tools.start_worker(env, log_path=workdir / "worker.log")
        running.cache = stack_tools.start_varnish(varnish_port, app_port, counter_env=env)
        running.editor = Editor(env)
        yield running
    finally:
        if running.editor:
            running.editor.close()
        stack_tools.stop(running.cache)
        stack_tools.stop(running.worker)
        stack_tools.stop(running.app)
        if pg:
            admin, name = pg
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()


@pytest.fixture(scope="session")
def editor(stack):
    return stack.editor


@pytest.fixture(scope="session")
def member_cookie(editor):
    return editor.call("member_cookie")
