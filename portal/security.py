"""Security headers on every response: Content-Security-Policy (django-csp) and Permissions-Policy.

The public site gets the strict policy in ``CONTENT_SECURITY_POLICY``: scripts and styles from this site only,
no inline script or style, no plugins, no ``<base>`` elsewhere, framed and posting only to itself. The site's
templates keep to it (every script is a static file).

Wagtail's admin (``/admin/``, including its preview panel, which renders the page inside the editor) gets
``ADMIN_CONTENT_SECURITY_POLICY``: the same, except that inline scripts and styles are allowed, because Wagtail
8's admin templates still write some (inline panels, date pickers, search promotions) and its widgets set style
attributes. Only logged-in staff reach those pages, behind the login, so the wider policy does not apply to
anything a visitor can be sent to.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy for paths under ``ADMIN_CSP_PATH_PREFIXES``."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(settings.ADMIN_CSP_PATH_PREFIXES):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """Sends ``PERMISSIONS_POLICY``: no page of the site may use the camera, microphone, location and the like."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response
