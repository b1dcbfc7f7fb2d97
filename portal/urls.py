from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from documents import feeds as documents_feeds
from documents import sharing as documents_sharing
from documents import views as documents_views
from documents.sitemaps import PublicDocumentsSitemap
from home.sitemaps import PublicPagesSitemap, robots_txt, sitemap_index
from members import views as members_views
from portal import observability
from portal.api import errors as api_errors

# The public sitemap's sections (``/sitemap-<section>.xml``), each beside the content it lists.
SITEMAP_SECTIONS = {"pages": PublicPagesSitemap, "documents": PublicDocumentsSitemap}

urlpatterns = [
    # Health, for Varnish's backend probe and the load balancer: never cached.
    path("healthz", observability.healthz, name="healthz"),
    path("readyz", observability.readyz, name="readyz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    # Document files are streamed through the serve view, which applies collection privacy: the documents app's
    # (range requests, the download counter) in front of Wagtail's, at the same address and URL name.
    # A document's versions at stable addresses: the newest is its own file, earlier ones are kept (documents.views).
    re_path(r"^files/(\d+)/v(\d+)/([^/]+)$", documents_views.serve_version, name="document_version_serve"),
    re_path(r"^files/(\d+)/(.*)$", documents_views.serve, name="wagtaildocs_serve"),
    path("files/", include(wagtaildocs_urls)),
    # Share links: one document for someone without an account (documents.sharing).
    path("share/new/<int:document_id>/", documents_sharing.member_share, name="document_member_share"),
    path("share/<str:token>/", documents_sharing.share_download, name="document_share"),
    # Atom feeds (documents.feeds): public ones cached and purged like the library; personal ones private.
    path("feeds/documents/", documents_feeds.DocumentsFeed(), name="documents_feed"),
    path("feeds/documents/<slug:category>/", documents_feeds.DocumentsFeed(), name="documents_category_feed"),
    path("feeds/pages/", documents_feeds.PagesFeed(), name="pages_feed"),
    path(
        "feeds/personal/<str:token>/documents/",
        documents_feeds.PersonalDocumentsFeed(),
        name="documents_personal_feed",
    ),
    # The sitemap index names each section's pages (/sitemap-pages.xml?p=2): one request's cost stays bounded.
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAP_SECTIONS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<slug:section>.xml", sitemap, {"sitemaps": SITEMAP_SECTIONS}, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # The read-only JSON API (Wagtail API v2) and its OpenAPI description.
    path("api/v2/", include("portal.api.urls")),
    # Anything else under /api/ is a JSON 404, never a site page.
    re_path(r"^api/", api_errors.not_found),
    # Uploaded images go through the access module (members' images stay private); document files are
    # never served from here.
    re_path(r"^media/(?P<path>.+)$", members_views.serve_media, name="media"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

urlpatterns += [
    # Wagtail's form for a page's shared password: shared passwords are switched off here, and the form would
    # answer 200 for any existing page id (an oracle). Refused as a missing page.
    re_path(r"^_util/authenticate_with_password/", members_views.not_found, name="authenticate_with_password_refused"),
]

# What a visitor reads, in their language: /en/, /fr/, /es/ (portal/i18n.py redirects "/" and old addresses).
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("", include("members.urls")),
    re_path(r"^_util/authenticate_with_password/", members_views.not_found),
    # Everything else is a Wagtail page; this must stay last.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# A service that did not answer (database, Redis, object storage) is a styled 503; any other error the 500 page.
handler500 = "portal.unavailable.server_error"
