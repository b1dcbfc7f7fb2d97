"""Content for the JSON API's tests: every page type, a members' area, members-only documents and images, and
public content that links to them (rich text, a call to action, a highlight card, related documents).
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from wagtail.models import APIToken

from members import tokens
from tests import factories


@dataclass
class ApiSite:
    home: object
    about: object
    alliance: object
    why_join: object
    library: object
    section: object
    notices: object
    public_doc: object
    private_doc: object
    public_image: object
    private_image: object
    standard: object


def _rich(page=None, document=None, text="Read"):
    links = ""
    if page is not None:
        links += f' See <a linktype="page" id="{page.pk}">{text} the page</a>.'
    if document is not None:
        links += f' Get <a linktype="document" id="{document.pk}">{text} the file</a>.'
    return f'<p>Some words.{links} And <a href="https://ica.coop">the Alliance</a>.</p>'


@pytest.fixture
def api_site(home_page, about_page, alliance_page, why_join_page, documents_page, private_area, members_collection):
    section = private_area
    notices = section.get_children().get().specific
    public_doc = factories.PortalDocumentFactory(title="Public annual report")
    private_doc = factories.PortalDocumentFactory(title="Secret members briefing", collection=members_collection)
    public_image = factories.CustomImageFactory(title="Public picture")
    private_image = factories.CustomImageFactory(title="Secret picture", collection=members_collection)

    notices.body = [
        {"type": "rich_text", "value": "<p>Only for members: the congress budget.</p>"},
        {"type": "image", "value": {"image": {"image": private_image.pk, "alt_text": "A secret", "decorative": False}}},
    ]
    notices.related_documents = [{"type": "document", "value": private_doc.pk}]
    notices.listing_image = private_image
    notices.save_revision().publish()

    standard = factories.StandardPageFactory(parent=home_page, title="News", slug="news")
    standard.listing_image = private_image
    standard.body = [
        {"type": "heading", "value": {"text": "Latest", "level": "h2"}},
        {"type": "rich_text", "value": _rich(page=notices, document=private_doc, text="Secret")},
        {"type": "rich_text", "value": _rich(page=alliance_page, document=public_doc, text="Public")},
        {
            "type": "image",
            "value": {
                "image": {"image": public_image.pk, "alt_text": "Members meeting", "decorative": False},
                "caption": "AGM",
            },
        },
        {
            "type": "image",
            "value": {
                "image": {"image": private_image.pk, "alt_text": "A secret", "decorative": False},
                "caption": "Hidden",
            },
        },
        {"type": "call_to_action", "value": {"heading": "Members only", "page": notices.pk, "external_url": ""}},
        {"type": "call_to_action", "value": {"heading": "Join", "page": why_join_page.pk, "external_url": ""}},
        {"type": "document_links", "value": {"heading": "Files", "documents": [public_doc.pk, private_doc.pk]}},
        {"type": "document_links", "value": {"heading": "Members' files", "documents": [private_doc.pk]}},
        {
            "type": "faq",
            "value": {
                "heading": "FAQ",
                "items": [{"question": "Where?", "answer": _rich(page=notices, text="Secret")}],
            },
        },
        {"type": "quote", "value": {"quote": "Together.", "attribution": "A member", "role": ""}},
        {"type": "item_list", "value": {"heading": "", "style": "bulleted", "items": ["One", "Two"]}},
        {"type": "key_figures", "value": {"heading": "", "figures": [{"number": "310", "label": "members"}]}},
    ]
    standard.related_documents = [
        {"type": "document", "value": private_doc.pk},
        {"type": "document", "value": public_doc.pk},
    ]
    standard.save_revision().publish()

    home_page.listing_image = public_image
    home_page.hero_image = public_image
    home_page.search_description = "The federation's portal."
    home_page.highlights = [
        {"type": "card", "value": {"page": about_page.pk, "title": "", "text": "Who we are", "image": public_image.pk}},
        {
            "type": "card",
            "value": {"page": section.pk, "title": "Members", "text": "Log in", "image": private_image.pk},
        },
    ]
    home_page.body = [{"type": "rich_text", "value": "<p>Welcome.</p>"}]
    home_page.save_revision().publish()

    why_join_page.body = [
        {
            "type": "benefits",
            "value": {"heading": "Gains", "benefits": [{"icon": "voice", "heading": "A voice", "text": "Heard."}]},
        }
    ]
    why_join_page.related_documents = [{"type": "document", "value": public_doc.pk}]
    why_join_page.save_revision().publish()
    return ApiSite(
        home=home_page.specific,
        about=about_page,
        alliance=alliance_page,
        why_join=why_join_page,
        library=documents_page,
        section=section.specific,
        notices=notices,
        public_doc=public_doc,
        private_doc=private_doc,
        public_image=public_image,
        private_image=private_image,
        standard=standard,
    )


@pytest.fixture
def api_client():
    return Client(SERVER_NAME="localhost")


@pytest.fixture
def member_token(member):
    _token, plaintext = tokens.create_token(member, "tests")
    return plaintext


@pytest.fixture
def non_member_token(non_member):
    _token, plaintext = tokens.create_token(non_member, "tests")
    return plaintext


def bearer(plaintext):
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


def revoke_all(user):
    for token in APIToken.objects.filter(user=user):
        token.revoke()
