"""The production stack on loopback: Varnish (deploy/varnish/portal.vcl) in front of gunicorn (gunicorn.conf.py)
with the production settings, and the background tasks' worker (``manage.py db_worker``). Used by ``make stack`` /
``make stack-stop``, the stack tests (tests/stack/) and ``bench/stack.py``.

    python scripts/stack.py start   # database (STACK_DIR/db.sqlite3 unless DATABASE_URL is set), demo content,
                                    # collectstatic, STACK_APP_SERVERS (default 2) gunicorn app servers, the
                                    # worker and varnishd in front of them, on free ports; prints the addresses
    python scripts/stack.py stop    # stops what start started (by the process ids it recorded)

Nothing here listens anywhere but 127.0.0.1.
"""

import contextlib
import json
import os
import secrets
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARNISH_DIR = ROOT / "deploy" / "varnish"
PYTHON = sys.executable


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def varnishd_path():
    return shutil.which("varnishd") or next(
        (p for p in ("/usr/sbin/varnishd", "/usr/local/sbin/varnishd") if os.access(p, os.X_OK)), None
    )


def production_env(database_url, workdir, varnish_url="", extra=None):
    """The environment of a production process on loopback (gunicorn, manage.py commands, an editor)."""
    workdir = Path(workdir)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": os.environ.get("STACK_SECRET_KEY") or secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "VARNISH_URL": varnish_url,
        # Behind Varnish, public files are kept there and its hits counted from its log (start_download_counter).
        "FRONT_CACHE_COUNTS_DOWNLOADS": "true" if varnish_url else "",
        # The site's public address is the front cache's: absolute links (canonical, sitemap, API) name it.
        "SITE_URL": varnish_url or "http://127.0.0.1",
        "PYTHONPATH": str(ROOT),
        # With CACHE_URL set (CI's PostgreSQL pass), the stack's processes share that Redis with the test process,
        # whose rows describe another database: their keys are kept apart.
        "CACHE_KEY_PREFIX": f"stack-{workdir.name}",
    }
    env.pop("PORTAL_STRICT_TESTS", None)
    env.update(extra or {})
    return env


def manage(env, *args, quiet=True):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def prepare(env):
    """collectstatic, migrate and the demo content, in ``env``'s database and folders.

    The demo content's tasks (its documents' text, the search index) run as it loads, so the site is complete
    before the worker starts; later changes go through the worker as in production.
    """
    env = {**env, "TASKS_BACKEND": "immediate"}
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo_content")


