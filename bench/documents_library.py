"""Server time of the documents library at 10,000 documents, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python bench/documents_library.py
    ... bench/documents_library.py --count 10000 --iterations 200

It creates a throwaway database (``portal_bench_docs`` on the server of ``DATABASE_URL``, dropped afterwards; keep it
with ``--keep``), migrates it, loads the demo content (for the home page and the library page), adds ``--count``
generated documents with ``manage.py seed_bench_documents``, settles the database with ``VACUUM ANALYZE`` (as
autovacuum leaves it; ``--no-vacuum``: ``ANALYZE`` only, a fresh bulk load), then requests each case anonymously
through Django's test ``Client`` (the whole middleware stack and Wagtail's routing, no network) and prints, per case:
median and 95th-percentile server time, median process CPU time, and SQL queries per request. The target: p95 at
most 50 ms for every case.

It prints figures and asserts nothing: timings on a shared machine vary, so they never gate a test run. The number
of queries is pinned by ``tests/documents/test_library_query_counts.py`` instead.
"""

import os
from io import StringIO

import _common  # bench/_common.py: the throwaway database, the timing loop and the header

TARGET_P95_MS = 50


def parse_args():
    parser = _common.argument_parser(__doc__, iterations=100, warmup=5, per="case")
    parser.add_argument("--count", type=int, default=10_000, help="generated documents (default 10000)")
    _common.add_database_arguments(parser, "portal_bench_docs")
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


def main():
    args = parse_args()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    _common.require_postgresql(args.allow_sqlite, "library's")
    setup_test_environment()
    with _common.throwaway_database(args.database, keep=args.keep):
        from documents.models import DocumentsLibraryPage, PortalDocument

        fresh = not DocumentsLibraryPage.objects.exists()
        if fresh:
            print("Loading the demo content ...", flush=True)
            call_command("load_demo_content", stdout=StringIO())
        fresh = _common.seed_documents(args.count) or fresh
        settled = _common.settle_database(args.vacuum, fresh=fresh)
        library_url = DocumentsLibraryPage.objects.live().filter(locale__language_code="en").first().url
        total = PortalDocument.objects.count()
        client = Client()
        load_before = os.getloadavg()[0]
        results = [
            (label, path, _common.measure(client, path, args.iterations, args.warmup))
            for label, path in cases(library_url)
        ]

    _common.print_header(settled, load_before)
    print(f"{total} documents; {args.iterations} timed requests per case after {args.warmup} warm-up requests;")
    print("anonymous visitor (members-only documents hidden by the access module).")
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
