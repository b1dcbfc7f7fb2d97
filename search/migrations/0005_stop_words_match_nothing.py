"""A language whose query holds only stop words matches nothing (PostgreSQL), as on SQLite.

A search matches each language's query together with that language's marker (``q_en & en``). PostgreSQL parses a
query of stop words only ("the" in English) to an empty query, and an empty query ``&`` the marker is the marker
alone: "the" found every English entry (100+ results in no useful order, and the costliest statement a visitor could
ask for, 87 ms at 10,000 pages and 10,000 documents against 28 ms for a common word). SQLite's backend already skipped
such a language.

``portal_language_query(query, marker)``: ``query & marker``, or a word no entry holds when ``query`` is empty. It is
immutable and written in SQL, so PostgreSQL inlines it and folds it into a constant when planning.
``portal_languages_query`` (``0004``) now leaves those languages out in the same way, and is a word no entry holds when
all of them are left out. Other databases: no-op.
"""

from importlib import import_module

from django.db import migrations

# A lexeme no entry holds: PostgreSQL's parser never yields one with a space in it.
NOTHING = "'''/search nothing'''::tsquery"
LANGUAGE_QUERY = f"""CREATE OR REPLACE FUNCTION portal_language_query(query tsquery, marker tsquery)
RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN numnode(query) = 0 THEN {NOTHING} ELSE query && marker END
$$"""
LANGUAGES_QUERY = f"""CREATE OR REPLACE FUNCTION portal_languages_query(
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
        -- Stop words only in these languages: nothing to find in them.
        CONTINUE WHEN numnode(queries[i]) = 0;
        IF every_language AND sharing = count THEN
            part := queries[i];
        ELSE
            part := queries[i] && shared;
        END IF;
        result := CASE WHEN result IS NULL THEN part ELSE result || part END;
    END LOOP;
    RETURN coalesce(result, {NOTHING});
END $$"""
# 0004's, to go back to.
PREVIOUS_LANGUAGES_QUERY = import_module("search.migrations.0004_search_indexes_by_content_type").LANGUAGES_QUERY


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(LANGUAGE_QUERY)
    schema_editor.execute(LANGUAGES_QUERY)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(PREVIOUS_LANGUAGES_QUERY)
    schema_editor.execute("DROP FUNCTION IF EXISTS portal_language_query(tsquery, tsquery)")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_search_indexes_by_content_type")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
