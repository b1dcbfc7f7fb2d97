"""Two app servers behind one Varnish (``make stack``'s default): requests go to both in turn, one can stop and
start again without a visitor or a member noticing, and what the servers share (sessions, download counters, the
database) behaves as with one.

Two more gunicorns on the stack's database and a second varnishd with both as health-checked backends
(``scripts/stack.py``: the round-robin director of ``deploy/varnish/site.vcl.example``), for this module.
"""

import re
import shutil
import time
from urllib.parse import urlencode

import pytest

from scripts import stack as stack_tools
from tests.redis_server import RedisServer
from tests.stack.conftest import Stack, form_fields, settled_download_count, wait_until

MEMBERS_PAGE = "/en/private-areas/members-briefing/"


ENQUIRY_PAGE = "/en/about-us/why-join-the-ica/ask-about-membership/"


@pytest.fixture(scope="module")
def shared_cache():
    """The app servers' shared cache (production's CACHE_URL): a throwaway redis-server of this module's own."""
    binary = shutil.which("redis-server") or shutil.which("redis-server", path="/usr/sbin:/usr/bin")
    assert binary, "redis-server is needed (apt-get install redis-server; .ci/run installs it)"
    server = RedisServer(binary)
    server.start()
    yield server
    server.stop()
    shutil.rmtree(server.dir, ignore_errors=True)


@pytest.fixture(scope="module")
def pair(stack, shared_cache):
    ports = [stack_tools.free_port(), stack_tools.free_port()]
    varnish_port = stack_tools.free_port()
    env = {
        **stack.env,
        "VARNISH_URL": f"http://127.0.0.1:{varnish_port}",
        "CACHE_URL": shared_cache.url,
        "CACHE_KEY_PREFIX": "pair",
        "ENQUIRY_RATE_LIMIT": "3",
    }
    servers = [
        Stack(stack.workdir, env, port, varnish_port) for port in ports
    ]  # each a handle on one app server, all behind the same Varnish
    cache = None
    try:
        for number, server in enumerate(servers, start=1):
            server.app = stack_tools.start_gunicorn(env, server.app_port, log_path=stack.workdir / f"app-{number}.log")
        cache = stack_tools.start_varnish(varnish_port, ports, counter_env=env)
        yield servers
    finally:
        stack_tools.stop(cache)
        for server in servers:
            stack_tools.stop(server.app)


def _log(stack, number):
    return (stack.workdir / f"app-{number}.log").read_text()


def test_requests_are_shared_by_both_app_servers(stack, pair):
    front = pair[0]
    for number in range(10):
        assert front.get(f"/healthz?spread={number}").status == 200

    def served():
        return [len(re.findall(r"GET /healthz\?spread=", _log(stack, n))) for n in (1, 2)]

    assert wait_until(lambda: sum(served()) == 10), f"the access logs name {served()} of 10 requests"
    served = served()
    assert min(served) >= 3, f"one app server took (nearly) everything: {served}"


def test_a_members_session_holds_on_both_app_servers(stack, pair, member_cookie):
    front = pair[0]
    for _ in range(6):
        response = front.get(MEMBERS_PAGE, cookie=member_cookie)
        assert response.status == 200
        assert "Members' briefing" in response.text or "briefing" in response.text.lower()
    assert all(MEMBERS_PAGE in _log(stack, n) for n in (1, 2)), "both servers answered the member"


def test_downloads_are_counted_once_each_whichever_server_answers(stack, pair, editor):
    front = pair[0]
    collection = editor.call("collection_id", "Root")
    document = editor.call("create_document", "Spread download", collection)
    before = editor.call("download_count", document["id"])
    for _ in range(6):
        assert front.get(document["file"]).status == 200
    # Varnish answers all but the first from its store: those are counted from its log, a moment later.
    assert settled_download_count(editor, document["id"], before + 6) == before + 6


def test_stopping_one_app_server_is_not_noticed_and_it_rejoins_when_started(stack, pair, member_cookie):
    front, other = pair
    stack_tools.stop(front.app)
    try:
        # At once (before the probe marks it sick) and after: every request answered by the other server.
        statuses = [front.get(MEMBERS_PAGE, cookie=member_cookie).status for _ in range(10)]
        statuses += [front.get(f"/healthz?while-down={n}").status for n in range(10)]
        assert statuses == [200] * 20
        assert wait_until(lambda: "while-down" in _log(stack, 2))
    finally:
        front.app = stack_tools.start_gunicorn(front.env, front.app_port, log_path=stack.workdir / "app-1.log")

    def first_serves_again():
        front.get(f"/healthz?rejoined={time.monotonic_ns()}")
        return "rejoined" in _log(stack, 1)

    assert wait_until(first_serves_again), "the restarted app server is back in turn"


def _form(front, path, cookie=None):
    """A form page's CSRF cookie, token and HTML (as a browser would fetch it before posting)."""
    response = front.get(path, cookie=cookie)
    assert response.status == 200
    csrf = re.search(r"csrftoken=([^;]+)", response.header("Set-Cookie"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
    return csrf.group(1), token.group(1), response.text


def _post(front, path, csrf, fields):
    return front.get(
        path,
        method="POST",
        cookie=f"csrftoken={csrf}",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        body=urlencode(fields),
    )


def test_login_failures_count_the_same_whichever_server_answers(stack, pair):
    """Five wrong passwords for one account from one address lock it (the fifth answers the lockout page), though
    the two servers took turns."""
    front = pair[0]
    statuses = []
    for attempt in range(6):
        if attempt % 2:
            front.get(f"/healthz?turn={attempt}")  # a form and its post take two turns: shift who gets the post
        csrf, token, _html = _form(front, "/en/login/")
        fields = {"csrfmiddlewaretoken": token, "username": "zqx-pair-account", "password": f"wrong-{attempt}"}
        statuses.append(_post(front, "/en/login/", csrf, fields).status)
    assert statuses == [200, 200, 200, 200, 429, 429], statuses
    both_took_some = wait_until(lambda: all(_log(stack, n).count("POST /en/login/") >= 2 for n in (1, 2)))
    assert both_took_some, "both servers took some"


def test_the_enquiry_rate_limit_holds_across_both_servers(stack, pair):
    """ENQUIRY_RATE_LIMIT (3 here) enquiries from one address, whichever server takes each: the fourth is a 429."""
    front = pair[0]
    statuses = []
    for number in range(4):
        if number % 2:
            front.get(f"/healthz?turn={number}")  # shift which server gets the post
        csrf, token, html = _form(front, ENQUIRY_PAGE)
        fields = form_fields(html, token, f"A question from the two-server test, number {number}.", "pair@example.org")
        statuses.append(_post(front, ENQUIRY_PAGE, csrf, fields).status)
    assert statuses == [200, 200, 200, 429], statuses
    assert wait_until(lambda: all(f"POST {ENQUIRY_PAGE}" in _log(stack, n) for n in (1, 2))), "both took some"