def start_worker(env, log_path=None, detach=False):
    """The background tasks' worker (django-tasks' database backend): ``manage.py db_worker``, polling each 0.5 s."""
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115 - the child keeps it
    return subprocess.Popen(
        [PYTHON, "manage.py", "db_worker", "--interval", "0.5", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=detach,
    )


def wait_for(url, timeout=60, expect=200, process=None):
    """Poll ``url`` until it answers ``expect``; raise if it does not in time (or ``process`` died)."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the process serving {url} exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
                if response.status == expect:
                    return
                last = response.status
        except urllib.error.HTTPError as exc:
            last = exc.code
            if exc.code == expect:
                return
        except OSError as exc:
            last = exc
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer {expect} within {timeout}s (last: {last})")


def start_gunicorn(env, port, workers=2, log_path=None, detach=False):
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115 - the child keeps it
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=detach,
    )
    wait_for(f"http://127.0.0.1:{port}/healthz", process=process)
    return process


def render_vcl(directory, backend_ports, purgers=("127.0.0.1",)):
    """The site VCL (deploy/varnish/site.vcl.example filled in) for app servers on loopback (one port, or a list:
    one backend each, behind the round-robin director), written to ``directory`` with copies of portal.vcl and the
    503 page (varnishd reads them as its own user)."""
    directory = Path(directory)
    ports = [backend_ports] if isinstance(backend_ports, int) else list(backend_ports)
    for name in ("portal.vcl", "503.html"):
        shutil.copyfile(VARNISH_DIR / name, directory / name)
        (directory / name).chmod(0o644)
    text = (VARNISH_DIR / "site.vcl.example").read_text()

    def repeat(begin, end, fill):
        nonlocal text
        head, rest = text.split(begin, 1)
        block, tail = rest.split(end, 1)
        text = head + "".join(fill(block, number, port) for number, port in enumerate(ports, start=1)) + tail

    repeat(
        "# BEGIN BACKEND\n",
        "# END BACKEND\n",
        lambda block, number, port: block.replace("portal_1", f"portal_{number}").replace("@BACKEND_PORT@", str(port)),
    )
    repeat(
        "    # BEGIN ADD\n",
        "    # END ADD\n",
        lambda block, number, port: block.replace("portal_1", f"portal_{number}"),
    )
    values = {
        "@BACKEND_HOST@": "127.0.0.1",
        "@HOST_HEADER@": "127.0.0.1",
        "@PURGERS@": " ".join(f'"{p}";' for p in purgers),
        "@ERROR_PAGE@": str(directory / "503.html"),
        "@PORTAL_VCL@": str(directory / "portal.vcl"),
    }
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    path = directory / "site.vcl"
    path.write_text(text)
    path.chmod(0o644)
    return path


def start_varnish(port, backend_ports, detach=False, purgers=("127.0.0.1",), counter_env=None):
    """varnishd in the foreground of a child process (``-F``), in a directory of its own under /tmp.

    As root, varnishd reads its VCL and runs its cache process as its own unprivileged users, which must reach
    that directory: it is created world-readable (``mkdtemp`` then 755; pytest's temporary folders are not),
    and removed by ``stop``. Its log is ``varnish.log`` there.

    With ``counter_env`` (the app servers' environment, with ``FRONT_CACHE_COUNTS_DOWNLOADS``), the downloads it
    answers from its store are counted by ``start_download_counter``, stopped with it.
    """
    varnishd = varnishd_path()
    if varnishd is None:
        raise RuntimeError("varnishd is not installed: apt-get install varnish")
    directory = Path(tempfile.mkdtemp(prefix="portal-varnish-"))
    directory.chmod(0o755)
    vcl = render_vcl(directory, backend_ports, purgers)
    process = subprocess.Popen(
        [
            varnishd,
            "-F",
            "-n",
            str(directory / "instance"),
            "-a",
            f"127.0.0.1:{port}",
            "-T",
            "none",
            "-f",
            str(vcl),
            "-s",
            "malloc,64m",
            # Bans are tested against stored objects in the background too, so the ban list stays short.
            "-p",
            "ban_lurker_sleep=0.01",
        ],
        stdout=open(directory / "varnish.log", "ab"),  # noqa: SIM115 - the child keeps it
        stderr=subprocess.STDOUT,
        start_new_session=detach,
    )
    process.varnish_dir = directory
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", process=process)
    except RuntimeError as exc:
        raise RuntimeError(f"{exc}: {(directory / 'varnish.log').read_text()[-2000:]}") from exc
    process.helpers = []
    if counter_env is not None:
        try:
            process.helpers.append(start_download_counter(counter_env, process, port, detach=detach))
        except BaseException:
            stop(process)
            raise
    return process


def start_download_counter(env, varnish, port, detach=False, timeout=30):
    """``manage.py count_cached_downloads`` on ``varnish``'s log (documents/cached_downloads.py), returned once it
    reads the log: it says so on the first line it gets, for which addresses under /files/ are asked until then.
    Its own log is ``counter.log`` in Varnish's directory."""
    log = varnish.varnish_dir / "counter.log"
    counter = subprocess.Popen(
        [
            PYTHON,
            "manage.py",
            "count_cached_downloads",
            "--interval",
            "0.3",
            "--varnish-name",
            str(varnish.varnish_dir / "instance"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=open(log, "ab"),  # noqa: SIM115 - the child keeps it
        start_new_session=detach,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if counter.poll() is not None:
            raise RuntimeError(f"count_cached_downloads exited with status {counter.returncode}: {log.read_text()}")
        with contextlib.suppress(OSError):  # a 404: what is wanted is the log line
            urllib.request.urlopen(f"http://127.0.0.1:{port}/files/0/counter-ready", timeout=5)  # noqa: S310
        ready, _, _ = select.select([counter.stdout], [], [], 0.3)
        if ready:
            counter.stdout.readline()
            counter.stdout.close()
            return counter
    stop(counter)
    raise RuntimeError(f"count_cached_downloads did not read Varnish's log within {timeout}s: {log.read_text()}")


def stop(process, timeout=20):
    """Stop a child started here (SIGTERM, then SIGKILL after ``timeout``)."""
    if process is None:
        return
    for helper in getattr(process, "helpers", ()):
        stop(helper, timeout)  # first: the download counter writes what it read from Varnish's log
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
    if getattr(process, "varnish_dir", None):
        shutil.rmtree(process.varnish_dir, ignore_errors=True)


# make stack / make stack-stop ----------------------------------------------------------------------------------


def stack_dir():
    return Path(os.environ.get("STACK_DIR") or ROOT / ".stack")


def cli_start():
    workdir = stack_dir()
    state_file = workdir / "state.json"
    if state_file.exists():
        sys.exit(f"a stack is already recorded in {state_file}: run `make stack-stop` first")
    workdir.mkdir(parents=True, exist_ok=True)
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'db.sqlite3'}"
    count = int(os.environ.get("STACK_APP_SERVERS") or 2)
    if not 1 <= count <= 8:
        sys.exit("STACK_APP_SERVERS is the number of app servers: 1 to 8")
    app_ports, varnish_port = [free_port() for _ in range(count)], free_port()
    env = production_env(database_url, workdir, varnish_url=f"http://127.0.0.1:{varnish_port}")
    env["SECRET_KEY"] = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(40)
    prepare({**env, "VARNISH_URL": ""})  # nothing to purge yet
    state = {}
    for number, port in enumerate(app_ports, start=1):
        log = workdir / f"gunicorn-{number}.log"
        state[f"gunicorn-{number}"] = start_gunicorn(env, port, log_path=log, detach=True).pid
        print(f"app server {number} (gunicorn, production settings): http://127.0.0.1:{port}/   log: {log}")
    worker = start_worker(env, log_path=workdir / "worker.log", detach=True)
    state["worker"] = worker.pid
    print(f"Background tasks: manage.py db_worker (pid {worker.pid})   log: {workdir / 'worker.log'}")
    cache = start_varnish(varnish_port, app_ports, detach=True, counter_env=env)
    state["download-counter"] = cache.helpers[0].pid
    counter = state["download-counter"]
    print(f"Downloads Varnish answers are counted from its log: manage.py count_cached_downloads (pid {counter})")
    state_file.write_text(json.dumps({**state, "varnish": cache.pid, "varnish_dir": str(cache.varnish_dir)}))
    print(f"Varnish in front of them (health-checked, in turn): http://127.0.0.1:{varnish_port}/   (X-Cache)")
    print(f"Database: {database_url}. Purges go to VARNISH_URL=http://127.0.0.1:{varnish_port}")
    print("Stop them all with: make stack-stop")


def cli_stop():
    state_file = stack_dir() / "state.json"
    if not state_file.exists():
        print("no stack recorded: nothing to stop")
        return
    state = json.loads(state_file.read_text())
    varnish_dir = state.pop("varnish_dir", None)
    for name, pid in state.items():
        try:
            os.kill(pid, signal.SIGTERM)
            print(f"stopped {name} (pid {pid})")
        except ProcessLookupError:
            print(f"{name} (pid {pid}) was not running")
    if varnish_dir:
        time.sleep(1)
        shutil.rmtree(varnish_dir, ignore_errors=True)
    state_file.unlink()


if __name__ == "__main__":
    commands = {"start": cli_start, "stop": cli_stop}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit("usage: python scripts/stack.py start|stop")
    commands[sys.argv[1]]()
