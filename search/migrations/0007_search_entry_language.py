"""Index the search entries by content type and language (PostgreSQL).

A search of one language on a site in several reads a common word's matching entries in order (``search.backends.
postgres.scans_in_order``), one by one until it has enough, instead of through a GIN bitmap built whole first. Read
in the content type's order alone, the other languages' entries come on the way, and may all come first (a site
translated after it was filled): thousands of entries read and checked before the first one of the language
searched. This index reads one content type's entries of one language in order.

``portal_entry_language(title)``: the language of an entry, from the marker its title vector carries
(``search.languages.marker``: ``/search-language/<code>``, one per entry), ``NULL`` for an entry without one.

The statistics of the new index's expression come at once (``ANALYZE``), as in ``0004``. Other databases: no-op.
"""

from django.db import migrations

ENTRIES = "wagtailsearch_indexentry"
INDEX = "search_entry_type_language"

# ``%%``: the statements go through the schema editor, which formats them with parameters.
FORWARDS = [
    """CREATE OR REPLACE FUNCTION portal_entry_language(title tsvector) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT substr(lexeme, length('/search-language/') + 1) FROM unnest(tsvector_to_array(title)) AS lexeme
        WHERE lexeme LIKE '/search-language/%%' ORDER BY lexeme LIMIT 1
    $$""",
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON {ENTRIES} (content_type_id, portal_entry_language(title))",
    f"ANALYZE {ENTRIES}",
]

BACKWARDS = [
    f"DROP INDEX IF EXISTS {INDEX}",
    "DROP FUNCTION IF EXISTS portal_entry_language(tsvector)",
]


def on_postgresql(statements):
    """A ``RunPython`` step that runs ``statements`` on PostgreSQL and does nothing elsewhere."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0006_search_entry_titles")]

    operations = [migrations.RunPython(on_postgresql(FORWARDS), on_postgresql(BACKWARDS), elidable=False)]
