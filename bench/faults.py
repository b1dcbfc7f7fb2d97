"""Load and faults: the production stack under a realistic mix while its parts fail, on loopback, bounded in time.

Starts, on free loopback ports: a PostgreSQL database of its own (``<DATABASE_URL's name>_faults``, dropped after),
a throwaway Redis (``redis-server``, the shared cache), moto's S3 server with a private bucket (``MEDIA_STORAGE=s3``),
two gunicorn app servers with the production settings, the task worker when the stack has one, and Varnish in front
(``scripts/stack.py``). Then ``--clients`` threads drive a mix through Varnish for each phase: anonymous page views,
library pages and searches; a member who logged in through the login form reading members' pages and downloading
members-only files; an API client with the member's token; membership enquiries (each with its own marker); and an
editor who publishes a page every few seconds and makes a page members-only and public again in turn.

Phases (``--phase-seconds`` each): before; one app server stopped (and started again at the end of the phase);
Redis restarted; PostgreSQL's connections killed (``pg_terminate_backend``); S3 frozen for 10 s (SIGSTOP, then
SIGCONT: a server that stops answering); after. Each fault is followed by a recovery phase.

Prints a table (requests, throughput, p50/p95 latency, 5xx) per phase and checks, exiting 1 when one fails:
- no 5xx outside a component's own outage window (the fault and a few seconds after it), and every 5xx a styled
  503 page (never a traceback); none in the recovery phases;
- every enquiry answered with success is stored exactly once; every members-only download answered 200 is counted
  exactly once;
- no members-only title, address or byte in any anonymous or non-member answer, at any moment (the page the editor
  makes members-only counts from the moment the change returned until it is made public again).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python bench/faults.py [--phase-seconds 20]

Needs PostgreSQL, redis-server, varnishd and the dev requirements (moto). Prints figures; the exit status says
whether the promises held.
"""

import argparse
import contextlib
import http.client
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import stack as stack_tools  # noqa: E402
from tests.stack.conftest import Editor, form_fields  # noqa: E402

PAGES = [
    "/en/",
    "/en/about-us/",
    "/en/about-us/international-co-operative-alliance/",
    "/en/about-us/why-join-the-ica/",
    "/en/documents/",
    "/en/documents/?q=guide",
]
SEARCHES = ["alliance", "membership", "annual report", "co-operative identity", "guide", "cooperative"]
MEMBER_PAGES = [
    "/en/private-areas/",
    "/en/private-areas/members-briefing/",
    "/en/private-areas/general-assembly-papers/",
]
MEMBERS_ONLY_WORDS = ["Members' briefing", "General assembly papers", "members-briefing", "general-assembly-papers"]
TOGGLED_WORDS = "Zqx privacy toggled page"
ENQUIRY_MARKER = "faults-enquiry-"
BUCKET = "portal-faults"
GRACE_AFTER_FAULT = 8  # seconds after a fault ends during which its 5xx still count as its own


@dataclass
class Result:
    started: float
    ended: float
    kind: str
    status: int
    phase: str
    note: str = ""


@dataclass
class Run:
    results: list = field(default_factory=list)
    leaks: list = field(default_factory=list)
    enquiries_ok: list = field(default_factory=list)
    downloads_ok: dict = field(default_factory=dict)
    secret_windows: list = field(default_factory=list)  # (start, end) when the toggled page was members-only
    outages: list = field(default_factory=list)  # (component, start, end)
    phase: str = "starting"
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, result):
        with self.lock:
            self.results.append(result)


