"""The portal's read-only JSON API (Wagtail API v2) at ``/api/v2/``: endpoints, representations, headless preview and
the OpenAPI description. Kept free of imports here so that blocks and models can import ``representations``."""
