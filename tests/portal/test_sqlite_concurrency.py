"""`make run`'s SQLite database takes overlapping writes (the admin's preview and autosave) without an error.

Checked in a fresh process with the development settings (what ``make run`` uses) on an SQLite file: threads that
each read and then write inside a transaction, as a page save does, all succeed. Without a busy timeout and
transactions that take the write lock when they begin, SQLite answers "database is locked" at once.
"""

import json

from tests.portal.test_settings import run_python

CONCURRENT_WRITES = """
import json, threading, time
import django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE saves (id INTEGER PRIMARY KEY, revision INTEGER)")
    cursor.execute("PRAGMA journal_mode")
    journal_mode = cursor.fetchone()[0]
connection.close()

THREADS, SAVES = 8, 10
barrier = threading.Barrier(THREADS)
errors = []

def save_pages():
    try:
        barrier.wait()
        for _ in range(SAVES):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM saves")
                revision = cursor.fetchone()[0]
                time.sleep(0.002)
                cursor.execute("INSERT INTO saves (revision) VALUES (%s)", [revision + 1])
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=save_pages) for _ in range(THREADS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*), count(DISTINCT revision) FROM saves")
    rows, revisions = cursor.fetchone()
print(json.dumps({"errors": errors, "rows": rows, "revisions": revisions, "journal_mode": journal_mode}))
"""


def test_concurrent_transactions_on_the_development_sqlite_database_never_fail_with_database_is_locked(tmp_path):
    database = tmp_path / "db.sqlite3"
    result = run_python("portal.settings.dev", {"DATABASE_URL": f"sqlite:///{database}"}, "-c", CONCURRENT_WRITES)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    assert outcome["rows"] == 8 * 10
    # Each transaction saw every earlier one: the writes were serialised, none read a stale count.
    assert outcome["revisions"] == 8 * 10
    assert outcome["journal_mode"] == "wal"
