"""Every answer under /api/ is JSON, and every error has one shape, ``{"message": ...}``, with the right status:
unknown addresses, ids the URL patterns do not match, wrong methods, throttling and server errors, with DEBUG on or off.
"""

import pytest
from django.test import Client, override_settings
from rest_framework.throttling import BaseThrottle

from portal.api.endpoints import PagesEndpoint
from portal.api.openapi import build_schema
from tests import factories

pytestmark = pytest.mark.django_db


def assert_error(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"message"}
    assert isinstance(data["message"], str)
    assert data["message"]
    assert b"<" not in response.content  # no HTML page of any kind
    return data["message"]


UNKNOWN_ADDRESSES = [
    "/api/",
    "/api/v1/pages/",
    "/api/v2/",
    "/api/v2/nope/",
    "/api/v2/pages/-1/",
    "/api/v2/documents/-1/",
    "/api/v2/images/-1/",
    "/api/v2/pages/abc/",
    "/api/v2/pages/1/nope/",
    "/api/v2/documents/find/?id=1",
    "/api/v2/images/find/?id=1",
]


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("url", UNKNOWN_ADDRESSES)
def test_an_unknown_address_under_api_is_a_json_404(api_client, api_site, url, debug):
    with override_settings(DEBUG=debug):
        response = api_client.get(url)
    message = assert_error(response, 404)
    assert "URLconf" not in message


def test_a_site_page_with_the_slug_api_is_not_served_under_api(api_client, home_page):
    factories.StandardPageFactory(parent=home_page, title="API", slug="api")
    assert api_client.get("/api/").status_code == 404
    assert_error(api_client.get("/api/"), 404)


def test_an_endpoint_address_without_its_slash_is_redirected_to_it(api_client, api_site):
    response = api_client.get("/api/v2/pages?limit=1")
    assert response.status_code == 301
    assert response["Location"] == "/api/v2/pages/?limit=1"
    assert_error(api_client.get("/api/v2/nope"), 404)


def test_an_id_beyond_the_databases_integers_is_a_400(api_client, api_site):
    message = assert_error(api_client.get("/api/v2/pages/9223372036854775808/"), 400)
    assert message == "id must be at most 9223372036854775807"
    assert_error(api_client.get("/api/v2/pages/9223372036854775807/"), 404)
    assert_error(api_client.get("/api/v2/pages/find/?id=9223372036854775808"), 400)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/api/v2/pages/", "/api/v2/documents/", "/api/v2/openapi.json"])
def test_a_wrong_method_is_a_json_405_with_allow(url, method, api_site):
    client = Client(SERVER_NAME="localhost", enforce_csrf_checks=True)
    response = getattr(client, method)(url)
    assert_error(response, 405)
    allowed = {name.strip() for name in response["Allow"].split(",")}
    assert {"GET", "HEAD"} <= allowed
    assert method.upper() not in allowed


def test_a_post_to_an_unknown_address_is_a_json_404_not_a_csrf_page(api_site):
    client = Client(SERVER_NAME="localhost", enforce_csrf_checks=True)
    assert_error(client.post("/api/v2/nope/"), 404)


class AlwaysThrottled(BaseThrottle):
    def allow_request(self, request, view):
        return False

    def wait(self):
        return 30


def test_throttling_is_a_json_429_with_retry_after(api_client, api_site, monkeypatch):
    monkeypatch.setattr(PagesEndpoint, "throttle_classes", [AlwaysThrottled])
    response = api_client.get("/api/v2/pages/")
    message = assert_error(response, 429)
    assert "throttled" in message
    assert response["Retry-After"] == "30"


def explode(self, request):
    raise RuntimeError("database password is hunter2")


@pytest.mark.parametrize("debug", [False, True])
def test_a_server_error_is_a_json_500_without_details(api_site, monkeypatch, debug):
    monkeypatch.setattr(PagesEndpoint, "listing_view", explode)
    client = Client(SERVER_NAME="localhost", raise_request_exception=False)
    with override_settings(DEBUG=debug):
        response = client.get("/api/v2/pages/")
    message = assert_error(response, 500)
    assert "hunter2" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert "RuntimeError" not in message


def test_errors_outside_the_api_keep_their_html_pages(client, home_page):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_every_operation_describes_its_errors_with_the_error_schema():
    document = build_schema()
    assert set(document["components"]["schemas"]["Error"]["required"]) == {"message"}
    for path, item in document["paths"].items():
        responses = item["get"]["responses"]
        assert {"400", "429", "500"} <= set(responses), path
        for status, response in responses.items():
            if status[0] in "45":
                assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}


def test_the_find_endpoints_described_are_the_ones_served(api_client, api_site):
    paths = set(build_schema()["paths"])
    assert "/api/v2/pages/find/" in paths
    assert not {"/api/v2/documents/find/", "/api/v2/images/find/"} & paths
    response = api_client.get("/api/v2/pages/find/?html_path=/about-us/")
    assert response.status_code == 302
    assert response["Location"].split("?")[0].endswith(f"/api/v2/pages/{api_site.about.pk}/")
