"""Downloads through the serve view: headers, conditional and range requests, the download counter."""

import pytest
from django.test import Client
from django.utils.http import http_date
from wagtail.models import Collection

from documents.models import PortalDocument
from tests import factories
from tests.documents.conftest import docx_with_text, make_document
from tests.fixtures import run_concurrently

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def downloads(document):
    return PortalDocument.objects.get(pk=document.pk).download_count


@pytest.fixture
def pdf(db):
    return make_document("Annual report", text="The year in review.", filename="Annual report 2024.pdf")


# Headers


def test_pdf_opens_inline_under_its_original_name_with_safe_headers(client, pdf):
    response = client.get(pdf.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="Annual report 2024.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["ETag"] == f'"{pdf.file_hash}"'
    assert response["Last-Modified"]
    assert response["Accept-Ranges"] == "bytes"
    assert int(response["Content-Length"]) == pdf.file_size
    assert body(response).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("filename", "data", "content_type"),
    [
        ("Rules.docx", None, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("figures.csv", b"a,b\n1,2\n", "text/csv"),
        ("notes.txt", b"Plain notes.", "text/plain"),
        ("archive.zip", b"PK\x05\x06" + b"\x00" * 18, "application/zip"),
    ],
)
def test_other_files_download_as_attachments_with_their_type(client, filename, data, content_type):
    document = make_document("A file", data=data or docx_with_text("Rules."), filename=filename)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_a_non_ascii_file_name_is_sent_in_both_forms(client):
    document = make_document("Guide", filename="Guía cooperativa.pdf")
    disposition = client.get(document.url)["Content-Disposition"]
    assert disposition.startswith("inline; filename*=utf-8''Gu%C3%ADa%20cooperativa.pdf")


def test_a_public_document_may_be_cached_but_must_be_revalidated(client, pdf):
    assert client.get(pdf.url)["Cache-Control"] == "no-cache"


def test_a_members_only_download_is_private_and_not_stored(client, member, members_collection):
    document = make_document("Board minutes", collection=members_collection)
    client.force_login(member)
    response = client.get(document.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_members_only_download_ladder(client, member, members_collection):
    document = make_document("Board minutes", collection=members_collection)
    assert client.get(document.url).status_code == 404  # as a missing file, for those who may not see it
    client.force_login(factories.UserFactory())
    assert client.get(document.url).status_code == 404
    client.force_login(member)
    assert client.get(document.url).status_code == 200
    assert downloads(document) == 1


def test_document_files_are_not_served_from_media(client, pdf):
    assert client.get(pdf.file.url).status_code == 404


def test_a_wrong_file_name_in_the_address_is_not_found(client, pdf):
    assert client.get(f"/files/{pdf.pk}/other.pdf").status_code == 404


def test_only_get_and_head_are_allowed(client, pdf):
    assert client.post(pdf.url).status_code == 405


# Conditional requests


def test_matching_etag_gives_304_without_a_body(client, pdf):
    response = client.get(pdf.url, HTTP_IF_NONE_MATCH=f'"{pdf.file_hash}"')
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == f'"{pdf.file_hash}"'


def test_unmodified_since_last_modified_gives_304(client, pdf):
    last_modified = client.get(pdf.url)["Last-Modified"]
    assert client.get(pdf.url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_a_stale_etag_gets_the_file(client, pdf):
    assert client.get(pdf.url, HTTP_IF_NONE_MATCH='"stale"').status_code == 200


def test_a_failed_if_match_gives_412(client, pdf):
    assert client.get(pdf.url, HTTP_IF_MATCH='"stale"').status_code == 412


# Range requests


def test_a_range_request_gets_206_with_those_bytes(client, pdf):
    whole = body(client.get(pdf.url))
    response = client.get(pdf.url, HTTP_RANGE="bytes=10-19")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 10-19/{len(whole)}"
    assert response["Content-Length"] == "10"
    assert body(response) == whole[10:20]
    assert response["Content-Disposition"].startswith("inline")


def test_an_open_ended_range_runs_to_the_end(client, pdf):
    whole = body(client.get(pdf.url))
    response = client.get(pdf.url, HTTP_RANGE="bytes=100-")
    assert response.status_code == 206
    assert body(response) == whole[100:]


def test_a_suffix_range_gets_the_last_bytes(client, pdf):
    whole = body(client.get(pdf.url))
    response = client.get(pdf.url, HTTP_RANGE="bytes=-7")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {len(whole) - 7}-{len(whole) - 1}/{len(whole)}"
    assert body(response) == whole[-7:]


def test_a_range_past_the_end_gives_416(client, pdf):
    response = client.get(pdf.url, HTTP_RANGE=f"bytes={pdf.file_size}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{pdf.file_size}"


@pytest.mark.parametrize("header", ["bytes=0-1,5-6", "pages=1-2", "bytes=9-3", "bytes=abc"])
def test_several_or_malformed_ranges_get_the_whole_file(client, pdf, header):
    response = client.get(pdf.url, HTTP_RANGE=header)
    assert response.status_code == 200
    assert len(body(response)) == pdf.file_size


def test_if_range_that_no_longer_matches_gets_the_whole_file(client, pdf):
    assert client.get(pdf.url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"old"').status_code == 200
    assert client.get(pdf.url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=f'"{pdf.file_hash}"').status_code == 206


def test_head_answers_with_headers_and_no_body(client, pdf):
    response = client.head(pdf.url)
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Length"] == str(pdf.file_size)
    assert response["Accept-Ranges"] == "bytes"


# The counter


def test_a_download_is_counted(client, pdf):
    client.get(pdf.url)
    client.get(pdf.url)
    assert downloads(pdf) == 2


def test_revalidations_head_requests_and_later_ranges_are_not_counted(client, pdf):
    client.get(pdf.url, HTTP_IF_NONE_MATCH=f'"{pdf.file_hash}"')
    client.get(pdf.url, HTTP_IF_MODIFIED_SINCE=http_date())
    client.head(pdf.url)
    client.get(pdf.url, HTTP_RANGE="bytes=100-199")
    client.get(pdf.url, HTTP_RANGE="bytes=-10")
    client.get(pdf.url, HTTP_RANGE=f"bytes={pdf.file_size}-")
    assert downloads(pdf) == 0


def test_a_range_from_the_first_byte_counts_once(client, pdf):
    client.get(pdf.url, HTTP_RANGE="bytes=0-99")
    client.get(pdf.url, HTTP_RANGE="bytes=100-")
    assert downloads(pdf) == 1


def test_refused_downloads_are_not_counted(client, members_collection):
    document = make_document("Board minutes", collection=members_collection)
    client.get(document.url)
    assert downloads(document) == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_counter_loses_no_download_under_concurrent_requests():
    # A transactional test may start after another has emptied the database, migrations' rows included.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    document = make_document("Popular report", collection=root)
    threads_count, per_thread = 12, 10
    statuses = []

    def download():
        client = Client()
        for _ in range(per_thread):
            response = client.get(document.url)
            statuses.append(response.status_code)
            response.close()

    assert run_concurrently(download, threads_count) == []
    assert statuses == [200] * threads_count * per_thread
    assert downloads(document) == threads_count * per_thread
