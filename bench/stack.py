"""The production stack under load: Varnish in front of gunicorn, side by side with gunicorn alone.

Starts what the stack tests start (scripts/stack.py: a fresh database with the demo content, gunicorn with the
production settings and ``WEB_CONCURRENCY`` workers, default 2, the background tasks' worker, Varnish with
deploy/varnish/portal.vcl, all on loopback), then measures with ``wrk -t2 -c8`` for ``--seconds`` each:

1. a static file (the site's stylesheet) from gunicorn + WhiteNoise;
2. the anonymous pages (home, About, Alliance, Why join) through Varnish, and the same straight from gunicorn;
3. a member's pages straight from gunicorn (never cached), and a bare Wagtail page (a plain ``Page``) the same way:
   the member pages' cost per request against the bare page's;
4. a realistic anonymous mix (home, About pages, library pages with filters, document pages, downloads of public
   files, popular searches) through Varnish for ``--mix-seconds`` while an editor publishes a page every 10 s and
   changes a privacy setting every minute; the same mix straight from gunicorn for comparison (today's site). The
   page published is not in the menus (a news page; a page in the menus changes the menus of every page, which
   are then all purged);
   the hit ratio (varnishstat), and every anonymous answer of a sampling client checked for members-only text;
   then public downloads sent one by one through Varnish, against what the documents' counters show (Varnish
   keeps public files and its hits are counted from its log: documents/cached_downloads.py);
5. purge-to-fresh latency: ``--publishes`` times, an editor publishes a new title of a page in the mix and a client
   asks Varnish until it sees it; the time from the start of the publish to the first fresh answer.

Prints figures; asserts nothing. Needs varnishd and wrk (``apt-get install varnish wrk``). Set CACHE_URL (e.g.
redis://127.0.0.1:6379/14) to measure with a shared cache, DATABASE_URL=postgres://... to use PostgreSQL (a
database named ``<name>_benchstack`` is created and dropped).
"""

import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import stack as stack_tools  # noqa: E402
from tests.stack.conftest import Editor  # noqa: E402

PAGES = ["/en/", "/en/about-us/", "/en/about-us/international-co-operative-alliance/", "/en/about-us/why-join-the-ica/"]
MEMBER_PAGES = [
    "/en/private-areas/",
    "/en/private-areas/members-briefing/",
    "/en/private-areas/general-assembly-papers/",
]
SEARCHES = ["alliance", "membership", "annual report", "co-operative identity", "guide"]
LIBRARY_FILTERS = ["", "?q=guide", "?q=report", "?page=2", "?q=alliance"]
# Words that only members-only pages and documents contain (the demo content), and the privacy-toggled page's.
MEMBERS_ONLY = ["Members' briefing", "General assembly papers", "Board minutes", "Draft response", "Members' survey"]


# Counts the answers by status (each thread its own table, added up when wrk is done), so that a 404 the bench
# expects (the privacy-toggled page while it is members-only) is told apart from a failure.
STATUS_LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {}; downloads = 0 end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do totals[status] = (totals[status] or 0) + count end
  end
  for status, count in pairs(totals) do io.write(string.format("status %d %d\\n", status, count)) end
  local sent = 0
  for _, thread in ipairs(threads) do sent = sent + thread:get("downloads") end
  io.write(string.format("downloads %d\\n", sent))
