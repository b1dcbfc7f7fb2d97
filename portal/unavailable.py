"""A styled 503, never a traceback, while a service the site relies on is briefly unavailable.

When the database, the shared cache (Redis) or the object storage fails to answer (a restart, a dropped
connection, a network blip), the request cannot be served, but nothing is wrong with the site itself: the visitor
gets ``templates/503.html`` ("back in a moment", ``Retry-After``), the log gets the error with the request id, and
the front cache may serve its stale public copy meanwhile (grace). Any other error is still the 500 page.

``handler500`` (``portal/urls.py``) is used because such errors can surface anywhere: in a view, or in a middleware
reading the session or the access module's cached rows.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 30


def _unavailable_types():
    types = [OperationalError, InterfaceError, ConnectionError, TimeoutError]
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError

        types += [RedisConnectionError, RedisTimeoutError]
    except ImportError:  # no Redis client: no Redis cache either
        pass
    try:
        from botocore.exceptions import (
            ConnectionClosedError,
            ConnectTimeoutError,
            EndpointConnectionError,
            ReadTimeoutError,
        )

        types += [EndpointConnectionError, ConnectionClosedError, ConnectTimeoutError, ReadTimeoutError]
    except ImportError:  # no object storage client: media on the local disk
        pass
    return tuple(types)


UNAVAILABLE = _unavailable_types()


def is_unavailable(error):
    """Whether ``error`` (or what caused it) says a service did not answer."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, UNAVAILABLE):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


@requires_csrf_token
def server_error(request, template_name="500.html"):
    if is_unavailable(sys.exc_info()[1]):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "private, no-store"
        return response
    return django_server_error(request, template_name)
