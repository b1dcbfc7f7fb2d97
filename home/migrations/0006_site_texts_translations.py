"""The site settings' texts in other languages (``SiteTexts``, Snippets > Site texts), which Moderators manage
as they manage the site settings: add, change, delete. The permissions are created here if Django has not created
them yet (it does so only after all migrations have run, in a fresh database).
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models

GROUPS = ("Moderators",)
CODENAMES = ("add_sitetexts", "change_sitetexts", "delete_sitetexts")


def _permissions(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="home", model="sitetexts")
    return [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.split('_')[0]} site texts"},
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
        ('home', '0005_locales'),
        ('members', '0003_editors_moderators_workflow'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AlterField(
            model_name='sitesettings',
            name='footer_text',
            field=models.TextField(blank=True, help_text="A short sentence about the federation shown in the footer, in the site's default language (English); its other languages are under Snippets > Site texts."),
        ),
        migrations.AlterField(
            model_name='sitesettings',
            name='organisation_name',
            field=models.CharField(default='National Federation of Co-operatives', help_text="The federation's name as it appears in the footer and in page titles, in the site's default language (English); its other languages are under Snippets > Site texts.", max_length=255),
        ),
        migrations.CreateModel(
            name='SiteTexts',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('organisation_name', models.CharField(blank=True, help_text="The federation's name in this language, for the header, the footer and page titles; the name in the site settings when empty.", max_length=255)),
                ('footer_text', models.TextField(blank=True, help_text="The footer's sentence about the federation in this language; the site settings' one when empty.")),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ('site', models.ForeignKey(help_text='The site whose settings these texts translate.', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.site')),
            ],
            options={
                'verbose_name': 'site texts',
                'verbose_name_plural': 'site texts',
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('site', 'locale'), name='one_site_texts_per_site_and_locale')],
                'unique_together': {('translation_key', 'locale')},
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
