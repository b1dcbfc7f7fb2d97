"""Editors and Moderators: their permissions (from a data migration), the moderation workflow on the whole site,
revisions with compare and revert, page locking and scheduled publishing."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    PageLogEntry,
    Site,
    WorkflowPage,
    WorkflowState,
)
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import CustomImage, SiteSettings
from tests import factories
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db


def page_form(page, title=None, text="<p>Hello.</p>", **extra):
    """The edit form's data for a standard page, as the admin posts it."""
    return nested_form_data(
        {
            "title": title or page.title,
            "slug": page.slug,
            "intro": page.intro,
            "body": streamfield([("rich_text", rich_text(text))]),
            "related_documents": streamfield([]),
            **extra,
        }
    )


def edit(client, page, action, **form):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {**page_form(page, **form), action: "1"})


@pytest.fixture
def page(home_page):
    page = factories.StandardPageFactory(parent=home_page, title="Our news", slug="our-news")
    page.save_revision().publish()  # as on a real site, the live version is a revision
    return page


# Permissions ------------------------------------------------------------------------------------------------------


def codenames(queryset):
    return set(queryset.values_list("permission__codename", flat=True))


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        ("Editors", {"add_page", "change_page"}),
        ("Moderators", {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}),
    ],
)
def test_groups_have_exactly_their_page_permissions_on_the_whole_tree(group, expected):
    root = Page.get_first_root_node()
    assert codenames(GroupPagePermission.objects.filter(group__name=group, page=root)) == expected
    assert not GroupPagePermission.objects.filter(group__name=group).exclude(page=root).exists()


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_groups_add_change_and_choose_images_and_documents_in_every_collection(group):
    permissions = GroupCollectionPermission.objects.filter(group__name=group, collection__depth=1)
    assert codenames(permissions) == {
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    }


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_groups_reach_the_admin_and_manage_redirects(group):
    user = factories.UserFactory(groups=[group])
    assert user.has_perm("wagtailadmin.access_admin")
    assert user.has_perm("wagtailredirects.add_redirect")
    images = policy_registry.get_by_type(CustomImage)
    assert images.user_has_permission(user, "add") and images.user_has_permission(user, "choose")
    someone_elses = factories.CustomImageFactory(uploaded_by_user=factories.SuperuserFactory())
    assert images.user_has_permission_for_instance(user, "change", someone_elses)


def test_only_moderators_change_the_site_settings():
    site = Site.objects.get(is_default_site=True)
    assert GroupSitePermission.objects.filter(
        group__name="Moderators", site=site, permission__codename="change_sitesettings"
    ).exists()
    assert not GroupSitePermission.objects.filter(group__name="Editors").exists()
    policy = SiteSettings.get_permission_policy() if hasattr(SiteSettings, "get_permission_policy") else None
    if policy is not None:
        assert policy.user_has_permission_for_instance(
            factories.UserFactory(groups=["Moderators"]), "change", SiteSettings.for_site(site)
        )
        assert not policy.user_has_permission_for_instance(
            factories.UserFactory(groups=["Editors"]), "change", SiteSettings.for_site(site)
        )


