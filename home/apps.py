from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"

    def ready(self):
        from home import image_facts, navigation_cache  # noqa: F401  (connect their signal receivers)
