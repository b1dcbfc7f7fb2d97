"""Every answer under ``/api/`` is JSON: errors have one shape, ``{"message": "..."}``, whoever produced them.

The endpoints' own errors (bad input, unknown items, refused tokens, wrong methods, throttling) already have that
shape (``PortalEndpointMixin.handle_exception``). What reaches the client from elsewhere — an address no endpoint
matches (``/api/v2/nope/``, ``/api/v2/pages/-1/``), Django's CSRF refusal, a server error, with ``DEBUG`` on or off —
is given the same shape here, with its status and headers (``Allow``, ``Retry-After``...) kept and nothing else of
its body (never Django's technical pages, which list URL patterns and settings).
"""

import json
from http import HTTPStatus

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt

API_PREFIX = "/api/"

MESSAGES = {
    400: "Bad request.",
    403: "Forbidden.",
    404: "Not found: no endpoint of the API answers at this address.",
    405: "Method not allowed.",
    429: "Too many requests: try again later.",
    500: "Server error: the API could not answer. The error has been logged.",
}


def error_body(status, message=None):
    """The JSON body of an error: ``{"message": ...}`` (the ``Error`` schema of the OpenAPI description)."""
    if message is None:
        message = MESSAGES.get(status)
    if message is None:
        try:
            message = HTTPStatus(status).phrase + "."
        except ValueError:
            message = "Error."
    return {"message": message}


def is_json(response):
    return response.get("Content-Type", "").split(";")[0].strip() == "application/json"


class JSONErrorsMiddleware:
    """Turns any error response under ``/api/`` that is not JSON into ``{"message": ...}`` with the same status.

    It sits first in ``MIDDLEWARE``, so it sees what Django made of an exception anywhere below it (the handler's
    500 page, or the technical 404/500 pages with ``DEBUG`` on); Django has already logged the exception then.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path_info.startswith(API_PREFIX)
            and response.status_code >= 400
            and not getattr(response, "streaming", False)
            and not is_json(response)
        ):
            response.content = json.dumps(error_body(response.status_code)).encode()
            response["Content-Type"] = "application/json"
            if response.has_header("Content-Length"):  # set by CommonMiddleware for the body replaced here
                response["Content-Length"] = str(len(response.content))
        return response


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Anything under ``/api/`` that no endpoint matches: a JSON 404 (never a site page, never Django's HTML 404).

    An address without its trailing slash is redirected as ``APPEND_SLASH`` would (this view matches every
    address under ``/api/``, so Django's ``CommonMiddleware`` no longer does it).
    """
    path = request.path_info
    if not path.endswith("/"):
        try:
            match = resolve(path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
    return JsonResponse(error_body(404), status=404)
