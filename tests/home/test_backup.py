"""``manage.py backup`` and ``restore``: the demo site, backed up into one dated archive and restored into an empty
database and an empty media storage, is the same site: pages, privacy, documents (bytes included), download counts,
accounts, and search answers."""

import hashlib
import tarfile
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from documents.models import PortalDocument
from home.backup import database_is_empty
from tests import factories

pytestmark = pytest.mark.django_db


def _file_digest(field):
    with default_storage.open(field.name, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def snapshot():
    """What a visitor, a member and an editor would notice of the site."""
    return {
        "pages": sorted(
            (page.url_path, page.title, page.live, type(page).__name__, page.first_published_at)
            for page in Page.objects.specific()
        ),
        "page_privacy": sorted(
            (r.page.url_path, r.restriction_type, tuple(sorted(r.groups.values_list("name", flat=True))))
            for r in PageViewRestriction.objects.select_related("page")
        ),
        "collection_privacy": sorted(
            (r.collection.name, r.restriction_type, tuple(sorted(r.groups.values_list("name", flat=True))))
            for r in CollectionViewRestriction.objects.select_related("collection")
        ),
        "documents": sorted(
            (d.title, d.file.name, _file_digest(d.file), d.download_count, d.collection.name, str(d.category))
            for d in PortalDocument.objects.select_related("collection", "category")
        ),
        "users": sorted(
            (u.username, u.password, tuple(sorted(u.groups.values_list("name", flat=True))))
            for u in get_user_model().objects.all()
        ),
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    yield tmp_path
    # The flush made content types anew; the test's rollback brings the old ones back: forget the new ids.
    ContentType.objects.clear_cache()


def _empty_the_site(settings, tmp_path):
    """An empty database (as after ``migrate``: nothing but the schema) and an empty media folder."""
    if connection.vendor == "postgresql":  # the test's own transaction has checks pending: settle them first
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = str(tmp_path / "empty-media")


def test_a_backup_of_the_demo_site_restores_into_an_empty_site_unchanged(client, media, settings):
    call_command("load_demo_content", stdout=StringIO())
    for number, document in enumerate(PortalDocument.objects.order_by("pk"), start=1):
        PortalDocument.objects.filter(pk=document.pk).update(download_count=number * 7)
    before = snapshot()
    assert before["page_privacy"] and before["collection_privacy"], "the demo has members-only pages and documents"

    out = StringIO()
    call_command("backup", output=str(media), stdout=out)
    (archive,) = media.glob("portal-backup-*.tar.gz")
    assert str(archive) in out.getvalue()
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert {"manifest.json", "database.json"} <= set(names)
    assert sum(name.startswith("media/documents/") for name in names) == PortalDocument.objects.count()

    _empty_the_site(settings, media)
    assert database_is_empty()
    assert not PortalDocument.objects.exists()

    call_command("restore", str(archive), stdout=StringIO())

    assert snapshot() == before
    # The restored site answers as the old one: privacy, downloads and search.
    private = Page.objects.get(url_path="/home/private-areas/")
    assert client.get(private.url).status_code in (302, 404)
    members_document = PortalDocument.objects.exclude(collection__view_restrictions=None).first()
    assert client.get(members_document.url).status_code == 404
    member = get_user_model().objects.filter(groups__name="Members").first()
    client.force_login(member)
    assert client.get(private.url).status_code == 200
    assert client.get(members_document.url).status_code == 200
    client.logout()
    results = client.get("/en/search/", {"q": "alliance"}).content.decode()
    assert "search-result__link" in results, "the search index was rebuilt"


def test_restore_refuses_a_site_that_already_has_content(media, home_page):
    call_command("backup", output=str(media), stdout=StringIO())
    (archive,) = media.glob("portal-backup-*.tar.gz")
    factories.StandardPageFactory(parent=home_page, title="Kept", slug="kept")

    with pytest.raises(CommandError, match="already holds content"):
        call_command("restore", str(archive), stdout=StringIO())
    assert Page.objects.filter(slug="kept").exists()


def test_restore_says_plainly_when_the_file_is_not_a_backup(media, home_page):
    bogus = media / "not-a-backup.tar.gz"
    bogus.write_bytes(b"hello")
    with pytest.raises(CommandError, match="not a backup archive"):
        call_command("restore", str(bogus), stdout=StringIO())
