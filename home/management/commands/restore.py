"""``manage.py restore ARCHIVE [--replace]``: load a ``manage.py backup`` archive into an empty site."""

from django.core.management.base import BaseCommand, CommandError

from home import backup


class Command(BaseCommand):
    help = (
        "Load a backup archive (database and media files) into an empty, migrated database and an empty storage, "
        "then rebuild the search and reference indexes."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a portal-backup-*.tar.gz written by manage.py backup")
        parser.add_argument(
            "--replace", action="store_true", help="replace the content of a database that is not empty"
        )

    def handle(self, *args, archive, replace, **options):
        try:
            manifest = backup.restore(archive, replace=replace)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored {manifest['rows']} rows ({manifest['pages']} pages) and {manifest['restored_files']} media "
            f"files from the backup of {manifest['created']}"
        )
