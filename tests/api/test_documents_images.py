"""The documents endpoint (the library's metadata and filters) and the images endpoint."""

import datetime

import pytest

from documents.models import DocumentCategory
from tests import factories
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def library_documents(api_site):
    reports = DocumentCategory.objects.create(name="Annual reports", slug="annual-reports")
    guides = DocumentCategory.objects.create(name="Guides", slug="guides")
    report = api_site.public_doc
    report.category, report.publication_date, report.language = reports, datetime.date(2024, 4, 1), "en"
    report.save()
    guide = factories.PortalDocumentFactory(title="Guide pratique")
    guide.category, guide.publication_date, guide.language = guides, datetime.date(2023, 2, 1), "fr"
    guide.save()
    return report, guide


def titles(client, query="", **headers):
    response = client.get(f"/api/v2/documents/{query}", **headers)
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_documents_carry_the_library_metadata(api_client, library_documents):
    report, _guide = library_documents
    response = api_client.get(f"/api/v2/documents/{report.pk}/")
    data = response.json()
    assert data["category"] == {"slug": "annual-reports", "name": "Annual reports"}
    assert data["publication_date"] == "2024-04-01"
    assert data["year"] == 2024
    assert data["language"] == "en"
    assert data["language_label"] == "English"
    assert data["file_type"] == "pdf"
    assert data["file_type_label"] == "PDF"
    assert data["file_size"] == report.file_size
    assert data["size_label"]
    assert data["meta"]["download_url"] == f"http://localhost{report.url}"
    assert data["members_only"] is False


def test_documents_listing_shows_the_metadata_by_default(api_client, library_documents):
    item = api_client.get("/api/v2/documents/?category=guides").json()["items"][0]
    assert {"category", "publication_date", "year", "language", "file_type", "file_size"} <= set(item)
    assert item["meta"]["download_url"].startswith("http://localhost/files/")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?category=guides", ["Guide pratique"]),
        ("?year=2024", ["Public annual report"]),
        ("?language=fr", ["Guide pratique"]),
        ("?type=pdf&year=2023", ["Guide pratique"]),
        ("?search=pratique", ["Guide pratique"]),
        ("?category=annual-reports&language=fr", []),
    ],
)
def test_documents_have_the_library_filters(api_client, library_documents, query, expected):
    assert titles(api_client, query) == expected


def test_documents_are_newest_first_and_orderable(api_client, library_documents):
    assert titles(api_client, "?type=pdf&year=2023") + titles(api_client, "?year=2024") == ["Guide pratique"] + [
        "Public annual report"
    ]
    listed = titles(api_client)
    assert listed.index("Public annual report") < listed.index("Guide pratique")
    by_title = titles(api_client, "?order=title")
    assert by_title == sorted(by_title)


@pytest.mark.parametrize(
    "query", ["?category=no+pe", "?year=1066", "?year=abc", "?language=de", "?type=exe", "?sort=title", "?title=x"]
)
def test_documents_refuse_values_the_library_would_not_offer(api_client, library_documents, query):
    response = api_client.get(f"/api/v2/documents/{query}")
    assert response.status_code == 400
    assert "message" in response.json()


def test_a_category_slug_no_category_has_lists_no_document(api_client, library_documents):
    """A slug is what the description allows; one no category has (say, a category since removed) lists nothing."""
    response = api_client.get("/api/v2/documents/?category=removed-category")
    assert response.status_code == 200
    assert response.json() == {"meta": {"total_count": 0}, "items": []}


def test_members_only_documents_are_listed_for_members_only_and_marked(api_client, api_site, member_token):
    assert "Secret members briefing" not in titles(api_client)
    response = api_client.get("/api/v2/documents/?fields=members_only", **bearer(member_token))
    flags = {item["title"]: item["members_only"] for item in response.json()["items"]}
    assert flags["Secret members briefing"] is True
    assert flags["Public annual report"] is False


def test_images_have_alt_text_size_and_renditions(api_client, api_site):
    data = api_client.get(f"/api/v2/images/{api_site.public_image.pk}/").json()
    assert data["alt"] == api_site.public_image.description
    assert (data["width"], data["height"]) == (40, 30)
    assert set(data["renditions"]) == {"small", "large"}
    assert data["renditions"]["small"]["webp_url"].endswith(".webp")
    assert data["meta"]["download_url"].startswith("http://localhost/media/original_images/")


def test_images_can_be_searched_and_filtered_by_title(api_client, api_site):
    listed = api_client.get("/api/v2/images/?title=Public%20picture").json()["items"]
    assert [item["id"] for item in listed] == [api_site.public_image.pk]
    assert api_client.get("/api/v2/images/?width=40").status_code == 400