end
"""


def wrk(url_base, paths, seconds, cookie=None):
    """``wrk -t2 -c8`` over ``paths`` (round robin, a Lua script); returns (requests/s, non-2xx/3xx count,
    ``{status: count}``, requests sent for /files/ addresses)."""
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
    quoted = ", ".join(f'"{p}"' for p in paths)
    header = f'wrk.headers["Cookie"] = "{cookie}"\n' if cookie else ""
    script.write(
        header
        + f"paths = {{{quoted}}}\ni = 0\n"
        + "request = function()\n  i = i % #paths + 1\n"
        + '  if string.sub(paths[i], 1, 7) == "/files/" then downloads = downloads + 1 end\n'
        + "  return wrk.format(nil, paths[i])\nend\n"
        + STATUS_LUA
    )
    script.close()
    try:
        out = subprocess.run(
            ["wrk", "-t2", "-c8", f"-d{seconds}s", "-s", script.name, url_base],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    statuses = {int(status): int(count) for status, count in re.findall(r"^status (\d+) (\d+)$", out, re.M)}
    downloads = re.search(r"^downloads (\d+)$", out, re.M)
    return rps, int(errors.group(1)) if errors else 0, statuses, int(downloads.group(1)) if downloads else 0


def get(port, path, cookie=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def ready(varnish_port, warm_paths):
    """Wait until Varnish sees the backend healthy again (a saturated run may have slowed its probe), and fill the
    cache with ``warm_paths``."""
    deadline = time.monotonic() + 60
    while get(varnish_port, "/healthz")[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    for path in warm_paths:
        get(varnish_port, path)


def varnish_counters(process):
    out = subprocess.run(
        [
            "varnishstat",
            "-n",
            str(process.varnish_dir / "instance"),
            "-1",
            "-f",
            "MAIN.cache_hit",
            "-f",
            "MAIN.cache_miss",
            "-f",
            "MAIN.cache_hitmiss",
            "-f",
            "MAIN.s_pass",
            "-f",
            "MAIN.bans",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {line.split()[0].split(".")[1]: int(line.split()[1]) for line in out.splitlines() if line.strip()}


def database_url(workdir):
    given = os.environ.get("DATABASE_URL", "")
    if not given.startswith("postgres"):
        return f"sqlite:///{workdir / 'bench.sqlite3'}", None
    import psycopg2

    server, name = given.rsplit("/", 1)
    name = f"{name}_benchstack"
    admin = psycopg2.connect(f"{server}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}", (admin, name)


def mix_paths(port, editor):
    """The anonymous mix: pages, library pages with filters, document pages, public downloads, searches."""
    documents = [editor.call("document_url", pk) for pk in range(1, 11)]
    downloads = []
    for url in documents[:4]:
        _, text = get(port, url)
        match = re.search(r'href="(/files/[^"]+)"', text)
        if match:
            downloads.append(match.group(1))
    searches = [f"/en/search/?q={q.replace(' ', '+')}" for q in SEARCHES]
    library = [f"/en/documents/{f}" for f in LIBRARY_FILTERS]
    return PAGES * 3 + library + documents + downloads + searches


class Sampler(threading.Thread):
    """An anonymous visitor during the mix: every answer checked for members-only text."""

    def __init__(self, port, paths, secrets):
        super().__init__(daemon=True)
        self.port, self.paths, self.secrets = port, paths, secrets
        self.stop_event = threading.Event()
        self.checked = self.leaked_bytes = self.downloads = 0

    def run(self):
        i = 0
        while not self.stop_event.is_set():
            path = self.paths[i % len(self.paths)]
            status, text = get(self.port, path)
            self.downloads += path.startswith("/files/") and status == 200
            for secret in self.secrets():
                if secret in text:
                    self.leaked_bytes += len(secret.encode()) * text.count(secret)
            self.checked += 1
            i += 1


def editor_activity(editor, stop_event, page_id, private_id, log):
    """Publish a page every 10 s and toggle a restriction every minute, until ``stop_event``."""
    started = time.monotonic()
    n = 0
    restricted = False
    next_privacy = started + 30
    while not stop_event.wait(10):
        n += 1
        editor.call("publish", page_id, title=f"Co-operative news (edit {n})")
        log.append("publish")
        if time.monotonic() >= next_privacy:
            restricted = not restricted
            editor.call("restrict_page" if restricted else "unrestrict_page", private_id)
            log.append("privacy")
            next_privacy += 60
    if restricted:
        editor.call("unrestrict_page", private_id)


def download_total(editor, ids):
    """The download counters of documents ``ids`` once the download counter has caught up with Varnish's log
    (unchanged for 5 s: after a saturating mix it may be a few seconds behind; at most 3 minutes)."""
    total = lambda: sum(editor.call("download_count", pk) for pk in ids)  # noqa: E731
    last, still_since, deadline = total(), time.monotonic(), time.monotonic() + 180
    while time.monotonic() - still_since < 5 and time.monotonic() < deadline:
        time.sleep(0.4)
        now = total()
        if now != last:
            last, still_since = now, time.monotonic()
    return last


def download_ids(downloads):
    return sorted({int(re.match(r"/files/(\d+)/", path).group(1)) for path in downloads})


def download_counts(editor, port, downloads, rounds=50):
    """``(sent, counted)``: ``rounds`` downloads of each public file in ``downloads`` through Varnish, one by one, and
    how many of them the documents' counters show once the download counter has read Varnish's log."""
    ids = download_ids(downloads)
    before, sent = download_total(editor, ids), 0
    for _ in range(rounds):
        for path in downloads:
            sent += get(port, path)[0] == 200
    return sent, download_total(editor, ids) - before


def purge_latency(editor, port, page_id, url, count):
    latencies = []
    for n in range(count):
        get(port, url)
        title = f"Why join the ICA (latency {n})"
        start = time.monotonic()
        # Not waiting for the worker: the clock runs until Varnish answers the new title, however it gets there.
        editor.call("publish", page_id, title=title, wait=False)
        while title not in get(port, url)[1]:
            if time.monotonic() - start > 10:
                break
        latencies.append(time.monotonic() - start)
    return latencies


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10, help="seconds per side-by-side case (default 10)")
    parser.add_argument("--mix-seconds", type=int, default=65, help="seconds of the mixed load (default 65)")
    parser.add_argument("--publishes", type=int, default=20, help="publishes for the latency (default 20)")
    args = parser.parse_args()
    for program in ("varnishd", "wrk"):
        if not (shutil.which(program) or (program == "varnishd" and stack_tools.varnishd_path())):
            sys.exit(f"bench/stack.py needs {program}: apt-get install {'varnish' if program == 'varnishd' else 'wrk'}")

    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-stack-"))
    db_url, pg = database_url(workdir)
    app_port, varnish_port = stack_tools.free_port(), stack_tools.free_port()
    env = stack_tools.production_env(db_url, workdir, varnish_url=f"http://127.0.0.1:{varnish_port}")
    workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
    app = cache = editor = worker = None
    try:
        print("Preparing: database, demo content, collectstatic ...", flush=True)
        stack_tools.prepare({**env, "VARNISH_URL": ""})
        app = stack_tools.start_gunicorn(env, app_port, workers=workers, log_path=workdir / "gunicorn.log")
        # The background tasks (purges, search index, renditions) run in the worker, as in production.
        worker = stack_tools.start_worker(env, log_path=workdir / "worker.log")
        cache = stack_tools.start_varnish(varnish_port, app_port, counter_env=env)
        editor = Editor(env)
        why_join = editor.call("find_page", "/home/about-us/why-join-the-ica/")
        home_id = editor.call("find_page", "/home/")["id"]
        bare = editor.call("create_bare_page", home_id)
        private = editor.call("create_page", home_id, "Toggled section", "toggled-section", "Toggled secret body")
        about_id = editor.call("find_page", "/home/about-us/")["id"]
        news = editor.call("create_page", about_id, "Co-operative news", "news", "The federation's news.")
        member = editor.call("member_cookie")
        _, home_html = get(app_port, "/en/")
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home_html).group(1)
        size = len(get(app_port, stylesheet)[1].encode())
        app_base, varnish_base = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{varnish_port}"

        print(
            f"\nwrk -t2 -c8, {args.seconds} s each; gunicorn {workers} sync workers; CACHE_URL="
            f"{os.environ.get('CACHE_URL') or '(none: per-process memory)'}; database {db_url.split(':')[0]}"
        )
        print(f"{'case':<58} {'req/s':>9} {'errors':>7}")
        rows = {}
        cases = [
            (
                "static",
                f"static file {stylesheet.rsplit('/', 1)[-1][:24]} ({size // 1024} KB), gunicorn",
                app_base,
                [stylesheet],
                None,
            ),
            ("varnish pages", "anonymous pages (home, About x3) through Varnish", varnish_base, PAGES, None),
            ("direct pages", "the same pages straight from gunicorn", app_base, PAGES, None),
            ("member", "member pages (never cached), gunicorn", app_base, MEMBER_PAGES, member),
            ("bare", "bare Wagtail page, gunicorn", app_base, [bare["url"]], None),
            ("bare member", "the bare Wagtail page as the member, gunicorn", app_base, [bare["url"]], member),
        ]
        for key, label, base, paths, cookie in cases:
            ready(varnish_port, paths if base == varnish_base else [])
            rows[key] = wrk(base, paths, args.seconds, cookie)
            print(f"{label:<58} {rows[key][0]:>9.0f} {rows[key][1]:>7}", flush=True)
        # Both workers are kept busy (wrk -c8 on 2 sync workers), so a request's cost is the inverse of req/s.
        print(
            f"member pages' cost per request: {rows['bare member'][0] / rows['member'][0]:.2f}x the bare Wagtail "
            f"page's served to the same member (session and user looked up), "
            f"{rows['bare'][0] / rows['member'][0]:.2f}x the bare page's served anonymously"
        )

        paths = mix_paths(app_port, editor) + [urlsplit(news["url"]).path]
        direct_mix = wrk(app_base, paths, args.seconds)
        print(f"{'anonymous mix straight from gunicorn (today)':<58} {direct_mix[0]:>9.0f} {direct_mix[1]:>7}")

        secrets = MEMBERS_ONLY + ["Toggled secret body"]
        restricted_now = threading.Event()
        sampler = Sampler(
            varnish_port, paths + [private["url"]], lambda: secrets if restricted_now.is_set() else MEMBERS_ONLY
        )
        stop_editor, log = threading.Event(), []

        def activity():
            editor_activity(editor, stop_editor, news["id"], private["id"], log)

        # The sampler checks the toggled page's body only while it is restricted.
        original_call = editor.call

        def tracking_call(name, *a, **kw):
            if name == "unrestrict_page":
                restricted_now.clear()
            result = original_call(name, *a, **kw)
            if name == "restrict_page":
                restricted_now.set()
            return result

        editor.call = tracking_call
        ready(varnish_port, paths)  # a warm cache, as a site that has been up for a while
        downloads = [path for path in paths if path.startswith("/files/")]
        counted_before = download_total(editor, download_ids(downloads))
        before = varnish_counters(cache)
        editor_thread = threading.Thread(target=activity, daemon=True)
        editor_thread.start()
        sampler.start()
        mix = wrk(varnish_base, paths + [private["url"]], args.mix_seconds)
        stop_editor.set()
        sampler.stop_event.set()
        editor_thread.join(60)
        sampler.join(30)
        editor.call = original_call
        after = varnish_counters(cache)
        hits = after["cache_hit"] - before["cache_hit"]
        # Varnish counts a request that finds a "hit-for-miss" marker (an answer it may not store: a download, a
        # redirect) in cache_miss too: those are not misses of the cache but answers it must not keep.
        uncacheable = after["cache_hitmiss"] - before["cache_hitmiss"] + after["s_pass"] - before["s_pass"]
        misses = after["cache_miss"] - before["cache_miss"] - (after["cache_hitmiss"] - before["cache_hitmiss"])
        print(f"{'anonymous mix through Varnish, editor at work':<58} {mix[0]:>9.0f} {mix[1]:>7}")
        print(
            "  answers by status: "
            + ", ".join(f"{status}: {count}" for status, count in sorted(mix[2].items()))
            + " (the toggled page answers 404 while it is members-only: a members-only page outside the menus "
            "is not announced)"
        )
        print(
            f"  {len(paths) + 1} addresses, {args.mix_seconds} s; editor: {log.count('publish')} publishes, "
            f"{log.count('privacy')} privacy changes; {after['bans'] - before['bans']} bans"
        )
        print(
            f"  hit ratio {100 * hits / max(hits + misses, 1):.1f} % of cacheable requests ({hits} hits, {misses} "
            f"misses); {100 * hits / max(hits + misses + uncacheable, 1):.1f} % of all requests ({uncacheable} never "
            "cacheable: the toggled page's answers while it is members-only)"
        )
        print(f"  speed-up over gunicorn alone: {mix[0] / direct_mix[0]:.1f}x")
        print(f"  members-only bytes in {sampler.checked} sampled anonymous answers: {sampler.leaked_bytes}")
        counted = download_total(editor, download_ids(downloads)) - counted_before
        print(
            f"  public downloads in the mix: {mix[3] + sampler.downloads} asked ({mix[3]} by wrk, of which up to 8 "
            f"still in flight when it stopped, {sampler.downloads} by the sampler), {counted} counted"
        )
        sent, counted = download_counts(editor, varnish_port, downloads)
        counter_log = (cache.varnish_dir / "counter.log").read_text(errors="replace").strip()
        if counter_log:
            print("  the download counter said: " + " | ".join(counter_log.splitlines()[-5:]))
        print(
            f"  public downloads, answered from Varnish's store: {sent} sent one by one after the mix, {counted} "
            "counted (from varnishncsa's log: documents/cached_downloads.py)"
        )

        latencies = purge_latency(editor, varnish_port, why_join["id"], urlsplit(why_join["url"]).path, args.publishes)
        latencies.sort()
        p95 = latencies[max(0, int(round(0.95 * len(latencies))) - 1)]
        print(
            f"purge-to-fresh latency over {len(latencies)} publishes (publish call start -> first fresh answer "
            f"through Varnish): p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
            f"max {latencies[-1] * 1000:.0f} ms"
        )
    finally:
        if editor:
            editor.close()
        stack_tools.stop(cache)
        stack_tools.stop(worker)
        stack_tools.stop(app)
        if pg:
            admin, name = pg
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
