"""The JSON API's endpoints: Wagtail API v2 viewsets, read-only, with the portal's rules.

* Everything listed, expanded or found is asked of ``members.access`` with the request's own user: anonymous requests
  see public content; ``Authorization: Bearer <personal token>`` (``members.tokens``) sees what its owner sees on the
  site. A page, document or image the request may not see answers exactly as one that does not exist.
* JSON only (no browsable API, no ``?format=``), GET/HEAD only, authentication classes set here, never HTTP Basic.
* Bad input is a 400 with ``{"message": ...}``, never a 500; unknown query parameters are refused. Integers (ids,
  ``limit``, ``offset``) are decimal digits up to ``BIGINT_MAX`` (the databases' largest integer); a larger one is a
  400, as the OpenAPI description says. ``child_of``, ``descendant_of`` or ``ancestor_of`` naming no page the request
  may see is a 404, like the detail of such a page. Every other error under ``/api/`` has the same shape too
  (``portal.api.errors``).
* Responses carry an ``ETag`` and answer ``If-None-Match`` with 304 (computed after the access checks, so a
  page made members-only answers a revalidation with 404); anonymous ones are ``public`` for ``API_CACHE_MAX_AGE``
  seconds in browsers and ``API_SHARED_CACHE_MAX_AGE`` in shared caches, errors ``no-cache``; those made with
  credentials ``private, no-store``; all vary on ``Authorization`` and ``Cookie``.
* A listing costs a fixed number of queries whatever its length: relations are prefetched for the whole page of
  results, StreamField chooser values are loaded in one go across the results (``prefetch_streams``), and rich-text
  links are looked up once per response (``RichTextLinks``).
"""

import re
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Exists, F, OuterRef, prefetch_related_objects
from django.db.models.functions import Substr
from django.http import Http404
from django.urls import path
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from rest_framework import status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import APIException, NotFound
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail import fields as wagtail_fields
from wagtail.api import APIField
from wagtail.api.conf import get_model_field
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    OrderingFilter,
    SearchFilter,
)
from wagtail.api.v2.serializers import PageAliasOfField, PageSerializer, RichTextFieldSerializer
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.blocks import StreamValue
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, Site

from documents.fulltext import text_search_condition
from documents.models import PortalDocument
from documents.selectors import SORTS, LibraryFilters
from documents.serializers import (
    DocumentCategoryField,
    DocumentDownloadUrlField,
    DocumentFileSizeField,
    DocumentFileTypeField,
    DocumentMembersOnlyField,
    DocumentTranslationsField,
    DocumentYearField,
    attach_api_translations,
)
from home import preview
from home.representations import RICH_TEXT_LINKS, RichTextLinks, rich_text_representation
from home.serializers import (
    ImageAltField,
    ImageDownloadUrlField,
    ImageRenditionsField,
    PropertyField,
    WholeObjectField,
)
from members import access
from members.languages import root_for_path
from members.middleware import make_private
from members.tokens import BearerTokenAuthentication

# Longer parameter values are refused: no legitimate request needs them, and they keep parsing cheap.
MAX_PARAMETER_LENGTH = 500
# Parameters of Wagtail's API v2 this API does not offer: ``rich_text_format`` (the stored format names hidden pages
# by id; rich text is always HTML here), ``format`` (JSON only), the multi-site filter and ``translation_of`` (each
# page lists its translations in ``meta.translations``; ``?locale=`` picks a language).
REFUSED_PARAMETERS = frozenset(["rich_text_format", "format", "site", "translation_of"])
SEARCH_OPERATORS = ("and", "or")
# The largest integer both databases store (a signed 64-bit integer): ids, ``limit`` and ``offset`` above it are a 400
# (the OpenAPI description gives it as their ``maximum``).
BIGINT_MAX = 2**63 - 1
# Query parameters that are integers, when given (``child_of`` and ``descendant_of`` may also be ``root``).
INTEGER_PARAMETERS = ("limit", "offset", "id", "child_of", "descendant_of", "ancestor_of")


