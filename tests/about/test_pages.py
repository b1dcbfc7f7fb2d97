"""AboutPage, AlliancePage and WhyJoinPage as visitors see them."""

import json

import pytest
from pytest_django.asserts import assertTemplateUsed

from tests import factories
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db


# AboutPage


def test_about_page_renders_with_its_template(client, about_page):
    response = client.get(about_page.url)
    assert response.status_code == 200
    assertTemplateUsed(response, "about/about_page.html")


def test_about_page_is_served_at_about_us(client, about_page):
    assert about_page.url == "/en/about-us/"


def test_about_page_shows_intro_body_and_a_card_per_child(client, about_page, alliance_page, why_join_page):
    about_page.body = [{"type": "rich_text", "value": "<p>We are a federation of co-operatives.</p>"}]
    about_page.save_revision().publish()
    soup = html(client.get(about_page.url))
    main = soup.find("main")
    assert soup.find("h1").get_text(strip=True) == "About us"
    assert "Who we are and how we work with the Alliance." in text_of(main)
    assert "We are a federation of co-operatives." in text_of(main)
    assert main.find("a", href=alliance_page.url).get_text(strip=True) == "International Co-operative Alliance"
    assert main.find("a", href=why_join_page.url).get_text(strip=True) == "Why join the ICA"
    assert "The global voice of co-operatives." in text_of(main)


def test_about_page_card_shows_the_childs_listing_image(client, about_page, alliance_page):
    alliance_page.listing_image = factories.CustomImageFactory()
    alliance_page.save_revision().publish()
    card = html(client.get(about_page.url)).find("main").find("a", href=alliance_page.url).find_parent("article")
    assert card.find("img") is not None


# AlliancePage


@pytest.fixture
def alliance_response(client, alliance_page):
    return client.get(alliance_page.url)


def test_alliance_page_renders_with_its_template(alliance_response):
    assert alliance_response.status_code == 200
    assertTemplateUsed(alliance_response, "about/alliance_page.html")


def test_alliance_page_is_served_under_about_us(alliance_page):
    assert alliance_page.url == "/en/about-us/international-co-operative-alliance/"


@pytest.mark.parametrize(
    "fact",
    [
        "1895",
        "London",
        "310",
        "member organisations",
        "107",
        "countries",
        "nearly 1 billion",
        "Brussels",
        "Belgium",
        "1946",
        "General consultative status (Category I)",
        "ECOSOC",
        "41",
    ],
)
def test_alliance_page_shows_the_key_fact(alliance_response, fact):
    assert fact in text_of(html(alliance_response).find("main"))


def test_alliance_page_lists_the_regional_offices(alliance_response):
    text = text_of(html(alliance_response).find("main"))
    for region, name in [
        ("Americas", "Cooperatives of the Americas"),
        ("Europe", "Cooperatives Europe"),
        ("Africa", "Cooperatives Africa"),
        ("Asia-Pacific", "ICA Asia and Pacific"),
    ]:
        assert region in text
        assert name in text


def test_alliance_page_links_to_the_alliances_website(alliance_response):
    link = html(alliance_response).find("main").find("a", href="https://ica.coop")
    assert link is not None
    assert "ica.coop" in link.get_text()


def test_alliance_page_figures_follow_the_edited_fields(client, alliance_page):
    alliance_page.member_organisations = 312
    alliance_page.people_represented = 1_200_000_000
    alliance_page.people_represented_qualifier = "over"
    alliance_page.save_revision().publish()
    text = text_of(html(client.get(alliance_page.url)).find("main"))
    assert "312" in text
    assert "over 1.2 billion" in text


@pytest.fixture
def json_ld(alliance_response):
    scripts = html(alliance_response).find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_alliance_page_json_ld_describes_the_organisation(json_ld):
    assert json_ld["@context"] == "https://schema.org"
    assert json_ld["@type"] == "Organization"
    assert json_ld["name"] == "International Co-operative Alliance"
    assert json_ld["foundingDate"] == "1895"
    assert json_ld["foundingLocation"]["name"] == "London"
    assert json_ld["address"] == {"@type": "PostalAddress", "addressLocality": "Brussels", "addressCountry": "BE"}
    assert json_ld["url"] == "https://ica.coop"


def test_alliance_page_json_ld_lists_the_regional_offices(json_ld):
    assert {office["areaServed"] for office in json_ld["subOrganization"]} == {
        "Americas",
        "Europe",
        "Africa",
        "Asia-Pacific",
    }


def test_alliance_page_json_ld_cannot_be_closed_by_an_editors_text(client, alliance_page):
    alliance_page.organisation_name = "</script><script>alert(1)</script>"
    alliance_page.save_revision().publish()
    scripts = html(client.get(alliance_page.url)).find_all("script", type="application/ld+json")
    assert json.loads(scripts[0].string)["name"] == "</script><script>alert(1)</script>"


def test_alliance_page_shows_visible_related_documents_only(client, alliance_page, members_collection):
    public = factories.PortalDocumentFactory(title="ICA annual report")
    private = factories.PortalDocumentFactory(title="Members' briefing", collection=members_collection)
    alliance_page.related_documents = [
        {"type": "document", "value": public.pk},
        {"type": "document", "value": private.pk},
    ]
    alliance_page.save_revision().publish()
    main = html(client.get(alliance_page.url)).find("main")
    assert main.find("a", href=public.url) is not None
    assert "Members' briefing" not in text_of(main)


# WhyJoinPage


@pytest.fixture
def filled_why_join(why_join_page, documents_page):
    document = factories.PortalDocumentFactory(title="Membership application form")
    why_join_page.body = [
        {
            "type": "benefits",
            "value": {
                "heading": "What members gain",
                "benefits": [
                    {"icon": "voice", "heading": "A global voice", "text": "Represented at the United Nations."},
                    {"icon": "network", "heading": "A network", "text": "Partners in 107 countries."},
                ],
            },
        },
        {
            "type": "call_to_action",
            "value": {"heading": "Ready to join?", "page": documents_page.pk, "link_text": "Ask about membership"},
        },
        {
            "type": "faq",
            "value": {
                "heading": "Questions",
                "items": [{"question": "Who may join?", "answer": "<p>Federations of co-operatives.</p>"}],
            },
        },
    ]
    why_join_page.related_documents = [{"type": "document", "value": document.pk}]
    why_join_page.save_revision().publish()
    why_join_page.document = document
    return why_join_page


def test_why_join_page_renders_with_its_template(client, filled_why_join):
    response = client.get(filled_why_join.url)
    assert response.status_code == 200
    assertTemplateUsed(response, "about/why_join_page.html")
    assert filled_why_join.url == "/en/about-us/why-join-the-ica/"


def test_why_join_page_shows_benefits_call_to_action_faq_and_documents(client, filled_why_join, documents_page):
    main = html(client.get(filled_why_join.url)).find("main")
    text = text_of(main)
    for words in [
        "What members gain",
        "A global voice",
        "Represented at the United Nations.",
        "A network",
        "Ready to join?",
        "Who may join?",
        "Federations of co-operatives.",
    ]:
        assert words in text
    assert main.find("a", href=documents_page.url).get_text(strip=True) == "Ask about membership"
    assert main.find("a", href=filled_why_join.document.url) is not None
