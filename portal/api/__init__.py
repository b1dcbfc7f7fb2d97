"""The portal's read-only JSON API (Wagtail API v2) at ``/api/v2/``: the endpoints and the OpenAPI description.

Only the wiring lives here. What a page, block, image or document looks like in JSON lives beside it
(``home.representations``, ``home.serializers``, ``documents.serializers``), and the headless preview beside the
pages (``home.preview``). No app imports this package."""