def check_integer(name, value):
    """``value`` as the API accepts an integer: decimal digits (no sign, no spaces), at most ``BIGINT_MAX``."""
    if not (value.isascii() and value.isdigit()):
        raise BadRequestError(f"{name} must be a positive integer")
    if int(value) > BIGINT_MAX:
        raise BadRequestError(f"{name} must be at most {BIGINT_MAX}")
    return int(value)


class JSONOnlyNegotiation(BaseContentNegotiation):
    """Always JSON, whatever ``Accept`` or ``?format=`` say (so neither can turn into a 404 or 406)."""

    def select_parser(self, request, parsers):
        return None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class PortalRichTextFieldSerializer(RichTextFieldSerializer):
    """A ``RichTextField`` as the blocks' rich text: HTML, links to hidden targets reduced to their words."""

    def to_representation(self, value):
        return rich_text_representation(value, self.context)


class VisibleAliasOfField(PageAliasOfField):
    """``meta.alias_of``, only when the request may see the original page."""

    def get_attribute(self, instance):
        original = instance.alias_of
        if original is None or not access.can_view_page(self.context.get("request"), original):
            return None
        return original


def content_language_codes():
    """The languages pages are written in (``WAGTAIL_CONTENT_LANGUAGES``), in the site's order."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def attach_page_translations(request, pages):
    """Set, on each of ``pages``, ``_api_locale`` (its language code) and ``_api_translations`` (its live
    translations that ``request`` may see, in the site's language order), in one query for all of them.

    The access module decides (``visible_pages``): a members-only translation, or one below a members-only page
    in another language's tree, is left out for whoever may not see it. A page that is not live (a preview's
    draft) finds its language in its own ``locale``.
    """
    if not pages:
        return
    keys = {page.translation_key for page in pages}
    rows = (
        access.visible_pages(request, Page.objects.filter(translation_key__in=sorted(keys, key=str)))
        .annotate(locale_code=F("locale__language_code"))
        .only("id", "title", "url_path", "path", "depth", "translation_key", "locale_id", "live")
        .order_by("id")
    )
    order = {code: position for position, code in enumerate(content_language_codes())}
    by_key, codes = defaultdict(list), {}
    for row in rows:
        by_key[row.translation_key].append(row)
        codes[row.pk] = row.locale_code
    for entries in by_key.values():
        entries.sort(key=lambda row: order.get(row.locale_code, len(order)))
    for page in pages:
        page._api_locale = codes.get(page.pk)
        page._api_translations = [row for row in by_key.get(page.translation_key, ()) if row.pk != page.pk]


def page_locale_code(page):
    """The page's language code (``en``, ``fr``, ``es``): the one ``prefetch`` found, else its own locale's."""
    code = getattr(page, "_api_locale", None)
    return code if code is not None else page.locale.language_code


class PageLocaleCodeField(WholeObjectField):
    """``meta.locale``: the page's language code (``en``, ``fr``, ``es``)."""

    def to_representation(self, page):
        return page_locale_code(page)


class PageTranslationsField(WholeObjectField):
    """``meta.translations``: the page's live translations the request may see, each with its id, language, title
    and addresses (``attach_page_translations``)."""

    def to_representation(self, page):
        request = self.context.get("request")
        if not hasattr(page, "_api_translations"):
            attach_page_translations(request, [page])
        router = self.context.get("router")
        return [
            {
                "id": row.pk,
                "locale": row.locale_code,
                "title": row.title,
                "detail_url": get_object_detail_url(router, request, Page, row.pk),
                "html_url": row.get_full_url(request),
            }
            for row in page._api_translations
        ]


