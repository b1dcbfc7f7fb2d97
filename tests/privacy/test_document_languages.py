"""A members-only translation is never put in place of a public document for someone who may not see it.

A French page whose blocks chose a public English report shows the report's French edition where there is one
(``members.access.shown_document``). When that edition is in a members-only collection, an anonymous visitor and a
logged-in non-member get the public English report instead, on every surface that substitutes (document-link
blocks, related documents, latest documents, rich-text links, the API): not the French title, nor its address.
A member gets the French edition, marked members-only.
"""

import datetime
import uuid

import pytest

from tests import factories
from tests.fixtures import translate

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Rapport confidentiel du conseil"


@pytest.fixture
def setup(home_page, members_collection):
    key = uuid.uuid4()
    english = factories.PortalDocumentFactory(
        title="Board report", language="en", publication_date=datetime.date(2025, 1, 1), translation_key=key
    )
    secret = factories.PortalDocumentFactory(
        title=SECRET_TITLE,
        language="fr",
        publication_date=datetime.date(2025, 2, 1),
        translation_key=key,
        collection=members_collection,
    )
    home_page.body = [{"type": "document_links", "value": {"heading": "Featured", "documents": [english.pk]}}]
    home_page.save_revision().publish()
    french_home = translate(home_page, "fr", "Accueil")
    page = factories.StandardPageFactory(
        parent=home_page,
        title="Reports",
        slug="reports",
        body=[{"type": "rich_text", "value": f'<p><a linktype="document" id="{english.pk}">The report</a></p>'}],
    )
    page.related_documents = [{"type": "document", "value": english.pk}]
    page.save_revision().publish()
    french_page = translate(page, "fr", "Rapports", "rapports")
    # Home (chosen block + latest documents), a page (related documents + rich-text link), and their API.
    urls = [
        french_home.url,
        french_page.url,
        f"/api/v2/pages/{french_home.pk}/",
        f"/api/v2/pages/{french_page.pk}/",
    ]
    return english, secret, urls


def _seen(client, urls):
    return "\n".join(client.get(url).content.decode() for url in urls)


@pytest.mark.parametrize("who", ["anonymous", "non_member"])
def test_members_only_french_translation_is_not_shown_to_those_who_may_not_see_it(client, setup, who, request):
    english, secret, urls = setup
    if who == "non_member":
        client.force_login(request.getfixturevalue("non_member"))
    seen = _seen(client, urls)
    assert SECRET_TITLE not in seen and "Rapport confidentiel" not in seen
    assert secret.url not in seen and secret.file.name not in seen
    # The public English report stands in for it, on every surface.
    assert seen.count("Board report") >= 4
    assert english.url in seen


def test_member_gets_the_french_edition(client, setup, member):
    english, secret, urls = setup
    client.force_login(member)
    seen = _seen(client, urls)
    assert SECRET_TITLE in seen
    assert secret.url in seen
    assert "Réservé aux membres" in seen or "Members only" in seen
