"""Two app servers behind one Varnish (``make stack``'s default): requests go to both in turn, one can stop and
start again without a visitor or a member noticing, and what the servers share (sessions, download counters, the
database) behaves as with one.

Two more gunicorns on the stack's database and a second varnishd with both as health-checked backends
(``scripts/stack.py``: the round-robin director of ``deploy/varnish/site.vcl.example``), for this module.
"""

import re
import time

import pytest

from scripts import stack as stack_tools
from tests.stack.conftest import Stack

MEMBERS_PAGE = "/private-areas/members-briefing/"


@pytest.fixture(scope="module")
def pair(stack):
    ports = [stack_tools.free_port(), stack_tools.free_port()]
    varnish_port = stack_tools.free_port()
    env = {**stack.env, "VARNISH_URL": f"http://127.0.0.1:{varnish_port}"}
    servers = [
        Stack(stack.workdir, env, port, varnish_port) for port in ports
    ]  # each a handle on one app server, all behind the same Varnish
    cache = None
    try:
        for number, server in enumerate(servers, start=1):
            server.app = stack_tools.start_gunicorn(env, server.app_port, log_path=stack.workdir / f"app-{number}.log")
        cache = stack_tools.start_varnish(varnish_port, ports)
        yield servers
    finally:
        stack_tools.stop(cache)
        for server in servers:
            stack_tools.stop(server.app)


def _log(stack, number):
    return (stack.workdir / f"app-{number}.log").read_text()


def _wait_until(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def test_requests_are_shared_by_both_app_servers(stack, pair):
    front = pair[0]
    for number in range(10):
        assert front.get(f"/healthz?spread={number}").status == 200

    def served():
        return [len(re.findall(r"GET /healthz\?spread=", _log(stack, n))) for n in (1, 2)]

    assert _wait_until(lambda: sum(served()) == 10), f"the access logs name {served()} of 10 requests"
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
    assert editor.call("download_count", document["id"]) == before + 6


def test_stopping_one_app_server_is_not_noticed_and_it_rejoins_when_started(stack, pair, member_cookie):
    front, other = pair
    stack_tools.stop(front.app)
    try:
        # At once (before the probe marks it sick) and after: every request answered by the other server.
        statuses = [front.get(MEMBERS_PAGE, cookie=member_cookie).status for _ in range(10)]
        statuses += [front.get(f"/healthz?while-down={n}").status for n in range(10)]
        assert statuses == [200] * 20
        assert _wait_until(lambda: "while-down" in _log(stack, 2))
    finally:
        front.app = stack_tools.start_gunicorn(front.env, front.app_port, log_path=stack.workdir / "app-1.log")

    def first_serves_again():
        front.get(f"/healthz?rejoined={time.monotonic_ns()}")
        return "rejoined" in _log(stack, 1)

    assert _wait_until(first_serves_again), "the restarted app server is back in turn"
