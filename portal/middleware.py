"""The designed 404 page under DEBUG as well.

With ``DEBUG`` on (``make run``), Django answers a missing address with its technical page, which lists every URL
pattern of the site: a demo should show what a visitor will see. This middleware renders the site's own 404 page
(the same ``handler404`` as production) for every ``Http404`` and every address no URL pattern matches, unless
``DEBUG_TECHNICAL_404`` is on (``DEBUG_TECHNICAL_404=1 make run``), for a developer who wants the technical page.
Tracebacks of real errors (500) are untouched: DEBUG still shows them.
"""

from django.conf import settings
from django.http import Http404
from django.views.defaults import page_not_found


class DesignedNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def _active(self):
        return settings.DEBUG and not getattr(settings, "DEBUG_TECHNICAL_404", False)

    def __call__(self, request):
        response = self.get_response(request)
        if self._active() and response.status_code == 404 and getattr(request, "resolver_match", None) is None:
            # No URL pattern matched (Django's resolver raised before any view ran).
            return page_not_found(request, Http404(request.path))
        return response

    def process_exception(self, request, exception):
        if self._active() and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
