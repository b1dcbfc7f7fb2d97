"""Server time of the demo pages, against a bare Wagtail page served the same way.

    make bench
    DJANGO_SETTINGS_MODULE=portal.settings.test .venv/bin/python bench/pages.py [--iterations 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal make bench      # on PostgreSQL

It builds a throwaway database (an SQLite file in a temporary folder, or ``bench_<name>`` on the PostgreSQL server
of ``DATABASE_URL``, dropped afterwards), migrates it, runs ``load_demo_content``, adds a bare page (a plain
``wagtail.models.Page`` with no content, rendered by Wagtail's own ``wagtailcore/page.html``) under the home page,
then requests each page anonymously through Django's test ``Client`` (the whole middleware stack and Wagtail's
routing, no network) and prints, per page: median and 95th-percentile time, SQL queries per request, and the
ratio of the median to the bare page's (the portal's aim: at most 2x).

It prints figures and asserts nothing: timings on a shared machine vary, so they never gate a test run.
"""

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

PAGES = [
    ("home", "/"),
    ("about us", "/about-us/"),
    ("alliance", "/about-us/international-co-operative-alliance/"),
    ("why join", "/about-us/why-join-the-ica/"),
    ("documents", "/documents/"),
]
BARE_SLUG = "bench-bare-page"


def cache_note():
    """What the figures include and exclude, read from the settings in use."""
    from django.conf import settings

    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    restrictions = (
        "kept in the cache"
        if getattr(settings, "CACHE_IS_SHARED", False)
        else "read from the database on every request (CACHE_IS_SHARED is off)"
    )
    return (
        "Cached across requests, as in production (warm after the warm-up requests): compiled templates\n"
        f"  (Django's cached template loader), Wagtail's site root paths and image rendition look-ups ({backend}).\n"
        f"  The access module's restriction rows: {restrictions}.\n"
        "Not cached: the pages themselves. The portal has no full-page cache, so every request runs the\n"
        "  middleware, Wagtail's routing, the page's queries and its template."
    )


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=200, help="timed requests per page (default 200)")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests per page first (default 10)")
    return parser.parse_args()


def setup_database(tmp_dir):
    """Point the default database at a throwaway one and create it (migrations included)."""
    from django.db import connection

    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "NAME": str(tmp_dir / "bench.sqlite3")}
    else:
        settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "NAME": f"bench_{settings_dict['NAME']}"}
    old_name = settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=False)
    return old_name


def add_bare_page():
    from wagtail.models import Page, Site

    home = Site.objects.get(is_default_site=True).root_page
    bare = Page(title="Bare page", slug=BARE_SLUG)
    home.add_child(instance=bare)
    bare.save_revision().publish()
    return bare.specific.url


def add_layout_only_page():
    """An empty StandardPage: the portal's own layout (header, menu, breadcrumbs, footer) and no content, to show
    how much of a page's cost is the layout and how much its content."""
    from wagtail.models import Site

    from home.models import StandardPage

    home = Site.objects.get(is_default_site=True).root_page
    page = StandardPage(title="Layout only", slug="bench-layout-only")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page.url


def measure(client, path, iterations, warmup):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}; the benchmark needs the demo content")
    # The query log is a bounded deque: empty it first, or a full one makes every count 0.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    query_count = len(queries)  # now: later requests empty the log again
    timings, cpu = [], []
    for _ in range(iterations):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return {
        "p50": statistics.median(timings),
        "p95": p95,
        "cpu": statistics.median(cpu),
        "queries": query_count,
        "bytes": len(response.content),
    }


def main():
    args = parse_args()
    import django

    django.setup()
    import wagtail
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    # No setup_test_environment(): it instruments every template render (the test client then copies each
    # template's context), which would charge a page with many small templates for the test harness.
    tmp_dir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    old_name = setup_database(tmp_dir)
    try:
        print("Loading the demo content ...", flush=True)
        started = time.perf_counter()
        call_command("load_demo_content", stdout=StringIO())
        print(f"  loaded in {time.perf_counter() - started:.1f}s")
        bare_path = add_bare_page()
        layout_path = add_layout_only_page()

        client = Client()
        results = {}
        for label, path in [("bare page", bare_path), ("layout", layout_path), *PAGES]:
            results[label] = (path, measure(client, path, args.iterations, args.warmup))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(tmp_dir, ignore_errors=True)

    print()
    print(
        f"Python {platform.python_version()}, Django {django.get_version()}, Wagtail {wagtail.__version__}, "
        f"database {connection.vendor}, settings {os.environ['DJANGO_SETTINGS_MODULE']}"
    )
    print(f"{args.iterations} timed requests per page after {args.warmup} warm-up requests; anonymous visitor.")
    print()
    bare = results["bare page"][1]["p50"]
    bare_cpu = results["bare page"][1]["cpu"]
    header = (
        f"{'page':<10} {'path':<48} {'p50 ms':>7} {'p95 ms':>7} {'cpu ms':>7} {'queries':>7} {'KiB':>6} "
        f"{'x bare':>7} {'cpu x':>6}"
    )
    print(header)
    print("-" * len(header))
    for label, (path, figures) in results.items():
        ratio = figures["p50"] / bare
        flag = "" if ratio <= 2 or label == "bare page" else "  (over 2x)"
        print(
            f"{label:<10} {path:<48} {figures['p50']:>7.2f} {figures['p95']:>7.2f} {figures['cpu']:>7.2f} "
            f"{figures['queries']:>7} {figures['bytes'] / 1024:>6.1f} {ratio:>6.2f}x "
            f"{figures['cpu'] / bare_cpu:>5.2f}x{flag}"
        )
    print()
    print("cpu ms: the median process CPU time of a request (steadier than wall-clock time on a busy machine; on")
    print("  PostgreSQL it leaves out the database server's own work). layout: an empty page in the portal's layout.")
    print()
    print(cache_note())


if __name__ == "__main__":
    main()
