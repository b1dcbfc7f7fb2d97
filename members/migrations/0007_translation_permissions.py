"""Editors and Moderators may submit pages for translation (wagtail-localize's "Translate this page" and "Sync
translated pages"): ``wagtail_localize.submit_translation``.

wagtail-localize's own migration gives it to groups named Editors and Moderators only if they exist when it runs,
which depends on the order migrations run in; this makes it explicit. Translating a page then needs nothing else:
the translation is a page of the same tree, edited with the page permissions the groups already have (on the root
page, so in every language), and published, like any page, by a moderator.
"""

from django.db import migrations

GROUPS = ("Editors", "Moderators")


def _permission(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="submit_translation", defaults={"name": "Can submit translations"}
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    permission = _permission(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    permission = _permission(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0006_feed_tokens"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
