"""Share links: one members-only document (or one chosen version) for someone without an account, expiring, limited,
revocable, hashed, throttled, never cached."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from documents.models import PortalDocument, ShareLink, hash_share_token
from tests.documents.conftest import make_document
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def board_paper(members_collection):
    return make_document("Board paper", text="Confidential minutes.", collection=members_collection)


@pytest.fixture
def other_paper(members_collection):
    return make_document("Other paper", text="Other minutes.", collection=members_collection)


def make_link(document, days=7, **fields):
    link = ShareLink(document=document, expires_at=timezone.now() + timedelta(days=days), **fields)
    token = link.issue_token()
    link.save()
    return link, token


def share(token):
    return reverse("document_share", args=[token])


def test_a_share_link_serves_its_members_only_document_to_a_visitor_without_an_account(client, board_paper):
    link, token = make_link(board_paper)
    assert client.get(board_paper.url).status_code == 404
    response = client.get(share(token))
    assert response.status_code == 200
    assert body(response).startswith(b"%PDF")
    assert response["ETag"] == f'"{board_paper.file_hash}"'
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "X-Cache-Tags" not in response
    link.refresh_from_db()
    assert link.download_count == 1
    assert PortalDocument.objects.get(pk=board_paper.pk).download_count == 1


def test_the_token_is_stored_only_as_its_hash_and_is_long(board_paper):
    link, token = make_link(board_paper)
    assert len(token) >= 43
    assert link.token_hash == hash_share_token(token) != token
    assert not ShareLink.objects.filter(token_hash=token).exists()


def test_an_expired_link_answers_410_in_plain_words_not_the_login_page(client, board_paper):
    link, token = make_link(board_paper)
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(share(token))
    assert response.status_code == 410
    assert "has expired" in text_of(html(response))
    assert "login" not in response.get("Location", "")
    assert "no-store" in response["Cache-Control"]


def test_a_revoked_link_answers_410_at_once(client, board_paper):
    link, token = make_link(board_paper)
    assert client.get(share(token)).status_code == 200
    link.revoke()
    response = client.get(share(token))
    assert response.status_code == 410
    assert "withdrawn" in text_of(html(response))


def test_a_link_limited_to_n_downloads_stops_after_n(client, board_paper):
    link, token = make_link(board_paper, max_downloads=2)
    assert client.get(share(token)).status_code == 200
    assert client.head(share(token)).status_code == 200  # a HEAD is not a download
    assert client.get(share(token)).status_code == 200
    response = client.get(share(token))
    assert response.status_code == 410
    assert "as many times as it allows" in text_of(html(response))
    link.refresh_from_db()
    assert link.download_count == 2


def test_an_unknown_or_malformed_token_is_not_found(client, board_paper):
    make_link(board_paper)
    assert client.get(share("x" * 43)).status_code == 404
    assert client.get(share("short")).status_code == 404


def test_a_link_opens_only_its_document_and_no_other_address(client, board_paper, other_paper):
    _link, token = make_link(board_paper)
    assert client.get(share(token)).status_code == 200
    # The link gives no session: every other document, and the document's own addresses, stay hidden.
    assert client.get(other_paper.url).status_code == 404
    assert client.get(board_paper.url).status_code == 404
    assert client.get(f"/share/{token}/../{other_paper.pk}/").status_code == 404
    assert client.get(share(token) + "extra/").status_code == 404


def test_a_link_to_the_current_file_does_not_open_earlier_versions_unless_chosen(client, board_paper, superuser):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.documents.conftest import pdf_with_text

    client.force_login(superuser)
    client.post(
        reverse("wagtaildocs:edit", args=[board_paper.pk]),
        {
            "title": board_paper.title,
            "file": SimpleUploadedFile("paper-2.pdf", pdf_with_text("Revised.")),
            "collection": board_paper.collection_id,
            "publication_date": "2024-05-01",
            "language": "en",
        },
    )
    client.logout()
    board_paper.refresh_from_db()
    first = board_paper.versions.get(number=1)
    _link, token = make_link(board_paper)
    assert client.get(share(token))["ETag"] == f'"{board_paper.file_hash}"'
    assert client.get(first.url).status_code == 404
    _link, version_token = make_link(board_paper, version=first)
    response = client.get(share(version_token))
    assert response.status_code == 200
    assert response["ETag"] == f'"{first.file_hash}"'


def test_expiry_is_at_most_30_days_and_in_the_future(board_paper):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="at most 30 days"):
        ShareLink(document=board_paper, expires_at=timezone.now() + timedelta(days=31), token_hash="a").full_clean()
    with pytest.raises(ValidationError, match="in the future"):
        ShareLink(document=board_paper, expires_at=timezone.now() - timedelta(days=1), token_hash="b").full_clean()


@override_settings(SHARE_LINK_RATE_LIMIT=3, SHARE_LINK_RATE_WINDOW=60)
def test_guessing_tokens_is_throttled_with_429(client, board_paper):
    _link, token = make_link(board_paper)
    for _ in range(3):
        assert client.get(share("g" * 43)).status_code == 404
    response = client.get(share("g" * 43))
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    # Even the right token is refused from that address for the rest of the window.
    assert client.get(share(token)).status_code == 429


@override_settings(SHARE_LINK_RATE_LIMIT=3, SHARE_LINK_RATE_WINDOW=60)
def test_many_requests_for_a_good_link_are_not_throttled(client, board_paper):
    """A PDF viewer fetches a shared file in many range requests: only unknown tokens count."""
    _link, token = make_link(board_paper)
    for _ in range(6):
        assert client.get(share(token), HTTP_RANGE="bytes=100-199").status_code == 206


# In the admin


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_an_editor_creates_a_share_link_in_the_admin_and_sees_it_once(editor_client, board_paper):
    response = editor_client.post(
        reverse("share_links:add"),
        {
            "document": board_paper.pk,
            "note": "Auditor",
            "expires_at": (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%d %H:%M"),
            "max_downloads": "5",
        },
    )
    assert response.status_code == 200, response.content[:2000]
    link = ShareLink.objects.get()
    url = html(response).find(id="share-url")["value"]
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert link.token_hash == hash_share_token(token)
    assert link.max_downloads == 5
    editor_client.logout()
    assert editor_client.get(share(token)).status_code == 200


def test_the_admin_refuses_a_link_longer_than_30_days(editor_client, board_paper):
    response = editor_client.post(
        reverse("share_links:add"),
        {
            "document": board_paper.pk,
            "expires_at": (timezone.localtime() + timedelta(days=40)).strftime("%Y-%m-%d %H:%M"),
        },
    )
    assert response.status_code == 200
    assert "at most 30 days" in response.content.decode()
    assert not ShareLink.objects.exists()


def test_the_admin_lists_links_with_their_downloads_and_revokes_them(editor_client, client, board_paper):
    link, token = make_link(board_paper, note="Partner")
    ShareLink.objects.filter(pk=link.pk).update(download_count=4)
    listing = editor_client.get(reverse("share_links:index"))
    assert listing.status_code == 200
    row = text_of(html(listing).select_one("tbody tr"))
    assert "Partner" in row and "4" in row and "active" in row
    response = editor_client.post(reverse("share_links:edit", args=[link.pk]), {"note": "Partner", "revoke": "on"})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    editor_client.logout()
    assert editor_client.get(share(token)).status_code == 410


def test_share_links_admin_is_refused_to_users_without_document_permissions(client, member):
    client.force_login(member)
    assert client.get(reverse("share_links:index")).status_code in (302, 403)


# Members


@override_settings(MEMBERS_MAY_SHARE=True)
def test_a_member_shares_a_members_only_document_from_its_page_when_allowed(client, member, board_paper, library):
    client.force_login(member)
    page = html(client.get(library.document_url(board_paper)))
    form = page.select_one("form.share-form")
    assert form is not None
    response = client.post(form["action"], {"days": "7", "max_downloads": "1"})
    assert response.status_code == 200
    url = html(response).find(id="share-url")["value"]
    link = ShareLink.objects.get()
    assert link.created_by == member
    assert link.expires_at <= timezone.now() + timedelta(days=7)
    assert "no-store" in response["Cache-Control"]
    client.logout()
    assert client.get(url.split("testserver", 1)[-1]).status_code == 200


def test_members_cannot_share_unless_the_setting_allows(client, member, board_paper, library):
    client.force_login(member)
    page = html(client.get(library.document_url(board_paper)))
    assert page.select_one("form.share-form") is None
    response = client.post(reverse("document_member_share", args=[board_paper.pk]), {"days": "7"})
    assert response.status_code == 404
    assert not ShareLink.objects.exists()


@override_settings(MEMBERS_MAY_SHARE=True)
def test_a_member_cannot_share_a_document_they_may_not_see(client, non_member, board_paper):
    client.force_login(non_member)
    response = client.post(reverse("document_member_share", args=[board_paper.pk]), {"days": "7"})
    assert response.status_code == 404
    assert not ShareLink.objects.exists()


@override_settings(MEMBERS_MAY_SHARE=True)
def test_a_member_cannot_make_a_link_longer_than_30_days(client, member, board_paper):
    client.force_login(member)
    response = client.post(reverse("document_member_share", args=[board_paper.pk]), {"days": "90"})
    assert response.status_code == 400
    assert not ShareLink.objects.exists()