class PortalPageSerializer(PageSerializer):
    alias_of = VisibleAliasOfField(read_only=True)
    locale = PageLocaleCodeField()
    serializer_field_mapping = {
        **PageSerializer.serializer_field_mapping,
        wagtail_fields.RichTextField: PortalRichTextFieldSerializer,
    }

    def to_representation(self, instance):
        """The page, its blocks' documents in the page's own language (``access.DOCUMENT_LANGUAGE``: a French page's
        "Document links" list the French editions, whatever language the API is read in). The language is looked up
        only when a shown document has translations."""
        self.context[access.DOCUMENT_LANGUAGE] = lambda: page_locale_code(instance)
        try:
            return super().to_representation(instance)
        finally:
            self.context.pop(access.DOCUMENT_LANGUAGE, None)


def prefetch_streams(items, name):
    """Convert the StreamField ``name`` of every item at once: one ``bulk_to_python`` per block type for the whole
    list, so chooser values (pages, documents, images) cost one query per type rather than one per item.

    It fills the same per-item cache (``_bound_blocks``) that ``StreamValue`` fills lazily for one stream.
    """
    pending = defaultdict(list)
    for item in items:
        stream = getattr(item, name, None)
        if not isinstance(stream, StreamValue) or not stream.is_lazy:
            continue
        for index, raw in enumerate(stream._raw_data):
            if stream._bound_blocks[index] is None and raw and raw.get("type") in stream.stream_block.child_blocks:
                pending[(id(stream.stream_block), raw["type"])].append((stream, index, raw))
    for entries in pending.values():
        child_block = entries[0][0].stream_block.child_blocks[entries[0][2]["type"]]
        values = child_block.bulk_to_python([raw["value"] for _stream, _index, raw in entries])
        for (stream, index, raw), value in zip(entries, values, strict=True):
            stream._bound_blocks[index] = StreamValue.StreamChild(child_block, value, id=raw.get("id"))


