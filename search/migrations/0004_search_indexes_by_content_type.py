"""Index the search entries' words together with their content type (PostgreSQL).

Every search asks for one kind at a time (pages, or documents): ``content_type_id = ANY(<the kind's types>)`` and
``<vector> @@ <query>``. With the words' GIN indexes alone, PostgreSQL built two bitmaps per search and kind and
intersected them: the matching entries of every kind (thousands for a common word) and the kind's entries (all of
them, from the content type's b-tree), then kept the first few hundred. Measured at 10,000 pages and 10,000 documents
per language, the b-tree's bitmap cost about 1.3 ms each time, four times per results page, and a results page's
statement went from about 22 ms to 15 ms with these indexes.

These GIN indexes hold the content type as a key beside the words (``btree_gin``, a PostgreSQL contrib extension,
trusted: creating it needs only the CREATE privilege on the database), so one index scan finds the entries of one kind
that match. They replace the word-only indexes, which a condition on the words alone can still use as well (a GIN
index answers a condition on any of its columns). Same pending-list limit as before (``0002``).

The table's scans are not run in parallel (``parallel_workers = 0``): every search reads a few hundred entries at most
(``LIMIT``), and PostgreSQL's parallel bitmap scans of the title matches for an all-languages search cost more in
starting workers than they saved (33 ms instead of 37 ms for its whole statement without them, on one quiet machine,
and workers are scarcer still when many visitors search at once).

``portal_languages_query(queries, markers, every_language)``: what an entry must match to be found by a search in
several languages, each language's query with its marker (``(q_en & en) | (q_fr & fr) | (q_es & es)``), written with
each query once: the languages whose query is the same share it (``q & (en | fr) | q_es & es``: "cooperative" is
``cooper`` in English and French), and a query shared by every language needs no marker at all (every entry bears
one). The GIN index then reads each word's and each marker's entries once instead of once per language: an
all-languages search for a common word went from 33 ms to 27 ms for its whole statement. The statement calls it once
per index scan (``search.backends.postgres``). Other databases: no-op.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
LIMIT_KB = 256
LANGUAGES_QUERY = """CREATE OR REPLACE FUNCTION portal_languages_query(
    queries tsquery[], markers tsquery[], every_language boolean
) RETURNS tsquery LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    count integer := coalesce(array_length(queries, 1), 0);
    taken boolean[] := array_fill(false, ARRAY[count]);
    result tsquery;
    shared tsquery;
    sharing integer;
    part tsquery;
BEGIN
    FOR i IN 1..count LOOP
        CONTINUE WHEN taken[i];
        shared := markers[i];
        sharing := 1;
        FOR j IN i + 1..count LOOP
            IF NOT taken[j] AND queries[j] = queries[i] THEN
                shared := shared || markers[j];
                taken[j] := true;
                sharing := sharing + 1;
            END IF;
        END LOOP;
        -- An empty query (stop words only) with its markers matches those languages' entries: it keeps them.
        IF every_language AND sharing = count AND numnode(queries[i]) > 0 THEN
            part := queries[i];
        ELSE
            part := queries[i] && shared;
        END IF;
        result := CASE WHEN result IS NULL THEN part ELSE result || part END;
    END LOOP;
    RETURN result;
END $$"""
# (new index, the word-only index it replaces, the indexed words)
INDEXES = [
    ("search_entry_type_vector_gin", "search_entry_vector_gin", "portal_search_vector(title, body)"),
    ("search_entry_type_title_gin", "search_entry_title_gin", "portal_title_vector(title)"),
    ("search_entry_type_title_words_gin", "search_entry_title_words_gin", "to_tsvector('simple'::regconfig, title_text)"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    schema_editor.execute(LANGUAGES_QUERY)
    for name, old, words in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {TABLE} USING gin (content_type_id, {words}) "
            f"WITH (gin_pending_list_limit = {LIMIT_KB})"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS {old}")
    schema_editor.execute(f"ALTER TABLE {TABLE} SET (parallel_workers = 0)")
    # PostgreSQL estimates how many entries match from the statistics of each index's expression, which a new index
    # has none of until the table is analysed (autovacuum does so only after many writes): without them it
    # expected a couple of matches for a common word and chose plans for that.
    schema_editor.execute(f"ANALYZE {TABLE}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} RESET (parallel_workers)")
    schema_editor.execute("DROP FUNCTION IF EXISTS portal_languages_query(tsquery[], tsquery[], boolean)")
    for name, old, words in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {old} ON {TABLE} USING gin ({words}) WITH (gin_pending_list_limit = {LIMIT_KB})"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_index_languages")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
