from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "documents"
    verbose_name = "Documents"

    def ready(self):
        from django.db.backends.signals import connection_created

        from documents.fulltext import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="documents.register_sqlite_functions")