class PortalEndpointMixin:
    """What every endpoint of the portal's API shares: authentication, JSON only, validation, caching, batching."""

    authentication_classes = [BearerTokenAuthentication, SessionAuthentication]
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnlyNegotiation
    http_method_names = ["get", "head", "options"]
    # Whether only ``known_query_parameters`` are accepted (no exact-match filters on the model's fields).
    strict_parameters = False
    # Whether ``find/`` is offered: only where it finds by something else than the id (pages: ``html_path``).
    offers_find = False

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.rich_text_links = RichTextLinks(request)

    # Input ----------------------------------------------------------------------------------------------------

    def check_query_parameters(self, queryset):
        self.check_query_values()
        if self.strict_parameters:
            unknown = set(self.request.GET) - self.known_query_parameters
            if unknown:
                raise BadRequestError("query parameter is not supported: " + ", ".join(sorted(unknown)))
        else:
            super().check_query_parameters(queryset)

    def check_query_values(self):
        """What every parameter of every view must be: no refused name, no null character, not too long, integers
        as ``check_integer`` takes them."""
        for name, values in self.request.GET.lists():
            if name in REFUSED_PARAMETERS:
                raise BadRequestError(f"query parameter is not supported: {name}")
            for value in [name, *values]:
                if "\x00" in value:
                    raise BadRequestError("null characters are not allowed in query parameters")
                if len(value) > MAX_PARAMETER_LENGTH:
                    raise BadRequestError(f"query parameter too long: {name[:50]}")
        if self.request.GET.get("search_operator", "and") not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        for name in INTEGER_PARAMETERS:
            value = self.request.GET.get(name)
            if value is not None and not (value == "root" and name in ("child_of", "descendant_of")):
                check_integer(name, value)

    def resolve_rich_text_format(self):
        return "html"

    def get_renderer_context(self):
        # Compact JSON: Wagtail indents by 4, which makes a 20-page listing a third bigger and slower to encode.
        return {**super().get_renderer_context(), "indent": None}

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context[RICH_TEXT_LINKS] = self.rich_text_links
        return context

    # Views ----------------------------------------------------------------------------------------------------

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        items = list(self.paginate_queryset(queryset))
        serializer = self.get_serializer(items, many=True)
        self.prefetch(items, serializer.child.fields)
        return self.get_paginated_response(self.rich_text_links.finalise(serializer.data))

    @classmethod
    def get_urlpatterns(cls):
        """The listing and the detail; ``find/`` only where an endpoint finds by something else than the id."""
        patterns = [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]
        if cls.offers_find:
            patterns.append(path("find/", cls.as_view({"get": "find_view"}), name="find"))
        return patterns

    def detail_view(self, request, pk):
        check_integer("id", str(pk))
        self.check_query_parameters(self.get_queryset())
        instance = self.get_object()
        return self.detail_response(instance)

    def detail_response(self, instance):
        serializer = self.get_serializer(instance)
        self.prefetch([instance], serializer.fields)
        return Response(self.rich_text_links.finalise(serializer.data))

    def find_view(self, request):
        self.check_query_values()
        return super().find_view(request)

    def find_object(self, queryset, request):
        if "id" in request.GET:
            return queryset.filter(pk=check_integer("id", request.GET["id"])).first()
        return None

    def prefetch(self, items, fields):
        """Load, for all ``items`` at once, the relations and StreamField values the serializer will read."""
        if not items:
            return
        model = type(items[0])
        for name in fields:
            try:
                field = get_model_field(model, name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, wagtail_fields.StreamField):
                prefetch_streams(items, name)
            elif field.is_relation and (field.many_to_one or field.one_to_many):
                prefetch_related_objects(items, field.get_accessor_name() if field.one_to_many else name)

    # Errors and headers ---------------------------------------------------------------------------------------

    def handle_exception(self, exc):
        if isinstance(exc, ValidationError | ValueError | OverflowError | RecursionError):
            # A filter value the database cannot take (a date that is not a date, a number out of range...).
            exc = BadRequestError("invalid query parameter value")
        response = super().handle_exception(exc)
        if isinstance(exc, APIException) and isinstance(response.data, dict) and "detail" in response.data:
            response.data = {"message": str(response.data["detail"])}
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Authorization", "Cookie"])
        # Who may keep the answer, and how long, is members.cache_policy's decision (its middleware runs on every
        # response, and keeps a response the view made private so). A preview's token is in its address, not in a
        # header the policy reads, so this says so on the response (DRF's ``request`` is not the one it sees).
        if self.is_private(request):
            make_private(response)
        if request.method in ("GET", "HEAD") and response.status_code == status.HTTP_200_OK:
            response.render()
            set_response_etag(response)
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response

    def is_private(self, request):
        """Whether the response was made with credentials (a token, even a refused one, or a session)."""
        user = getattr(request, "_user", None)
        return "HTTP_AUTHORIZATION" in request.META or bool(user and user.is_authenticated)


# Field filters on integer fields (``?download_count=``) are checked against the field's own range before any
# reaches the database: SQLite raises ``OverflowError`` past 64 bits and PostgreSQL a ``DataError`` past a column's
# type, so a larger number is bad input (400), never a 500.
MAX_INTEGER = 2**31 - 1


def check_integer_range(name, value, low=-MAX_INTEGER - 1, high=MAX_INTEGER):
    """Refuse (400) ``value`` when it is an integer outside ``low``..``high``; other values are left to the
    parameter's own check."""
    if value is None:
        return
    try:
        number = int(value.strip())
    except ValueError:
        return
    if number > high:
        raise BadRequestError(f"{name} is out of range: it must be at most {high}")
    if number < low:
        raise BadRequestError(f"{name} is out of range: it must be at least {low}")


