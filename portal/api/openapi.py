"""The OpenAPI 3.1 description of the JSON API, generated from the endpoints and the models' ``api_fields``.

Each page type gets a schema built from its fields (model fields by their type, StreamFields from their block
definitions, the portal's own representations from the schemas below), so a new field or block shows up here by
itself. ``tests/api/test_openapi.py`` validates the document with openapi-spec-validator, checks live responses of
every endpoint and page type against it, and runs schemathesis against the app in-process.
"""

import re

from django.conf import settings
from django.db import models
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from modelcluster.fields import ParentalKey
from wagtail import blocks as wagtail_blocks
from wagtail import fields as wagtail_fields
from wagtail.api.conf import get_model_field
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.models import Page, get_page_models
from wagtail.search import index

from documents.models import FILE_TYPE_LABELS, LANGUAGE_CHOICES
from home import blocks as home_blocks
from home.representations import RENDITION_SIZES
from home.serializers import ImageField
from portal.api.endpoints import (
    BIGINT_MAX,
    CATEGORY_SLUG,
    MAX_PARAMETER_LENGTH,
    DocumentsEndpoint,
    ImagesEndpoint,
    PagesEndpoint,
)

REF = "#/components/schemas/"


def ref(name, nullable=False):
    schema = {"$ref": REF + name}
    return {"oneOf": [schema, {"type": "null"}]} if nullable else schema


