"""Whether a request's user may use Wagtail's admin, without loading every permission of every member.

Wagtail's userbar asks ``user.has_perm("wagtailadmin.access_admin")``, which reads all of the user's permissions
(two queries) on every page a logged-in member sees, for a bar only editors get. Editors get admin access through
their groups (Wagtail's model): the ids of the groups granting ``wagtailadmin.access_admin`` are kept in the cache
and dropped whenever a group's permissions change or a group is deleted, and compared with the user's groups, which
the access module has already read for the request. Superusers always pass. A user given ``access_admin`` directly
(not through a group) does not get the userbar on the site; the admin itself still lets them in.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver

from members import access

ADMIN_GROUPS_KEY = "members:admin-group-ids"


def admin_group_ids():
    """The ids of the groups granting access to Wagtail's admin (cached until a group or its permissions change)."""
    ids = cache.get(ADMIN_GROUPS_KEY)
    if ids is None:
        ids = frozenset(
            Group.objects.filter(
                permissions__content_type__app_label="wagtailadmin", permissions__codename="access_admin"
            ).values_list("id", flat=True)
        )
        cache.set(ADMIN_GROUPS_KEY, ids, None)
    return ids


def may_use_admin(request):
    """Whether the userbar may be offered to ``request``'s user (module docstring): no query for a plain member."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return bool(access.user_group_ids(request) & admin_group_ids())


@receiver(m2m_changed, sender=Group.permissions.through)
@receiver(post_delete, sender=Group)
@receiver(post_save, sender=Permission)
@receiver(post_delete, sender=Permission)
def forget_admin_groups(**kwargs):
    cache.delete(ADMIN_GROUPS_KEY)


@receiver(post_migrate)
def keep_the_submit_translation_permission(sender, using="default", **kwargs):
    """wagtail-localize's "Can submit translations", which Editors and Moderators hold
    (``members/migrations/0007_translation_permissions``), is made by one of its migrations, not by Django after
    every ``migrate`` and ``flush`` as the permissions of models are: a flushed database (a backup being restored,
    ``home.backup``) would lack it, and the groups that hold it could not be loaded back."""
    if sender.label != "wagtail_localize":
        return
    content_type, _ = ContentType.objects.db_manager(using).get_or_create(
        app_label="wagtail_localize", model="translation"
    )
    Permission.objects.db_manager(using).get_or_create(
        content_type=content_type, codename="submit_translation", defaults={"name": "Can submit translations"}
    )