class PortalFieldsFilter(FieldsFilter):
    """Wagtail's exact-match field filters (``?slug=about-us``), with values checked by the field first, so a
    value the field cannot hold (``?first_published_at=soon``) is a 400 rather than a database error.

    With ``search``, the filters are applied as a set of ids (``pk__in``): the search backend then sees a filter on
    the indexed ``id`` only, so ``?search=co&slug=news`` works although ``slug`` is not a search filter field.
    """

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        filtered = False
        for name, value in request.GET.items():
            if name not in fields:
                continue
            filtered = True
            try:
                field = queryset.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, models.IntegerField):  # ids too: AutoField is one
                low, high = BaseDatabaseOperations.integer_field_ranges.get(
                    field.get_internal_type(), (-MAX_INTEGER - 1, MAX_INTEGER)
                )
                check_integer_range(name, value, low, high)
            if isinstance(field, models.DateTimeField | models.DateField | models.DecimalField | models.UUIDField):
                try:
                    field.to_python(value)
                except ValidationError as error:
                    raise BadRequestError(f"field filter error. '{value}' is not a valid value for {name}") from error
        if filtered and "search" in request.GET:
            matching = super().filter_queryset(request, queryset.model._default_manager.all(), view)
            return queryset.filter(pk__in=matching.values("pk"))
        return super().filter_queryset(request, queryset, view)


class MissingPageIsNotFound:
    """Wagtail's page filters answer a 400 when their page is missing (or hidden): here it is a 404, as the detail of
    that page would be, so a request that follows the description is never refused as malformed for naming a page
    that does not exist (any more)."""

    missing_message = ""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except BadRequestError as error:
            if str(error) == self.missing_message:
                raise NotFound(self.missing_message) from error
            raise


class PortalChildOfFilter(MissingPageIsNotFound, ChildOfFilter):
    missing_message = "parent page doesn't exist"


class PortalAncestorOfFilter(MissingPageIsNotFound, AncestorOfFilter):
    missing_message = "descendant page doesn't exist"


class PortalDescendantOfFilter(MissingPageIsNotFound, DescendantOfFilter):
    """``descendant_of``, also with ``child_of`` (the children of one page that are below another; Wagtail refuses
    the pair, although each narrows the other like any two filters)."""

    missing_message = "ancestor page doesn't exist"

    def filter_queryset(self, request, queryset, view):
        # A copy of the queryset drops the ``_filtered_by_child_of`` mark Wagtail refuses the pair on.
        return super().filter_queryset(request, queryset.all(), view)


class PortalLocaleFilter:
    """``?locale=fr``: only the pages in that language. A language the site does not have is a 400 that names the
    ones it has (Wagtail's own filter answers 404, as if the listing did not exist)."""

    def filter_queryset(self, request, queryset, view):
        code = request.GET.get("locale")
        if code is None:
            return queryset
        codes = content_language_codes()
        if code not in codes:
            raise BadRequestError(f"locale must be one of: {', '.join(codes)}")
        return queryset.filter(locale__language_code=code)


