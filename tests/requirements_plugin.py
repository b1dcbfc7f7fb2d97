"""Optional test groups and CI's strict mode (loaded as a plugin from ``tests/conftest.py``).

Three groups of tests need something a fresh machine may not have:

* ``@pytest.mark.postgres`` tests need the database to be PostgreSQL (``DATABASE_URL=postgres://...``);
* ``@pytest.mark.e2e`` tests (everything under ``tests/e2e/`` is marked automatically) drive headless Chromium
  through Playwright and check pages with axe-core, so they need Chromium (``/usr/bin/chromium`` or
  ``$CHROMIUM_PATH``), the ``playwright`` package and ``node_modules/axe-core/axe.min.js`` (``npm ci``).
* ``@pytest.mark.stack`` tests (everything under ``tests/stack/``) start Varnish in front of gunicorn on loopback,
  so they need ``varnishd`` (Debian's ``varnish``) and the ``gunicorn`` package.

On a developer's machine a missing requirement skips its group with the reason, and the end of the run says
plainly which groups were skipped and why. With ``PORTAL_STRICT_TESTS=1`` (set by ``.ci/run``) nothing may be
skipped: a missing requirement fails the tests that need it, and any skipped test fails the session. The one
exception is the ``postgres`` group on SQLite: in strict mode those tests are deselected, because ``.ci/run``
runs the whole suite a second time on PostgreSQL, where they are mandatory.
"""

import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
E2E_DIR = Path(__file__).resolve().parent / "e2e"
STACK_DIR = Path(__file__).resolve().parent / "stack"
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
STRICT_ENV = "PORTAL_STRICT_TESTS"


def strict_mode():
    return os.environ.get(STRICT_ENV) == "1"


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"


def database_engine():
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"]


def missing_for_postgres():
    """Why the ``postgres`` group cannot run here, or ``None`` when it can."""
    engine = database_engine()
    if "postgresql" in engine:
        return None
    vendor = engine.rsplit(".", 1)[-1]
    return f"needs PostgreSQL (this run uses {vendor}): run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal"


def missing_for_e2e():
    """Why the browser tests cannot run here, or ``None`` when they can."""
    missing = []
    chromium = chromium_path()
    if not (os.path.isfile(chromium) and os.access(chromium, os.X_OK)):
        missing.append(f"no Chromium at {chromium}: apt-get install chromium, or set CHROMIUM_PATH")
    if importlib.util.find_spec("playwright") is None:
        missing.append("the playwright package is not installed: pip install -r requirements-dev.txt")
    if not AXE_PATH.is_file():
        missing.append(f"no {AXE_PATH.relative_to(ROOT)}: run npm ci (needs Node.js and npm)")
    return "; ".join(missing) or None


def missing_for_stack():
    """Why the stack tests (real Varnish in front of real gunicorn) cannot run here, or ``None`` when they can."""
    import shutil

    missing = []
    if not (shutil.which("varnishd") or os.access("/usr/sbin/varnishd", os.X_OK)):
        missing.append("no varnishd: apt-get install varnish")
    if importlib.util.find_spec("gunicorn") is None:
        missing.append("the gunicorn package is not installed: pip install -r requirements.txt")
    return "; ".join(missing) or None


@dataclass
class Group:
    """What happened to one optional group's tests in this run."""

    label: str
    reason: str | None
    collected: set = field(default_factory=set)
    deselected: int = 0
    skipped: set = field(default_factory=set)
    passed: set = field(default_factory=set)
    failed: set = field(default_factory=set)


GROUP_LABELS = {"postgres": "PostgreSQL tests", "e2e": "browser tests", "stack": "stack tests (Varnish + gunicorn)"}
GROUP_CHECKS = {"postgres": missing_for_postgres, "e2e": missing_for_e2e, "stack": missing_for_stack}
missing_key = pytest.StashKey[str]()


def _is_under(path, directory):
    try:
        Path(path).resolve().relative_to(directory)
    except ValueError:
        return False
    return True


def _skip_reason(report):
    if isinstance(report.longrepr, tuple) and len(report.longrepr) == 3:
        return str(report.longrepr[2]).removeprefix("Skipped: ")
    return str(report.longrepr)


