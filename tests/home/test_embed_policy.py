"""The embed block's player HTML carries no style attribute, which the site's Content-Security-Policy would block
(style-src 'self'): the player is sized by the site's stylesheet and script instead."""

import pytest
from bs4 import BeautifulSoup

from home import blocks

pytestmark = pytest.mark.django_db


def test_the_player_kept_for_loading_has_no_inline_style():
    block = blocks.PortalEmbedBlock()
    value = block.to_python({"embed": "https://video.example/abc", "title": "Our congress"})
    soup = BeautifulSoup(block.render(value), "html.parser")
    template = soup.find("template")
    player = BeautifulSoup(template.decode_contents(), "html.parser")
    assert player.find("iframe") is not None
    assert player.find(style=True) is None
