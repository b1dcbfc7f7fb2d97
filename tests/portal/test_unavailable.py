"""A service that does not answer (database, Redis, object storage) gives a styled 503 with Retry-After, never a
traceback or the generic 500; any other error is still the 500 page."""

import pytest
from botocore.exceptions import EndpointConnectionError
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError

from home.models import HomePage

pytestmark = pytest.mark.django_db


def _failing(error):
    def fail(*args, **kwargs):
        raise error

    return fail


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("server closed the connection unexpectedly"),
        EndpointConnectionError(endpoint_url="http://127.0.0.1:9/portal-media"),
        ConnectionRefusedError(111, "Connection refused"),
    ],
    ids=["database", "object storage", "cache"],
)
def test_a_service_that_does_not_answer_is_a_styled_503(client, home_page, monkeypatch, error):
    client.raise_request_exception = False
    monkeypatch.setattr(HomePage, "serve", _failing(error))

    response = client.get("/en/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "back in a moment" in body
    assert "Traceback" not in body and type(error).__name__ not in body


def test_the_database_failing_while_a_middleware_reads_the_session_is_a_503(client, home_page, monkeypatch):
    client.raise_request_exception = False
    client.cookies["sessionid"] = "x" * 32
    monkeypatch.setattr(SessionStore, "load", _failing(OperationalError("terminating connection")))

    response = client.get("/en/")

    assert response.status_code == 503
    assert "back in a moment" in response.content.decode()


def test_an_api_client_gets_the_503_as_json(client, home_page, monkeypatch):
    client.raise_request_exception = False
    monkeypatch.setattr("portal.api.endpoints.PortalEndpointMixin.finalize_response", _failing(OperationalError("x")))

    response = client.get("/api/v2/pages/")

    assert response.status_code == 503
    assert set(response.json()) == {"message"}


def test_any_other_error_is_still_the_500_page(client, home_page, monkeypatch):
    client.raise_request_exception = False
    monkeypatch.setattr(HomePage, "serve", _failing(ValueError("a bug")))

    response = client.get("/en/")

    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()
