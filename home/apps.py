from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"

    def ready(self):
        from django.db.models.signals import post_migrate

        from home import fragment_cache, image_facts, locales, navigation_cache  # noqa: F401  (connect their signal receivers)
        from home.site_address import sync_default_site

        locales.install()
        post_migrate.connect(locales.forget, dispatch_uid="home.locales.migrated")
        post_migrate.connect(sync_default_site, sender=self, dispatch_uid="home.sync_default_site")
