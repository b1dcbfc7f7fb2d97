"""Give the search index entries indexed before search had languages their language's marker (PostgreSQL).

The portal's PostgreSQL backend (``search.backends.postgres``) now adds a language marker (``search.languages.marker``)
to each entry's title vector and folded title text, and a search in one language matches only the entries with that
language's marker. Entries written before have none, so without this migration they would not be found until
re-indexed. It marks each existing entry with its object's language, in three statements: pages (their locale's
language), documents (their own language), anything else (the default language, English).

The entries keep the words they were indexed with (English stemming): run ``manage.py update_index`` once after
deploying, so French and Spanish pages and documents are stemmed by their own rules (a new database needs nothing).
Other databases: no-op (their index holds no markers; the language filter is the querysets').
"""

from django.db import migrations

PREFIX = "/search-language/"
# The languages with their own stemming (search.languages); any other locale counts as English.
LANGUAGE = "CASE WHEN split_part(lower({code}), '-', 1) IN ('en', 'fr', 'es') THEN split_part(lower({code}), '-', 1) ELSE 'en' END"
UNMARKED = f"e.title_text NOT LIKE '%%{PREFIX}%%'"


def _mark(language_sql):
    return (
        f"title = e.title || array_to_tsvector(ARRAY['{PREFIX}' || {language_sql}]), "
        f"title_text = coalesce(e.title_text, '') || ' {PREFIX}' || {language_sql}"
    )


STATEMENTS = [
    # Pages: the entry's content type is the page's own.
    f"""UPDATE wagtailsearch_indexentry AS e SET {_mark(LANGUAGE.format(code="l.language_code"))}
    FROM wagtailcore_page AS p JOIN wagtailcore_locale AS l ON l.id = p.locale_id
    WHERE e.object_id = p.id::text AND e.content_type_id = p.content_type_id AND {UNMARKED}""",
    # Documents.
    f"""UPDATE wagtailsearch_indexentry AS e SET {_mark(LANGUAGE.format(code="d.language"))}
    FROM documents_portaldocument AS d, django_content_type AS t
    WHERE t.app_label = 'documents' AND t.model = 'portaldocument' AND e.content_type_id = t.id
    AND e.object_id = d.id::text AND {UNMARKED}""",
    # Everything else (images, snippets...).
    f"UPDATE wagtailsearch_indexentry AS e SET {_mark(repr('en'))} WHERE {UNMARKED}",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in STATEMENTS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_gin_pending_list_limit"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("documents", "0003_library_metadata"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
