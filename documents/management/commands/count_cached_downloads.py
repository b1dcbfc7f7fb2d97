"""Count the downloads Varnish answered from its store, from varnishncsa's lines (documents/cached_downloads.py)."""

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections, connection

from documents import cached_downloads


class Command(BaseCommand):
    help = (
        "Add the downloads Varnish answered from its store to the documents' counters, every --interval seconds "
        "and when stopped (SIGTERM or the end of the input). The lines come from varnishncsa, started here on the "
        "Varnish instance named by --varnish-name, or read on standard input "
        "(varnishncsa with documents.cached_downloads.VARNISHNCSA_ARGUMENTS)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--varnish-name",
            default=None,
            help="Start varnishncsa on this Varnish instance (its -n; '' for the default instance) instead of "
            "reading standard input.",
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between two writes of the counts (default 1)."
        )

    def handle(self, *args, varnish_name=None, interval=1.0, **options):
        if not 0.05 <= interval <= 3600:
            self.stderr.write("--interval is a number of seconds from 0.05 to 3600.")
            raise SystemExit(2)
        reader = None
        if varnish_name is not None:
            varnishncsa = shutil.which("varnishncsa") or "/usr/bin/varnishncsa"
            name = ["-n", varnish_name] if varnish_name else []
            reader = subprocess.Popen(  # noqa: S603 - varnishncsa, with our own arguments
                [varnishncsa, *name, *cached_downloads.VARNISHNCSA_ARGUMENTS], stdout=subprocess.PIPE
            )
            fd = reader.stdout.fileno()
        else:
            fd = sys.stdin.buffer.fileno()
        self.stopping = False
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        try:
            pending = self.follow(fd, interval)
        finally:
            if reader is not None and reader.poll() is None:
                reader.terminate()
                reader.wait(10)
        if pending:
            self.stderr.write(f"{sum(pending.values())} download(s) could not be counted: the database is unreachable.")
            raise SystemExit(1)

    def stop(self, signum, frame):
        self.stopping = True

    def follow(self, fd, interval):
        """Read lines from ``fd`` until its end or a stop, writing the counts each ``interval``; returns what could
        not be written."""
        pending, buffer, announced = Counter(), b"", False
        next_write = time.monotonic() + interval
        while not self.stopping:
            ready, _, _ = select.select([fd], [], [], max(0.0, next_write - time.monotonic()))
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                *lines, buffer = (buffer + chunk).split(b"\n")
                if lines and not announced:
                    # The first line read: whoever started this knows that varnishncsa is attached.
                    self.stdout.write("reading Varnish's log")
                    self.stdout.flush()
                    announced = True
                pending.update(cached_downloads.tally(line.decode("utf-8", "replace") for line in lines))
            if time.monotonic() >= next_write:
                pending = self.write(pending)
                next_write = time.monotonic() + interval
        if buffer:
            pending.update(cached_downloads.tally([buffer.decode("utf-8", "replace")]))
        return self.write(pending)

    def write(self, pending):
        """Record ``pending``; what could not be written (the database unreachable) is kept for the next time."""
        if not pending:
            return pending
        self.refresh_connection()
        try:
            cached_downloads.record(pending)
        except DatabaseError as exc:
            self.stderr.write(f"count_cached_downloads: the counts wait for the database ({exc.__class__.__name__})")
            self.refresh_connection()
            return pending
        return Counter()

    @staticmethod
    def refresh_connection():
        """Drop a broken or expired database connection, as Django does around each request (not inside a
        transaction someone else opened: a test's)."""
        if not connection.in_atomic_block:
            close_old_connections()
