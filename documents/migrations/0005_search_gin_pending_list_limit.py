"""Keep the library's full-text GIN index's pending list short (PostgreSQL): see search/migrations/0002. Every
library search reads the whole pending list of ``documents_portaldocument_search_gin``; 256 kB bounds it whenever
autovacuum last ran. Other databases: no-op."""

from django.db import migrations

INDEX = "documents_portaldocument_search_gin"
LIMIT_KB = 256


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} SET (gin_pending_list_limit = {LIMIT_KB})")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_library_covering_indexes")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
