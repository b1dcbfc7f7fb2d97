"""Site search latency at 10,000 pages and 10,000 documents, on PostgreSQL.

    .venv/bin/python bench/search.py                       # postgres://postgres@127.0.0.1:5432, database bench_search
    .venv/bin/python bench/search.py --iterations 200 --keep
    DATABASE_URL=postgres://user@host:5432/portal .venv/bin/python bench/search.py

It creates a throwaway database (``bench_search`` on the server of ``DATABASE_URL``, by default the local server as
``postgres``; dropped afterwards unless ``--keep``), migrates it, loads the demo content, adds ``--pages`` generated
pages (``manage.py seed_bench_pages``: a tenth of them members-only) and ``--documents`` generated documents
(``manage.py seed_bench_documents``), runs ``ANALYZE``, then requests each case through Django's test ``Client``
(the whole middleware stack, no network) as an anonymous visitor and as a member, and prints per case the median
and 95th-percentile server time and the SQL queries per request. The target: p95 at most 50 ms.

The cases are what visitors type: a word most pages and documents hold, the same word spelled with a hyphen and an
accent, two and three words, a rarer word, no match at all, the documents tab, a deep results page, and title
suggestions. Every search is logged (a write), as on the site.

It prints figures and asserts nothing: timings on a shared machine vary, so they never gate a test run. The number
of queries per request is pinned by ``tests/site_search/test_query_counts.py`` instead.
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
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
TARGET_P95_MS = 50


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10_000, help="generated pages (default 10000)")
    parser.add_argument("--documents", type=int, default=10_000, help="generated documents (default 10000)")
    parser.add_argument("--iterations", type=int, default=100, help="timed requests per case (default 100)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per case first (default 5)")
    parser.add_argument("--database", default="bench_search", help="name of the throwaway database")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (and reuse it if present)")
    parser.add_argument("--only", default="", help="run only the cases whose label contains this")
    parser.add_argument("--allow-sqlite", action="store_true", help="run on SQLite anyway (figures not comparable)")
    return parser.parse_args()


def search_url(**params):
    return "/search/?" + urlencode(params)


CASES = [
    # Not a search: the same machine's time for a plain page, to read the others against.
    ("reference: home page", "/"),
    ("common word", search_url(q="cooperative")),
    ("hyphenated", search_url(q="co-operative")),
    ("accented", search_url(q="coopérative")),
    ("two words", search_url(q="housing solidarity")),
    ("three words", search_url(q="annual budget audit")),
    ("rarer word", search_url(q="charter")),
    ("no match", search_url(q="zzyzx")),
    ("pages tab", search_url(q="governance", kind="pages")),
    ("documents tab", search_url(q="governance", kind="documents")),
    ("page 5 of all", search_url(q="democratic", page=5)),
    ("suggestions", "/search/autocomplete/?" + urlencode({"q": "coop"})),
    ("suggestions, 2 words", "/search/autocomplete/?" + urlencode({"q": "annual rep"})),
]


def measure(client, path, iterations, warmup):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
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
        "timings": timings,
    }


def result_count(client, path):
    """The number of results the page reports (its "N results" line), for the table."""
    import re

    if "autocomplete" in path:
        return str(len(client.get(path).json()["suggestions"]))
    if "/search/" not in path:
        return "-"
    match = re.search(rb"([\d,]+\+?) results? for", client.get(path).content)
    return match.group(1).decode() if match else "0"


def main():
    args = parse_args()
    import django

    django.setup()
    import wagtail
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    if connection.vendor != "postgresql" and not args.allow_sqlite:
        raise SystemExit("The search figures are for PostgreSQL: set DATABASE_URL (or pass --allow-sqlite).")
    setup_test_environment()
    # Uploaded files (the demo's images and PDFs) beside the database, so that a kept database keeps them too.
    media_root = Path(tempfile.gettempdir()) / f"{args.database}-media"
    settings.MEDIA_ROOT = media_root
    settings_dict = connection.settings_dict
    settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "NAME": args.database}
    old_name = settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=not args.keep, serialize=False, keepdb=args.keep)
    try:
        from documents.models import PortalDocument
        from home.models import StandardPage

        if not StandardPage.objects.filter(slug="private-areas").exists():
            print("Loading the demo content ...", flush=True)
            call_command("load_demo_content", stdout=StringIO())
        if not StandardPage.objects.filter(slug="benchmark-pages").exists():
            print(f"Seeding {args.pages} pages ...", flush=True)
            call_command("seed_bench_pages", count=args.pages, stdout=sys.stdout)
        missing = args.documents - PortalDocument.objects.filter(collection__name="Benchmark documents").count()
        if missing > 0:
            print(f"Seeding {missing} documents ...", flush=True)
            call_command("seed_bench_documents", count=missing, stdout=sys.stdout)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        pages, documents = StandardPage.objects.count(), PortalDocument.objects.count()

        member = get_user_model().objects.filter(groups__name="Members", is_superuser=False).first()
        visitors = [("anonymous", Client())]
        if member is not None:
            member_client = Client()
            member_client.force_login(member)
            visitors.append(("member", member_client))
        cases = [(label, path) for label, path in CASES if args.only in label]
        load_before = os.getloadavg()[0]
        results = []
        for who, client in visitors:
            for label, path in cases:
                figures = measure(client, path, args.iterations, args.warmup)
                figures["results"] = result_count(client, path)
                results.append((who, label, path, figures))
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            shutil.rmtree(media_root, ignore_errors=True)

    print()
    print(
        f"Python {platform.python_version()}, Django {django.get_version()}, Wagtail {wagtail.__version__}, "
        f"database {connection.vendor}, settings {os.environ['DJANGO_SETTINGS_MODULE']}"
    )
    print(f"{pages} pages, {documents} documents; {args.iterations} timed requests per case, {args.warmup} warm-up.")
    print(
        f"Load average (1 min) {load_before:.2f} before and {os.getloadavg()[0]:.2f} after, on {os.cpu_count()} CPUs: "
        "wall-clock times include waiting for the CPU and the database; 'app cpu' is this process's own CPU time."
    )
    print()
    header = (
        f"{'visitor':<10} {'case':<21} {'path':<44} {'results':>7} {'p50 ms':>7} {'p95 ms':>7} {'app cpu':>7} "
        f"{'queries':>7}"
    )
    print(header)
    print("-" * len(header))
    everything = []
    for who, label, path, figures in results:
        if "/search/" in path:
            everything += figures["timings"]
        flag = "" if figures["p95"] <= TARGET_P95_MS else f"  (over {TARGET_P95_MS} ms)"
        print(
            f"{who:<10} {label:<21} {path[:44]:<44} {figures['results']:>7} {figures['p50']:>7.2f} "
            f"{figures['p95']:>7.2f} {figures['cpu']:>7.2f} {figures['queries']:>7}{flag}"
        )
    everything.sort()
    overall_p95 = everything[min(len(everything) - 1, round(0.95 * (len(everything) - 1)))]
    print("-" * len(header))
    median = statistics.median(everything)
    print(f"all search requests: p50 {median:.2f} ms, p95 {overall_p95:.2f} ms (target {TARGET_P95_MS})")


if __name__ == "__main__":
    main()
