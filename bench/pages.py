"""Server time of the demo pages, against a bare Wagtail page served the same way.

    make bench
    DJANGO_SETTINGS_MODULE=portal.settings.test .venv/bin/python bench/pages.py [--iterations 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal make bench      # on PostgreSQL

It builds a throwaway database (an SQLite file in a temporary folder, or ``bench_pages_<name>`` on the PostgreSQL
server of ``DATABASE_URL``, dropped afterwards), migrates it, runs ``load_demo_content``, adds a bare page (a plain
``wagtail.models.Page`` with no content, rendered by Wagtail's own ``wagtailcore/page.html``) and an empty page in
the portal's layout under the home page, settles the database (``VACUUM ANALYZE`` on PostgreSQL, as autovacuum
leaves it; ``ANALYZE`` only with ``--no-vacuum``, and on SQLite), then requests each page anonymously through
Django's test ``Client`` (the whole middleware stack and Wagtail's routing, no network) and prints, per page: median
and 95th-percentile time, median process CPU time, SQL queries per request, size, and the ratio of the median to the
bare page's (the portal's aim: at most 2x). ``--no-shared-cache`` measures as production without ``CACHE_URL``
(``CACHE_IS_SHARED`` off: nothing but templates, site root paths and rendition look-ups kept across requests).

It prints figures and asserts nothing: timings on a shared machine vary, so they never gate a test run.
"""

import os
import time
from io import StringIO

import _common  # bench/_common.py: the throwaway database, the timing loop and the header

PAGES = [
    ("home", "/en/"),
    ("about us", "/en/about-us/"),
    ("alliance", "/en/about-us/international-co-operative-alliance/"),
    ("why join", "/en/about-us/why-join-the-ica/"),
    ("documents", "/en/documents/"),
]
# Pages only a member may see (never cached by a shared cache): their cost is paid on every request.
MEMBER_PAGES = [
    ("private", "/en/private-areas/"),
    ("briefing", "/en/private-areas/members-briefing/"),
    ("assembly", "/en/private-areas/general-assembly-papers/"),
]
BARE_SLUG = "bench-bare-page"


def cache_note():
    """What the figures include and exclude, read from the settings in use."""
    from django.conf import settings

    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    if getattr(settings, "CACHE_IS_SHARED", False):
        shared = (
            "  Kept in the shared cache (CACHE_IS_SHARED on, as with CACHE_URL in production), each cleared or\n"
            "  re-keyed when what it holds changes: the access module's restriction rows, the site settings, the\n"
            "  menu, breadcrumbs and footer, child-page and highlight cards, rich-text links, picture (rendition)\n"
            "  facts, the Alliance page's regional offices, and which page a path names (the page itself is still\n"
            "  read).\n"
        )
    else:
        shared = (
            "  CACHE_IS_SHARED is off (--no-shared-cache, or production without CACHE_URL): restriction rows,\n"
            "  settings, menus, cards, picture facts and routing are read from the database on every request.\n"
        )
    return (
        "Cached across requests (warm after the warm-up requests): compiled templates (Django's cached template\n"
        f"  loader), Wagtail's site root paths and image rendition look-ups ({backend}).\n"
        f"{shared}"
        "Not cached: the pages themselves. The portal has no full-page cache, so every request runs the\n"
        "  middleware, Wagtail's routing, the page's queries and its template."
    )


def parse_args():
    parser = _common.argument_parser(__doc__, iterations=200, warmup=10, per="page")
    parser.add_argument(
        "--no-shared-cache",
        dest="shared_cache",
        action="store_false",
        help="measure as production without CACHE_URL: CACHE_IS_SHARED off, so nothing is kept across requests in "
        "the cache but templates, site root paths and rendition look-ups",
    )
    parser.add_argument(
        "--profile",
        default="",
        metavar="LABEL",
        help="profile the pages whose label contains LABEL (e.g. 'home', 'alliance (m)') with cProfile over "
        "--iterations requests instead of timing them, and print the functions that cost the most",
    )
    return parser.parse_args()


def profile(client, label, path, iterations, warmup):
    """Run ``path``'s requests under cProfile and print the 30 costliest functions, cumulative then own time."""
    import cProfile
    import pstats

    for _ in range(warmup):
        client.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(iterations):
        client.get(path)
    profiler.disable()
    print(f"\n=== {label} ({path}), {iterations} requests ===")
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(25)


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


