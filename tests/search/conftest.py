"""A fixed corpus for the site search tests: public and members-only pages and documents.

Every test here runs on SQLite (FTS5) and on PostgreSQL (full-text search): the corpus is indexed by the portal's
search backend as pages and documents are saved.
"""

from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.core.files.base import ContentFile

from tests import factories
from tests.fixtures import html

SEARCH_URL = "/en/search/"
AUTOCOMPLETE_URL = "/en/search/autocomplete/"


def rich_text(*paragraphs):
    return [{"type": "rich_text", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}]


def document(title, description="", text=None, collection=None):
    """A document: a PDF, or a text file whose extracted text is ``text`` when given."""
    kwargs = {"title": title, "description": description}
    if text is not None:
        kwargs["file"] = ContentFile(text.encode(), name="document.txt")
    if collection is not None:
        kwargs["collection"] = collection
    return factories.PortalDocumentFactory(**kwargs)


@pytest.fixture
def corpus(home_page, private_area, members_collection, documents_page):
    """Pages and documents about housing, co-operatives and budgets; some members-only.

    * ``housing_title``: "housing" in the title only;
    * ``housing_body``: "housing" five times in the body, not in the title;
    * ``housing_intro``: "housing" once, in the intro;
    * ``hyphenated`` / ``accented`` / ``plain``: "co-operative", "coopérative", "cooperative" in their titles;
    * ``secret_page``: a members-only page about housing (under the private area);
    * ``housing_doc``: a public document with "housing" in its title; ``text_doc`` only in its extracted text;
    * ``secret_doc``: a members-only document about housing.
    """
    pages = SimpleNamespace(
        housing_title=factories.StandardPageFactory(
            parent=home_page, title="Housing handbook", intro="How members run their homes together."
        ),
        housing_body=factories.StandardPageFactory(
            parent=home_page,
            title="Annual report 2024",
            intro="The year in figures.",
            body=rich_text(
                "Our housing work grew.", "Housing members met twice.", "New housing rules.", "Housing, again."
            ),
        ),
        housing_intro=factories.StandardPageFactory(
            parent=home_page, title="Guide for new members", intro="Includes a short note on housing."
        ),
        hyphenated=factories.StandardPageFactory(
            parent=home_page, title="Co-operative principles", intro="The seven principles in brief."
        ),
        accented=factories.StandardPageFactory(
            parent=home_page, title="La coopérative de Lyon", intro="Une maison commune depuis 1920."
        ),
        plain=factories.StandardPageFactory(
            parent=home_page, title="Cooperative banking explained", intro="Savings and credit, owned by members."
        ),
        secret_page=factories.StandardPageFactory(
            parent=private_area,
            title="Confidential housing minutes",
            intro="The board's secret housing budget.",
            slug="confidential-minutes",
        ),
    )
    documents = SimpleNamespace(
        housing_doc=document("Housing policy paper", description="Our position on homes for members."),
        text_doc=document("Statutes", description="The federation's rules.", text="Chapter nine covers housing."),
        secret_doc=document(
            "Members housing survey",
            description="Confidential survey results.",
            text="Secret survey of housing costs.",
            collection=members_collection,
        ),
    )
    return SimpleNamespace(pages=pages, documents=documents, library=documents_page)


def search(client, **params):
    return client.get(SEARCH_URL, params)


def results(response):
    """``[(kind, title, url)]`` of the results list, in order."""
    found = []
    for item in html(response).select("ol.search-results > li"):
        link = item.select_one(".search-result__link")
        kind = "document" if "search-result--document" in item["class"] else "page"
        found.append((kind, link.get_text(), link["href"]))
    return found


def result_titles(response):
    return [title for _kind, title, _url in results(response)]


def suggestions(client, query):
    response = client.get(AUTOCOMPLETE_URL, {"q": query})
    assert response.status_code == 200
    return response.json()["suggestions"]


def search_path(**params):
    return SEARCH_URL + "?" + urlencode(params)