def obj(properties, required=None, nullable=False):
    schema = {
        "type": ["object", "null"] if nullable else "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }
    return schema


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
URL = {"type": "string", "format": "uri"}
NULLABLE_INTEGER = {"type": ["integer", "null"]}

# The portal's representations (home.representations) ---------------------------------------------------------

RENDITION = obj({"url": URL, "webp_url": URL, "width": INTEGER, "height": INTEGER})
IMAGE = obj(
    {
        "id": INTEGER,
        "title": STRING,
        "alt": {"type": "string", "description": "Empty when the image is decorative."},
        "decorative": {"type": "boolean"},
        "width": INTEGER,
        "height": INTEGER,
        "credit": STRING,
        "renditions": obj({name: ref("Rendition") for name in RENDITION_SIZES}),
    }
)
DOCUMENT_LINK = obj(
    {
        "id": INTEGER,
        "title": STRING,
        "file_type": {"type": "string", "description": "The file's extension, e.g. pdf."},
        "file_type_label": STRING,
        "file_size": {"type": ["integer", "null"], "description": "Bytes."},
        "size_label": STRING,
        "download_url": URL,
        "members_only": {"type": "boolean"},
    }
)
PAGE_LINK = obj({"id": INTEGER, "title": STRING, "url": STRING})
ERROR = {
    **obj({"message": {"type": "string", "description": "What went wrong, in English, for the developer."}}),
    "description": "Every error under `/api/`, whatever its status: bad input (400), a refused token (401), a "
    "members-only draft (403), an unknown address or item (404), a method other than GET, HEAD or OPTIONS (405, with "
    "`Allow`), too many requests (429, with `Retry-After`), a server error (500, never with details).",
}

# Blocks whose API representation the portal writes itself (home.blocks) ------------------------------------------

CUSTOM_BLOCKS = [
    (
        home_blocks.ParagraphBlock,
        {"type": "string", "description": "HTML; links to hidden pages keep their words only."},
    ),
    (home_blocks.CaptionedImageBlock, obj({"image": ref("Image", nullable=True), "caption": STRING})),
    (
        home_blocks.CallToActionBlock,
        obj(
            {
                "heading": STRING,
                "text": STRING,
                "page": ref("PageLink", nullable=True),
                "external_url": STRING,
                "url": STRING,
                "link_text": STRING,
            }
        ),
    ),
    (
        home_blocks.DocumentLinksBlock,
        obj({"heading": STRING, "documents": {"type": "array", "items": ref("DocumentLink")}}),
    ),
    (
        home_blocks.HighlightCardBlock,
        obj({"page": ref("PageLink"), "title": STRING, "text": STRING, "image": ref("Image", nullable=True)}),
    ),
]


def block_schema(block):
    """The JSON Schema of ``block.get_api_representation``."""
    for block_class, schema in CUSTOM_BLOCKS:
        if isinstance(block, block_class):
            return schema
    if isinstance(block, home_blocks.RelatedDocumentsStreamBlock):
        return {"type": "array", "items": ref("DocumentLink")}
    if isinstance(block, wagtail_blocks.StreamBlock):
        variants = [
            obj({"type": {"const": name}, "value": block_schema(child), "id": STRING})
            for name, child in block.child_blocks.items()
        ]
        return {"type": "array", "items": {"oneOf": variants}}
    if isinstance(block, ImageBlock):
        return obj({"image": NULLABLE_INTEGER, "alt_text": {"type": ["string", "null"]}, "decorative": {}})
    if isinstance(block, wagtail_blocks.StructBlock):
        return obj({name: block_schema(child) for name, child in block.child_blocks.items()})
    if isinstance(block, wagtail_blocks.ListBlock):
        return {"type": "array", "items": block_schema(block.child_block)}
    if isinstance(block, wagtail_blocks.ChoiceBlock):
        return {"enum": [*(str(value) for value, _label in block.field.choices if value != ""), ""]}
    if isinstance(block, EmbedBlock):
        return {"type": "string", "description": "The embed's address (the front end loads it when asked)."}
    if isinstance(block, wagtail_blocks.PageChooserBlock | DocumentChooserBlock | ImageChooserBlock):
        return NULLABLE_INTEGER
    if isinstance(block, wagtail_blocks.BooleanBlock):
        return {"type": "boolean"}
    if isinstance(block, wagtail_blocks.IntegerBlock):
        return INTEGER
    if isinstance(block, wagtail_blocks.FloatBlock | wagtail_blocks.DecimalBlock):
        return {"type": "number"}
    if isinstance(block, wagtail_blocks.FieldBlock):
        return STRING
    return {}


# Model fields --------------------------------------------------------------------------------------------------

NESTED_META = obj({"type": STRING, "detail_url": URL}, required=["type"])


def model_field_schema(model, api_field):
    if isinstance(api_field.serializer, ImageField):
        return ref("Image", nullable=True)
    field = get_model_field(model, api_field.name)
    if isinstance(field, wagtail_fields.StreamField):
        return block_schema(field.stream_block)
    if field.one_to_many and isinstance(getattr(field, "field", None), ParentalKey):
        child = field.related_model
        properties = {"id": INTEGER, "meta": NESTED_META}
        properties |= {child_field.name: model_field_schema(child, child_field) for child_field in _api_fields(child)}
        return {"type": "array", "items": obj(properties)}
    if field.many_to_one:
        return obj({"id": INTEGER, "meta": NESTED_META}, nullable=field.null)
    return _scalar_schema(field)


def _scalar_schema(field):
    if isinstance(field, wagtail_fields.RichTextField):
        schema = dict(STRING)
    elif isinstance(field, models.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(field, models.IntegerField | models.AutoField):
        schema = {"type": "integer"}
        if isinstance(
            field, models.PositiveIntegerField | models.PositiveSmallIntegerField | models.PositiveBigIntegerField
        ):
            schema["minimum"] = 0
    elif isinstance(field, models.FloatField | models.DecimalField):
        schema = {"type": "number"}
    elif isinstance(field, models.DateTimeField):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(field, models.DateField):
        schema = {"type": "string", "format": "date"}
    elif isinstance(field, models.URLField):
        schema = dict(URL)
    elif isinstance(field, models.CharField | models.TextField):
        schema = dict(STRING)
    else:
        return {}
    if field.null:
        schema["type"] = [schema["type"], "null"]
    if field.help_text:
        schema["description"] = str(field.help_text)
    return schema


def _api_fields(model):
    from wagtail.api import APIField

    return [field if isinstance(field, APIField) else APIField(field) for field in getattr(model, "api_fields", ())]


# Pages ---------------------------------------------------------------------------------------------------------

PAGE_REF = obj(
    {
        "id": INTEGER,
        "meta": obj({"type": STRING, "detail_url": URL, "html_url": {"type": ["string", "null"]}}),
        "title": STRING,
    }
)


LANGUAGE_CODES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
PAGE_TRANSLATION = obj(
    {
        "id": INTEGER,
        "locale": {"enum": LANGUAGE_CODES, "description": "The translation's language."},
        "title": STRING,
        "detail_url": URL,
        "html_url": {"type": ["string", "null"], "format": "uri"},
    }
)


def page_meta_schema(type_name):
    return obj(
        {
            "type": {"const": type_name},
            "detail_url": URL,
            "html_url": {"type": ["string", "null"], "format": "uri"},
            "slug": STRING,
            "show_in_menus": {"type": "boolean"},
            "seo_title": STRING,
            "search_description": {"type": "string", "description": "The page's description for search engines."},
            "first_published_at": {"type": ["string", "null"], "format": "date-time"},
            "alias_of": ref("PageRef", nullable=True),
            "parent": ref("PageRef", nullable=True),
            "locale": {"enum": LANGUAGE_CODES, "description": "The page's language."},
            "translations": {
                "type": "array",
                "items": ref("PageTranslation"),
                "description": "The page in the site's other languages: its live translations the request may see.",
            },
        },
        required=[],
    )


def page_type_name(model):
    return f"{model._meta.app_label}.{model.__name__}"


def page_schema(model):
    """A page of type ``model`` as the detail view gives it (a listing or ``?fields=`` may leave fields out)."""
    properties = {"id": INTEGER, "meta": page_meta_schema(page_type_name(model)), "title": STRING}
    for api_field in PagesEndpoint.get_body_fields(model):
        if api_field.name not in properties:
            properties[api_field.name] = model_field_schema(model, api_field)
    return obj(properties, required=[])


def schema_name(model):
    return f"{model._meta.app_label.capitalize()}{model.__name__}"


def page_models():
    return sorted(get_page_models(), key=page_type_name)


def page_any_schema():
    """Any page when ``?fields=`` left out its type: every field any page type has."""
    properties = {"id": INTEGER, "meta": obj({}, required=[]), "title": STRING}
    for model in page_models():
        for name, schema in page_schema(model)["properties"].items():
            if name == "meta":
                properties["meta"]["properties"] |= {key: {} for key in schema["properties"]}
            elif name not in properties:
                properties[name] = schema
            elif properties[name] != schema:
                properties[name] = {"anyOf": [properties[name], schema]}
    return obj(properties, required=[])


def page_by_type_schema():
    """Validated against its own type's schema when ``meta.type`` says which; against any page otherwise."""
    return {
        "if": {"type": "object", "required": ["meta"], "properties": {"meta": {"required": ["type"]}}},
        "then": {"oneOf": [ref(schema_name(model)) for model in page_models()]},
        "else": ref("PageAnyType"),
    }


# Documents and images -------------------------------------------------------------------------------------------

DOCUMENT = obj(
    {
        "id": INTEGER,
        "meta": obj({"type": STRING, "detail_url": URL, "download_url": URL}, required=[]),
        "title": STRING,
        "description": STRING,
        "category": obj({"slug": STRING, "name": STRING}, nullable=True),
        "publication_date": {"type": "string", "format": "date"},
        "year": NULLABLE_INTEGER,
        "language": {"enum": [code for code, _label in LANGUAGE_CHOICES]},
        "language_label": STRING,
        "file_type": STRING,
        "file_type_label": STRING,
        "file_size": {"type": ["integer", "null"], "description": "Bytes."},
        "size_label": STRING,
        "members_only": {"type": "boolean"},
        "translations": {
            "type": "array",
            "items": ref("DocumentTranslation"),
            "description": "The same document in other languages (its translation set): those the request may see.",
        },
    },
    required=[],
)
DOCUMENT_TRANSLATION = obj(
    {
        "id": INTEGER,
        "language": {"enum": [code for code, _label in LANGUAGE_CHOICES]},
        "title": STRING,
        "detail_url": URL,
        "download_url": URL,
    }
)
IMAGE_ITEM = obj(
    {
        "id": INTEGER,
        "meta": obj({"type": STRING, "detail_url": URL, "download_url": URL}, required=[]),
        "title": STRING,
        "alt": STRING,
        "width": INTEGER,
        "height": INTEGER,
        "credit": STRING,
        "renditions": obj({name: ref("Rendition") for name in RENDITION_SIZES}),
    },
    required=[],
)


def listing(item_schema):
    return obj({"meta": obj({"total_count": INTEGER}), "items": {"type": "array", "items": item_schema}})


# Parameters and paths ---------------------------------------------------------------------------------------------


def param(name, description, schema=None, required=False):
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema or TEXT,
    }


# Free text: any characters but the null character, at most MAX_PARAMETER_LENGTH of them (longer is a 400).
TEXT = {"type": "string", "maxLength": MAX_PARAMETER_LENGTH, "pattern": "^[^\\u0000]*$"}
# Ids and offsets: the databases' integers (larger is a 400).
ID = {"type": "integer", "minimum": 0, "maximum": BIGINT_MAX}
PAGE_ID_OR_ROOT = {"anyOf": [ID, {"const": "root"}]}


def one_of_pattern(names):
    return "(" + "|".join(re.escape(name) for name in sorted(names)) + ")"


def list_pattern(names, negatable=True):
    """Comma-separated ``names``, each maybe prefixed by ``-``; empty is the same as leaving the parameter out."""
    name = ("-?" if negatable else "") + one_of_pattern(names)
    return f"^({name}(,{name})*)?$"


def fields_param(endpoint, model, detail=False):
    """``fields``: the grammar of Wagtail API v2, with the field names ``model`` has on ``endpoint``.

    For pages, the names are those every page type has; with ``type=`` (or on a page's detail), that type's own
    fields may be named too (their schema lists them).
    """
    names = [*endpoint.get_body_fields_names(model), *endpoint.get_meta_fields_names(model)]
    if not detail:
        names = [name for name in names if name not in endpoint.detail_only_fields]
    name = one_of_pattern(set(names))
    pattern = f"^(\\*(,-{name})*|_(,{name})*|-?{name}(,-?{name})*)?$"
    return param(
        "fields",
        "Fields to add (`fields=title`), remove (`fields=-title`), all (`fields=*`, then only removals) or only "
        "these (`fields=_,title`)."
        + (
            " With `type=`, that page type's own fields may be named too."
            if endpoint is PagesEndpoint and not detail
            else ""
        ),
        {"type": "string", "pattern": pattern},
    )


def order_param(endpoint, model, searchable):
    """``order``: fields to sort by. Where ``search`` is offered, only fields the search index can sort by."""
    names = set(endpoint.get_available_fields(model, db_fields_only=True))
    if searchable:
        names &= {field.field_name for field in model.search_fields if isinstance(field, index.FilterField)}
    return param(
        "order",
        "Fields to sort by, comma-separated, `-field` for descending. (`random`, without `offset`, is accepted too.)",
        {"type": "string", "pattern": list_pattern(names)},
    )


def common_listing_params(endpoint, model, searchable=True):
    limit_max = settings.WAGTAILAPI_LIMIT_MAX
    return [
        param(
            "limit",
            f"How many items (default 20, at most {limit_max}: a larger limit is a 400).",
            {"type": "integer", "minimum": 0, "maximum": limit_max},
        ),
        param("offset", "How many items to skip.", ID),
        fields_param(endpoint, model),
        order_param(endpoint, model, searchable),
        param("search", "Words to search for."),
    ]


def error(description):
    return {"description": description, "content": {"application/json": {"schema": ref("Error")}}}


ERRORS = {
    "400": error("Bad input: an unknown parameter, field, type or filter value, or an integer out of range."),
    "401": error("An unknown, revoked or malformed token."),
}
SERVER_ERRORS = {
    "429": {
        **error("Too many requests: try again after `Retry-After` seconds."),
        "headers": {"Retry-After": {"description": "Seconds to wait.", "schema": INTEGER}},
    },
    "500": error("A server error (it is logged; the answer gives no details)."),
}
NOT_FOUND = {"404": error("No such item, or one the request may not see.")}
NOT_MODIFIED = {"304": {"description": "Not modified: `If-None-Match` matched the `ETag`."}}
CACHE_HEADERS = {
    "ETag": {"description": "A strong validator of the response body.", "schema": STRING},
    "Cache-Control": {
        "description": f"`public, max-age={settings.API_CACHE_MAX_AGE}, s-maxage={settings.API_SHARED_CACHE_MAX_AGE}` "
        "for anonymous requests; `no-cache` for errors; `private, no-store` for requests with credentials.",
        "schema": STRING,
    },
}


def ok(schema, description):
    return {"description": description, "headers": CACHE_HEADERS, "content": {"application/json": {"schema": schema}}}


def listing_ok(schema, detail_operation):
    """A listing's 200, with a link to the detail of its first item (clients and schemathesis' stateful phase
    follow it)."""
    return {
        **ok(listing(schema), "A page of results."),
        "links": {
            "first_item": {
                "operationId": detail_operation,
                "parameters": {"id": "$response.body#/items/0/id"},
                "description": "The first item's detail.",
            }
        },
    }


def get(operation_id, summary, parameters, responses, description=""):
    responses = {**responses, **SERVER_ERRORS}
    operation = {"operationId": operation_id, "summary": summary, "parameters": parameters, "responses": responses}
    if description:
        operation["description"] = description
    return {"get": operation}


def find_path(name, extra_params):
    return get(
        f"find_{name}",
        f"Find one of the {name} and redirect to its detail address.",
        [param("id", "The item's id.", ID), *extra_params],
        {
            "302": {
                "description": "Found: `Location` is its detail address.",
                "headers": {"Location": {"schema": STRING}},
            },
            **ERRORS,
            **NOT_FOUND,
        },
    )


def detail_path(name, schema, description, fields):
    return get(
        f"get_{name}",
        description,
        [{"name": "id", "in": "path", "required": True, "schema": ID}, fields],
        {"200": ok(schema, description), **NOT_MODIFIED, **ERRORS, **NOT_FOUND},
    )


def build_schema():
    limit_max = settings.WAGTAILAPI_LIMIT_MAX
    image_model = ImagesEndpoint.model
    page_params = [
        param(
            "type",
            "Only pages of this type, e.g. `about.AlliancePage` (comma-separated for several).",
            {"type": "string", "pattern": list_pattern([page_type_name(model) for model in page_models()], False)},
        ),
        param("child_of", "Only children of this page (an id, or `root` for the home page).", PAGE_ID_OR_ROOT),
        param("descendant_of", "Only pages below this page (an id, or `root`).", PAGE_ID_OR_ROOT),
        param("ancestor_of", "Only pages above this page.", ID),
        param("search_operator", "How search words combine.", {"enum": ["and", "or"]}),
        param("slug", "Only pages with this slug."),
        param("show_in_menus", "Only pages shown (or not) in menus.", {"enum": ["true", "false", "1", "0"]}),
        param(
            "locale",
            "Only pages in this language (another value is a 400). Each page's `meta.translations` lists it in the "
            "others.",
            {"enum": LANGUAGE_CODES},
        ),
    ]
    document_params = [
        param(
            "category",
            "A category's slug (a slug no category has lists nothing).",
            {"type": "string", "maxLength": MAX_PARAMETER_LENGTH, "pattern": f"^{CATEGORY_SLUG.pattern}$"},
        ),
        param("year", "The year of publication.", {"type": "integer", "minimum": 1800, "maximum": 2200}),
        param("language", "The document's language.", {"enum": [code for code, _label in LANGUAGE_CHOICES]}),
        param("type", "The file type (extension).", {"enum": list(FILE_TYPE_LABELS)}),
    ]
    schemas = {
        "Error": ERROR,
        "Rendition": RENDITION,
        "Image": IMAGE,
        "DocumentLink": DOCUMENT_LINK,
        "PageLink": PAGE_LINK,
        "PageRef": PAGE_REF,
        "PageTranslation": PAGE_TRANSLATION,
        "DocumentTranslation": DOCUMENT_TRANSLATION,
        "PageAnyType": page_any_schema(),
        "Page": page_by_type_schema(),
        "Document": DOCUMENT,
        "ImageItem": IMAGE_ITEM,
    }
    schemas |= {schema_name(model): page_schema(model) for model in page_models()}
    paths = {
        "/api/v2/pages/": get(
            "list_pages",
            "The live pages the request may see.",
            [*common_listing_params(PagesEndpoint, Page), *page_params],
            {
                "200": listing_ok(ref("Page"), "get_page"),
                **NOT_MODIFIED,
                **ERRORS,
                "404": error("`child_of`, `descendant_of` or `ancestor_of` names no page the request may see."),
            },
            "Without `type`, items have the fields every page shares; with one `type`, `fields=*` gives all of that "
            "type's fields. Members-only pages are listed only for requests that may see them.",
        ),
        "/api/v2/pages/{id}/": detail_path(
            "page", ref("Page"), "One page with all its fields.", fields_param(PagesEndpoint, Page, detail=True)
        ),
        "/api/v2/pages/find/": find_path(
            "pages",
            [param("html_path", "The page's path on the site, e.g. `/en/about-us/` (`/fr/...` for a French page).")],
        ),
        "/api/v2/documents/": get(
            "list_documents",
            "The documents the request may see, with the library's metadata and filters (newest first).",
            [*common_listing_params(DocumentsEndpoint, DocumentsEndpoint.model, searchable=False), *document_params],
            {"200": listing_ok(ref("Document"), "get_document"), **NOT_MODIFIED, **ERRORS},
        ),
        "/api/v2/documents/{id}/": detail_path(
            "document", ref("Document"), "One document.", fields_param(DocumentsEndpoint, DocumentsEndpoint.model)
        ),
        "/api/v2/images/": get(
            "list_images",
            "The images the request may see.",
            [
                *common_listing_params(ImagesEndpoint, image_model),
                param("search_operator", "How search words combine.", {"enum": ["and", "or"]}),
                param("title", "Only images with this title."),
            ],
            {"200": listing_ok(ref("ImageItem"), "get_image"), **NOT_MODIFIED, **ERRORS},
        ),
        "/api/v2/images/{id}/": detail_path(
            "image", ref("ImageItem"), "One image with its renditions.", fields_param(ImagesEndpoint, image_model)
        ),
        "/api/v2/preview/": get(
            "preview_page",
            "A page's draft for the headless front end, shaped as `/api/v2/pages/{id}/`.",
            [
                param("token", "The preview token the editor's preview panel gave the front end.", required=True),
                fields_param(PagesEndpoint, Page, detail=True),
            ],
            {
                "200": ok(ref("Page"), "The draft."),
                **NOT_MODIFIED,
                "400": ERRORS["400"],
                "401": {
                    "description": "An invalid or expired preview token.",
                    "content": {"application/json": {"schema": ref("Error")}},
                },
                "403": {
                    "description": "A members-only draft requested without the editor's own credentials.",
                    "content": {"application/json": {"schema": ref("Error")}},
                },
            },
        ),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Co-op Portal API",
            "version": "2",
            "description": (
                "The portal's read-only JSON API (Wagtail API v2). Anonymous requests see public content; a member's "
                "personal token (`Authorization: Bearer <token>`, made on the site's My account page) sees what that "
                f"member sees on the site. `limit` is at most {limit_max}. Anonymous responses may be cached for "
                f"{settings.API_CACHE_MAX_AGE} seconds; every response has an `ETag` and answers `If-None-Match`."
            ),
        },
        "servers": [{"url": "/"}],
        "security": [{}, {"bearerAuth": []}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "description": "A personal API token."}
            },
        },
    }


@csrf_exempt  # a POST is a 405, not a CSRF refusal: nothing here reads cookies or changes anything
@require_safe
def openapi_view(request):
    """``/api/v2/openapi.json``."""
    # Public, for as long as members.cache_policy says of any anonymous API answer.
    return JsonResponse(build_schema(), json_dumps_params={"indent": 2})