def request(port, path, method="GET", headers=None, body=None, timeout=30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def cookie_value(headers, name):
    found = re.search(rf"{name}=([^;]+)", headers.get("set-cookie", ""))
    return found.group(1) if found else None


class Client:
    """One visitor (or member, or API client) of the load: ``run`` loops until ``stop`` is set."""

    def __init__(self, run, port, stop, seed, member_password, token, members_documents, enquiry_url):
        self.run, self.port, self.stop = run, port, stop
        self.random = random.Random(seed)
        self.member_password, self.token = member_password, token
        self.members_documents, self.enquiry_url = members_documents, enquiry_url
        self.session = None
        self.seed = seed

    def timed(self, kind, path, **kwargs):
        started = time.monotonic()
        try:
            status, headers, body = request(self.port, path, **kwargs)
        except (OSError, http.client.HTTPException) as error:
            status, headers, body = 599, {}, str(error).encode()
        ended = time.monotonic()
        note = ""
        if status >= 500:
            text = body.decode("utf-8", "replace")
            styled = "back in a moment" in text.lower() or (path.startswith("/api/") and text.startswith('{"message"'))
            note = "styled" if styled else "UNSTYLED: " + text[:200].replace("\n", " ")
        self.run.record(Result(started, ended, kind, status, self.run.phase, note))
        return status, headers, body, started, ended

    def check_anonymous(self, kind, path, body, started, ended):
        text = body.decode("utf-8", "replace")
        for word in MEMBERS_ONLY_WORDS + [d["title"] for d in self.members_documents]:
            # The visitor's own address may come back to them (the 404's login link): it tells them nothing.
            if word in text and word not in path:
                self.run.leaks.append((kind, word))
        if TOGGLED_WORDS in text:
            for start, end in list(self.run.secret_windows):
                if started >= start and (end is None or ended <= end):
                    self.run.leaks.append((kind, TOGGLED_WORDS))

    def anonymous(self):
        choice = self.random.random()
        if choice < 0.5:
            path = self.random.choice(PAGES)
        elif choice < 0.75:
            path = "/en/search/?" + urlencode({"q": self.random.choice(SEARCHES)})
        elif choice < 0.9:
            document = self.random.choice(self.members_documents)
            status, _h, body, started, ended = self.timed("anonymous members file", document["file"])
            if status == 200:
                self.run.leaks.append(("anonymous members file", document["title"]))
            return
        else:
            path = "/en/private-areas/members-briefing/"
        status, _h, body, started, ended = self.timed("anonymous", path)
        self.check_anonymous("anonymous", path, body, started, ended)

    def login(self):
        status, headers, body, *_ = self.timed("login form", "/en/login/")
        csrf = cookie_value(headers, "csrftoken")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or not csrf or not token:
            return
        form = urlencode(
            {"csrfmiddlewaretoken": token.group(1).decode(), "username": "member", "password": self.member_password}
        )
        status, headers, *_ = self.timed(
            "login",
            "/en/login/",
            method="POST",
            body=form,
            headers={"Cookie": f"csrftoken={csrf}", "Content-Type": "application/x-www-form-urlencoded"},
        )
        session = cookie_value(headers, "sessionid")
        if status == 302 and session:
            self.session = session

    def member(self):
        if self.session is None:
            self.login()
            return
        cookie = {"Cookie": f"sessionid={self.session}"}
        if self.random.random() < 0.5:
            self.timed("member page", self.random.choice(MEMBER_PAGES), headers=cookie)
            return
        document = self.random.choice(self.members_documents)
        status, _h, body, *_ = self.timed("member download", document["file"], headers=cookie)
        if status == 200 and body:
            with self.run.lock:
                self.run.downloads_ok[document["id"]] = self.run.downloads_ok.get(document["id"], 0) + 1

    def api(self):
        path = self.random.choice(
            ["/api/v2/pages/?limit=5", "/api/v2/documents/?limit=5", "/api/v2/pages/?search=alliance"]
        )
        self.timed("api (token)", path, headers={"Authorization": f"Bearer {self.token}"})

    def enquiry(self):
        status, headers, body, *_ = self.timed("enquiry form", self.enquiry_url)
        csrf = cookie_value(headers, "csrftoken")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or not csrf or not token:
            return
        text = body.decode("utf-8", "replace")
        marker = f"{ENQUIRY_MARKER}{self.seed}{self.random.randrange(10**9):09d}"
        fields = form_fields(
            text, token.group(1).decode(), f"A question from the load test, {marker}", "faults@example.org"
        )
        status, headers, body, *_ = self.timed(
            "enquiry",
            self.enquiry_url,
            method="POST",
            body=urlencode(fields),
            headers={"Cookie": f"csrftoken={csrf}", "Content-Type": "application/x-www-form-urlencoded"},
        )
        if status == 200 and b"Thank you" in body:
            with self.run.lock:
                self.run.enquiries_ok.append(marker)

    def loop(self):
        while not self.stop.is_set():
            choice = self.random.random()
            if choice < 0.55:
                self.anonymous()
            elif choice < 0.8:
                self.member()
            elif choice < 0.93:
                self.api()
            else:
                self.enquiry()


def editor_loop(run, editor, stop, page_id, toggled_id):
    """Publish a page every 3 s; every 4th time make the toggled page members-only, and public the next time."""
    step = 0
    while not stop.is_set():
        step += 1
        try:
            editor.call("publish", page_id, title=f"Why join the ICA ({step})")
            if step % 4 == 0:
                if run.secret_windows and run.secret_windows[-1][1] is None:
                    with run.lock:
                        run.secret_windows[-1] = (run.secret_windows[-1][0], time.monotonic())
                    editor.call("unrestrict_page", toggled_id)
                else:
                    editor.call("restrict_page", toggled_id)
                    with run.lock:
                        run.secret_windows.append((time.monotonic(), None))
        except RuntimeError as error:
            run.record(Result(time.monotonic(), time.monotonic(), "editor", 599, run.phase, str(error)[-200:]))
        stop.wait(3)


def free_port():
    return stack_tools.free_port()


def wait_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port}")


