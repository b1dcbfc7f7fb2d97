from django.db import migrations

COLLECTION_NAME = "Members documents"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _encode(number):
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEPLEN, "0")


def create_members_collection(apps, schema_editor):
    """A "Members documents" collection, restricted to the Members group with collection privacy.

    Historical models have no treebeard methods, so the child's materialised path is worked out here the
    way treebeard would (base-36 steps of four characters).
    """
    Collection = apps.get_model("wagtailcore.Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore.CollectionViewRestriction")
    Group = apps.get_model("auth.Group")

    root = Collection.objects.get(depth=1)
    collection = Collection.objects.filter(depth=2, name=COLLECTION_NAME).first()
    if collection is None:
        last_child = Collection.objects.filter(depth=2).order_by("-path").first()
        step = int(last_child.path[-STEPLEN:], len(ALPHABET)) + 1 if last_child else 1
        collection = Collection.objects.create(
            name=COLLECTION_NAME, path=root.path + _encode(step), depth=2, numchild=0
        )
        root.numchild = Collection.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type="groups")
        restriction.groups.set([Group.objects.get(name="Members")])


def remove_members_collection(apps, schema_editor):
    Collection = apps.get_model("wagtailcore.Collection")
    Collection.objects.filter(depth=2, name=COLLECTION_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_members_group"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_members_collection, remove_members_collection)]
