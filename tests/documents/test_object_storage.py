"""Media in S3-compatible object storage (``MEDIA_STORAGE=s3``, ``members/storage.py``), against a real S3 server.

The fixture starts moto's standalone S3 server on a free loopback port, makes a private bucket and points the
default storage at it. Uploads land in the bucket; every address the site gives is its own (``/files/...``,
``/media/...``), checked by the access module before a byte is read from the bucket; ranges and 304s work; a
privacy change is honoured at once; deleting a document or an image removes its objects.
"""

import socket
import subprocess
import sys
import time
from datetime import timedelta
from io import StringIO

import boto3
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.utils.http import http_date

from documents.models import PortalDocument
from tests import factories
from tests.fixtures import restrict_collection

pytestmark = pytest.mark.django_db

BUCKET = "portal-media"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3 server on loopback, for this module's tests; stopped afterwards."""
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("moto's S3 server did not start")
            time.sleep(0.1)
    yield endpoint
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    """An empty private bucket as the site's default storage; its boto3 client, to look inside."""
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "members.storage.PrivateS3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
            },
        },
    }
    assert type(default_storage._setup() or default_storage._wrapped).__name__ == "PrivateS3Storage"
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _keys(client):
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def _document(collection=None, name="annual-report.pdf"):
    kwargs = {"collection": collection} if collection is not None else {}
    return factories.PortalDocumentFactory(
        title="Annual report", file=factories._content_file(factories.pdf_bytes(), name), **kwargs
    )


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_an_upload_is_stored_privately_in_the_bucket_and_downloaded_through_the_site(client, bucket):
    document = _document()

    assert document.file.name in _keys(bucket)
    acl = bucket.get_object_acl(Bucket=BUCKET, Key=document.file.name)
    assert not [grant for grant in acl["Grants"] if "AllUsers" in str(grant.get("Grantee", {}))], "not public"
    assert document.file.url.startswith("/media/"), "no address of the bucket is given out"

    response = client.get(document.url)
    assert response.status_code == 200
    assert _body(response) == factories.pdf_bytes()


def test_a_download_answers_ranges_and_304_from_the_bucket(client, bucket):
    document = _document()
    size = len(factories.pdf_bytes())

    partial = client.get(document.url, HTTP_RANGE="bytes=0-9")
    assert partial.status_code == 206
    assert _body(partial) == factories.pdf_bytes()[:10]
    assert partial["Content-Range"] == f"bytes 0-9/{size}"

    full = client.get(document.url)
    again = client.get(document.url, HTTP_IF_NONE_MATCH=full["ETag"])
    assert again.status_code == 304


def test_members_only_documents_in_the_bucket_reach_members_only(client, bucket, members_collection):
    document = _document(collection=members_collection, name="board-minutes.pdf")

    assert client.get(document.url).status_code == 404
    client.force_login(factories.UserFactory(username="member", groups=["Members"]))
    response = client.get(document.url)
    assert response.status_code == 200
    assert _body(response) == factories.pdf_bytes()
    assert "private" in response["Cache-Control"]


def test_an_image_and_its_rendition_are_stored_in_the_bucket_and_hidden_at_once_when_made_private(
    client, bucket, members_group
):
    collection = factories.CollectionFactory(name="Photos")
    image = factories.CustomImageFactory(
        title="Assembly", file=factories._content_file(factories.png_bytes(), "assembly.png"), collection=collection
    )
    rendition = image.get_rendition("fill-40x30")
    assert {image.file.name, rendition.file.name} <= _keys(bucket)
    assert rendition.url.startswith("/media/images/")

    response = client.get(rendition.url)
    assert response.status_code == 200
    assert _body(response)[:8] == b"\x89PNG\r\n\x1a\n"
    later = http_date(time.time() + timedelta(days=1).total_seconds())
    assert client.get(rendition.url, HTTP_IF_MODIFIED_SINCE=later).status_code == 304

    restrict_collection(collection, groups=[members_group])

    assert client.get(rendition.url).status_code == 404
    assert client.get(image.file.url).status_code == 404
    assert client.get(rendition.url, HTTP_IF_MODIFIED_SINCE=later).status_code == 404, "never a 304 for hidden"
    client.force_login(factories.UserFactory(username="member", groups=["Members"]))
    assert client.get(rendition.url).status_code == 200


def test_deleting_a_document_or_an_image_removes_its_objects(bucket, django_capture_on_commit_callbacks):
    document = _document()
    image = factories.CustomImageFactory(title="Gone", file=factories._content_file(factories.png_bytes(), "gone.png"))
    rendition = image.get_rendition("fill-40x30")
    names = {document.file.name, image.file.name, rendition.file.name}
    assert names <= _keys(bucket)

    with django_capture_on_commit_callbacks(execute=True):
        PortalDocument.objects.get(pk=document.pk).delete()
        type(image).objects.get(pk=image.pk).delete()

    assert not names & _keys(bucket)


def test_a_missing_object_is_a_404_not_a_500(client, bucket):
    image = factories.CustomImageFactory(title="Lost", file=factories._content_file(factories.png_bytes(), "lost.png"))
    bucket.delete_object(Bucket=BUCKET, Key=image.file.name)
    assert client.get(image.file.url).status_code == 404


def test_a_backup_takes_the_buckets_files_and_restores_them_into_an_empty_bucket(client, bucket, tmp_path):
    document = _document(name="kept-report.pdf")
    call_command("backup", output=str(tmp_path), stdout=StringIO())
    (archive,) = tmp_path.glob("portal-backup-*.tar.gz")

    for key in _keys(bucket):
        bucket.delete_object(Bucket=BUCKET, Key=key)
    if connection.vendor == "postgresql":  # the test's transaction has checks pending (see home.backup.restore)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(archive), stdout=StringIO())

    assert document.file.name in _keys(bucket)
    restored = PortalDocument.objects.get(pk=document.pk)
    assert _body(client.get(restored.url)) == factories.pdf_bytes()
    ContentType.objects.clear_cache()  # the flush made them anew; the test's rollback brings the old ones back
