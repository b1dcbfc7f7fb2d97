"""The search entries' titles kept apart (``search/migrations/0006``, PostgreSQL): the title tier of a results page
reads ``search_entry_title``, which triggers keep equal to the entries through indexing, retitling, deleting,
rebuilding and emptying the index."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from search.backends.postgres import ENTRY_TITLES, IndexEntry
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

ENTRY_COLUMNS = "id, content_type_id, title::text, title_norm"


def rows(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {ENTRY_COLUMNS} FROM {table} ORDER BY id")  # noqa: S608 - our own table names
        return cursor.fetchall()


def titles_are_the_entries():
    entries = rows(IndexEntry._meta.db_table)
    assert entries, "nothing indexed"
    assert rows(ENTRY_TITLES) == entries
    return entries


def search_titles(client, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    return [result.title for result in response.context["results_page"].object_list]


def test_the_titles_follow_the_entries_through_indexing_retitling_and_deleting(client, home_page):
    budget = factories.StandardPageFactory(parent=home_page, title="Budget", intro="The budget in brief.")
    notes = [
        factories.StandardPageFactory(parent=home_page, title=f"Note {number}", intro="About the budget.")
        for number in range(3)
    ]
    titles_are_the_entries()
    assert search_titles(client, "budget")[0] == "Budget"

    # Retitled: the entry's title vector (and the title norms of the entries indexed with it) change, and so do
    # the kept titles; the title tier finds the new title first.
    retitled = notes[1].get_latest_revision_as_object()
    retitled.title = "Budget notes"
    retitled.save_revision().publish()
    titles_are_the_entries()
    assert search_titles(client, "budget")[:2] == ["Budget", "Budget notes"]
    assert "Note 1" not in search_titles(client, "budget")

    # Deleted: its entry and its kept title go.
    Page.objects.get(pk=budget.pk).delete()
    titles_are_the_entries()
    assert search_titles(client, "budget")[0] == "Budget notes"


def test_rebuilding_the_index_keeps_the_titles(home_page):
    for number in range(3):
        factories.StandardPageFactory(parent=home_page, title=f"Budget {number}", intro="The budget in brief.")
    titles_are_the_entries()
    # Stale entries deleted, every object indexed again, every title norm refreshed (Wagtail's rebuild).
    call_command("update_index", stdout=StringIO(), stderr=StringIO())
    assert len(titles_are_the_entries()) >= 3


def test_emptying_the_index_empties_the_titles(home_page):
    factories.StandardPageFactory(parent=home_page, title="Budget", intro="The budget in brief.")
    titles_are_the_entries()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the entries' deferred foreign key checks, done first
        cursor.execute(f"TRUNCATE {IndexEntry._meta.db_table}")
    assert rows(ENTRY_TITLES) == []
