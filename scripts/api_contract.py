"""The JSON API keeps its contract: schemathesis against the demo site on a loopback port, zero failures allowed.

    .venv/bin/python scripts/api_contract.py            # or: make api-contract
    .venv/bin/python scripts/api_contract.py --max-examples 200 --seed 7

It migrates a throwaway SQLite database with the development settings (DEBUG on, as `make run`), loads the demo
content, makes a personal API token for the demo member, serves the site on a free 127.0.0.1 port and runs
`schemathesis run <server>/api/v2/openapi.json --checks all --phases examples,coverage,fuzzing,stateful` twice:
anonymously and with `Authorization: Bearer <the member's token>` (the stateful phase follows the description's links
from each listing to its first item's detail). The seed is fixed and the number of examples bounded, so a
run takes a few minutes and finds the same cases every time. Everything it made (database, media, server) is
removed or stopped at the end; the exit status is schemathesis' (non-zero on any failure).
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
PHASES = "examples,coverage,fuzzing,stateful"
# Each schemathesis run is stopped after this long (a hung server must not hang CI).
RUN_TIMEOUT = 900

MEMBER_KEY_SCRIPT = """
import django
django.setup()
from django.contrib.auth import get_user_model
from members import tokens
_token, plaintext = tokens.create_token(get_user_model().objects.get(username="member"), "api contract")
print(plaintext)
"""


def say(message):
    print(message, flush=True)  # noqa: T201 - a command-line tool


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(command, env, **kwargs):
    say("$ " + " ".join(str(part) for part in command))
    return subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)  # noqa: S603


def wait_for(url, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"api_contract: the server stopped (exit {server.returncode}) before answering")
        try:
            with urlopen(url, timeout=5) as response:  # noqa: S310 (our own loopback server)
                if response.status == 200:
                    return
        except (URLError, OSError):
            pass
        time.sleep(0.5)
    sys.exit(f"api_contract: {url} did not answer within {seconds} s")


def schemathesis(url, args, work, label, headers=()):
    command = [
        str(Path(sys.executable).parent / "schemathesis"),
        "run",
        url,
        "--checks",
        "all",
        "--phases",
        PHASES,
        "--max-examples",
        str(args.max_examples),
        "--seed",
        str(args.seed),
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--report",
        "junit",
        "--report-junit-path",
        str(work / f"schemathesis-{label}.xml"),
    ]
    for header in headers:
        command += ["--header", header]
    shown = [part if not part.startswith("Authorization:") else "Authorization: Bearer <token>" for part in command]
    say(f"\n==> schemathesis, {label}\n$ " + " ".join(shown))
    try:
        return subprocess.run(command, cwd=work, timeout=RUN_TIMEOUT, check=False).returncode  # noqa: S603
    except subprocess.TimeoutExpired:
        say(f"api_contract: schemathesis ({label}) did not finish within {RUN_TIMEOUT} s")
        return 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1, help="schemathesis' random seed (default 1)")
    parser.add_argument("--max-examples", type=int, default=60, help="examples per operation and phase (default 60)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, reports)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="portal-api-contract-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "MEDIA_ROOT": str(work / "media"),
        "PYTHONUNBUFFERED": "1",
        # The site's address (the demo loader writes it into the Site): the API's absolute URLs name this server.
        "SITE_URL": base,
    }
    for name in ("CACHE_URL", "SEARCH_BACKEND", "SEARCH_URL"):
        env.pop(name, None)
    server = None
    try:
        python = sys.executable
        run([python, "manage.py", "migrate", "--noinput", "-v", "0"], env)
        run([python, "manage.py", "load_demo_content"], env, stdout=subprocess.DEVNULL)
        made = run([python, "-c", MEMBER_KEY_SCRIPT], env, capture_output=True, text=True)
        token = made.stdout.strip().splitlines()[-1]
        say(f"\n==> the demo site on {base}")
        server = subprocess.Popen(  # noqa: S603
            [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=(work / "server.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        url = f"{base}/api/v2/openapi.json"
        wait_for(url, server)
        started = time.monotonic()
        failed = [
            label
            for label, headers in (("anonymous", ()), ("member", (f"Authorization: Bearer {token}",)))
            if schemathesis(url, args, work, label, headers) != 0
        ]
        say(
            f"\napi_contract: {'FAILED: ' + ', '.join(failed) if failed else 'zero failures'} "
            f"(seed {args.seed}, {args.max_examples} examples, {time.monotonic() - started:.0f} s)"
        )
        return 1 if failed else 0
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        if args.keep:
            say(f"api_contract: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
