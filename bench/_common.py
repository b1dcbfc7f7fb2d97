"""What the benchmarks share: the command-line options every one takes, the throwaway database, settling it after
seeding, the timing loop, the percentile and the header.

A script imports it as ``import _common`` (Python puts the script's own folder, ``bench/``, on the path). Importing
it puts the project's root first on the path (so that ``search`` is the site's app, not ``bench/search.py``) and
defaults ``DJANGO_SETTINGS_MODULE`` to the test settings; nothing here touches Django until it is called.
"""

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

SETTLED = "database settled with VACUUM ANALYZE, as autovacuum leaves it"
ANALYZE_ONLY = "ANALYZE only (--no-vacuum): a fresh bulk load before autovacuum"
ANALYZE_ONLY_KEPT = "ANALYZE only (--no-vacuum), on a kept database: as earlier runs and autovacuum left it"
SQLITE_ANALYZED = "database analysed with ANALYZE (SQLite: no visibility map or GIN pending lists to settle)"


def argument_parser(doc, *, iterations, warmup, per):
    """A parser with the options every benchmark takes: ``--iterations``, ``--warmup`` and ``--no-vacuum``."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--iterations", type=int, default=iterations, help=f"timed requests per {per} (default {iterations})"
    )
    parser.add_argument(
        "--warmup", type=int, default=warmup, help=f"untimed requests per {per} first (default {warmup})"
    )
    parser.add_argument(
        "--no-vacuum",
        dest="vacuum",
        action="store_false",
        help="on PostgreSQL, only ANALYZE after seeding, not VACUUM ANALYZE: what a fresh bulk load costs before "
        "autovacuum has set the visibility map and emptied the GIN indexes' pending lists",
    )
    return parser


def add_database_arguments(parser, default_name):
    """``--database``, ``--keep`` and ``--allow-sqlite``, for the benchmarks whose figures are PostgreSQL's."""
    parser.add_argument("--database", default=default_name, help="name of the throwaway database")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (and reuse it if present)")
    parser.add_argument("--allow-sqlite", action="store_true", help="run on SQLite anyway (figures not comparable)")


def require_postgresql(allow_sqlite, what):
    from django.db import connection

    if connection.vendor != "postgresql" and not allow_sqlite:
        raise SystemExit(
            f"The {what} figures are for PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres "
            "(or pass --allow-sqlite)."
        )


def derived_name(prefix):
    """``<prefix>_<name>`` for the database of ``DATABASE_URL`` (on PostgreSQL), so that benchmarks run against
    different servers' databases do not share a throwaway one; the prefix alone on SQLite."""
    from django.db import connection

    if connection.vendor == "sqlite":
        return prefix
    return f"{prefix}_{connection.settings_dict['NAME']}"


@contextmanager
def throwaway_database(name, keep=False):
    """Point the default database at a throwaway one, create and migrate it, and drop it on the way out.

    ``name`` is the PostgreSQL database (on the server of ``DATABASE_URL``); on SQLite it names the file. Uploaded
    files (``MEDIA_ROOT``) go beside it. Without ``keep``, the database is created afresh (an existing one of that
    name is dropped first) and both go afterwards; with ``keep``, an existing database is reused and both stay, at
    fixed places (``<tmp>/<name>.sqlite3``, ``<tmp>/<name>-media``) where the next run finds them.
    """
    from django.conf import settings
    from django.db import connection

    if keep:
        folder = Path(tempfile.gettempdir())
        media_root, sqlite_file = folder / f"{name}-media", folder / f"{name}.sqlite3"
    else:
        folder = Path(tempfile.mkdtemp(prefix=f"{name}-"))
        media_root, sqlite_file = folder / "media", folder / "db.sqlite3"
    settings.MEDIA_ROOT = media_root
    settings_dict = connection.settings_dict
    test_name = str(sqlite_file) if connection.vendor == "sqlite" else name
    settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "NAME": test_name}
    old_name = settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=not keep, serialize=False, keepdb=keep)
    try:
        yield
    finally:
        if not keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            shutil.rmtree(folder, ignore_errors=True)


