"""Blocks of the "About us" pages (about/blocks.py)."""

import pytest
from bs4 import BeautifulSoup

from about.blocks import BenefitsBlock, WhyJoinStreamBlock
from home.blocks import BaseStreamBlock


def render(block, raw):
    return BeautifulSoup(block.render(block.to_python(raw)), "html.parser")


def text_of(soup):
    return " ".join(soup.get_text(" ").split())


def test_benefits_block_renders_heading_and_each_benefit():
    raw = {
        "heading": "What members gain",
        "benefits": [
            {"icon": "voice", "heading": "A voice", "text": "Represented where decisions are made."},
            {"icon": "knowledge", "heading": "Know-how", "text": "Training and research."},
        ],
    }
    text = text_of(render(BenefitsBlock(), raw))
    assert "What members gain" in text
    assert "A voice" in text
    assert "Represented where decisions are made." in text
    assert "Know-how" in text
    assert "Training and research." in text


def test_benefits_block_renders_without_heading_and_with_the_default_icon():
    soup = render(BenefitsBlock(), {"benefits": [{"heading": "A network", "text": "Partners worldwide."}]})
    assert "A network" in text_of(soup)
    assert "Partners worldwide." in text_of(soup)
    assert {h.get_text(strip=True) for h in soup.find_all(["h2", "h3", "h4"])} <= {"A network"}


def test_benefit_icons_are_decorative():
    """The icon repeats what the heading says, so assistive technology must not announce it."""
    soup = render(BenefitsBlock(), {"benefits": [{"icon": "trade", "heading": "Trade", "text": "Contacts."}]})
    for graphic in soup.find_all(["svg", "img"]):
        assert graphic.get("aria-hidden") == "true" or graphic.get("alt") == ""


@pytest.mark.parametrize("name", list(BaseStreamBlock().child_blocks))
def test_why_join_stream_reuses_every_shared_block(name):
    assert type(WhyJoinStreamBlock().child_blocks[name]) is type(BaseStreamBlock().child_blocks[name])


def test_why_join_stream_adds_benefits():
    assert isinstance(WhyJoinStreamBlock().child_blocks["benefits"], BenefitsBlock)
