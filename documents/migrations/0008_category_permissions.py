"""Editors and Moderators manage the document categories (Snippets → Document categories): add, change, delete.

The groups come from ``members/0003_editors_moderators_workflow``; the permissions are created here if Django has
not created them yet (it does so only after all migrations have run, in a fresh database).
"""

from django.db import migrations

GROUPS = ("Editors", "Moderators")
CODENAMES = ("add_documentcategory", "change_documentcategory", "delete_documentcategory")


def _permissions(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="documents", model="documentcategory")
    return [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.split('_')[0]} document category"},
        )[0]
        for codename in CODENAMES
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    permissions = _permissions(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    permissions = _permissions(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0007_document_published"),
        ("members", "0003_editors_moderators_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
