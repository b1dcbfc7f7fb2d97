"""The portal's three languages as Wagtail locales: English (the default), French and Spanish.

A site created before it had languages has one locale, ``en-gb`` (the language code it used then): it becomes ``en``,
keeping every page in it. French and Spanish are added, empty until pages are translated.
"""

from django.db import migrations

LANGUAGES = ["en", "fr", "es"]


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    if not Locale.objects.filter(language_code="en").exists():
        Locale.objects.filter(language_code__in=["en-gb", "en-us"]).order_by("pk")[:1].update(language_code="en")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_document_chooser_without_text"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]