def test_the_migration_repairs_changed_permissions_and_workflow():
    """Running the data migration again restores what an administrator removed or added."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("members.migrations.0003_editors_moderators_workflow")
    editors = Group.objects.get(name="Editors")
    root = Page.get_first_root_node()
    GroupPagePermission.objects.create(group=editors, page=root, permission_id=_permission_id("publish_page"))
    GroupPagePermission.objects.filter(group=editors, permission__codename="change_page").delete()
    WorkflowPage.objects.filter(page=root).delete()

    migration.set_up_editors_and_moderators(apps, None)

    assert codenames(GroupPagePermission.objects.filter(group=editors)) == {"add_page", "change_page"}
    assert WorkflowPage.objects.get(page=root).workflow.name == "Moderators approval"


def _permission_id(codename):
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename).pk


def test_every_page_is_under_the_moderators_approval_workflow(page):
    workflow = page.get_workflow()
    assert workflow is not None and workflow.active
    tasks = [task.specific for task in workflow.tasks]
    assert len(tasks) == 1 and isinstance(tasks[0], GroupApprovalTask)
    assert list(tasks[0].groups.values_list("name", flat=True)) == ["Moderators"]
    assert WorkflowPage.objects.get(workflow=workflow).page.depth == 1


# The workflow ------------------------------------------------------------------------------------------------------


def test_editor_cannot_publish_a_page(client, editor, page):
    client.force_login(editor)
    edit(client, page, "action-publish", title="Published by an editor?")
    page.refresh_from_db()
    assert page.title == "Our news"
    assert client.get(page.url).content.decode().count("Published by an editor?") == 0


def test_editor_submits_and_moderator_approves_then_the_page_goes_live(client, editor, moderator, page):
    client.force_login(editor)
    response = edit(client, page, "action-submit", title="Our news, revised", text="<p>A new season.</p>")
    assert response.status_code == 302
    page.refresh_from_db()
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == editor
    # Submitted is not published: visitors still see the old version.
    assert "A new season." not in client.get(page.url).content.decode()

    # The moderator sees it waiting on the dashboard and approves it.
    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Our news, revised" in dashboard
    task_state = state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": "Looks good."},
    )
    assert response.status_code == 302

    state.refresh_from_db()
    page.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert page.live and page.title == "Our news, revised"
    assert page.live_revision.user == editor
    client.logout()
    assert "A new season." in client.get(page.url).content.decode()


def test_moderator_publishes_directly(client, moderator, page):
    client.force_login(moderator)
    edit(client, page, "action-publish", text="<p>Straight to the site.</p>")
    assert "Straight to the site." in client.get(page.url).content.decode()


# Revisions ---------------------------------------------------------------------------------------------------------


def test_revisions_are_compared_and_reverted(client, moderator, page):
    client.force_login(moderator)
    edit(client, page, "action-publish", text="<p>First version.</p>")
    first = page.revisions.order_by("-created_at", "-id").first()
    edit(client, page, "action-publish", text="<p>Second version.</p>")
    second = page.revisions.order_by("-created_at", "-id").first()

    compare = client.get(reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk]))
    assert compare.status_code == 200
    text = compare.content.decode()
    assert "First version." in text and "Second version." in text

    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk])
    assert client.get(revert_url).status_code == 200
    response = client.post(revert_url, {**page_form(page, text="<p>First version.</p>"), "action-publish": "1"})
    assert response.status_code == 302
    assert PageLogEntry.objects.filter(page=page, action="wagtail.revert").exists()
    client.logout()
    assert "First version." in client.get(page.url).content.decode()


# Locking ------------------------------------------------------------------------------------------------------------


def test_moderator_locks_a_page_and_an_editor_cannot_change_it(client, editor, moderator, page):
    client.force_login(moderator)
    client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))
    page.refresh_from_db()
    assert page.locked and page.locked_by == moderator

    client.force_login(editor)
    edit(client, page, "action-submit", title="Changed while locked")
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title == "Our news"
    assert page.get_lock().for_user(editor) is not None
    # The editor has no permission to unlock it.
    client.post(reverse("wagtailadmin_pages:unlock", args=[page.pk]))
    page.refresh_from_db()
    assert page.locked

    client.force_login(moderator)
    client.post(reverse("wagtailadmin_pages:unlock", args=[page.pk]))
    page.refresh_from_db()
    assert not page.locked


def test_editor_cannot_lock_a_page(client, editor, page):
    client.force_login(editor)
    client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))
    page.refresh_from_db()
    assert not page.locked


# Scheduled publishing ----------------------------------------------------------------------------------------------


def rewind(revision, by):
    """Move a scheduled revision's go-live time back by ``by``, as if that much time had passed."""
    go_live_at = revision.approved_go_live_at - by
    revision.content["go_live_at"] = go_live_at.isoformat()
    revision.approved_go_live_at = go_live_at
    revision.save(update_fields=["content", "approved_go_live_at"])


def test_moderator_schedules_a_revision_and_publish_scheduled_makes_it_live(client, moderator, page):
    client.force_login(moderator)
    go_live_at = timezone.localtime() + timedelta(hours=2)
    edit(client, page, "action-publish", title="Spring newsletter", go_live_at=go_live_at.strftime("%Y-%m-%d %H:%M"))
    revision = page.revisions.order_by("-created_at", "-id").first()
    assert revision.approved_go_live_at is not None
    client.logout()
    assert "Spring newsletter" not in client.get(page.url).content.decode()

    call_command("publish_scheduled", verbosity=0)  # too early: nothing happens
    page.refresh_from_db()
    assert page.title == "Our news"

    rewind(revision, timedelta(hours=3))
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.title == "Spring newsletter"
    assert "Spring newsletter" in html(client.get(page.url)).find("h1").get_text()
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").exists()


def test_publish_scheduled_publishes_a_draft_whose_go_live_time_has_passed(page):
    draft = page.get_latest_revision_as_object()
    draft.title = "Autumn newsletter"
    draft.go_live_at = timezone.now() + timedelta(minutes=5)
    revision = draft.save_revision()
    revision.publish()  # a future go-live time: scheduled, not live
    revision.refresh_from_db()
    rewind(revision, timedelta(minutes=10))  # go_live_at is now in the past

    call_command("publish_scheduled", verbosity=0)

    page.refresh_from_db()
    assert page.live and page.title == "Autumn newsletter"


# Messages and the schedule dialog ------------------------------------------------------------------------------------


def messages_of(response):
    """The admin's messages as the editor reads them."""
    return [text_of(node) for node in html(response).select(".messages li")]


