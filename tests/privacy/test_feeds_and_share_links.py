"""Leak-suite rows for the surfaces of issue 17: share links and feeds never reveal what their holder may not see,
and what they answer is never kept by a shared cache."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.models import PortalDocument, ShareLink
from members import feed_tokens
from tests.documents.conftest import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def papers(members_collection, documents_page):
    return {
        "shared": make_document("Shared board paper", collection=members_collection, text="Shared words."),
        "other": make_document("Unshared strategy paper", collection=members_collection, text="Unshared words."),
        "public": make_document("Public guide"),
    }


def make_link(document, **fields):
    link = ShareLink(document=document, expires_at=timezone.now() + timedelta(days=1), **fields)
    token = link.issue_token()
    link.save()
    return token


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_share_link_reveals_no_other_document_and_no_listing(client, papers):
    token = make_link(papers["shared"])
    response = client.get(reverse("document_share", args=[token]))
    content = body(response)
    assert b"Unshared" not in content
    assert papers["other"].filename.encode() not in content
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    # Nothing around it opens up for the link's holder: library, search, feeds, API.
    for url in ("/en/documents/", "/en/search/?q=Unshared", "/feeds/documents/", "/api/v2/documents/"):
        assert b"Unshared strategy paper" not in client.get(url).content, url
        assert b"Shared board paper" not in client.get(url).content, url


def test_gone_and_unknown_share_links_name_no_document(client, papers):
    token = make_link(papers["shared"])
    ShareLink.objects.update(revoked_at=timezone.now())
    gone = client.get(reverse("document_share", args=[token]))
    unknown = client.get(reverse("document_share", args=["y" * 43]))
    assert (gone.status_code, unknown.status_code) == (410, 404)
    for response in (gone, unknown):
        assert b"Shared board paper" not in response.content
        assert "no-store" in response["Cache-Control"]


def test_public_feeds_list_no_members_only_document_for_anyone(client, member, papers):
    for who in (None, member):
        if who:
            client.force_login(who)
        for url in ("/feeds/documents/", "/feeds/pages/"):
            content = client.get(url).content
            assert b"board paper" not in content.lower(), (who, url)
            assert papers["shared"].url.encode() not in content


def test_a_personal_feed_lists_only_what_its_owner_may_see(client, member, non_member, papers):
    members_feed = client.get(reverse("documents_personal_feed", args=[feed_tokens.create_token(member)]))
    others_feed = client.get(reverse("documents_personal_feed", args=[feed_tokens.create_token(non_member)]))
    assert b"Shared board paper" in members_feed.content
    assert b"Shared board paper" not in others_feed.content
    assert b"Public guide" in others_feed.content
    for response in (members_feed, others_feed):
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert "X-Cache-Tags" not in response


def test_an_earlier_version_of_a_members_only_document_is_hidden_as_missing(client, papers, non_member):
    document = papers["shared"]
    PortalDocument.objects.filter(pk=document.pk).update(show_earlier_versions=True, version_number=2)
    document.versions.create(number=1, file=document.file.name, created_at=timezone.now())
    url = document.versions.get().url
    assert client.get(url).status_code == 404
    client.force_login(non_member)
    assert client.get(url).status_code == 404
