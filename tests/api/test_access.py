"""Who sees what over the API: the token ladder (none → public, member token → members' content, revoked or unknown
→ 401), and relations and rich-text links to hidden content left out — not shown as a title, an address or an id."""

import pytest
from wagtail.models import APIToken

from members import tokens
from tests.api.conftest import bearer, revoke_all

pytestmark = pytest.mark.django_db


def ids(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content[:300]
    return {item["id"] for item in response.json()["items"]}


# The ladder -------------------------------------------------------------------------------------------------------


def test_anonymous_request_sees_public_pages_only(api_client, api_site):
    visible = ids(api_client, "/api/v2/pages/?limit=50")
    assert api_site.about.pk in visible
    assert api_site.section.pk not in visible
    assert api_site.notices.pk not in visible


def test_member_token_sees_members_pages_documents_and_images(api_client, api_site, member_token):
    headers = bearer(member_token)
    assert {api_site.section.pk, api_site.notices.pk} <= ids(api_client, "/api/v2/pages/?limit=50", **headers)
    assert api_site.private_doc.pk in ids(api_client, "/api/v2/documents/", **headers)
    assert api_site.private_image.pk in ids(api_client, "/api/v2/images/", **headers)
    response = api_client.get(f"/api/v2/pages/{api_site.notices.pk}/", **headers)
    assert response.status_code == 200
    assert "the congress budget" in response.json()["body"][0]["value"]


def test_member_token_needs_no_session_cookie(api_client, api_site, member_token):
    api_client.cookies.clear()
    response = api_client.get(f"/api/v2/pages/{api_site.notices.pk}/", **bearer(member_token))
    assert response.status_code == 200
    assert "sessionid" not in response.cookies


def test_non_member_token_sees_what_a_non_member_sees(api_client, api_site, non_member_token):
    headers = bearer(non_member_token)
    assert api_site.notices.pk not in ids(api_client, "/api/v2/pages/?limit=50", **headers)
    assert api_client.get(f"/api/v2/pages/{api_site.notices.pk}/", **headers).status_code == 404
    assert api_site.private_doc.pk not in ids(api_client, "/api/v2/documents/", **headers)


def test_revoked_token_gets_401_with_a_json_error(api_client, api_site, member, member_token):
    revoke_all(member)
    response = api_client.get("/api/v2/pages/", **bearer(member_token))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "token" in response.json()["message"]


@pytest.mark.parametrize(
    "header",
    [
        "Bearer wagtail_0000000000000000000000000000000000",
        "Bearer not-a-token",
        "Bearer ",
        "Basic bWVtYmVyOnBhc3N3b3Jk",
        "Token abc",
        "Bearer a b",
    ],
)
def test_unknown_or_malformed_credentials_get_401_never_basic_auth(api_client, api_site, header):
    response = api_client.get("/api/v2/pages/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert set(response.json()) == {"message"}
    assert "Basic" not in response.get("WWW-Authenticate", "")


def test_token_of_a_deactivated_account_gets_401(api_client, api_site, member, member_token):
    member.is_active = False
    member.save()
    assert api_client.get("/api/v2/pages/", **bearer(member_token)).status_code == 401


def test_tokens_are_stored_hashed(member, member_token):
    token = APIToken.objects.get(user=member)
    assert member_token not in {token.key_hash, token.prefix, token.name}
    assert token.key_hash == APIToken.hash_token(member_token)
    assert tokens.token_for(member_token) == token


def test_a_session_of_a_member_also_sees_members_content(api_client, api_site, member):
    api_client.force_login(member)
    assert api_site.notices.pk in ids(api_client, "/api/v2/pages/?limit=50")


# Hidden things answer as missing ones -------------------------------------------------------------------------------


def test_hidden_page_answers_exactly_like_a_missing_one(api_client, api_site):
    hidden = api_client.get(f"/api/v2/pages/{api_site.notices.pk}/")
    missing = api_client.get("/api/v2/pages/999999/")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    assert hidden["Cache-Control"] == missing["Cache-Control"]


@pytest.mark.parametrize("parameter", ["child_of", "descendant_of", "ancestor_of"])
def test_tree_filter_on_a_hidden_page_answers_like_a_missing_one(api_client, api_site, parameter):
    hidden = api_client.get(f"/api/v2/pages/?{parameter}={api_site.section.pk}")
    missing = api_client.get(f"/api/v2/pages/?{parameter}=999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content


def test_tree_filter_on_a_hidden_page_works_for_a_member(api_client, api_site, member_token):
    assert ids(api_client, f"/api/v2/pages/?child_of={api_site.section.pk}", **bearer(member_token)) == {
        api_site.notices.pk
    }


def test_find_never_finds_a_hidden_page(api_client, api_site, member_token):
    for query in (f"html_path={api_site.notices.url}", f"id={api_site.notices.pk}"):
        assert api_client.get(f"/api/v2/pages/find/?{query}").status_code == 404
        assert api_client.get(f"/api/v2/pages/find/?{query}", **bearer(member_token)).status_code == 302


def test_search_never_finds_a_hidden_page(api_client, api_site, member_token):
    assert api_site.notices.pk not in ids(api_client, "/api/v2/pages/?search=Members")
    assert api_site.private_doc.pk not in ids(api_client, "/api/v2/documents/?search=Secret")
    assert api_site.private_image.pk not in ids(api_client, "/api/v2/images/?search=Secret")


def test_hidden_documents_and_images_answer_like_missing_ones(api_client, api_site):
    for kind, item in (("documents", api_site.private_doc), ("images", api_site.private_image)):
        hidden = api_client.get(f"/api/v2/{kind}/{item.pk}/")
        missing = api_client.get(f"/api/v2/{kind}/999999/")
        assert hidden.status_code == missing.status_code == 404
        assert hidden.content == missing.content


# Relations and links inside public pages -----------------------------------------------------------------------------


def secrets_of(api_site):
    return [
        api_site.notices.title,
        api_site.notices.url,
        api_site.section.url,
        api_site.private_doc.title,
        api_site.private_doc.url,
        api_site.private_image.title,
        api_site.private_image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0],
        f'"id": {api_site.notices.pk},',
        f'"id": {api_site.private_doc.pk},',
        f'"id": {api_site.private_image.pk},',
    ]


def test_relations_and_links_to_hidden_content_are_left_out(api_client, api_site):
    for page in (api_site.standard, api_site.home):
        response = api_client.get(f"/api/v2/pages/{page.pk}/")
        text = response.content.decode()
        for secret in secrets_of(api_site):
            assert secret not in text, (page, secret)


def test_rich_text_link_to_a_hidden_page_keeps_only_its_words(api_client, api_site):
    data = api_client.get(f"/api/v2/pages/{api_site.standard.pk}/").json()
    hidden = [block["value"] for block in data["body"] if block["type"] == "rich_text"][0]
    assert "See Secret the page." in hidden
    assert "Get Secret the file." in hidden
    assert '<a href="https://ica.coop">the Alliance</a>' in hidden
    faq = [block["value"] for block in data["body"] if block["type"] == "faq"][0]
    assert "<a" not in faq["items"][0]["answer"].replace('<a href="https://ica.coop">', "")


def test_hidden_choices_are_left_out_of_blocks(api_client, api_site):
    data = api_client.get(f"/api/v2/pages/{api_site.standard.pk}/").json()
    types = [block["type"] for block in data["body"]]
    assert types.count("call_to_action") == 1, "the call to action to a hidden page is left out"
    assert types.count("document_links") == 1, "a document list with only hidden documents is left out"
    images = [block["value"] for block in data["body"] if block["type"] == "image"]
    assert [image["caption"] for image in images] == ["AGM"], (
        "an image block with a hidden image is left out, as on the page"
    )
    assert data["listing_image"] is None
    assert [document["title"] for document in data["related_documents"]] == ["Public annual report"]
    home = api_client.get(f"/api/v2/pages/{api_site.home.pk}/").json()
    assert [card["value"]["page"]["title"] for card in home["highlights"]] == ["About us"]


def test_member_token_gets_the_hidden_relations(api_client, api_site, member_token):
    data = api_client.get(f"/api/v2/pages/{api_site.standard.pk}/", **bearer(member_token)).json()
    text = str(data)
    assert api_site.notices.url in text
    assert api_site.private_doc.title in text
    assert data["listing_image"]["id"] == api_site.private_image.pk
    assert data["related_documents"][0]["members_only"] is True
    home = api_client.get(f"/api/v2/pages/{api_site.home.pk}/", **bearer(member_token)).json()
    assert [card["value"]["title"] for card in home["highlights"]] == ["About us", "Members"]


def test_alias_of_a_hidden_page_is_left_out(api_client, api_site):
    alias = api_site.notices.create_alias(parent=api_site.home, update_slug="notices-alias")
    data = api_client.get(f"/api/v2/pages/{alias.pk}/").json()
    assert data["meta"]["alias_of"] is None