def test_approve_and_publish_from_the_edit_view_says_published(client, editor, moderator, page):
    client.force_login(editor)
    edit(client, page, "action-submit", title="Our news, revised")
    client.force_login(moderator)
    response = edit(
        client, page, "action-workflow-action", title="Our news, revised", **{"workflow-action-name": "approve"}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.title == "Our news, revised" and not page.has_unpublished_changes
    followed = client.get(response.url)
    assert "Page 'Our news, revised' has been approved and published." in " ".join(messages_of(followed))
    assert not any("has been updated" in message for message in messages_of(followed))


def test_the_schedule_dialog_says_the_times_are_brussels_time(client, moderator, page):
    client.force_login(moderator)
    soup = html(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    note = soup.find(id="schedule-time-zone")
    # The dialog is inside a <template> until opened: its words are read as markup.
    assert note is not None and note.decode_contents() == "Go-live and expiry times are Europe/Brussels time."


def scheduled_draft(page, title):
    draft = page.get_latest_revision_as_object()
    draft.title = title
    draft.go_live_at = timezone.now() + timedelta(minutes=5)
    revision = draft.save_revision()
    revision.publish()
    revision.refresh_from_db()
    rewind(revision, timedelta(minutes=10))
    return revision


def test_the_loop_make_run_starts_publishes_scheduled_pages(page):
    scheduled_draft(page, "Winter newsletter")
    call_command("publish_scheduled_loop", interval=0, runs=1)
    page.refresh_from_db()
    assert page.live and page.title == "Winter newsletter"


def test_the_loop_stops_at_once_when_its_parent_has_ended(page):
    import subprocess

    ended = subprocess.Popen(["true"])  # noqa: S607 - a process that ends at once, for its id
    ended.wait()
    revision = scheduled_draft(page, "Never published by an orphan")
    call_command("publish_scheduled_loop", interval=0, parent=ended.pid)
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None  # still waiting: publish_scheduled never ran


def test_make_run_starts_the_loop_beside_the_server_and_stops_it_with_the_server():
    import subprocess

    recipe = subprocess.run(["make", "-n", "run"], capture_output=True, text=True, check=True).stdout  # noqa: S607
    assert "manage.py publish_scheduled_loop --interval 60 --parent $$ &" in recipe
    assert "trap 'kill $loop" in recipe and "runserver" in recipe


# No empty revisions, and "Compare with live" -------------------------------------------------------------------------


def test_saving_the_same_content_again_and_submitting_it_make_one_revision(client, editor, page):
    client.force_login(editor)
    before = page.revisions.count()
    edit(client, page, "action-save", text="<p>A new season.</p>")
    edit(client, page, "action-save", text="<p>A new season.</p>")
    edit(client, page, "action-submit", text="<p>A new season.</p>")
    assert page.revisions.count() == before + 1
    # The submission still went to the moderators, with that one revision.
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    page.refresh_from_db()
    assert "A new season." in str(page.get_latest_revision().content)


def test_autosave_then_save_draft_then_submit_of_the_same_words_make_one_revision(client, editor, page):
    client.force_login(editor)
    before = page.revisions.count()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    autosave = client.post(
        url,
        {
            **page_form(page, text="<p>Autosaved.</p>"),
            "loaded_revision_id": page.get_latest_revision().pk,
            "loaded_revision_created_at": page.get_latest_revision().created_at.isoformat(),
        },
        headers={"Accept": "application/json"},
    )
    assert autosave.json()["success"] is True, autosave.json()
    revision_id = autosave.json()["revision_id"]
    edit(client, page, "action-save", text="<p>Autosaved.</p>", overwrite_revision_id=revision_id)
    edit(client, page, "action-submit", text="<p>Autosaved.</p>")
    assert page.revisions.count() == before + 1
    # "Compare with previous" of that revision shows the change from the live version.
    page.refresh_from_db()
    assert page.latest_revision_id == revision_id


def test_a_change_makes_a_new_revision(client, editor, page):
    client.force_login(editor)
    before = page.revisions.count()
    edit(client, page, "action-save", text="<p>One.</p>")
    edit(client, page, "action-save", text="<p>Two.</p>")
    edit(client, page, "action-save", text="<p>Two.</p>", title="Our news, renamed")
    assert page.revisions.count() == before + 3


def test_publishing_unchanged_content_again_keeps_the_page_live(client, moderator, page):
    client.force_login(moderator)
    edit(client, page, "action-publish", text="<p>Same words.</p>")
    count = page.revisions.count()
    edit(client, page, "action-publish", text="<p>Same words.</p>")
    page.refresh_from_db()
    assert page.revisions.count() == count
    assert page.live and not page.has_unpublished_changes
    assert "Same words." in client.get(page.url).content.decode()


def test_compare_with_live_is_offered_when_the_draft_differs_and_shows_both(client, editor, page):
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert "Compare with live" not in client.get(edit_url).content.decode()
    client.logout()
    page_text = client.get(page.url).content.decode()
    assert "Hello." not in page_text  # the live version has no body text
    client.force_login(editor)
    edit(client, page, "action-save", text="<p>A draft sentence.</p>")
    page.refresh_from_db()
    links = [link for link in html(client.get(edit_url)).find_all("a") if text_of(link) == "Compare with live"]
    assert len(links) == 1
    link = links[0]
    expected = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", page.latest_revision_id])
    assert link["href"] == expected
    compare = client.get(link["href"])
    assert compare.status_code == 200 and "A draft sentence." in compare.content.decode()