def start_redis(port, workdir):
    process = subprocess.Popen(  # noqa: S603
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_port(port)
    return process


def start_s3(port):
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_port(port)
    import boto3

    boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{port}",
        region_name="us-east-1",
        aws_access_key_id="faults",
        aws_secret_access_key="faults",  # noqa: S106 - a throwaway local server
    ).create_bucket(Bucket=BUCKET)
    return process


def postgres_database(database_url):
    import psycopg2

    parts = urlsplit(database_url)
    name = f"{parts.path.lstrip('/') or 'portal'}_faults"
    server = f"{parts.scheme}://{parts.netloc}"
    admin = psycopg2.connect(f"{server}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}", admin, name


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phase-seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("bench/faults.py needs PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal")
    for program in ("redis-server", "varnishd"):
        if not (shutil.which(program) or stack_tools.varnishd_path()):
            sys.exit(f"bench/faults.py needs {program}")

    workdir = Path(tempfile.mkdtemp(prefix="portal-faults-"))
    database_url, admin, db_name = postgres_database(database_url)
    redis_port, s3_port, varnish_port = free_port(), free_port(), free_port()
    app_ports = [free_port(), free_port()]
    processes = {}
    run = Run()
    stop = threading.Event()
    editor = None
    try:
        processes["redis"] = start_redis(redis_port, workdir)
        processes["s3"] = start_s3(s3_port)
        env = stack_tools.production_env(
            database_url,
            workdir,
            varnish_url=f"http://127.0.0.1:{varnish_port}",
            extra={
                "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
                "MEDIA_STORAGE": "s3",
                "S3_BUCKET": BUCKET,
                "S3_ENDPOINT_URL": f"http://127.0.0.1:{s3_port}",
                "S3_REGION": "us-east-1",
                "S3_ACCESS_KEY_ID": "faults",
                "S3_SECRET_ACCESS_KEY": "faults",
                "ENQUIRY_RATE_LIMIT": "1000000",
                "DEMO_MEMBER_PASSWORD": "faults-member-password",
                "DATABASE_CONN_MAX_AGE": "60",
            },
        )
        print(f"preparing the demo site in {db_name} (media in moto's S3 on port {s3_port}) ...", flush=True)
        stack_tools.prepare({**env, "VARNISH_URL": ""})
        for number, port in enumerate(app_ports, start=1):
            processes[f"app{number}"] = stack_tools.start_gunicorn(env, port, log_path=workdir / f"app{number}.log")
        if hasattr(stack_tools, "start_worker"):
            processes["worker"] = stack_tools.start_worker(env, log_path=workdir / "worker.log")
        processes["varnish"] = stack_tools.start_varnish(varnish_port, app_ports, counter_env=env)
        editor = Editor(env)
        members_documents = editor.call("members_documents")
        token = editor.call("member_token")
        enquiry_url = editor.call("enquiry_page_url")
        why_join = editor.call("find_page", "/home/about-us/why-join-the-ica/")["id"]
        home = editor.call("find_page", "/home/")["id"]
        toggled = editor.call("create_page", home, TOGGLED_WORDS, "zqx-toggled", "Zqx toggled words.")["id"]

        clients = [
            Client(
                run,
                varnish_port,
                stop,
                args.seed * 100 + n,
                "faults-member-password",
                token,
                members_documents,
                enquiry_url,
            )
            for n in range(args.clients)
        ]
        threads = [threading.Thread(target=client.loop, daemon=True) for client in clients]
        threads.append(threading.Thread(target=editor_loop, args=(run, editor, stop, why_join, toggled), daemon=True))
        phase_seconds = args.phase_seconds

        def phase(name, seconds=phase_seconds):
            run.phase = name
            print(f"  phase: {name}", flush=True)
            time.sleep(seconds)

        def outage(component, action):
            start = time.monotonic()
            action()
            run.outages.append((component, start, time.monotonic() + GRACE_AFTER_FAULT))

        for thread in threads:
            thread.start()
        phase("warming up (not a phase)", min(phase_seconds, 10))
        phase("before")

        run.phase = "app server 1 stopped"
        outage("app server 1", lambda: stack_tools.stop(processes["app1"]))
        phase("app server 1 stopped")

        def start_app1():
            processes["app1"] = stack_tools.start_gunicorn(env, app_ports[0], log_path=workdir / "app1.log")

        outage("app server 1", start_app1)
        phase("recovery (app server)")

        def restart_redis():
            stack_tools.stop(processes["redis"])
            time.sleep(2)
            processes["redis"] = start_redis(redis_port, workdir)

        run.phase = "Redis restarted"
        outage("redis", restart_redis)
        phase("Redis restarted", max(0, phase_seconds - 3))
        phase("recovery (Redis)")

        def kill_connections():
            with admin.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = %s AND pid <> pg_backend_pid()",
                    [db_name],
                )

        run.phase = "PostgreSQL connections killed"
        outage("postgresql", kill_connections)
        phase("PostgreSQL connections killed")
        phase("recovery (PostgreSQL)")

        def freeze_s3():
            os.kill(processes["s3"].pid, signal.SIGSTOP)
            time.sleep(10)
            os.kill(processes["s3"].pid, signal.SIGCONT)

        run.phase = "S3 frozen 10 s"
        outage("s3", freeze_s3)
        phase("S3 frozen 10 s", max(0, phase_seconds - 10))
        phase("recovery (S3)")
        phase("after")
        stop.set()
        for thread in threads:
            thread.join(60)
        if run.secret_windows and run.secret_windows[-1][1] is None:
            run.secret_windows[-1] = (run.secret_windows[-1][0], time.monotonic())

        stored = editor.call("enquiry_markers", ENQUIRY_MARKER)
        counted = {d["id"]: d["count"] for d in editor.call("members_documents")}
        before_counts = {d["id"]: d["count"] for d in members_documents}
    finally:
        stop.set()
        if editor:
            editor.close()
        for name in ("varnish", "app1", "app2", "worker", "s3", "redis"):
            process = processes.get(name)
            if process is not None and name == "s3":
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGCONT)
            stack_tools.stop(process)
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        admin.close()
        shutil.rmtree(workdir, ignore_errors=True)

    return report(run, stored, counted, before_counts)


