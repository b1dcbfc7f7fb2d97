from django.db import migrations

EDITORS = "Editors"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Moderators approval"

# What each group may do with pages, everywhere (the permissions sit on the root page, so they cover every site).
PAGE_PERMISSIONS = {
    # Create and edit pages, and submit them to the moderation workflow; no publishing.
    EDITORS: {"add_page", "change_page"},
    # The same, and approve/publish, lock and unlock. Bulk delete is not needed.
    MODERATORS: {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"},
}
# Images and documents, in every collection (the permissions sit on the root collection). In Wagtail, "change" on a
# collection also lets a user delete its images and documents; there is no separate delete permission to leave out.
COLLECTION_PERMISSIONS = {
    ("wagtailimages", "image"): {"add_image", "change_image", "choose_image"},
    ("wagtaildocs", "document"): {"add_document", "change_document", "choose_document"},
}
# Model-level permissions of both groups: the admin itself and the redirects (moved and renamed pages).
MODEL_PERMISSIONS = {
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtailredirects", "redirect", "add_redirect"),
    ("wagtailredirects", "redirect", "change_redirect"),
    ("wagtailredirects", "redirect", "delete_redirect"),
}
# Only moderators change the site settings (contact details, social links, the enquiries address): they go live
# at once, with no moderation.
SITE_SETTINGS_PERMISSION = ("home", "sitesettings", "change_sitesettings")


def _permission(apps, app_label, model, codename):
    """The permission, created if it is missing: in a fresh database Django creates permissions only after all
    migrations have run (``post_migrate``), so a data migration cannot count on finding them."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    try:
        # Named as Django would name it: "Can change site settings".
        name = f"Can {codename.split('_')[0]} {apps.get_model(app_label, model)._meta.verbose_name}"
    except LookupError:
        name = f"Can {codename.replace('_', ' ')}"
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def set_up_editors_and_moderators(apps, schema_editor):
    """Give Editors and Moderators exactly the permissions above, and put the whole site under one moderation
    workflow in which Moderators approve.

    Wagtail's own migrations create both groups with similar permissions and a "Moderators approval" workflow on
    the root page; this makes the set-up explicit and repairs it if it was changed (extra page or collection
    permissions of these two groups are removed, missing ones added). Running it twice changes nothing.
    """
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    Site = apps.get_model("wagtailcore.Site")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupSitePermission = apps.get_model("wagtailcore.GroupSitePermission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (EDITORS, MODERATORS)}

    for name, group in groups.items():
        for app_label, model, codename in MODEL_PERMISSIONS:
            group.permissions.add(_permission(apps, app_label, model, codename))

        wanted = {_permission(apps, "wagtailcore", "page", codename).pk for codename in PAGE_PERMISSIONS[name]}
        GroupPagePermission.objects.filter(group=group, page=root_page).exclude(permission_id__in=wanted).delete()
        for permission_id in wanted:
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission_id=permission_id)

        wanted = {
            _permission(apps, app_label, model, codename).pk
            for (app_label, model), codenames in COLLECTION_PERMISSIONS.items()
            for codename in codenames
        }
        GroupCollectionPermission.objects.filter(group=group, collection=root_collection).exclude(
            permission_id__in=wanted
        ).delete()
        for permission_id in wanted:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission_id=permission_id
            )

    settings_permission = _permission(apps, *SITE_SETTINGS_PERMISSION)
    for site in Site.objects.all():
        GroupSitePermission.objects.get_or_create(group=groups[MODERATORS], site=site, permission=settings_permission)

    # One workflow for every page: a single task that Moderators approve.
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, content_type=task_type, active=True)
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.set([groups[MODERATORS]])

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_members_documents_collection"),
        ("home", "0002_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(set_up_editors_and_moderators, migrations.RunPython.noop)]
