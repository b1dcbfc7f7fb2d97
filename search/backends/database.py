"""Wagtail's database search backend, folding accents and hyphens on both sides of the index.

``SearchBackend(params)`` picks the backend for the default database exactly as
``wagtail.search.backends.database`` does, and returns the portal's version of it:

* PostgreSQL (``search.backends.postgres``): full-text search with the ``english`` configuration by default
  (stemming, stop words), ``SEARCH_CONFIG`` to change it;
* SQLite with FTS5 (``search.backends.sqlite``): FTS5 over Porter stems computed in Python;
* anything else: Wagtail's plain fallback, unchanged.

What the two portal versions share (folding, weights) is in ``search.backends.folding``, which both import: this
module only chooses, so no backend module imports it back.
"""

from django.db import connection

_SQLITE_FTS = None  # whether SQLite has FTS5 and the index's FTS table: asked once per process


def _sqlite_fts_available():
    global _SQLITE_FTS
    if _SQLITE_FTS is None:
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        _SQLITE_FTS = fts5_available() and fts_table_exists()
    return _SQLITE_FTS


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up under this name
    if connection.vendor == "postgresql":
        from search.backends.postgres import PortalPostgresSearchBackend

        return PortalPostgresSearchBackend(params)
    if connection.vendor == "sqlite" and _sqlite_fts_available():
        from search.backends.sqlite import PortalSQLiteSearchBackend

        return PortalSQLiteSearchBackend(params)
    from modelsearch.backends.database.fallback import DatabaseSearchBackend

    return DatabaseSearchBackend(params)
