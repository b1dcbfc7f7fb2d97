"""The download audit: members-only downloads recorded with who, when and which version; public ones anonymous; a
report with filters and CSV; a retention command."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from documents.models import DownloadRecord, PortalDocument, ShareLink
from tests import factories
from tests.documents.conftest import make_document
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def board_paper(members_collection):
    return make_document("Board paper", collection=members_collection)


@pytest.fixture
def public_guide(db):
    return make_document("Public guide")


def test_a_members_download_of_a_members_only_document_is_recorded(client, member, board_paper):
    client.force_login(member)
    assert client.get(board_paper.url).status_code == 200
    record = DownloadRecord.objects.get()
    assert record.document == board_paper
    assert record.user == member
    assert record.version_number == 1
    assert record.share_link is None
    assert abs(record.downloaded_at - timezone.now()) < timedelta(minutes=5)


def test_an_editors_download_is_recorded_too(client, superuser, board_paper):
    client.force_login(superuser)
    client.get(board_paper.url)
    assert DownloadRecord.objects.get().user == superuser


def test_a_share_link_download_is_recorded_with_the_link_not_a_person(client, member, board_paper):
    link = ShareLink(document=board_paper, expires_at=timezone.now() + timedelta(days=1), note="Auditor")
    token = link.issue_token()
    link.save()
    client.force_login(member)  # even when the visitor happens to be logged in, the link is who downloaded
    client.get(reverse("document_share", args=[token]))
    record = DownloadRecord.objects.get()
    assert record.share_link == link
    assert record.user is None


def test_public_downloads_are_counted_but_never_recorded(client, member, public_guide):
    client.get(public_guide.url)
    client.force_login(member)
    client.get(public_guide.url)
    public_guide.refresh_from_db()
    assert public_guide.download_count == 2
    assert not DownloadRecord.objects.exists()


def test_revalidations_and_head_requests_are_not_recorded(client, member, board_paper):
    client.force_login(member)
    client.head(board_paper.url)
    first = client.get(board_paper.url)
    client.get(board_paper.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert DownloadRecord.objects.count() == 1


# Retention


def _record(document, days_ago, user=None):
    return DownloadRecord.objects.create(
        document=document,
        document_title=document.title,
        version_number=1,
        user=user,
        downloaded_at=timezone.now() - timedelta(days=days_ago),
    )


def test_prune_command_deletes_records_older_than_the_retention_period(board_paper, capsys):
    old = _record(board_paper, 400)
    recent = _record(board_paper, 300)
    call_command("prune_download_audit")
    assert not DownloadRecord.objects.filter(pk=old.pk).exists()
    assert DownloadRecord.objects.filter(pk=recent.pk).exists()
    assert "Deleted 1 download record" in capsys.readouterr().out


@override_settings(DOWNLOAD_AUDIT_RETENTION_DAYS=30)
def test_prune_command_follows_the_retention_setting(board_paper):
    _record(board_paper, 45)
    _record(board_paper, 10)
    call_command("prune_download_audit")
    assert DownloadRecord.objects.count() == 1


# The report


@pytest.fixture
def records(board_paper, member, members_group):
    other = factories.UserFactory(username="outsider")
    other_paper = make_document("Other paper", collection=board_paper.collection)
    return {
        "member_recent": _record(board_paper, 2, user=member),
        "member_old": _record(board_paper, 40, user=member),
        "other": _record(other_paper, 1, user=other),
    }


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def rows(response):
    return [text_of(row) for row in html(response).select("table tbody tr")]


def test_report_lists_every_record_newest_first(editor_client, records):
    response = editor_client.get(reverse("portal_documents_download_audit"))
    assert response.status_code == 200
    listed = rows(response)
    assert len(listed) == 3
    assert "Other paper" in listed[0] and "outsider" in listed[0]


def test_report_filters_by_document_person_group_and_period(editor_client, records, board_paper, member, members_group):
    url = reverse("portal_documents_download_audit")
    assert len(rows(editor_client.get(url, {"document": board_paper.pk}))) == 2
    assert len(rows(editor_client.get(url, {"user": member.pk}))) == 2
    assert len(rows(editor_client.get(url, {"group": members_group.pk}))) == 2
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert len(rows(editor_client.get(url, {"downloaded_at_after": since}))) == 2
    assert len(rows(editor_client.get(url, {"user": member.pk, "downloaded_at_after": since}))) == 1


def test_report_exports_csv(editor_client, records, member):
    response = editor_client.get(reverse("portal_documents_download_audit"), {"export": "csv", "user": member.pk})
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    lines = content.splitlines()
    assert lines[0] == "Downloaded at,Document,Version,Who,Share link"
    assert len(lines) == 3
    assert "Board paper,1," in lines[1]


def test_report_refuses_bad_period_with_a_message_not_500(editor_client, records):
    response = editor_client.get(reverse("portal_documents_download_audit"), {"downloaded_at_after": "not-a-date"})
    assert response.status_code == 200


def test_report_is_refused_to_users_without_document_permissions(client, member):
    client.force_login(member)
    assert client.get(reverse("portal_documents_download_audit")).status_code in (302, 403)


def test_an_earlier_versions_download_is_recorded_with_its_number(client, member, board_paper):
    PortalDocument.objects.filter(pk=board_paper.pk).update(show_earlier_versions=True, version_number=2)
    version = board_paper.versions.create(
        number=1, file=board_paper.file.name, file_hash=board_paper.file_hash, created_at=timezone.now()
    )
    client.force_login(member)
    assert client.get(version.url).status_code == 200
    record = DownloadRecord.objects.get()
    assert (record.version_number, record.user) == (1, member)
