"""Tune Wagtail's database search index for the portal's backend (``search.backends.database``).

PostgreSQL: the functions ``portal_search_vector(title, body)`` (``title || body``, the vector a search
matches) and ``portal_title_vector(title)``, declared costly so that the planner matches through their GIN
indexes rather than reading entries row by row, and those indexes; a GIN index on the ``simple`` vector of
``title_text`` (the folded title), which title suggestions match. Creating a function needs the CREATE privilege on the schema, as creating tables does.

SQLite: entries indexed before this migration are rewritten the way the portal's SQLite backend indexes them
(folded, and stemmed for titles and bodies), so an existing ``db.sqlite3`` needs no re-indexing.

On PostgreSQL, entries indexed before this migration were weighted and folded the old way: run
``manage.py update_index`` once after deploying it (a new database needs nothing). Other databases: no-op.
"""

from django.db import migrations

VECTOR_FUNCTION = "portal_search_vector"
VECTOR_INDEX = "search_entry_vector_gin"
TITLE_FUNCTION = "portal_title_vector"
TITLE_INDEX = "search_entry_title_gin"
TITLE_WORDS_INDEX = "search_entry_title_words_gin"
# plpgsql, so that they are not inlined and their declared cost counts; IMMUTABLE, so that they can be indexed.
CREATE_FUNCTIONS = [
    f"""CREATE OR REPLACE FUNCTION {VECTOR_FUNCTION}(title tsvector, body tsvector) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 5000 AS $$ BEGIN RETURN title || body; END $$""",
    f"""CREATE OR REPLACE FUNCTION {TITLE_FUNCTION}(title tsvector) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 5000 AS $$ BEGIN RETURN title; END $$""",
]


def forwards(apps, schema_editor):
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        table = IndexEntry._meta.db_table
        for statement in CREATE_FUNCTIONS:
            schema_editor.execute(statement)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {VECTOR_INDEX} ON {table} USING gin ({VECTOR_FUNCTION}(title, body))"
        )
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {TITLE_INDEX} ON {table} USING gin ({TITLE_FUNCTION}(title))")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TITLE_WORDS_INDEX} ON {table} "
            "USING gin (to_tsvector('simple'::regconfig, title_text))"
        )
    elif vendor == "sqlite":
        from search.text import fold_for_index, sqlite_body_text, sqlite_title_text

        for entry in IndexEntry.objects.only("title", "body", "autocomplete").iterator():
            IndexEntry.objects.filter(pk=entry.pk).update(
                title=sqlite_title_text(entry.title),
                body=sqlite_body_text(entry.body),
                autocomplete=fold_for_index(entry.autocomplete or ""),
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {VECTOR_INDEX}")
        schema_editor.execute(f"DROP INDEX IF EXISTS {TITLE_WORDS_INDEX}")
        schema_editor.execute(f"DROP INDEX IF EXISTS {TITLE_INDEX}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {VECTOR_FUNCTION}(tsvector, tsvector)")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {TITLE_FUNCTION}(tsvector)")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
