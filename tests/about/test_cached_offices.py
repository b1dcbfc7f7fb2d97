"""The Alliance page's regional offices, kept in the shared cache under the live revision, follow every publish and
never mix a draft with the live page."""

import pytest

from about.models import AlliancePage, RegionalOffice
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db


def _offices(client, page):
    return [li.select_one(".office__name").get_text() for li in html(client.get(page.url)).select(".offices > li")]


@pytest.fixture
def published_alliance(alliance_page):
    alliance_page.save_revision().publish()
    return AlliancePage.objects.get(pk=alliance_page.pk)


def test_an_office_added_and_published_shows_at_once(client, published_alliance):
    assert "Cooperatives Oceania" not in _offices(client, published_alliance)
    editing = published_alliance.get_latest_revision_as_object()
    editing.regional_offices.add(RegionalOffice(region="Oceania", name="Cooperatives Oceania"))
    editing.save_revision().publish()
    assert "Cooperatives Oceania" in _offices(client, published_alliance)


def test_a_previewed_draft_shows_its_own_offices_and_never_changes_the_live_ones(client, published_alliance):
    live = _offices(client, published_alliance)
    editing = published_alliance.get_latest_revision_as_object()
    editing.regional_offices.add(RegionalOffice(region="Oceania", name="Draft office"))
    editing.save_revision()  # a draft made after publishing names the live revision, as the live page does
    page = AlliancePage.objects.get(pk=published_alliance.pk)
    draft = page.get_latest_revision_as_object()
    assert draft.live_revision_id == page.live_revision_id is not None
    assert "Draft office" in text_of(html(draft.make_preview_request()).find("main"))
    assert _offices(client, published_alliance) == live
