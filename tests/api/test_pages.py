"""The pages endpoint: every page type's fields, StreamField blocks as structured JSON with chooser values resolved,
related documents expanded, search description and social image."""

import json

import pytest

pytestmark = pytest.mark.django_db


def get_json(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, response.content[:500]
    return response.json()


def blocks_of(page_json, block_type):
    return [block["value"] for block in page_json["body"] if block["type"] == block_type]


def test_api_root_lists_pages_documents_and_images_endpoints(api_client, api_site):
    for name in ("pages", "documents", "images"):
        data = get_json(api_client, f"/api/v2/{name}/")
        assert data["meta"]["total_count"] >= 1
        assert data["items"]


def test_pages_listing_is_json_only_without_a_browsable_api(api_client, api_site):
    response = api_client.get("/api/v2/pages/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"] == "application/json"
    assert b"<html" not in response.content


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_api_is_read_only(api_client, api_site, method):
    response = getattr(api_client, method)("/api/v2/pages/", data="{}", content_type="application/json")
    assert response.status_code == 405
    assert "message" in response.json()


def test_every_page_type_exposes_its_own_fields(api_client, api_site):
    expected = {
        api_site.home: {"intro", "listing_image", "hero_heading", "hero_image", "highlights", "body"},
        api_site.standard: {"intro", "listing_image", "body", "related_documents"},
        api_site.about: {"intro", "listing_image", "body"},
        api_site.alliance: {"organisation_name", "founded_year", "regional_offices", "body", "related_documents"},
        api_site.why_join: {"intro", "listing_image", "body", "related_documents"},
        api_site.library: {"intro", "listing_image", "collection"},
    }
    for page, fields in expected.items():
        data = get_json(api_client, f"/api/v2/pages/{page.pk}/")
        assert data["meta"]["type"] == f"{page._meta.app_label}.{type(page).__name__}"
        assert fields <= set(data), (page, fields - set(data))


def test_alliance_key_facts_are_typed_fields(api_client, api_site):
    data = get_json(api_client, f"/api/v2/pages/{api_site.alliance.pk}/")
    assert data["organisation_name"] == "International Co-operative Alliance"
    for name in (
        "founded_year",
        "member_organisations",
        "countries",
        "people_represented",
        "un_consultative_status_year",
        "ecosoc_category_size",
    ):
        assert type(data[name]) is int, name
    assert data["founded_year"] == 1895
    assert data["people_represented"] == 1_000_000_000
    assert data["website"] == "https://ica.coop"
    assert [office["region"] for office in data["regional_offices"]] == ["Americas", "Europe", "Africa", "Asia-Pacific"]


def test_alliance_key_facts_can_be_filtered_and_listed_by_type(api_client, api_site):
    data = get_json(
        api_client, "/api/v2/pages/?type=about.AlliancePage&fields=founded_year,countries&founded_year=1895"
    )
    assert [item["founded_year"] for item in data["items"]] == [1895]
    assert data["items"][0]["countries"] == 107


def test_search_description_and_social_image_with_renditions(api_client, api_site):
    data = get_json(api_client, f"/api/v2/pages/{api_site.home.pk}/")
    assert data["meta"]["search_description"] == "The federation's portal."
    image = data["listing_image"]
    assert image["id"] == api_site.public_image.pk
    assert image["alt"] == api_site.public_image.description
    assert (image["width"], image["height"]) == (40, 30)
    assert set(image["renditions"]) == {"small", "large"}
    for rendition in image["renditions"].values():
        assert rendition["url"].startswith("http://localhost/media/images/")
        assert rendition["webp_url"].endswith(".webp")
        assert rendition["width"] and rendition["height"]


def test_image_block_has_alt_text_size_and_two_rendition_sizes_including_webp(api_client, api_site):
    data = get_json(api_client, f"/api/v2/pages/{api_site.standard.pk}/")
    image_block = blocks_of(data, "image")[0]
    assert image_block["caption"] == "AGM"
    image = image_block["image"]
    assert image["alt"] == "Members meeting"
    assert image["decorative"] is False
    assert {"width", "height", "renditions"} <= set(image)
    assert "width-480" in image["renditions"]["small"]["url"]
    assert "width-1200" in image["renditions"]["large"]["webp_url"]
    assert image["renditions"]["large"]["webp_url"].endswith(".webp")


def test_document_block_has_title_type_size_and_download_url(api_client, api_site):
    data = get_json(api_client, f"/api/v2/pages/{api_site.standard.pk}/")
    (files,) = blocks_of(data, "document_links")
    assert files["heading"] == "Files"
    (document,) = files["documents"]
    assert document["title"] == "Public annual report"
    assert document["file_type"] == "pdf"
    assert document["file_type_label"] == "PDF"
    assert document["file_size"] == api_site.public_doc.file_size > 0
    assert document["size_label"].endswith("bytes")
    assert document["download_url"] == f"http://localhost{api_site.public_doc.url}"


def test_page_link_is_id_title_and_url(api_client, api_site):
    data = get_json(api_client, f"/api/v2/pages/{api_site.standard.pk}/")
    (join,) = blocks_of(data, "call_to_action")
    assert join["page"] == {"id": api_site.why_join.pk, "title": "Why join the ICA", "url": api_site.why_join.url}
    assert join["url"] == api_site.why_join.url
    assert join["link_text"] == "Why join the ICA"


def test_rich_text_is_html_with_links_resolved(api_client, api_site):
    data = get_json(api_client, f"/api/v2/pages/{api_site.standard.pk}/")
    public = blocks_of(data, "rich_text")[1]
    assert f'<a href="{api_site.alliance.url}">Public the page</a>' in public
    assert f'<a href="http://localhost{api_site.public_doc.url}">Public the file</a>' in public
    assert '<a href="https://ica.coop">the Alliance</a>' in public
    assert "linktype" not in public


def test_rich_text_format_parameter_is_refused(api_client, api_site):
    for url in (f"/api/v2/pages/{api_site.standard.pk}/", "/api/v2/pages/"):
        data = get_json(api_client, url + "?rich_text_format=db_html", status=400)
        assert "rich_text_format" in data["message"]


def test_related_documents_are_expanded(api_client, api_site):
    data = get_json(api_client, f"/api/v2/pages/{api_site.why_join.pk}/")
    (document,) = data["related_documents"]
    assert document["title"] == "Public annual report"
    assert document["download_url"].startswith("http://localhost/files/")


def test_highlight_cards_lead_to_visible_pages_with_their_picture(api_client, api_site):
    data = get_json(api_client, f"/api/v2/pages/{api_site.home.pk}/")
    (card,) = [block["value"] for block in data["highlights"]]
    assert card["page"]["title"] == "About us"
    assert card["title"] == "About us"
    assert card["image"]["decorative"] is True and card["image"]["alt"] == ""


def test_why_join_benefits_are_structured(api_client, api_site):
    data = get_json(api_client, f"/api/v2/pages/{api_site.why_join.pk}/")
    (benefits,) = blocks_of(data, "benefits")
    assert benefits == {"heading": "Gains", "benefits": [{"icon": "voice", "heading": "A voice", "text": "Heard."}]}


def test_other_blocks_are_structured(api_client, api_site):
    data = get_json(api_client, f"/api/v2/pages/{api_site.standard.pk}/")
    assert blocks_of(data, "heading") == [{"text": "Latest", "level": "h2"}]
    assert blocks_of(data, "quote") == [{"quote": "Together.", "attribution": "A member", "role": ""}]
    assert blocks_of(data, "item_list") == [{"heading": "", "style": "bulleted", "items": ["One", "Two"]}]
    assert blocks_of(data, "key_figures") == [{"heading": "", "figures": [{"number": "310", "label": "members"}]}]


def test_listing_with_all_fields_of_one_type(api_client, api_site):
    data = get_json(api_client, "/api/v2/pages/?type=home.StandardPage&fields=*")
    (news,) = [item for item in data["items"] if item["id"] == api_site.standard.pk]
    assert news["body"] and news["related_documents"]
    assert "intro" in news


def test_find_by_html_path_redirects_to_the_page(api_client, api_site):
    response = api_client.get("/api/v2/pages/find/?html_path=/about-us/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/api/v2/pages/{api_site.about.pk}/?")


def test_rich_text_outside_the_api_is_resolved_too(api_site):
    """``get_api_representation`` without an API response (e.g. another caller) resolves links at once."""
    from home.blocks import ParagraphBlock

    value = ParagraphBlock().to_python(f'<p><a linktype="page" id="{api_site.about.pk}">About</a></p>')
    assert json.dumps(ParagraphBlock().get_api_representation(value)) == json.dumps(
        f'<p><a href="{api_site.about.url}">About</a></p>'
    )


def listed_ids(client, url):
    return {item["id"] for item in get_json(client, url)["items"]}


def test_child_of_and_descendant_of_together_list_the_children_below_both(api_client, api_site):
    home, about, alliance = api_site.home.pk, api_site.about.pk, api_site.alliance.pk
    assert listed_ids(api_client, f"/api/v2/pages/?child_of={about}&descendant_of={home}") == {
        alliance,
        api_site.why_join.pk,
    }
    assert listed_ids(api_client, f"/api/v2/pages/?child_of={about}&descendant_of={alliance}") == set()


def test_a_field_filter_works_with_a_search(api_client, api_site):
    """``slug`` is not a search filter field: with ``search`` it is applied as a set of ids instead of a 400."""
    assert listed_ids(api_client, "/api/v2/pages/?search=alliance&slug=" + api_site.alliance.slug) == {
        api_site.alliance.pk
    }
    assert listed_ids(api_client, "/api/v2/pages/?search=alliance&slug=no-such-page") == set()
