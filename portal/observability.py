"""Production's logs and health answers.

* ``RequestIdMiddleware`` gives each request an id (the ``X-Request-ID`` it came with, from Varnish or a load
  balancer, when it looks like one; a new one otherwise), sends it back in the response's ``X-Request-ID`` and
  makes it available to every log line written while the request is served (``RequestIdFilter``), so an error
  in the log can be matched with the access log line and with what the visitor reports.
* ``OneLineFormatter`` keeps one event on one line: a traceback's newlines are escaped.
* ``healthz`` says the process answers (no query); ``readyz`` says the database and the cache answer too
  (Varnish's backend probe). Both are ``never_cache``: ``members.cache_policy`` keeps them private.
"""

import logging
import re
import uuid
from contextvars import ContextVar

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

_request_id = ContextVar("portal_request_id", default="-")
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if VALID_REQUEST_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (``-`` outside a request)."""

    def filter(self, record):
        record.request_id = _request_id.get()
        return True


class OneLineFormatter(logging.Formatter):
    def format(self, record):
        return super().format(record).replace("\r", "").replace("\n", " \\n ")


@never_cache
def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
def readyz(request):
    problems = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any database failure means "not ready"
        problems.append(f"database: {type(exc).__name__}")
    try:
        key = f"readyz:{uuid.uuid4().hex}"
        cache.set(key, "1", 10)
        if cache.get(key) != "1":
            problems.append("cache: value not read back")
        cache.delete(key)
    except Exception as exc:  # any cache failure means "not ready"
        problems.append(f"cache: {type(exc).__name__}")
    if problems:
        logging.getLogger(__name__).error("not ready: %s", "; ".join(problems))
        return HttpResponse("not ready: " + "; ".join(problems) + "\n", content_type="text/plain", status=503)
    return HttpResponse("ready\n", content_type="text/plain")
