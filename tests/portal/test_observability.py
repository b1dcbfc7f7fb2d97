"""Health answers, request ids and one-line logs (portal/observability.py)."""

import json
import logging

import pytest

from portal.observability import OneLineFormatter, RequestIdFilter
from tests.portal.test_settings import PRODUCTION_ENV, run_python


@pytest.mark.django_db
def test_healthz_and_readyz_answer_and_are_never_cached(client):
    for path, text in (("/healthz", "ok"), ("/readyz", "ready")):
        response = client.get(path)
        assert response.status_code == 200
        assert response.content.decode().strip() == text
        assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_says_503_when_the_database_does_not_answer(client, monkeypatch):
    from django.db import connection

    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "database" in response.content.decode()


@pytest.mark.django_db
def test_every_answer_carries_a_request_id_and_keeps_a_valid_incoming_one(client):
    fresh = client.get("/healthz")["X-Request-ID"]
    assert len(fresh) == 32
    assert client.get("/healthz", headers={"X-Request-ID": "varnish-1234"})["X-Request-ID"] == "varnish-1234"
    assert client.get("/healthz", headers={"X-Request-ID": "bad id\nwith newline"})["X-Request-ID"] != "bad id"


@pytest.mark.django_db
def test_log_lines_written_during_a_request_carry_its_id(client, monkeypatch):
    records = []

    class Capture(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Capture()
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("portal.observability")
    logger.addHandler(handler)
    monkeypatch.setattr("portal.observability.connection.cursor", lambda: (_ for _ in ()).throw(OSError("down")))
    try:
        client.get("/readyz", headers={"X-Request-ID": "req-42"})
    finally:
        logger.removeHandler(handler)
    assert [r.request_id for r in records] == ["req-42"]


def test_a_traceback_stays_on_one_line():
    formatter = OneLineFormatter("%(levelname)s %(name)s %(message)s")
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("portal", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    line = formatter.format(record)
    assert "\n" not in line
    assert line.startswith("ERROR portal failed") and "ValueError: boom" in line


def test_the_production_settings_log_one_line_with_level_logger_and_request_id_and_quiet_task_lines():
    code = "import json; from django.conf import settings; print(json.dumps(settings.LOGGING))"
    result = run_python("portal.settings.production", PRODUCTION_ENV, "-c", code)
    assert result.returncode == 0, result.stderr
    logging_config = json.loads(result.stdout)
    assert "%(levelname)s %(name)s request_id=%(request_id)s" in logging_config["formatters"]["line"]["format"]
    assert logging_config["handlers"]["console"]["filters"] == ["request_id"]
    assert logging_config["loggers"]["django_tasks"]["level"] == "WARNING"
