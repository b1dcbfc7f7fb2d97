"""The OpenAPI description at /api/v2/openapi.json: a valid OpenAPI 3.1 document that matches real responses.

Live responses of every endpoint and every page type are validated against it with jsonschema, and schemathesis
drives the app in-process (WSGI) with generated requests, anonymously and with a member's token: no 5xx, and no
status, content type or body outside the description.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from wagtail.models import get_page_models

from portal.api.openapi import build_schema, page_type_name, schema_name
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(api_client):
    response = api_client.get("/api/v2/openapi.json")
    assert response.status_code == 200
    return response.json()


def validate_against(document, schema, instance):
    validator = Draft202012Validator({**schema, "components": document["components"]})
    errors = sorted(validator.iter_errors(instance), key=lambda error: list(error.absolute_path))
    assert not errors, "\n".join(f"{list(error.absolute_path)}: {error.message[:300]}" for error in errors[:5])


def response_schema(document, path, status="200"):
    return document["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]


def test_openapi_document_is_served_and_valid(document):
    validate(document)
    assert document["openapi"] == "3.1.0"
    assert {"/api/v2/pages/", "/api/v2/documents/", "/api/v2/images/", "/api/v2/preview/"} <= set(document["paths"])


def test_every_page_type_has_a_schema(document):
    for model in get_page_models():
        schema = document["components"]["schemas"][schema_name(model)]
        assert schema["properties"]["meta"]["properties"]["type"] == {"const": page_type_name(model)}


def test_openapi_document_is_linked_from_the_readme():
    from django.conf import settings

    assert "/api/v2/openapi.json" in (settings.BASE_DIR / "README.md").read_text()


def test_live_page_details_of_every_page_type_match_their_schema(api_client, api_site, document, member_token):
    pages = [api_site.home, api_site.standard, api_site.about, api_site.alliance, api_site.why_join, api_site.library]
    for page in pages:
        for headers in ({}, bearer(member_token)):
            data = api_client.get(f"/api/v2/pages/{page.pk}/", **headers).json()
            validate_against(document, response_schema(document, "/api/v2/pages/{id}/"), data)
            # The type's schema names exactly the fields the detail view gives.
            own = document["components"]["schemas"][schema_name(type(page))]
            assert set(data) == set(own["properties"]), type(page)
            assert set(data["meta"]) <= set(own["properties"]["meta"]["properties"])
    data = api_client.get(f"/api/v2/pages/{api_site.notices.pk}/", **bearer(member_token)).json()
    validate_against(document, response_schema(document, "/api/v2/pages/{id}/"), data)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?fields=*",
        "?fields=_,title",
        "?fields=-title,-type",
        "?type=home.HomePage&fields=*",
        "?type=home.StandardPage&fields=*",
        "?type=about.AboutPage&fields=*",
        "?type=about.AlliancePage&fields=*",
        "?type=about.WhyJoinPage&fields=*",
        "?type=documents.DocumentsLibraryPage&fields=*",
        "?type=home.StandardPage,about.AboutPage&fields=*",
        "?search=about",
    ],
)
def test_live_page_listings_match_the_schema(api_client, api_site, document, member_token, query):
    for headers in ({}, bearer(member_token)):
        response = api_client.get(f"/api/v2/pages/{query}", **headers)
        assert response.status_code == 200
        validate_against(document, response_schema(document, "/api/v2/pages/"), response.json())


def test_live_documents_and_images_match_the_schema(api_client, api_site, document, member_token):
    for headers in ({}, bearer(member_token)):
        for name, item in (("documents", api_site.public_doc), ("images", api_site.public_image)):
            for query in ("", "?fields=*", "?fields=_,title"):
                listing = api_client.get(f"/api/v2/{name}/{query}", **headers).json()
                validate_against(document, response_schema(document, f"/api/v2/{name}/"), listing)
            detail = api_client.get(f"/api/v2/{name}/{item.pk}/", **headers).json()
            validate_against(document, response_schema(document, f"/api/v2/{name}/{{id}}/"), detail)


def test_errors_match_the_schema(api_client, api_site, document):
    for url, status in (("/api/v2/pages/?limit=100000", "400"), ("/api/v2/pages/99999/", "404")):
        response = api_client.get(url)
        assert str(response.status_code) == status
        path = "/api/v2/pages/" if status == "400" else "/api/v2/pages/{id}/"
        validate_against(document, response_schema(document, path, status), response.json())


def test_a_response_outside_the_schema_would_be_caught(document):
    """The schemas are strict enough to catch a leak-shaped mistake: an unexpected key or a wrong type."""
    listing = response_schema(document, "/api/v2/pages/")
    with pytest.raises(AssertionError):
        validate_against(document, listing, {"meta": {"total_count": 1}, "items": [{"id": 1, "secret_title": "x"}]})
    with pytest.raises(AssertionError):
        validate_against(document, listing, {"meta": {"total_count": 1}, "items": [{"id": "1"}]})


def test_each_listing_links_to_the_detail_of_its_items(document):
    operations = {item["get"]["operationId"]: path for path, item in document["paths"].items()}
    for listing, detail in (("pages", "get_page"), ("documents", "get_document"), ("images", "get_image")):
        link = document["paths"][f"/api/v2/{listing}/"]["get"]["responses"]["200"]["links"]["first_item"]
        assert link["operationId"] == detail
        assert operations[detail] == f"/api/v2/{listing}/{{id}}/"
        assert link["parameters"] == {"id": "$response.body#/items/0/id"}


def test_schema_is_generated_from_the_definitions():
    schemas = build_schema()["components"]["schemas"]
    alliance = schemas["AboutAlliancePage"]["properties"]
    assert alliance["founded_year"]["type"] == "integer"
    assert alliance["founded_year"]["minimum"] == 0
    assert alliance["website"]["format"] == "uri"
    body_variants = alliance["body"]["items"]["oneOf"]
    assert {variant["properties"]["type"]["const"] for variant in body_variants} >= {"rich_text", "image", "faq"}


# Property-based: schemathesis against the app, in-process ------------------------------------------------------------

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 40


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """Let the WSGI handler run inside the test's transaction, as Django's test client does: on PostgreSQL, closing
    "old" connections at the end of each request would close the test's own."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("wsgi_keeps_the_test_connection")
def test_generated_requests_get_no_server_error_and_no_response_outside_the_schema(api_site, member_token):
    """Every operation, with requests hypothesis generates from its parameters, anonymously and with a token."""
    api = schemathesis.openapi.from_wsgi("/api/v2/openapi.json", get_wsgi_application())
    headers = {"Authorization": bearer(member_token)["HTTP_AUTHORIZATION"]}
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) == len(build_schema()["paths"])
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(checks=CHECKS)
            case.call_and_validate(checks=CHECKS, headers=headers)

        check()