def report(run, stored, counted, before_counts):
    phases = list(dict.fromkeys(result.phase for result in run.results))
    print()
    print(f"{'phase':34} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'5xx':>5}")
    for name in phases:
        rows = [r for r in run.results if r.phase == name]
        if not rows:
            continue
        span = max(r.ended for r in rows) - min(r.started for r in rows)
        latencies = [(r.ended - r.started) * 1000 for r in rows]
        errors = sum(r.status >= 500 for r in rows)
        print(
            f"{name:34} {len(rows):8} {len(rows) / max(span, 0.001):7.1f} {statistics.median(latencies):7.1f} "
            f"{percentile(latencies, 0.95):7.1f} {errors:5}"
        )
    by_kind = {}
    for result in run.results:
        if result.status >= 500:
            key = f"{result.phase}: {result.kind} {result.status}"
            by_kind[key] = by_kind.get(key, 0) + 1
    for key, count in sorted(by_kind.items()):
        print(f"  5xx  {key} x{count}")
    failures = []

    def in_outage(result):
        return any(start <= result.started <= end or start <= result.ended <= end for _c, start, end in run.outages)

    errors = [r for r in run.results if r.status >= 500]
    outside = [r for r in errors if not in_outage(r)]
    unstyled = [r for r in errors if r.status != 599 and not r.note.startswith("styled")]
    if outside:
        failures.append(f"{len(outside)} 5xx outside an outage window, e.g. {outside[:3]}")
    if unstyled:
        failures.append(f"{len(unstyled)} 5xx answers that were not the styled 503, e.g. {unstyled[:2]}")
    recovery = [r for r in errors if r.phase.startswith(("recovery", "after"))]
    if recovery:
        failures.append(f"{len(recovery)} 5xx after a recovery")
    missing = [m for m in run.enquiries_ok if stored.get(m, 0) != 1]
    print(
        f"\nenquiries answered with success: {len(run.enquiries_ok)}; stored exactly once: "
        f"{len(run.enquiries_ok) - len(missing)}"
    )
    if missing:
        failures.append(f"{len(missing)} successful enquiries not stored exactly once: {missing[:5]}")
    total_ok = sum(run.downloads_ok.values())
    total_counted = sum(counted[i] - before_counts.get(i, 0) for i in counted)
    print(f"members-only downloads answered 200: {total_ok}; counted: {total_counted}")
    for document_id, count in counted.items():
        delta = count - before_counts.get(document_id, 0)
        if delta != run.downloads_ok.get(document_id, 0):
            failures.append(
                f"document {document_id}: {run.downloads_ok.get(document_id, 0)} downloads, {delta} counted"
            )
    print(f"members-only words in anonymous answers: {len(run.leaks)}")
    if run.leaks:
        failures.append(f"members-only content reached anonymous visitors: {run.leaks[:5]}")
    print(f"outage windows: {[(c, round(e - s, 1)) for c, s, e in run.outages]}")
    print("\n" + ("PASS: every promise held" if not failures else "FAIL:\n- " + "\n- ".join(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
