"""The home page at 1280x900; with PORTAL_SCREENSHOTS=1 it is saved as the README's screenshot."""

import os
from pathlib import Path

import pytest

from tests.e2e.conftest import HOME, visit

pytestmark = pytest.mark.e2e

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "home.png"


def test_home_page_screenshot_at_1280x900(demo_site, open_page):
    page = open_page({"width": 1280, "height": 900})
    visit(page, demo_site.url + HOME)
    page.wait_for_load_state("networkidle")
    # The images in view have loaded: a broken one would spoil the README's picture.
    broken = page.evaluate(
        """() => [...document.images]
            .filter((img) => img.getBoundingClientRect().top < window.innerHeight)
            .filter((img) => !img.complete || !img.naturalWidth)
            .map((img) => img.src)"""
    )
    assert not broken, f"images that did not load: {broken}"
    png = page.screenshot(full_page=False)
    assert png.startswith(b"\x89PNG"), "the screenshot is not a PNG"
    if os.environ.get("PORTAL_SCREENSHOTS") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        SCREENSHOT.write_bytes(png)
