from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "documents"
    verbose_name = "Documents"

    def ready(self):
        from django.db.backends.signals import connection_created

        from documents.frontend_cache import document_urls
        from documents.fulltext import register_sqlite_functions
        from members.frontend_cache import register_urls

        connection_created.connect(register_sqlite_functions, dispatch_uid="documents.register_sqlite_functions")
        register_urls(document_urls)
