#!/usr/bin/env python3
"""Prepare the tools that `make run`, `make test` and `.ci/run` need, and skip the work when nothing changed.

    python3 scripts/bootstrap.py venv [--dev]   # .venv with requirements.txt (--dev: requirements-dev.txt)
    python3 scripts/bootstrap.py node           # node_modules/ with axe-core for the browser tests

Run with any Python 3.11+; it uses only the standard library. Installing is skipped when a stamp file
(in .venv/ or node_modules/) records a hash of the requirement or lock files' content that still matches,
so a second `make run` starts in well under a second. Set PORTAL_STRICT_TESTS=1 to make a failed `npm`
install fatal (CI); otherwise the browser tests are skipped and the test summary says why.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("VENV", ROOT / ".venv"))
MIN_PYTHON = (3, 11)


def say(message):
    print(f"bootstrap: {message}", flush=True)  # noqa: T201 - a command-line tool


def fail(message):
    print(f"bootstrap: error: {message}", file=sys.stderr, flush=True)  # noqa: T201
    sys.exit(1)


def digest(paths, extra=""):
    """A hash of the files' content (and ``extra``), so a stamp changes whenever a requirement does."""
    sha = hashlib.sha256(extra.encode())
    for path in paths:
        sha.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


def venv_python():
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def venv_is_usable():
    """The venv's interpreter starts and is new enough (a venv whose base Python was removed is not)."""
    python = venv_python()
    if not python.exists():
        return False
    check = "import sys; sys.exit(sys.version_info < (3, 11))"
    return subprocess.run([str(python), "-c", check], capture_output=True).returncode == 0  # noqa: S603


def create_venv():
    if sys.version_info < MIN_PYTHON:
        fail(f"Python 3.11 or newer is needed to create .venv; this is {sys.version.split()[0]} ({sys.executable}).")
    if VENV.exists():
        say(f"{VENV} is unusable (its Python is missing or older than 3.11); recreating it")
        shutil.rmtree(VENV)
    say(f"creating {VENV} with {sys.executable} (Python {sys.version.split()[0]})")
    try:
        venv.EnvBuilder(with_pip=True).create(VENV)
    except (subprocess.CalledProcessError, OSError) as exc:
        shutil.rmtree(VENV, ignore_errors=True)
        fail(
            f"could not create {VENV} ({exc}). On Debian/Ubuntu install the venv module first: "
            "apt-get install python3-venv"
        )


def ensure_venv(dev):
    if not venv_is_usable():
        create_venv()
    requirement_files = [ROOT / "requirements.txt"] + ([ROOT / "requirements-dev.txt"] if dev else [])
    version = subprocess.run(  # noqa: S603
        [str(venv_python()), "-c", "import sys; print(sys.version)"], capture_output=True, text=True, check=True
    ).stdout
    wanted = digest(requirement_files, extra=version)
    stamp = VENV / (".portal-requirements-dev" if dev else ".portal-requirements")
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return
    target = requirement_files[-1].name
    say(f"installing {target} into {VENV.name} (requirements changed or first run)")
    pip = [str(venv_python()), "-m", "pip", "--disable-pip-version-check", "install", "--quiet"]
    if subprocess.run([*pip, "-r", str(requirement_files[-1])]).returncode != 0:  # noqa: S603
        fail(f"pip could not install {target}")
    stamp.write_text(wanted + "\n")
    if dev:
        # requirements-dev.txt includes requirements.txt, so the runtime set is current too.
        (VENV / ".portal-requirements").write_text(digest(requirement_files[:1], extra=version) + "\n")


def ensure_node():
    strict = os.environ.get("PORTAL_STRICT_TESTS") == "1"
    npm = shutil.which("npm")
    if npm is None:
        message = "npm not found: the browser tests (axe-core) will be skipped"
        if strict:
            fail(message.replace("will be skipped", "cannot run") + " (strict mode)")
        say(message)
        return
    lock = ROOT / "package-lock.json"
    axe = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    stamp = ROOT / "node_modules" / ".portal-lock"
    sources = [ROOT / "package.json"] + ([lock] if lock.exists() else [])
    wanted = digest(sources)
    if axe.exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        return
    command = [npm, "ci" if lock.exists() else "install", "--no-audit", "--no-fund", "--loglevel=error"]
    say("installing axe-core: " + " ".join(command[1:]))
    if subprocess.run(command, cwd=ROOT).returncode != 0 or not axe.exists():  # noqa: S603
        message = "npm could not install axe-core"
        if strict:
            fail(message + " (strict mode)")
        say(message + ": the browser tests will be skipped")
        return
    stamp.write_text(wanted + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    venv_parser = sub.add_parser("venv", help="create .venv and install the requirements when they changed")
    venv_parser.add_argument("--dev", action="store_true", help="install requirements-dev.txt (tests, lint)")
    sub.add_parser("node", help="install axe-core into node_modules when package-lock.json changed")
    args = parser.parse_args()
    if args.command == "venv":
        ensure_venv(args.dev)
    else:
        ensure_node()


if __name__ == "__main__":
    main()
