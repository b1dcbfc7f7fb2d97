"""``PortalDocument.published``: an admin upload stays hidden until an editor saves it with its details.

Every existing document was already public, and the field's default (True) fills the existing rows so. The
library's covering indexes include the flag, so its pages and counts stay index-only scans on PostgreSQL.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0006_fold_search_vectors"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="portaldocument",
            name="documents_library_idx",
        ),
        migrations.RemoveIndex(
            model_name="portaldocument",
            name="documents_library_title_idx",
        ),
        migrations.AddField(
            model_name="portaldocument",
            name="published",
            field=models.BooleanField(
                default=True,
                editable=False,
                help_text="Whether visitors may see the document. A file uploaded in the admin stays hidden (in the library, search, the API, the sitemap and its download) until an editor saves it with its details.",
            ),
        ),
        migrations.AddIndex(
            model_name="portaldocument",
            index=models.Index(
                fields=["publication_date", "id"],
                include=("collection_id", "category_id", "language", "file_type", "published"),
                name="documents_library_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="portaldocument",
            index=models.Index(
                fields=["title", "id"],
                include=("collection_id", "category_id", "publication_date", "language", "file_type", "published"),
                name="documents_library_title_idx",
            ),
        ),
    ]