def settle_database(vacuum=True, fresh=True):
    """Bring the seeded database to the state production serves from, and say which was done (for the header).

    On PostgreSQL, ``VACUUM ANALYZE``: a freshly bulk-loaded table has no visibility map yet (index-only scans
    still read the heap) and its GIN indexes hold their new entries in pending lists (``fastupdate``) that every
    search scans; autovacuum soon fixes both on a real server. ``vacuum=False`` runs ``ANALYZE`` only, the
    planner's statistics without the rest, to show what the fresh load costs; ``fresh`` says whether this run
    wrote the data (False: a kept database reused as it was). VACUUM cannot run in a transaction: Django's
    connection is in autocommit outside ``atomic()``. On SQLite, ``ANALYZE``.
    """
    from django.db import connection

    postgresql = connection.vendor == "postgresql"
    statement = "VACUUM ANALYZE" if postgresql and vacuum else "ANALYZE"
    if connection.in_atomic_block:
        raise RuntimeError(f"{statement} must run outside a transaction")
    print(f"Settling the database ({statement}) ...", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(statement)
    print(f"  done in {time.perf_counter() - started:.1f}s")
    if not postgresql:
        return SQLITE_ANALYZED
    if vacuum:
        return SETTLED
    return ANALYZE_ONLY if fresh else ANALYZE_ONLY_KEPT


def seed_documents(count, languages=""):
    """Top the benchmark collection up to ``count`` generated documents (in ``languages``, comma-separated, equal
    shares; by default a federation's mix); returns whether any were added."""
    from django.core.management import call_command

    from documents.models import PortalDocument

    missing = count - PortalDocument.objects.filter(collection__name="Benchmark documents").count()
    if missing <= 0:
        return False
    print(f"Seeding {missing} documents ...", flush=True)
    call_command("seed_bench_documents", count=missing, languages=languages, stdout=sys.stdout)
    return True


def percentile(sorted_values, fraction):
    """The value at ``fraction`` (0.95: the 95th percentile) of an already sorted list, nearest rank."""
    return sorted_values[min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))]


def measure(client, path, iterations, warmup, **headers):
    """Request ``path`` ``warmup`` times untimed, once to count its SQL queries, then ``iterations`` times timed.

    Returns the median (``p50``) and 95th-percentile (``p95``) wall-clock milliseconds, the median process CPU
    milliseconds (``cpu``: steadier on a busy machine, and without the database server's own work), the median
    milliseconds spent waiting for SQL statements (``sql``: from sending each one to having its rows, the database
    server's work and the round trips), the queries and the response size in bytes, and the sorted ``timings``.
    """
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(path, **headers)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}: {response.content[:200]!r}")
    # The query log is a bounded deque: empty it first, or a full one makes every count 0.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **headers)
    query_count = len(queries)  # now: later requests empty the log again
    timings, cpu, sql = [], [], []
    waited = [0.0]

    def timed(execute, statement, params, many, context):
        started = time.perf_counter()
        try:
            return execute(statement, params, many, context)
        finally:
            waited[0] += time.perf_counter() - started

    with connection.execute_wrapper(timed):
        for _ in range(iterations):
            waited[0] = 0.0
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(path, **headers)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            sql.append(waited[0] * 1000)
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "cpu": statistics.median(cpu),
        "sql": statistics.median(sql),
        "queries": query_count,
        "bytes": len(response.content),
        "timings": timings,
    }


def print_header(settled, load_before):
    """The versions, the database and how it was settled, and the machine's load before and after the timing."""
    import django
    import wagtail
    from django.db import connection

    print()
    print(
        f"Python {platform.python_version()}, Django {django.get_version()}, Wagtail {wagtail.__version__}, "
        f"database {connection.vendor}, settings {os.environ['DJANGO_SETTINGS_MODULE']}"
    )
    print(f"After seeding: {settled}.")
    load_after, cpus = os.getloadavg()[0], os.cpu_count() or 1
    # This benchmark and the database server keep about one CPU busy themselves; more than that is other work.
    busy = max(load_before, load_after) > max(1.5, cpus / 2 + 0.5)
    print(
        f"Load average (1 min) {load_before:.2f} before and {load_after:.2f} after, on {cpus} CPUs: "
        + ("the machine was BUSY with other work (compare ratios and CPU, not milliseconds)" if busy else "quiet")
        + ";\n  wall-clock times include waiting for a busy machine; the CPU column (this process's median CPU time "
        "per request, without the database server's) does not."
    )
