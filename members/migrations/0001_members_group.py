from django.db import migrations

MEMBERS_GROUP = "Members"


def create_members_group(apps, schema_editor):
    """The group whose users may read the members' private areas. It grants no admin permission."""
    Group = apps.get_model("auth.Group")
    Group.objects.get_or_create(name=MEMBERS_GROUP)


def remove_members_group(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=MEMBERS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_members_group, remove_members_group)]
