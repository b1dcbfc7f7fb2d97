"""``/api/v2/``: the router of the JSON API's endpoints and its OpenAPI description."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from portal.api.endpoints import DocumentsEndpoint, ImagesEndpoint, PagesEndpoint, PreviewEndpoint
from portal.api.openapi import openapi_view

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
# After "pages": a page's detail address is always the pages endpoint's.
api_router.register_endpoint("preview", PreviewEndpoint)

urlpatterns = [
    path("openapi.json", openapi_view, name="api_openapi"),
    path("", api_router.urls),
]
