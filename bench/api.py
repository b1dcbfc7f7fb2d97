"""Server time of the JSON API: a listing of 20 pages with ``fields=*`` and a page detail.

    DJANGO_SETTINGS_MODULE=portal.settings.test .venv/bin/python bench/api.py [--iterations 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python bench/api.py    # on PostgreSQL

It builds a throwaway database (an SQLite file in a temporary folder, or ``bench_api_<name>`` on the PostgreSQL
server of ``DATABASE_URL``, dropped afterwards), loads the demo content, adds 20 standard pages whose body is the
demo "About us" body (headings, rich text with page links, images, a call to action) plus related documents, and
requests the API through Django's test ``Client`` (the whole middleware stack, no network), anonymously and with a
member's personal token. It prints the median and 95th-percentile time, the SQL queries per request and the
response size. The target is a p95 of at most 50 ms.

It prints figures and asserts nothing: timings on a shared machine vary, so they never gate a test run (the query
counts are pinned by tests/api/test_query_counts.py).
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
EXTRA_PAGES = 20


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=200, help="timed requests per address (default 200)")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests per address first (default 10)")
    return parser.parse_args()


def setup_database(tmp_dir):
    from django.db import connection

    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "NAME": str(tmp_dir / "bench.sqlite3")}
    else:
        settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "NAME": f"bench_api_{settings_dict['NAME']}"}
    old_name = settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=False)
    return old_name


def add_pages():
    """20 standard pages with the demo "About us" body and two related documents; returns a detail address."""
    from wagtail.models import Site

    from about.models import AboutPage, AlliancePage
    from documents.models import PortalDocument
    from home.models import StandardPage

    home = Site.objects.get(is_default_site=True).root_page
    body = AboutPage.objects.get().body.raw_data
    documents = list(PortalDocument.objects.order_by("pk")[:2])
    for number in range(EXTRA_PAGES):
        page = StandardPage(
            title=f"Bench page {number}",
            slug=f"bench-page-{number}",
            intro="A page for the API benchmark.",
            body=list(body),
            related_documents=[{"type": "document", "value": document.pk} for document in documents],
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    return f"/api/v2/pages/{AlliancePage.objects.get().pk}/"


def member_token():
    from django.contrib.auth import get_user_model

    from members import tokens

    return tokens.create_token(get_user_model().objects.get(username="member"), "bench")[1]


def measure(client, path, iterations, warmup, headers):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(path, **headers)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}: {response.content[:200]!r}")
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(path, **headers)
    query_count = len(queries)
    timings = []
    for _ in range(iterations):
        start = time.perf_counter()
        client.get(path, **headers)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return {"p50": statistics.median(timings), "p95": p95, "queries": query_count, "bytes": len(response.content)}


def main():
    args = parse_args()
    import django

    django.setup()
    import wagtail
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    tmp_dir = Path(tempfile.mkdtemp(prefix="portal-bench-api-"))
    old_name = setup_database(tmp_dir)
    try:
        print("Loading the demo content and 20 more pages ...", flush=True)
        call_command("load_demo_content", stdout=StringIO())
        detail = add_pages()
        token = member_token()
        addresses = [
            ("20 pages, fields=* (one type)", "/api/v2/pages/?type=home.StandardPage&fields=*&limit=20"),
            ("20 pages, fields=* (all types)", "/api/v2/pages/?fields=*&limit=20"),
            ("page detail (Alliance)", detail),
        ]
        client = Client()
        results = []
        for who, headers in (("anonymous", {}), ("member token", {"HTTP_AUTHORIZATION": f"Bearer {token}"})):
            for label, path in addresses:
                results.append((label, who, path, measure(client, path, args.iterations, args.warmup, headers)))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(tmp_dir, ignore_errors=True)

    print()
    print(
        f"Python {platform.python_version()}, Django {django.get_version()}, Wagtail {wagtail.__version__}, "
        f"database {connection.vendor}, settings {os.environ['DJANGO_SETTINGS_MODULE']}"
    )
    print(f"{args.iterations} timed requests per address after {args.warmup} warm-up requests.")
    print()
    header = f"{'request':<32} {'who':<13} {'p50 ms':>7} {'p95 ms':>7} {'queries':>7} {'KiB':>6}"
    print(header)
    print("-" * len(header))
    for label, who, _path, figures in results:
        flag = "" if figures["p95"] <= TARGET_P95_MS else f"  (over the {TARGET_P95_MS} ms target)"
        print(
            f"{label:<32} {who:<13} {figures['p50']:>7.2f} {figures['p95']:>7.2f} {figures['queries']:>7} "
            f"{figures['bytes'] / 1024:>6.1f}{flag}"
        )
    print()
    print(
        "Cached across requests, as in production: image rendition look-ups and Wagtail's site root paths; the\n"
        "  access module's restriction rows when CACHE_IS_SHARED is on. Not cached: the responses\n"
        "  themselves (ETag/304 saves the body for a client that revalidates, not the work)."
    )


if __name__ == "__main__":
    main()
