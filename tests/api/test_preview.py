"""Headless preview: the preview panel sends editors to the front end with an expiring token; the API shows the
draft for that token, and a members-only draft only to a request made as the editor."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.test import RequestFactory

from home import preview
from members import tokens
from tests import factories
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

FRONT_END = "https://app.example.org/preview"


@pytest.fixture(autouse=True)
def _front_end(settings):
    settings.HEADLESS_PREVIEW_URL = FRONT_END
    settings.HEADLESS_PREVIEW_MAX_AGE = 600


def open_preview(page, user):
    """What the page editor's preview panel gets for the "Front end (headless)" mode: the front end's address."""
    request = RequestFactory().get("/admin/")
    request.user = user
    response = page.make_preview_request(request, preview.PREVIEW_MODE)
    assert response.status_code == 302, response.content
    assert "no-cache" in response["Cache-Control"]
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == FRONT_END
    return parse_qs(location.query)["token"][0]


def draft(page, title):
    page.title = title
    return page.save_revision()


def test_pages_offer_the_headless_preview_mode_only_when_a_front_end_is_set(api_site, settings):
    assert (preview.PREVIEW_MODE, preview.PREVIEW_MODE_LABEL) in api_site.about.preview_modes
    assert (preview.PREVIEW_MODE, preview.PREVIEW_MODE_LABEL) in api_site.library.preview_modes
    settings.HEADLESS_PREVIEW_URL = ""
    assert preview.PREVIEW_MODE not in dict(api_site.about.preview_modes)


def test_front_end_gets_the_latest_draft_with_the_token(api_client, api_site, superuser):
    draft(api_site.about, "About us (draft)")
    token = open_preview(api_site.about, superuser)
    response = api_client.get(f"/api/v2/preview/?token={token}")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "About us (draft)"
    assert data["id"] == api_site.about.pk
    assert data["meta"]["type"] == "about.AboutPage"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    # The live page is unchanged.
    assert api_client.get(f"/api/v2/pages/{api_site.about.pk}/").json()["title"] == "About us"


def test_token_shows_the_draft_it_was_made_for_not_a_later_one(api_client, api_site, superuser):
    draft(api_site.about, "First draft")
    token = open_preview(api_site.about, superuser)
    draft(api_site.about, "Second draft")
    assert api_client.get(f"/api/v2/preview/?token={token}").json()["title"] == "First draft"


def test_preview_token_expires(api_client, api_site, superuser, monkeypatch):
    draft(api_site.about, "About us (draft)")
    token = open_preview(api_site.about, superuser)
    later = signing.time.time() + 601
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = api_client.get(f"/api/v2/preview/?token={token}")
    assert response.status_code == 401
    assert response.json() == {"message": "Invalid or expired preview token."}


def test_forged_or_tampered_tokens_are_refused(api_client, api_site, superuser):
    draft(api_site.about, "About us (draft)")
    token = open_preview(api_site.about, superuser)
    forged = signing.dumps({"page": api_site.notices.pk, "revision": 1, "user": superuser.pk}, salt="other")
    for bad in (token[:-2] + "xx", forged, "", "abc"):
        assert api_client.get("/api/v2/preview/", {"token": bad}).status_code == 401


def test_token_stops_working_when_the_editor_may_no_longer_edit(api_client, api_site):
    editor = factories.UserFactory(groups=["Editors"])
    draft(api_site.about, "About us (draft)")
    token = open_preview(api_site.about, editor)
    assert api_client.get(f"/api/v2/preview/?token={token}").status_code == 200
    editor.is_active = False
    editor.save()
    assert api_client.get(f"/api/v2/preview/?token={token}").status_code == 401


def test_members_only_draft_needs_the_editors_own_credentials(api_client, api_site, superuser, member_token):
    draft(api_site.notices, "Notices (draft)")
    token = open_preview(api_site.notices, superuser)
    url = f"/api/v2/preview/?token={token}"
    anonymous = api_client.get(url)
    assert anonymous.status_code == 403
    assert b"Notices" not in anonymous.content
    # Another member, even one who may read the live page, does not get the editor's draft.
    member = api_client.get(url, **bearer(member_token))
    assert member.status_code == 403
    assert b"Notices" not in member.content
    # The editor does, with their own token.
    _token, editor_token = tokens.create_token(superuser, "front end")
    response = api_client.get(url, **bearer(editor_token))
    assert response.status_code == 200
    assert response.json()["title"] == "Notices (draft)"


def test_a_page_never_saved_cannot_be_previewed_in_the_front_end(api_site, superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    unsaved = type(api_site.about)(title="New")
    response = unsaved.make_preview_request(request, preview.PREVIEW_MODE)
    assert response.status_code == 200
    assert b"Save a draft" in response.content


def test_the_sites_own_preview_still_works(api_site, superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    response = api_site.about.make_preview_request(request, "")
    assert response.status_code == 200
    assert b"About us" in response.content
