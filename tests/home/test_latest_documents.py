"""The home page's "Latest documents": newest first, through the access module, members-only ones marked."""

import datetime

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(home_page, members_collection):
    older = factories.PortalDocumentFactory(title="Older public report")
    older.publication_date = datetime.date(2020, 1, 1)
    older.save()
    newer = factories.PortalDocumentFactory(title="Newer public report")
    newer.publication_date = datetime.date(2024, 1, 1)
    newer.save()
    secret = factories.PortalDocumentFactory(title="Newest members' minutes", collection=members_collection)
    secret.publication_date = datetime.date(2025, 1, 1)
    secret.save()
    return older, newer, secret


def _latest(html):
    return html.split('id="latest-documents-heading"', 1)[1].split("</section>", 1)[0]


def test_anonymous_visitor_sees_the_newest_public_documents_only(client, documents):
    section = _latest(client.get("/en/").content.decode())
    assert section.index("Newer public report") < section.index("Older public report")
    assert "members&#x27; minutes" not in section and "members' minutes" not in section


def test_member_sees_members_only_documents_marked(client, member, documents):
    client.force_login(member)
    section = _latest(client.get("/en/").content.decode())
    assert "Newest members&#x27; minutes" in section
    assert "Members only" in section


@pytest.mark.parametrize("extra", [0, 10])
def test_latest_documents_cost_one_query_however_many_documents_exist(home_page, assert_warm_queries, extra):
    for number in range(3 + extra):
        factories.PortalDocumentFactory(title=f"Report {number}")
    # Warm caches: the home page and the latest documents, whatever the number of documents (the site comes from the
    # process's table, portal.sites).
    response = assert_warm_queries("/en/", 2)
    assert response.content.decode().count("document-card__download") == 3