class OptionalGroups:
    """Registered once per session by ``pytest_configure`` below."""

    def __init__(self, strict):
        self.strict = strict
        self.groups = {}
        self.skipped_reports = []

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config, items):
        """Mark, skip or (strict mode, postgres on SQLite) deselect the optional groups' tests.

        ``trylast`` so that ``-k``/``-m`` selection has already happened and the summary counts the tests
        that were going to run.
        """
        keep, deselected = [], []
        for item in items:
            if _is_under(item.path, E2E_DIR) and item.get_closest_marker("e2e") is None:
                item.add_marker(pytest.mark.e2e)
            if _is_under(item.path, STACK_DIR) and item.get_closest_marker("stack") is None:
                item.add_marker(pytest.mark.stack)
            names = [name for name in GROUP_CHECKS if item.get_closest_marker(name) is not None]
            reasons = []
            for name in names:
                if name not in self.groups:
                    self.groups[name] = Group(GROUP_LABELS[name], GROUP_CHECKS[name]())
                if self.groups[name].reason:
                    reasons.append(f"{GROUP_LABELS[name]}: {self.groups[name].reason}")
            if self.strict and "postgres" in names and self.groups["postgres"].reason:
                # .ci/run runs the suite again on PostgreSQL, where these are mandatory; here they are not
                # "skipped", they belong to the other pass.
                deselected.append(item)
                self.groups["postgres"].deselected += 1
                continue
            keep.append(item)
            for name in names:
                self.groups[name].collected.add(item.nodeid)
            if reasons and self.strict:
                item.stash[missing_key] = "; ".join(reasons)
            elif reasons:
                item.add_marker(pytest.mark.skip(reason="; ".join(reasons)))
        if deselected:
            config.hook.pytest_deselected(items=deselected)
            items[:] = keep

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        """Strict mode: a test whose group cannot run here fails before its fixtures start."""
        reason = item.stash.get(missing_key, None)
        if reason is not None:
            pytest.fail(f"{STRICT_ENV}=1 forbids skipping: {reason}", pytrace=False)

    def pytest_runtest_logreport(self, report):
        self._count(report)

    def pytest_collectreport(self, report):
        if report.skipped:
            self._count(report)

    def _count(self, report):
        skipped = report.skipped and not hasattr(report, "wasxfail")
        if skipped:
            self.skipped_reports.append(report)
        for group in self.groups.values():
            if report.nodeid not in group.collected:
                continue
            if skipped:
                group.skipped.add(report.nodeid)
            elif report.failed:
                group.failed.add(report.nodeid)
            elif report.passed and report.when == "call":
                group.passed.add(report.nodeid)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session, exitstatus):
        """Strict mode: a run with any skipped test fails, whatever else happened."""
        if self.strict and self.skipped_reports and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter):
        lines = []
        for name in ("postgres", "e2e", "stack"):
            group = self.groups.get(name)
            if group is None:
                continue
            if group.deselected:
                lines.append(
                    f"Deselected: {group.deselected} {group.label} (the database is not PostgreSQL; "
                    ".ci/run runs them in its PostgreSQL pass)."
                )
            if group.skipped:
                lines.append(f"Skipped: {len(group.skipped)} {group.label} ({group.reason}). CI runs them.")
            failed = group.failed - group.skipped
            passed = group.passed - failed
            if passed or failed:
                ran = len(passed) + len(failed)
                lines.append(f"Ran: {ran} {group.label} ({len(passed)} passed, {len(failed)} failed).")
        if lines:
            terminalreporter.write_sep("=", "optional test groups")
            for line in lines:
                terminalreporter.write_line(line)
        if self.strict and self.skipped_reports:
            terminalreporter.write_sep("=", f"strict mode ({STRICT_ENV}=1): skipped tests fail the run", red=True)
            for report in self.skipped_reports[:50]:
                terminalreporter.write_line(f"SKIPPED {report.nodeid}: {_skip_reason(report)}", red=True)
            if len(self.skipped_reports) > 50:
                terminalreporter.write_line(f"... and {len(self.skipped_reports) - 50} more", red=True)
            terminalreporter.write_line(
                f"{len(self.skipped_reports)} skipped test(s): CI may not pass by skipping. "
                "Install what the reasons name, or remove the skip.",
                red=True,
            )


def pytest_configure(config):
    config.pluginmanager.register(OptionalGroups(strict_mode()), "portal-optional-groups")
