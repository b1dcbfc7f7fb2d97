"""Suggestions say no less than the search: when titles give fewer than eight, pages and documents whose text
matches follow them."""

import pytest

from tests import factories
from tests.search.conftest import document, suggestions

pytestmark = pytest.mark.django_db


def test_suggestions_offer_pages_whose_text_matches_when_no_title_does(client, home_page):
    """ "asia" suggested nothing while the search found six results: no title has the word, their text has."""
    factories.StandardPageFactory(parent=home_page, title="Regional offices", intro="Offices in Asia-Pacific.")
    factories.StandardPageFactory(parent=home_page, title="Housing handbook", intro="Homes for members.")
    document("Annual report", description="Our work in Asia.", text="")
    assert sorted(suggestion["title"] for suggestion in suggestions(client, "asia")) == [
        "Annual report",
        "Regional offices",
    ]


def test_suggestions_list_title_matches_before_text_matches(client, home_page):
    factories.StandardPageFactory(parent=home_page, title="About Asia", intro="A region.")
    factories.StandardPageFactory(parent=home_page, title="Regional offices", intro="Offices in Asia.")
    assert [suggestion["title"] for suggestion in suggestions(client, "asia")] == ["About Asia", "Regional offices"]
