"""``manage.py backup [--output DIR]``: the database and media files in one dated archive (``home.backup``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home import backup


class Command(BaseCommand):
    help = "Write the database and every media file (local or object storage) into one dated .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=".", help="the folder to write the archive into (default: here)")

    def handle(self, *args, output, **options):
        folder = Path(output)
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder")
        path, manifest = backup.backup(folder)
        self.stdout.write(
            f"{path}: {manifest['rows']} rows ({manifest['pages']} pages) and {manifest['files']} media files"
        )
