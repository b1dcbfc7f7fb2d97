"""Site search latency at 10,000 pages and 10,000 documents, on PostgreSQL.

    .venv/bin/python bench/search.py                       # postgres://postgres@127.0.0.1:5432, database bench_search
    .venv/bin/python bench/search.py --iterations 200 --keep
    DATABASE_URL=postgres://user@host:5432/portal .venv/bin/python bench/search.py

It creates a throwaway database (``bench_search`` on the server of ``DATABASE_URL``, by default the local server as
``postgres``; dropped afterwards unless ``--keep``), migrates it, loads the demo content, adds ``--pages`` generated
pages (``manage.py seed_bench_pages``: a tenth of them members-only) and ``--documents`` generated documents
(``manage.py seed_bench_documents``), settles the database with ``VACUUM ANALYZE`` (as autovacuum leaves it:
visibility map set, GIN pending lists emptied; ``--no-vacuum``: ``ANALYZE`` only, a fresh bulk load), then requests
each case through Django's test ``Client`` (the whole middleware stack, no network) as an anonymous visitor and as a
member, and prints per case the median and 95th-percentile server time, the median process CPU time and the SQL
queries per request. The target: p95 at most 50 ms.

The cases are what visitors type: a word most pages and documents hold, the same word spelled with a hyphen and an
accent, two and three words, a rarer word, no match at all, the documents tab, a deep results page, and title
suggestions. Every search is logged (a write), as on the site.

It prints figures and asserts nothing: timings on a shared machine vary, so they never gate a test run. The number
of queries per request is pinned by ``tests/search/test_query_counts.py`` instead.
"""

import os
import statistics
import sys
from io import StringIO
from urllib.parse import urlencode

import _common  # bench/_common.py: the throwaway database, the timing loop and the header

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
TARGET_P95_MS = 50


def parse_args():
    parser = _common.argument_parser(__doc__, iterations=100, warmup=5, per="case")
    parser.add_argument("--pages", type=int, default=10_000, help="generated pages (default 10000)")
    parser.add_argument("--documents", type=int, default=10_000, help="generated documents (default 10000)")
    parser.add_argument("--only", default="", help="run only the cases whose label contains this")
    _common.add_database_arguments(parser, "bench_search")
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
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    _common.require_postgresql(args.allow_sqlite, "search")
    setup_test_environment()
    with _common.throwaway_database(args.database, keep=args.keep):
        from documents.models import PortalDocument
        from home.models import StandardPage

        fresh = False
        if not StandardPage.objects.filter(slug="private-areas").exists():
            print("Loading the demo content ...", flush=True)
            call_command("load_demo_content", stdout=StringIO())
            fresh = True
        if not StandardPage.objects.filter(slug="benchmark-pages").exists():
            print(f"Seeding {args.pages} pages ...", flush=True)
            call_command("seed_bench_pages", count=args.pages, stdout=sys.stdout)
            fresh = True
        fresh = _common.seed_documents(args.documents) or fresh
        settled = _common.settle_database(args.vacuum, fresh=fresh)
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
                figures = _common.measure(client, path, args.iterations, args.warmup)
                figures["results"] = result_count(client, path)
                results.append((who, label, path, figures))

    _common.print_header(settled, load_before)
    print(f"{pages} pages, {documents} documents; {args.iterations} timed requests per case, {args.warmup} warm-up.")
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
    overall_p95 = _common.percentile(everything, 0.95)
    print("-" * len(header))
    median = statistics.median(everything)
    print(f"all search requests: p50 {median:.2f} ms, p95 {overall_p95:.2f} ms (target {TARGET_P95_MS})")


if __name__ == "__main__":
    main()
