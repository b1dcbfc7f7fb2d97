"""``manage.py requeue_stalled_text_extraction``: from cron (every 15 minutes), so that no pending document is
forgotten when a worker dies mid-task (``documents.tasks.requeue_stalled``)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from documents.tasks import requeue_stalled


class Command(BaseCommand):
    help = "Enqueue again the text extraction of pending documents whose task died or vanished."

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale-after-minutes", type=int, default=30, help="a task running longer than this is presumed dead"
        )

    def handle(self, *args, stale_after_minutes, **options):
        requeued = requeue_stalled(timedelta(minutes=stale_after_minutes))
        self.stdout.write(f"{len(requeued)} document(s) enqueued again")
