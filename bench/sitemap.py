"""The sitemap's cost on a kept, already seeded database: ``/sitemap.xml`` and every sitemap page it lists.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search .venv/bin/python bench/sitemap.py

It seeds nothing and writes nothing: it reads the database of ``DATABASE_URL`` (by default ``bench_search``, which
``bench/search.py --keep`` leaves with 10,000 generated pages and 10,000 documents) in read-only transactions
(``PGOPTIONS=-c default_transaction_read_only=on``), requests ``/sitemap.xml`` anonymously through Django's test
``Client`` and, when it is a sitemap index, each section page it names, and prints per address the median and
95th-percentile server time, the median process CPU time, the SQL queries and the size. It asserts nothing; the
queries per sitemap page are pinned by ``tests/editors/test_sitemap_robots_redirects.py``.
"""

import os
import re
from urllib.parse import urlsplit

import _common  # bench/_common.py: the timing loop and the header

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_search")
os.environ["PGOPTIONS"] = (os.environ.get("PGOPTIONS", "") + " -c default_transaction_read_only=on").strip()


def main():
    parser = _common.argument_parser(__doc__, iterations=10, warmup=1, per="address")
    parser.add_argument("--media-root", default="/tmp/bench_search-media", help="the seeded database's uploads")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.MEDIA_ROOT = args.media_root
    client = Client()
    index = client.get("/sitemap.xml")
    if index.status_code != 200:
        raise SystemExit(f"/sitemap.xml answered {index.status_code}")
    paths = ["/sitemap.xml"]
    if b"<sitemapindex" in index.content:
        for location in re.findall(r"<loc>([^<]+)</loc>", index.content.decode()):
            parts = urlsplit(location.replace("&amp;", "&"))
            paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))

    load_before = os.getloadavg()[0]
    rows = [(path, _common.measure(client, path, args.iterations, args.warmup)) for path in paths]
    _common.print_header("none: a kept database, read as it is (read-only transactions)", load_before)
    print(f"{'address':<34} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms':>8} {'queries':>8} {'bytes':>10}")
    for path, figures in rows:
        print(
            f"{path:<34} {figures['p50']:>8.1f} {figures['p95']:>8.1f} {figures['cpu']:>8.1f} "
            f"{figures['queries']:>8} {figures['bytes']:>10,}"
        )
    if len(rows) > 1:
        path, figures = max(rows[1:], key=lambda row: row[1]["p50"])
        print(f"Heaviest sitemap page: {path}, {figures['p50']:.1f} ms median, {figures['bytes']:,} bytes.")


if __name__ == "__main__":
    main()
