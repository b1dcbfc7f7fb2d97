"""Server time of the JSON API: a listing of 20 pages with ``fields=*`` and a page detail.

    DJANGO_SETTINGS_MODULE=portal.settings.test .venv/bin/python bench/api.py [--iterations 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python bench/api.py    # on PostgreSQL

It builds a throwaway database (an SQLite file in a temporary folder, or ``bench_api_<name>`` on the PostgreSQL
server of ``DATABASE_URL``, dropped afterwards), loads the demo content, adds 20 standard pages whose body is the
demo "About us" body (headings, rich text with page links, images, a call to action) plus related documents,
settles the database (``VACUUM ANALYZE`` on PostgreSQL, as autovacuum leaves it; ``ANALYZE`` only with
``--no-vacuum``, and on SQLite), and requests the API through Django's test ``Client`` (the whole middleware stack,
no network), anonymously and with a member's personal token. It prints the median and 95th-percentile time, the
median process CPU time, the SQL queries per request and the response size. The target is a p95 of at most 50 ms.

It prints figures and asserts nothing: timings on a shared machine vary, so they never gate a test run (the query
counts are pinned by tests/api/test_query_counts.py).
"""

import os
from io import StringIO

import _common  # bench/_common.py: the throwaway database, the timing loop and the header

TARGET_P95_MS = 50
EXTRA_PAGES = 20


def parse_args():
    return _common.argument_parser(__doc__, iterations=200, warmup=10, per="address").parse_args()


def add_pages():
    """20 standard pages with the demo "About us" body and two related documents; returns a detail address."""
    from wagtail.models import Site

    from about.models import AboutPage, AlliancePage
    from documents.models import PortalDocument
    from home.models import StandardPage

    home = Site.objects.get(is_default_site=True).root_page
    body = AboutPage.objects.get(locale__language_code="en").body.raw_data
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
    return f"/api/v2/pages/{AlliancePage.objects.get(locale__language_code='en').pk}/"


def member_token():
    from django.contrib.auth import get_user_model

    from members import tokens

    return tokens.create_token(get_user_model().objects.get(username="member"), "bench")[1]


def main():
    args = parse_args()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    with _common.throwaway_database(_common.derived_name("bench_api")):
        print("Loading the demo content and 20 more pages ...", flush=True)
        call_command("load_demo_content", stdout=StringIO())
        detail = add_pages()
        token = member_token()
        settled = _common.settle_database(args.vacuum)
        addresses = [
            ("20 pages, fields=* (one type)", "/api/v2/pages/?type=home.StandardPage&fields=*&limit=20"),
            ("20 pages, fields=* (all types)", "/api/v2/pages/?fields=*&limit=20"),
            ("page detail (Alliance)", detail),
        ]
        client = Client()
        load_before = os.getloadavg()[0]
        results = []
        for who, headers in (("anonymous", {}), ("member token", {"HTTP_AUTHORIZATION": f"Bearer {token}"})):
            for label, path in addresses:
                figures = _common.measure(client, path, args.iterations, args.warmup, **headers)
                results.append((label, who, path, figures))

    _common.print_header(settled, load_before)
    print(f"{args.iterations} timed requests per address after {args.warmup} warm-up requests.")
    print()
    header = f"{'request':<32} {'who':<13} {'p50 ms':>7} {'p95 ms':>7} {'app CPU':>7} {'queries':>7} {'KiB':>6}"
    print(header)
    print("-" * len(header))
    for label, who, _path, figures in results:
        flag = "" if figures["p95"] <= TARGET_P95_MS else f"  (over the {TARGET_P95_MS} ms target)"
        print(
            f"{label:<32} {who:<13} {figures['p50']:>7.2f} {figures['p95']:>7.2f} {figures['cpu']:>7.2f} "
            f"{figures['queries']:>7} {figures['bytes'] / 1024:>6.1f}{flag}"
        )
    print()
    print(
        "Cached across requests, as in production: image rendition look-ups and Wagtail's site root paths; the\n"
        "  access module's restriction rows when CACHE_IS_SHARED is on. Not cached: the responses\n"
        "  themselves (ETag/304 saves the body for a client that revalidates, not the work)."
    )


if __name__ == "__main__":
    main()
