"""Downloads kept by Varnish (FRONT_CACHE_COUNTS_DOWNLOADS): Django lets Varnish keep public files and counts only
what Varnish does not answer itself; the downloads Varnish answers are counted from varnishncsa's lines
(documents/cached_downloads.py, ``manage.py count_cached_downloads``). The real Varnish: tests/stack/test_downloads.py.
"""

import os
import sys
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import OperationalError

from documents import cached_downloads
from documents.management.commands.count_cached_downloads import Command
from documents.models import PortalDocument
from tests.documents.conftest import make_document
from tests.documents.test_versions import replace_file

pytestmark = pytest.mark.django_db


def counts(document):
    document = PortalDocument.objects.get(pk=document.pk)
    return document.download_count, document.version_download_count


def line(address, handling="hit", method="GET", status="200", asked_range="-"):
    return "\t".join((handling, method, status, address, asked_range))


@pytest.fixture
def counting(settings):
    settings.FRONT_CACHE_COUNTS_DOWNLOADS = True


@pytest.fixture
def pdf(db):
    return make_document("Annual report", text="The year in review.", filename="annual-report.pdf")


# What Django answers and counts behind a counting Varnish


def test_without_a_counting_front_cache_a_public_file_is_revalidated_each_time(client, pdf):
    assert client.get(pdf.url)["Cache-Control"] == "no-cache"


def test_behind_a_counting_front_cache_a_public_file_is_kept_and_purged_with_its_document(client, counting, pdf):
    response = client.get(pdf.url)
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "s-maxage=" in cache_control and "no-cache" not in cache_control
    assert f",d{pdf.pk}," in response["X-Cache-Tags"]
    assert counts(pdf) == (1, 1)


def test_behind_a_counting_front_cache_a_members_only_file_is_still_private(
    client, counting, member, members_collection
):
    document = make_document("Board minutes", collection=members_collection)
    client.force_login(member)
    response = client.get(document.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "X-Cache-Tags" not in response


@pytest.mark.parametrize(
    ("headers", "counted"),
    [
        ({}, 1),
        ({"X-Portal-Client-Method": "GET"}, 1),
        ({"X-Portal-Client-Method": "HEAD"}, 0),  # a HEAD that missed: Varnish fetches the file with GET
        ({"X-Portal-Client-Method": "GET", "X-Portal-Client-Range": "bytes=0-99"}, 1),
        ({"X-Portal-Client-Method": "GET", "X-Portal-Client-Range": "bytes=100-199"}, 0),
        ({"X-Portal-Client-Method": "GET", "X-Portal-Client-Range": "bytes=999999999-"}, 0),
        ({"X-Portal-Client-Method": "GET", "X-Portal-Background": "1"}, 0),  # the visitor got the stale copy
    ],
)
def test_django_counts_what_the_visitor_asked_not_what_varnish_fetched(client, counting, pdf, headers, counted):
    response = client.get(pdf.url, headers=headers)
    assert response.status_code == 200  # Varnish always gets the whole file, to keep
    assert counts(pdf) == (counted, counted)


def test_the_varnish_headers_change_nothing_without_a_counting_front_cache(client, pdf):
    client.get(pdf.url, headers={"X-Portal-Client-Method": "HEAD", "X-Portal-Background": "1"})
    assert counts(pdf) == (1, 1)


# varnishncsa's lines


@pytest.mark.parametrize(
    ("logged", "expected"),
    [
        (line("/files/7/report.pdf"), (7, None)),
        (line("/files/7/v2/report-v2.pdf"), (7, 2)),
        (line("/files/7/report.pdf", status="206", asked_range="bytes=0-65535"), (7, None)),
        (line("/files/7/report.pdf", status="206", asked_range="bytes=100-"), None),
        (line("/files/7/report.pdf", status="206", asked_range="-"), None),
        (line("/files/7/report.pdf", handling="miss"), None),  # Django counted it
        (line("/files/7/report.pdf", handling="pass"), None),
        (line("/files/7/report.pdf", method="HEAD"), None),
        (line("/files/7/report.pdf", status="304"), None),
        (line("/files/7/report.pdf", status="404"), None),
        (line("/files/0/counter-ready", handling="pass", status="404"), None),
        (line("/files/99999999999999999999/report.pdf"), None),
        (line("/files/7/"), None),
        ("hit\tGET\t200\t/files/7/report.pdf", None),
        ("", None),
        ("garbage", None),
    ],
)
def test_a_log_line_is_a_download_only_when_varnish_answered_it_with_the_file(logged, expected):
    assert cached_downloads.parse(logged + "\n") == expected


def test_the_counts_go_to_the_document_and_to_the_version_asked(client, superuser, library):
    client.force_login(superuser)
    document = make_document("Annual report", text="First edition.", filename="report.pdf")
    assert replace_file(client, document, "report-v2.pdf", "Second edition.").status_code == 302
    document.refresh_from_db()
    assert document.version_number == 2
    first = document.versions.get(number=1)
    recorded = cached_downloads.record(
        cached_downloads.tally(
            [
                line(document.url),
                line(document.url),
                line(f"/files/{document.pk}/v2/report-v2.pdf"),  # the current file by its version's address
                line(f"/files/{document.pk}/v1/report.pdf"),
                line(f"/files/{document.pk}/v9/report.pdf"),  # no such version: skipped
                line("/files/987654/gone.pdf"),  # deleted since: skipped
            ]
        )
    )
    assert recorded == 4
    assert counts(document) == (4, 3)
    first.refresh_from_db()
    assert first.download_count == 1


def test_the_command_counts_the_lines_on_its_input_once_each(pdf, monkeypatch):
    read, write = os.pipe()
    with os.fdopen(write, "w") as writer:
        writer.write(line(pdf.url) + "\n")
        writer.write(line(pdf.url, handling="miss") + "\n")
        writer.write(line(pdf.url, status="206", asked_range="bytes=0-10") + "\n")
        writer.write(line(pdf.url))  # the last line, without its newline
    with os.fdopen(read, "rb") as reader:
        monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": reader})())
        call_command("count_cached_downloads", "--interval", "0.05", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert counts(pdf) == (3, 3)


def test_the_command_refuses_an_interval_out_of_range(capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("count_cached_downloads", "--interval", "0")
    assert exit_info.value.code == 2
    assert "--interval" in capsys.readouterr().err


def test_a_batch_the_database_refused_is_written_later_once(pdf, monkeypatch):
    record, calls = cached_downloads.record, []

    def unreachable_once(pending):
        calls.append(pending)
        if len(calls) == 1:
            raise OperationalError("the database is restarting")
        return record(pending)

    monkeypatch.setattr(cached_downloads, "record", unreachable_once)
    command = Command(stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))  # noqa: SIM115
    kept = command.write(Counter({(pdf.pk, None): 2}))
    assert kept == Counter({(pdf.pk, None): 2}) and counts(pdf) == (0, 0)
    assert command.write(kept) == Counter()
    assert counts(pdf) == (2, 2)
