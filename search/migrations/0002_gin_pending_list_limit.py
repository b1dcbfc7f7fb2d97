"""Keep the search indexes' GIN pending lists short (PostgreSQL).

A GIN index with ``fastupdate`` (PostgreSQL's default) files new entries in an unsorted pending list, merged into
the index by (auto)vacuum or once the list passes ``gin_pending_list_limit`` (4 MB by default). Every search reads
the whole pending list: measured at 10,000 pages and 10,000 documents, a freshly loaded index made each search
index scan several times slower (1.7 ms instead of 0.04 ms for a title match) until autovacuum ran. With a
256 kB limit a search never reads more than that, whenever autovacuum last ran; writes still go in batches.
Other databases: no-op.
"""

from django.db import migrations

INDEXES = ["search_entry_vector_gin", "search_entry_title_gin", "search_entry_title_words_gin"]
LIMIT_KB = 256


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in INDEXES:
            schema_editor.execute(f"ALTER INDEX IF EXISTS {index} SET (gin_pending_list_limit = {LIMIT_KB})")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in INDEXES:
            schema_editor.execute(f"ALTER INDEX IF EXISTS {index} RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index_tuning")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
