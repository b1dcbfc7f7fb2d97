"""Rebuild the documents' ``search_vector`` from their folded text (``home.folding``), as ``documents.fulltext``
now builds it, so "cooperative", "co-operative" and "coopérative" find the same documents. PostgreSQL only."""

from django.db import migrations
from django.db.models.functions import Substr


def fold_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from documents.fulltext import VECTOR_TEXT_LENGTH, search_vector

    PortalDocument = apps.get_model("documents", "PortalDocument")
    rows = PortalDocument.objects.order_by().values_list(
        "pk", "language", "title", "description", Substr("extracted_text", 1, VECTOR_TEXT_LENGTH)
    )
    for pk, language, title, description, text in rows.iterator(chunk_size=500):
        PortalDocument.objects.filter(pk=pk).update(search_vector=search_vector(language, title, description, text))


class Migration(migrations.Migration):
    dependencies = [("documents", "0005_search_gin_pending_list_limit")]

    operations = [migrations.RunPython(fold_vectors, migrations.RunPython.noop, elidable=True)]