def main():
    args = parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    if not args.shared_cache:
        settings.CACHE_IS_SHARED = False  # every reader looks the setting up when it runs

    # No setup_test_environment(): it instruments every template render (the test client then copies each
    # template's context), which would charge a page with many small templates for the test harness.
    with _common.throwaway_database(_common.derived_name("bench_pages")):
        print("Loading the demo content ...", flush=True)
        started = time.perf_counter()
        call_command("load_demo_content", stdout=StringIO())
        print(f"  loaded in {time.perf_counter() - started:.1f}s")
        bare_path = add_bare_page()
        layout_path = add_layout_only_page()
        settled = _common.settle_database(args.vacuum)

        client = Client()
        member = Client()
        member.force_login(get_user_model().objects.get(username="member"))
        if args.profile:
            for label, path in [("bare page", bare_path), ("layout", layout_path), *PAGES, *MEMBER_PAGES]:
                for visitor, suffix in ((client, ""), (member, " (m)")):
                    if args.profile in label + suffix:
                        profile(visitor, label + suffix, path, args.iterations, args.warmup)
            return
        load_before = os.getloadavg()[0]
        results = {}
        for label, path in [("bare page", bare_path), ("layout", layout_path), *PAGES]:
            results[label] = (path, _common.measure(client, path, args.iterations, args.warmup))
        # The same pages as the demo member (logged in: session and user looked up, member-only menus), and the
        # members-only pages, which no shared cache ever answers.
        for label, path in [("bare page", bare_path), ("layout", layout_path), *PAGES, *MEMBER_PAGES]:
            results[f"{label} (m)"] = (path, _common.measure(member, path, args.iterations, args.warmup))

    _common.print_header(settled, load_before)
    print(
        f"{args.iterations} timed requests per page after {args.warmup} warm-up requests; anonymous visitor, then "
        "(m) the demo member, logged in."
    )
    print()
    bare = results["bare page"][1]["p50"]
    bare_cpu = results["bare page"][1]["cpu"]
    header = (
        f"{'page':<14} {'path':<44} {'p50 ms':>7} {'p95 ms':>7} {'cpu ms':>7} {'queries':>7} {'KiB':>6} "
        f"{'x bare':>7} {'cpu x':>6} {'same':>6}"
    )
    print(header)
    print("-" * len(header))

    def same_bare(label):
        """The bare page's CPU for the same visitor: anonymous, or (m) the member (session and user looked up)."""
        return results["bare page (m)" if label.endswith("(m)") else "bare page"][1]["cpu"]

    for label, (path, figures) in results.items():
        ratio = figures["p50"] / bare
        cpu_ratio = figures["cpu"] / bare_cpu
        same = figures["cpu"] / same_bare(label)
        flag = "" if same <= 2 or label.startswith("bare page") else "  (over 2x)"
        print(
            f"{label:<14} {path[:44]:<44} {figures['p50']:>7.2f} {figures['p95']:>7.2f} {figures['cpu']:>7.2f} "
            f"{figures['queries']:>7} {figures['bytes'] / 1024:>6.1f} {ratio:>6.2f}x "
            f"{cpu_ratio:>5.2f}x {same:>5.2f}x{flag}"
        )
    pages = [(label, f) for label, (_, f) in results.items() if not label.startswith("bare")]
    for name, divisor in (("the bare page served to the same visitor", same_bare), ("the anonymous bare page", None)):
        worst = max((f["cpu"] / (divisor(label) if divisor else bare_cpu), label) for label, f in pages)
        verdict = "holds" if worst[0] <= 2 else "does NOT hold"
        print(f"Aim, CPU at most 2x {name}: {verdict} (worst: {worst[1]}, {worst[0]:.2f}x).")
    print()
    print("cpu ms: the median process CPU time of a request (steadier than wall-clock time on a busy machine; on")
    print("  PostgreSQL it leaves out the database server's own work). layout: an empty page in the portal's layout.")
    print("cpu x: against the anonymous bare page; same: against the bare page served to the same visitor (the")
    print("  member's pages against the bare page requested with the member's session).")
    print()
    print(cache_note())


if __name__ == "__main__":
    main()
