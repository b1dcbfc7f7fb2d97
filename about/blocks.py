"""Blocks only the "About us" pages use. They extend the shared library in ``home.blocks``."""

from wagtail import blocks

from home.blocks import BaseStreamBlock

BENEFIT_ICONS = [
    ("network", "Network (people connected)"),
    ("voice", "Voice (representation)"),
    ("knowledge", "Knowledge (information and training)"),
    ("support", "Support (technical assistance)"),
    ("trade", "Trade (business contacts)"),
    ("values", "Values (principles)"),
]


class BenefitBlock(blocks.StructBlock):
    icon = blocks.ChoiceBlock(
        choices=BENEFIT_ICONS, default="network", help_text="The small picture drawn beside the benefit."
    )
    heading = blocks.CharBlock(max_length=120, help_text="The benefit in a few words.")
    text = blocks.TextBlock(help_text="One to three sentences on what a member gains.")

    class Meta:
        icon = "tick-inverse"
        label = "Benefit"


class BenefitsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=200, help_text="Optional heading above the benefits.")
    benefits = blocks.ListBlock(BenefitBlock(), min_num=1)

    class Meta:
        icon = "tick-inverse"
        template = "blocks/benefits_block.html"
        label = "Benefits"
        description = "What members gain, each with an icon, a heading and a short text."
        preview_value = {
            "heading": "What members gain",
            "benefits": [{"icon": "voice", "heading": "A voice", "text": "Represented where decisions are made."}],
        }


class WhyJoinStreamBlock(BaseStreamBlock):
    benefits = BenefitsBlock()
