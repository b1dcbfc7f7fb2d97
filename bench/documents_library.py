"""Server time of the documents library at 10,000 documents, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python bench/documents_library.py
    ... bench/documents_library.py --count 10000 --iterations 200

It creates a throwaway database (``portal_bench_docs`` on the server of ``DATABASE_URL``, dropped afterwards; keep it
with ``--keep``), migrates it, loads the demo content (for the home page and the library page), adds ``--count``
generated documents with ``manage.py seed_bench_documents``, runs ``ANALYZE``, then requests each case anonymously
through Django's test ``Client`` (the whole middleware stack and Wagtail's routing, no network) and prints, per case:
median and 95th-percentile server time, and SQL queries per request. The target: p95 at most 50 ms for every case.

It prints figures and asserts nothing: timings on a shared machine vary, so they never gate a test run. The number
of queries is pinned by ``tests/library/test_query_counts.py`` instead.
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
TARGET_P95_MS = 50


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000, help="generated documents (default 10000)")
    parser.add_argument("--iterations", type=int, default=100, help="timed requests per case (default 100)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per case first (default 5)")
    parser.add_argument("--database", default="portal_bench_docs", help="name of the throwaway database")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (and reuse it if present)")
    parser.add_argument("--allow-sqlite", action="store_true", help="run on SQLite anyway (figures not comparable)")
    return parser.parse_args()


def cases(library_url):
    """``(label, path)`` of every case: the plain list, each filter, searches, a deep page, everything at once."""
    from documents.models import DocumentCategory

    category = DocumentCategory.objects.filter(slug="policy").first() or DocumentCategory.objects.first()
    return [
        ("unfiltered", library_url),
        ("category", f"{library_url}?category={category.slug}"),
        ("year", f"{library_url}?year=2015"),
        ("language", f"{library_url}?language=fr"),
        ("file type", f"{library_url}?type=docx"),
        ("search (common word)", f"{library_url}?q=cooperative"),
        ("search (two words)", f"{library_url}?q=housing+solidarity"),
        ("search (rare word)", f"{library_url}?q=alliance+glance"),
        ("sort: title A-Z", f"{library_url}?sort=title"),
        ("page 400", f"{library_url}?page=400"),
        ("all filters + search", f"{library_url}?q=budget&category={category.slug}&language=en&type=pdf"),
    ]


def measure(client, path, iterations, warmup):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    query_count = len(queries)
    timings, cpu = [], []
    for _ in range(iterations):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
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
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    if connection.vendor != "postgresql" and not args.allow_sqlite:
        raise SystemExit(
            "The library's figures are for PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal "
            "(or --allow-sqlite)."
        )
    setup_test_environment()
    # Uploaded files next to the database they belong to, so that a kept database (--keep) still finds its images
    # and documents in the next run (the test settings otherwise pick a new temporary folder each time).
    media_root = Path(tempfile.gettempdir()) / f"{args.database}-media"
    settings.MEDIA_ROOT = media_root
    settings_dict = connection.settings_dict
    settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "NAME": args.database}
    old_name = settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=not args.keep, serialize=False, keepdb=args.keep)
    try:
        from documents.models import DocumentsLibraryPage, PortalDocument

        if not DocumentsLibraryPage.objects.exists():
            print("Loading the demo content ...", flush=True)
            call_command("load_demo_content", stdout=StringIO())
        missing = args.count - PortalDocument.objects.filter(collection__name="Benchmark documents").count()
        if missing > 0:
            print(f"Seeding {missing} documents ...", flush=True)
            call_command("seed_bench_documents", count=missing, stdout=sys.stdout)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        library_url = DocumentsLibraryPage.objects.live().first().url
        total = PortalDocument.objects.count()
        client = Client()
        load_before = os.getloadavg()[0]
        results = [
            (label, path, measure(client, path, args.iterations, args.warmup)) for label, path in cases(library_url)
        ]
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            shutil.rmtree(media_root, ignore_errors=True)

    print()
    print(
        f"Python {platform.python_version()}, Django {django.get_version()}, Wagtail {wagtail.__version__}, "
        f"database {connection.vendor}, settings {os.environ['DJANGO_SETTINGS_MODULE']}"
    )
    print(f"{total} documents; {args.iterations} timed requests per case after {args.warmup} warm-up requests;")
    print("anonymous visitor (members-only documents hidden by the access module).")
    print(
        f"Load average (1 min) {load_before:.2f} before and {os.getloadavg()[0]:.2f} after, on {os.cpu_count()} CPUs: "
        "wall-clock times include waiting for a busy machine; 'app CPU' (the median CPU time of this process per "
        "request, without the database server's) does not."
    )
    print()
    header = f"{'case':<22} {'path':<62} {'p50 ms':>7} {'p95 ms':>7} {'app CPU':>7} {'queries':>7}"
    print(header)
    print("-" * len(header))
    for label, path, figures in results:
        flag = "" if figures["p95"] <= TARGET_P95_MS else f"  (over {TARGET_P95_MS} ms)"
        print(
            f"{label:<22} {path:<62} {figures['p50']:>7.2f} {figures['p95']:>7.2f} {figures['cpu']:>7.2f} "
            f"{figures['queries']:>7}{flag}"
        )


if __name__ == "__main__":
    main()