class PagesEndpoint(PortalEndpointMixin, PagesAPIViewSet):
    """``/api/v2/pages/``: the live pages of the site the request may see."""

    base_serializer_class = PortalPageSerializer
    filter_backends = [
        PortalFieldsFilter,
        PortalChildOfFilter,
        PortalAncestorOfFilter,
        PortalDescendantOfFilter,
        OrderingFilter,
        PortalLocaleFilter,
        SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters - REFUSED_PARAMETERS
    offers_find = True
    meta_fields = [*PagesAPIViewSet.meta_fields, APIField("translations", serializer=PageTranslationsField())]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "translations"]

    def get_base_queryset(self):
        """The pages of this site, in every language, that the request may see (``child_of``, ``descendant_of`` and
        ``ancestor_of`` look their page up here too, so a hidden page's id answers as an unknown one).

        Each language has its own tree: the site's home page and its translations (same ``translation_key``, at the
        same depth) are the roots. A page belongs to the site when its ancestor at that depth is one of them (a
        sub-query on the page's path prefix, no extra round trip)."""
        site = Site.find_for_request(self.request)
        if site is None:
            return Page.objects.none()
        root = site.root_page
        prefix_length = root.depth * Page.steplen
        roots = Page.objects.filter(
            translation_key=root.translation_key,
            depth=root.depth,
            path=Substr(OuterRef("path"), 1, prefix_length),
        )
        # As a set of ids: the search backend takes a filter on the indexed id, not an ``EXISTS``.
        in_site = Page.objects.filter(Exists(roots)).values("pk")
        return access.visible_pages(self.request, Page.objects.filter(pk__in=in_site))

    def prefetch(self, items, fields):
        """Also each page's language and translations, in one query for the whole list."""
        super().prefetch(items, {name: field for name, field in fields.items() if name != "locale"})
        if items and ("locale" in fields or "translations" in fields):
            attach_page_translations(self.request, items)

    def find_object(self, queryset, request):
        if "html_path" in request.GET:
            site = Site.find_for_request(request)
            if site is None:
                return None
            # /fr/... is routed from the French home page (the site root's translation), like the site does.
            root, path = root_for_path(site.root_page, request.GET["html_path"])
            components = [component for component in path.split("/") if component]
            try:
                page, _args, _kwargs = root.specific.route(request, components)
            except Http404:
                return None
            return queryset.filter(pk=page.pk).first()
        return super().find_object(queryset, request)

    @classmethod
    def get_detail_default_fields(cls, model):
        # Every field.
        return BaseAPIViewSet.get_detail_default_fields.__func__(cls, model)


# A category's slug, as the OpenAPI description gives it (Django's slugs: ASCII letters, digits, "-" and "_").
CATEGORY_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


class LibraryFilter:
    """The documents library's filters on the API's parameter names: ``category`` (a category's slug), ``year``,
    ``language``, ``type`` (file type) and ``search``. Values are cleaned by the library's own
    ``LibraryFilters.from_params`` (a value the library would not offer is a 400 here, where the library page ignores
    it) and ``search`` is the library's text search (``documents.fulltext``: full-text on PostgreSQL). A category is
    any slug (``CATEGORY_SLUG``): one no category has lists nothing, as a year without documents does, so a client
    that kept an old category's slug gets an empty list rather than an error."""

    def filter_queryset(self, request, queryset, view):
        params = {name: request.GET.get(name, "") for name in ("category", "year", "language", "type")}
        params["q"] = request.GET.get("search", "")
        slugs = {params["category"]} if CATEGORY_SLUG.fullmatch(params["category"]) else set()
        filters = LibraryFilters.from_params(params, slugs)
        # An empty filter is refused too (the library page reads it as "any"): the description gives each filter's
        # values, and an empty one is none of them.
        empty = [name for name in ("category", "year", "language", "type") if request.GET.get(name) == ""]
        if filters.ignored or empty:
            raise BadRequestError(f"invalid value for: {', '.join(sorted({*filters.ignored, *empty}))}")
        if filters.q:
            queryset = queryset.filter(text_search_condition(filters.q))
        if filters.category:
            queryset = queryset.filter(category__slug=filters.category)
        if filters.year:
            queryset = queryset.filter(publication_date__year=filters.year)
        if filters.language:
            queryset = queryset.filter(language=filters.language)
        if filters.file_type:
            queryset = queryset.filter(file_type=filters.file_type)
        return queryset


