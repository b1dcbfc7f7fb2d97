"""Wagtail's Cloudflare frontend-cache backend, able to purge the whole zone.

``members.frontend_cache`` asks for ``<site>/*`` when everything must go (a privacy change, the menus, the site
settings; ``FRONTEND_CACHE_WILDCARD``). Cloudflare purges files by exact URL, wildcards and query strings
included, so the filtered listings (``/search/?q=...``, ``/documents/?q=...``) it may hold would outlive a privacy
change; a batch with such a wildcard therefore purges the whole zone (``purge_everything``) instead.
"""

import logging
from urllib.parse import urlsplit

import requests
from wagtail.contrib.frontend_cache.backends import CloudflareBackend

logger = logging.getLogger("wagtail.frontendcache")


class PurgeEverythingCloudflareBackend(CloudflareBackend):
    def purge_batch(self, urls):
        if any(urlsplit(url).path == "/*" for url in urls):
            self.purge_everything()
        else:
            super().purge_batch(urls)

    def purge_everything(self):
        headers = {"Content-Type": "application/json"}
        if self.cloudflare_token:
            headers["Authorization"] = f"Bearer {self.cloudflare_token}"
        else:
            headers["X-Auth-Email"] = self.cloudflare_email
            headers["X-Auth-Key"] = self.cloudflare_api_key
        try:
            response = requests.post(
                self.cloudflare_purge_endpoint_url, json={"purge_everything": True}, headers=headers, timeout=30
            )
            success = response.json().get("success")
        except (requests.RequestException, ValueError) as exc:
            logger.error("Couldn't purge everything from Cloudflare: %s", exc)
            return
        if not success:
            logger.error("Couldn't purge everything from Cloudflare: %s", response.text[:500])
