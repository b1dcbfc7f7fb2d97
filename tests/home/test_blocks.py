"""The shared block library in home/blocks.py: each block renders with and without its optional values."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.template.loader import get_template
from wagtail.blocks import StreamBlock, StructBlock

from about.blocks import WhyJoinStreamBlock
from home import blocks
from tests import factories

pytestmark = pytest.mark.django_db


def render(block, raw, request=None):
    """Render ``raw`` (the block's JSON form, as stored) through the block's own template."""
    value = block.to_python(raw)
    context = {"request": request} if request is not None else {}
    return BeautifulSoup(block.render(value, context), "html.parser")


def text_of(soup):
    return " ".join(soup.get_text(" ").split())


@pytest.mark.parametrize(
    "stream_block", [blocks.BaseStreamBlock(), WhyJoinStreamBlock(), blocks.HighlightsStreamBlock()]
)
def test_every_block_template_exists(stream_block):
    for name, child in stream_block.child_blocks.items():
        template = getattr(child.meta, "template", None)
        if isinstance(child, StructBlock | StreamBlock) or template:
            assert template, f"{name} has no template"
            get_template(template)


# heading


def test_heading_block_renders_at_the_chosen_level():
    soup = render(blocks.HeadingBlock(), {"text": "Our objectives", "level": "h3"})
    heading = soup.find("h3")
    assert heading is not None
    assert heading.get_text(strip=True) == "Our objectives"


def test_heading_block_defaults_to_level_two():
    soup = render(blocks.HeadingBlock(), {"text": "Our objectives"})
    assert soup.find("h2").get_text(strip=True) == "Our objectives"


# rich text


def test_paragraph_block_renders_its_rich_text():
    soup = render(blocks.ParagraphBlock(), "<p>Co-operatives are <b>owned</b> by their members.</p>")
    assert "Co-operatives are owned by their members." in text_of(soup)
    assert soup.find("b").get_text() == "owned"


def test_paragraph_block_renders_empty_text_without_error():
    soup = render(blocks.ParagraphBlock(), "")
    assert text_of(soup) == ""


def test_paragraph_block_offers_prose_features_only():
    features = blocks.ParagraphBlock().features
    assert "link" in features
    assert not {"embed", "image", "code", "superscript"} & set(features)


# image


@pytest.fixture
def image():
    return factories.CustomImageFactory(title="Harvest", description="Members bringing in the harvest")


def test_captioned_image_block_renders_alt_text_and_caption(image):
    raw = {"image": {"image": image.id, "alt_text": "Co-operators at work", "decorative": False}, "caption": "2024"}
    soup = render(blocks.CaptionedImageBlock(), raw)
    img = soup.find("img")
    assert img["alt"] == "Co-operators at work"
    assert "2024" in text_of(soup)


def test_captioned_image_block_renders_without_caption(image):
    raw = {"image": {"image": image.id, "alt_text": "Co-operators at work", "decorative": False}}
    soup = render(blocks.CaptionedImageBlock(), raw)
    assert soup.find("img")["alt"] == "Co-operators at work"
    assert soup.find("figcaption") is None


def test_captioned_image_block_renders_a_decorative_image_with_empty_alt(image):
    raw = {"image": {"image": image.id, "alt_text": "ignored", "decorative": True}, "caption": ""}
    soup = render(blocks.CaptionedImageBlock(), raw)
    assert soup.find("img")["alt"] == ""


def test_image_block_refuses_a_non_decorative_image_without_alt_text(image):
    block = blocks.CaptionedImageBlock()
    value = block.to_python({"image": {"image": image.id, "alt_text": "", "decorative": False}, "caption": ""})
    with pytest.raises(ValidationError):
        block.child_blocks["image"].clean(value["image"])
    with pytest.raises(ValidationError):
        block.clean(value)


def test_image_block_accepts_a_decorative_image_without_alt_text(image):
    block = blocks.CaptionedImageBlock()
    value = block.to_python({"image": {"image": image.id, "alt_text": "", "decorative": True}, "caption": ""})
    cleaned = block.clean(value)["image"]
    assert cleaned.pk == image.pk
    assert cleaned.decorative is True
    assert cleaned.contextual_alt_text == ""


def test_image_block_falls_back_to_the_images_own_description_for_a_bare_image_id(image):
    value = blocks.CaptionedImageBlock().child_blocks["image"].to_python(image.id)
    assert value.contextual_alt_text == "Members bringing in the harvest"


# quote


def test_quote_block_renders_quote_with_attribution_and_role():
    raw = {"quote": "Together we are stronger.", "attribution": "Ana Pérez", "role": "President"}
    soup = render(blocks.QuoteBlock(), raw)
    assert soup.find("blockquote") is not None
    assert "Together we are stronger." in text_of(soup)
    assert "Ana Pérez" in text_of(soup)
    assert "President" in text_of(soup)


def test_quote_block_renders_without_attribution():
    soup = render(blocks.QuoteBlock(), {"quote": "Together we are stronger."})
    assert "Together we are stronger." in text_of(soup)
    assert soup.find("cite") is None
    assert soup.find("figcaption") is None


# item list


def test_item_list_block_renders_a_numbered_list_with_heading():
    raw = {"heading": "Objectives", "style": "numbered", "items": ["Promote", "Defend"]}
    soup = render(blocks.ItemListBlock(), raw)
    assert "Objectives" in text_of(soup)
    assert [li.get_text(strip=True) for li in soup.find("ol").find_all("li")] == ["Promote", "Defend"]


def test_item_list_block_renders_a_bulleted_list_without_heading():
    soup = render(blocks.ItemListBlock(), {"items": ["Promote"]})
    assert [li.get_text(strip=True) for li in soup.find("ul").find_all("li")] == ["Promote"]
    assert soup.find("ol") is None
    assert soup.find(["h2", "h3", "h4"]) is None


# key figures


def test_key_figures_block_renders_each_number_with_its_label():
    raw = {
        "heading": "In figures",
        "figures": [{"number": "310", "label": "member organisations"}, {"number": "107", "label": "countries"}],
    }
    text = text_of(render(blocks.KeyFiguresBlock(), raw))
    assert "In figures" in text
    assert "310" in text
    assert "member organisations" in text
    assert "107" in text
    assert "countries" in text


def test_key_figures_block_renders_without_heading():
    soup = render(blocks.KeyFiguresBlock(), {"figures": [{"number": "1895", "label": "founded"}]})
    assert "1895" in text_of(soup)
    assert soup.find(["h2", "h3", "h4"]) is None


# call to action


@pytest.fixture
def target_page(home_page):
    return factories.StandardPageFactory(parent=home_page, title="Membership", slug="membership")


def test_call_to_action_block_links_to_a_page_with_its_title(target_page):
    soup = render(blocks.CallToActionBlock(), {"heading": "Become a member", "page": target_page.id})
    link = soup.find("a", href=target_page.url)
    assert link is not None
    assert link.get_text(strip=True) == "Membership"
    assert "Become a member" in text_of(soup)


def test_call_to_action_block_links_to_an_external_url_with_its_text():
    raw = {
        "heading": "Contact us",
        "text": "We answer within a week.",
        "external_url": "https://example.org/contact",
        "link_text": "Write to us",
    }
    soup = render(blocks.CallToActionBlock(), raw)
    assert soup.find("a", href="https://example.org/contact").get_text(strip=True) == "Write to us"
    assert "We answer within a week." in text_of(soup)


def test_call_to_action_link_prefers_the_page_over_the_url(target_page):
    value = blocks.CallToActionBlock().to_python(
        {"heading": "Join", "page": target_page.id, "external_url": "https://example.org/"}
    )
    assert value.url == target_page.url
    assert value.label == "Membership"


def test_call_to_action_label_falls_back_to_the_url():
    value = blocks.CallToActionBlock().to_python({"heading": "Join", "external_url": "https://example.org/join"})
    assert value.label == "https://example.org/join"


def test_call_to_action_block_refuses_a_value_without_page_or_url():
    block = blocks.CallToActionBlock()
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python({"heading": "Join us"}))
    assert "page" in excinfo.value.block_errors


def test_call_to_action_block_accepts_a_value_with_only_a_url():
    block = blocks.CallToActionBlock()
    value = block.clean(block.to_python({"heading": "Join us", "external_url": "https://example.org/"}))
    assert value.url == "https://example.org/"


# embed


def test_embed_block_renders_title_caption_and_a_link_to_the_media():
    raw = {"embed": "https://video.example/abc", "title": "Our congress", "caption": "Filmed in 2025"}
    soup = render(blocks.PortalEmbedBlock(), raw)
    text = text_of(soup)
    assert "Our congress" in text
    assert "Filmed in 2025" in text
    assert soup.find("a", href="https://video.example/abc") is not None


def test_embed_block_renders_without_caption():
    soup = render(blocks.PortalEmbedBlock(), {"embed": "https://video.example/abc", "title": "Our congress"})
    assert "Our congress" in text_of(soup)
    assert soup.find("a", href="https://video.example/abc") is not None


def test_embed_block_does_not_load_the_player_with_the_page():
    """The player's iframe may be in the page only inside an inert <template>, inserted when asked."""
    soup = render(blocks.PortalEmbedBlock(), {"embed": "https://video.example/abc", "title": "Our congress"})
    for iframe in soup.find_all("iframe"):
        assert iframe.find_parent("template") is not None


# document links


@pytest.fixture
def public_document():
    return factories.PortalDocumentFactory(title="Annual report 2024")


@pytest.fixture
def members_document(members_collection):
    return factories.PortalDocumentFactory(title="Members' budget", collection=members_collection)


def test_document_links_block_renders_heading_and_download_links(make_request, public_document):
    raw = {"heading": "Read more", "documents": [public_document.id]}
    soup = render(blocks.DocumentLinksBlock(), raw, make_request())
    assert "Read more" in text_of(soup)
    link = soup.find("a", href=public_document.url)
    assert link is not None
    assert "Annual report 2024" in link.get_text(" ")
    assert "PDF" in text_of(soup)


def test_document_links_block_renders_without_heading(make_request, public_document):
    soup = render(blocks.DocumentLinksBlock(), {"documents": [public_document.id]}, make_request())
    assert soup.find("a", href=public_document.url) is not None
    assert soup.find(["h2", "h3", "h4"]) is None


def test_document_links_block_hides_a_document_the_user_may_not_see(
    make_request, non_member, public_document, members_document
):
    raw = {"documents": [members_document.id, public_document.id]}
    soup = render(blocks.DocumentLinksBlock(), raw, make_request(non_member))
    assert "Members' budget" not in text_of(soup)
    assert soup.find("a", href=members_document.url) is None
    assert soup.find("a", href=public_document.url) is not None


def test_document_links_block_shows_a_restricted_document_to_a_member(
    make_request, member, public_document, members_document
):
    raw = {"documents": [members_document.id, public_document.id]}
    soup = render(blocks.DocumentLinksBlock(), raw, make_request(member))
    assert soup.find("a", href=members_document.url) is not None
    assert soup.find("a", href=public_document.url) is not None


# FAQ


def test_faq_block_renders_questions_answers_and_heading():
    raw = {"heading": "Membership questions", "items": [{"question": "Who can join?", "answer": "<p>Any union.</p>"}]}
    text = text_of(render(blocks.FaqBlock(), raw))
    assert "Membership questions" in text
    assert "Who can join?" in text
    assert "Any union." in text


def test_faq_block_uses_its_default_heading():
    raw = {"items": [{"question": "Who can join?", "answer": "<p>Any union.</p>"}]}
    assert "Frequently asked questions" in text_of(render(blocks.FaqBlock(), raw))


def test_faq_block_renders_without_heading():
    raw = {"heading": "", "items": [{"question": "Who can join?", "answer": "<p>Any union.</p>"}]}
    soup = render(blocks.FaqBlock(), raw)
    assert "Who can join?" in text_of(soup)
    assert "Frequently asked questions" not in text_of(soup)


# highlight card


def test_highlight_card_block_renders_its_own_title_text_and_image(target_page):
    image = factories.CustomImageFactory()
    raw = {"page": target_page.id, "title": "Join us", "text": "How to become a member.", "image": image.id}
    soup = render(blocks.HighlightCardBlock(), raw)
    text = text_of(soup)
    assert "Join us" in text
    assert "How to become a member." in text
    assert soup.find("a", href=target_page.url) is not None
    assert soup.find("img") is not None


def test_highlight_card_block_falls_back_to_the_page_title_without_image(target_page):
    soup = render(blocks.HighlightCardBlock(), {"page": target_page.id})
    assert "Membership" in text_of(soup)
    assert soup.find("a", href=target_page.url) is not None
    assert soup.find("img") is None


# the stream


def test_base_stream_offers_every_shared_block():
    assert list(blocks.BaseStreamBlock().child_blocks) == [
        "heading",
        "rich_text",
        "image",
        "quote",
        "item_list",
        "key_figures",
        "call_to_action",
        "embed",
        "document_links",
        "faq",
    ]


def test_headings_with_the_same_words_get_different_ids_and_the_contents_lead_to_each(client, home_page):
    """Two sections called "Contact" (and a third heading) are three ids on the page, and the "On this page" links
    name exactly those ids."""
    body = [
        {"type": "heading", "value": {"text": "Contact", "level": "h2"}},
        {"type": "rich_text", "value": "<p>Head office.</p>"},
        {"type": "heading", "value": {"text": "Contact", "level": "h3"}},
        {"type": "heading", "value": {"text": "Contact", "level": "h2"}},
        {"type": "heading", "value": {"text": "Offices", "level": "h2"}},
    ]
    page = factories.StandardPageFactory(parent=home_page, title="Long page", slug="long-page", body=body)
    html = client.get(page.url).content.decode()

    ids = re.findall(r'<h[234] id="([^"]+)"', html)
    assert ids == ["section-contact", "section-contact-2", "section-contact-3", "section-offices"]
    links = re.findall(r'<a href="#(section-[^"]+)"', html)
    assert links == ["section-contact", "section-contact-3", "section-offices"]