class DocumentsEndpoint(PortalEndpointMixin, DocumentsAPIViewSet):
    """``/api/v2/documents/``: the documents the request may see, with the library's metadata and filters."""

    filter_backends = [LibraryFilter, OrderingFilter]
    strict_parameters = True
    known_query_parameters = frozenset(
        ["limit", "offset", "fields", "order", "search", "category", "year", "language", "type"]
    )
    body_fields = [
        "id",
        "title",
        "description",
        APIField("category", serializer=DocumentCategoryField()),
        "publication_date",
        APIField("year", serializer=DocumentYearField()),
        "language",
        APIField("language_label", serializer=PropertyField("language_label")),
        APIField("file_type", serializer=DocumentFileTypeField()),
        APIField("file_type_label", serializer=PropertyField("file_type_label")),
        APIField("file_size", serializer=DocumentFileSizeField()),
        APIField("size_label", serializer=PropertyField("size_label")),
        APIField("members_only", serializer=DocumentMembersOnlyField()),
        APIField("translations", serializer=DocumentTranslationsField()),
    ]
    meta_fields = ["type", "detail_url", APIField("download_url", serializer=DocumentDownloadUrlField())]
    listing_default_fields = [
        "id",
        "type",
        "detail_url",
        "download_url",
        "title",
        "category",
        "publication_date",
        "year",
        "language",
        "file_type",
        "file_size",
        "members_only",
        "translations",
    ]
    nested_default_fields = ["id", "type", "detail_url", "download_url", "title"]
    model = PortalDocument

    def get_queryset(self):
        queryset = PortalDocument.objects.without_text().select_related("category").order_by(*SORTS["newest"])
        return access.visible_documents(self.request, queryset)

    def get_object(self):
        return attach_api_translations(self.request, access.mark_members_only(self.request, [super().get_object()]))[0]

    def paginate_queryset(self, queryset):
        documents = access.mark_members_only(self.request, list(super().paginate_queryset(queryset)))
        return attach_api_translations(self.request, documents)


class ImagesEndpoint(PortalEndpointMixin, ImagesAPIViewSet):
    """``/api/v2/images/``: the images the request may see, with alt text and renditions."""

    filter_backends = [PortalFieldsFilter, OrderingFilter, SearchFilter]
    # Of the image's fields, only ``title`` is offered as a filter.
    known_query_parameters = frozenset(["limit", "offset", "fields", "order", "search", "search_operator", "title"])
    strict_parameters = True
    body_fields = [
        "id",
        "title",
        APIField("alt", serializer=ImageAltField()),
        "width",
        "height",
        "credit",
        APIField("renditions", serializer=ImageRenditionsField()),
    ]
    meta_fields = ["type", "detail_url", APIField("download_url", serializer=ImageDownloadUrlField())]
    listing_default_fields = ["id", "type", "detail_url", "download_url", "title", "alt", "width", "height"]
    nested_default_fields = ["id", "type", "detail_url", "download_url", "title"]
    model = get_image_model()

    def get_queryset(self):
        return access.visible_images(self.request, self.model.objects.order_by("id"))


class PreviewEndpoint(PagesEndpoint):
    """``/api/v2/preview/?token=...``: a page's draft for the headless front end (see ``home.preview``)."""

    known_query_parameters = frozenset(["token", "fields"])
    strict_parameters = True
    name = "preview"

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "preview_view"}), name="preview")]

    def preview_view(self, request):
        self.check_query_parameters(Page.objects.none())
        try:
            claims = preview.read_token(request.GET.get("token"))
        except preview.PreviewTokenError:
            return self.refuse()
        page = Page.objects.filter(pk=claims["page"]).first()
        revision = page and page.revisions.filter(pk=claims["revision"]).first()
        editor = get_user_model().objects.filter(pk=claims["user"], is_active=True).first()
        if revision is None or editor is None or not page.permissions_for_user(editor).can_edit():
            return self.refuse()
        if access.is_restricted_page(request, page) and request.user.pk != editor.pk:
            return Response(
                {"message": "This draft is members-only: the preview must be requested as the editor who opened it."},
                status=status.HTTP_403_FORBIDDEN,
            )
        draft = revision.as_object()
        self._cached_object = draft
        self.action = "detail_view"
        return self.detail_response(draft)

    def refuse(self):
        return Response({"message": "Invalid or expired preview token."}, status=status.HTTP_401_UNAUTHORIZED)

    def is_private(self, request):
        return True
