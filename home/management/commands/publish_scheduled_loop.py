"""``manage.py publish_scheduled_loop``: run Wagtail's ``publish_scheduled`` every ``--interval`` seconds.

``make run`` starts it beside the development server, so that pages scheduled in the admin go live (and expired
ones go offline) on the demo site as they would in production under cron. It stops when the process that started
it ends (``--parent``, or its own parent), so it never outlives ``make run``.
"""

import os
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Command(BaseCommand):
    help = "Run publish_scheduled every --interval seconds until the parent process ends (for make run)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between runs (default 60).")
        parser.add_argument("--parent", type=int, default=None, help="Stop when this process ends (default: ours).")
        parser.add_argument("--runs", type=int, default=0, help="Stop after this many runs (default: never).")

    def handle(self, *args, interval, parent, runs, **options):
        parent = parent or os.getppid()
        done = 0
        while _alive(parent) and (not runs or done < runs):
            call_command("publish_scheduled", verbosity=0)
            done += 1
            # Sleep in short steps so that the loop ends soon after its parent.
            deadline = time.monotonic() + interval
            while time.monotonic() < deadline and _alive(parent) and (not runs or done < runs):
                time.sleep(min(1.0, interval))
