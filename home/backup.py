"""One dated archive of the whole site: its database and its media files, wherever they are stored.

``manage.py backup`` writes ``portal-backup-<UTC date and time>.tar.gz`` holding

- ``database.json``: every row of every app (Django's serializer with natural keys, so content types and
  permissions are named, not numbered), except what the site rebuilds itself: content types, permissions,
  sessions, Wagtail's search index and reference index, and django-axes' login records;
- ``media/...``: every file of the default storage (local disk or object storage alike: it is read through
  Django's storage API);
- ``manifest.json``: when, from which database engine, and how many rows and files, which ``restore`` checks.

``manage.py restore <archive>`` loads it into an empty database (migrated; nothing but what migrations create) and
an empty storage: it refuses a database that holds content unless told ``--replace``. It then rebuilds the search
index and the reference index, so the restored site answers searches at once.

The archive holds members-only documents and members' accounts (password hashes, token hashes): keep it as safely
as the database itself.
"""

import io
import json
import tarfile
import tempfile
from datetime import UTC, datetime, time
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import management, serializers
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from wagtail.documents import get_document_model
from wagtail.models import Page

FORMAT = 1
DATABASE_MEMBER = "database.json"
MANIFEST_MEMBER = "manifest.json"
MEDIA_PREFIX = "media/"

# Rebuilt by Django or the site itself (or worthless in another database): never dumped.
EXCLUDED_MODELS = (
    "contenttypes",
    "auth.permission",
    "sessions",
    "wagtailsearch",
    "wagtailcore.referenceindex",
    "axes",
)


class BackupError(Exception):
    """A backup or restore that cannot be made, said in plain words."""


def _storage_files(storage, directory=""):
    """Every file name under ``directory`` of ``storage``, depth first (none when there is no such folder yet)."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for name in sorted(directories):
        yield from _storage_files(storage, f"{directory}/{name}" if directory else name)


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, keeping times to the microsecond (it keeps milliseconds), so that a restored site's
    publication and revision times are the very same."""

    def default(self, o):
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


def _models_to_dump():
    """Every model with rows of its own, in an order ``loaddata`` can follow (natural keys first)."""
    app_list = [
        (config, None)
        for config in apps.get_app_configs()
        if config.models_module is not None and config.label not in EXCLUDED_MODELS
    ]
    return [
        model
        for model in serializers.sort_dependencies(app_list, allow_cycles=True)
        if not model._meta.proxy
        and model._meta.can_migrate(connection)
        and model._meta.label_lower not in EXCLUDED_MODELS
    ]


def _dump_database():
    def rows():
        for model in _models_to_dump():
            yield from model._base_manager.order_by(model._meta.pk.name).iterator()

    out = io.StringIO()
    serializers.serialize("json", rows(), use_natural_foreign_keys=True, cls=ExactJSONEncoder, stream=out)
    return out.getvalue()


def _add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup(directory, storage=None, now=None):
    """Write the archive into ``directory``; return its path."""
    storage = storage or default_storage
    now = now or datetime.now(UTC)
    path = Path(directory) / f"portal-backup-{now:%Y%m%d-%H%M%S}.tar.gz"
    with transaction.atomic():  # one consistent reading of the database
        data = _dump_database()
    parsed = json.loads(data)
    files = list(_storage_files(storage))
    manifest = {
        "format": FORMAT,
        "created": now.isoformat(),
        "database_engine": connection.vendor,
        "rows": len(parsed),
        "files": len(files),
        "pages": sum(1 for row in parsed if row["model"] == "wagtailcore.page"),
    }
    with tarfile.open(path, "w:gz") as archive:
        _add_bytes(archive, MANIFEST_MEMBER, json.dumps(manifest, indent=2).encode())
        _add_bytes(archive, DATABASE_MEMBER, data.encode())
        for name in files:
            info = tarfile.TarInfo(MEDIA_PREFIX + name)
            info.size = storage.size(name)
            info.mtime = int(now.timestamp())
            with storage.open(name, "rb") as handle:
                archive.addfile(info, handle)
    return path, manifest


def database_is_empty():
    """Whether the database holds nothing but what migrations create (the root, an empty home page, groups)."""
    return not (
        Page.objects.filter(depth__gt=2).exists()
        or get_user_model().objects.exists()
        or get_document_model().objects.exists()
    )


def _read_archive(path):
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 (the caller closes it: "with _read_archive(...)")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} is not a backup archive ({error})") from error
    return archive


def _recreate_named_permissions(rows):
    """Create the permissions the dumped rows name (groups', users', and Wagtail's group permissions) that the flush
    did not make anew.

    The flush recreates the permissions of models' ``Meta``, not those a migration added (wagtail-localize's
    "submit translation", given to Editors and Moderators): without this, the groups that hold one cannot be loaded.
    """
    Permission = apps.get_model("auth", "Permission")
    keys = set()
    for row in rows:
        fields = row.get("fields", {})
        for name in ("permissions", "user_permissions"):
            keys.update(tuple(key) for key in fields.get(name) or [] if isinstance(key, list) and len(key) == 3)
        key = fields.get("permission")
        if isinstance(key, list) and len(key) == 3:
            keys.add(tuple(key))
    for codename, app_label, model in sorted(keys):
        try:
            content_type = ContentType.objects.get_by_natural_key(app_label, model)
        except ContentType.DoesNotExist:
            continue  # a model this site no longer has: loaddata says so
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": f"Can {codename.replace('_', ' ')}"}
        )


def restore(path, storage=None, replace=False):
    """Load the archive at ``path`` into the database and ``storage``; return its manifest."""
    storage = storage or default_storage
    with _read_archive(path) as archive:
        try:
            manifest = json.loads(archive.extractfile(MANIFEST_MEMBER).read())
            data = archive.extractfile(DATABASE_MEMBER).read()
        except (KeyError, AttributeError, ValueError) as error:
            raise BackupError(f"{path} is not a backup archive of this site (no {MANIFEST_MEMBER})") from error
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{path} was written in format {manifest.get('format')!r}; this site reads {FORMAT}")
        if not replace and not database_is_empty():
            raise BackupError("the database already holds content: restore into an empty one, or pass --replace")
        with tempfile.TemporaryDirectory() as work:
            fixture = Path(work) / "database.json"
            fixture.write_bytes(data)
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    # Settle the checks of what this transaction already did (PostgreSQL will not empty a table
                    # with checks pending), then defer them again while the rows, which refer to one another in
                    # any order, are loaded.
                    with connection.cursor() as cursor:
                        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                management.call_command("flush", interactive=False, verbosity=0)
                ContentType.objects.clear_cache()  # the flush made them anew, with other ids
                _recreate_named_permissions(json.loads(data))
                management.call_command("loaddata", str(fixture), verbosity=0)
        restored = 0
        for member in archive.getmembers():
            if not member.isfile() or not member.name.startswith(MEDIA_PREFIX):
                continue
            name = member.name.removeprefix(MEDIA_PREFIX)
            if ".." in Path(name).parts or name.startswith("/"):
                raise BackupError(f"{path} names a file outside the media folder: {member.name}")
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, File(archive.extractfile(member), name=name))
            if saved != name:
                raise BackupError(f"the storage renamed {name} to {saved}: restore into an empty storage")
            restored += 1
    management.call_command("rebuild_references_index", verbosity=0)
    management.call_command("update_index", verbosity=0)
    return {**manifest, "restored_files": restored}
