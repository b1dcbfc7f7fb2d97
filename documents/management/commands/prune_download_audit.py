"""Delete download audit records older than DOWNLOAD_AUDIT_RETENTION_DAYS (run daily from cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from documents import audit


class Command(BaseCommand):
    help = "Delete download audit records older than DOWNLOAD_AUDIT_RETENTION_DAYS (default 365). Run from cron."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Keep this many days instead of the setting (at least 1)."
        )

    def handle(self, *args, days=None, **options):
        if days is not None and days < 1:
            self.stderr.write("--days must be at least 1.")
            raise SystemExit(2)
        days = settings.DOWNLOAD_AUDIT_RETENTION_DAYS if days is None else days
        deleted = audit.prune(days=days)
        self.stdout.write(f"Deleted {deleted} download record(s) older than {days} days.")
