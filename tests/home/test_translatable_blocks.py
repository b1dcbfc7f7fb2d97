"""Every page type and every StreamField block survives wagtail-localize: extracted, translated, published in French.

The generic test finds its cases itself, like the leak suite (``tests/privacy/test_blocks.py``): every page type in
Wagtail's registry, every StreamField on it, every block type of that field's stream. A block added later, in any
app, is covered without editing this file. For each case it builds a page whose field holds that block with every
value filled in (words, rich text with a link, a picture, a document, a page, an address, a choice), submits the page
for translation into French as wagtail-localize does, gives every string segment French words, publishes the
translation and reads the French page: every French string is shown, no English source word is left, and the values
that are not words (pictures, documents, pages, addresses, choices, numbers) are the source's.
"""

import json
import re
import uuid

import pytest
from django.db import models
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.models import Locale, Page, get_page_models
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from about.models import AlliancePage
from home.models import HomePage
from tests import factories

pytestmark = pytest.mark.django_db

# A word found in every English string of the source and in none of the French ones.
SOURCE_WORD = "Zqxsource"
PICTURE_FILE, DOCUMENT_FILE, TARGET_SLUG = "zqx-kept-picture", "zqx-kept-file", "zqx-kept-target"
KEPT_URL, KEPT_EMBED = "https://example.org/zqx-kept-address", "https://video.example/zqx-kept-video"


# Discovery ------------------------------------------------------------------------------------------------------


def _stream_fields(model):
    return [field for field in model._meta.get_fields() if isinstance(field, StreamField)]


def page_models():
    return [model for model in get_page_models() if model is not Page and not model._meta.abstract]


def block_cases():
    """``(page model, field name, block name)`` for every block type of every page StreamField."""
    return [
        pytest.param(model, field.name, name, id=f"{model._meta.label}.{field.name}.{name}")
        for model in page_models()
        for field in _stream_fields(model)
        for name in field.stream_block.child_blocks
    ]


def test_the_generic_walk_finds_every_app_and_nested_block():
    found = {case.id for case in block_cases()}
    for expected in (
        "home.HomePage.highlights.card",
        "home.HomePage.body.faq",
        "home.StandardPage.body.image",
        "home.StandardPage.related_documents.document",
        "about.WhyJoinPage.body.benefits",
        "about.AlliancePage.body.key_figures",
    ):
        assert expected in found


# Values ---------------------------------------------------------------------------------------------------------


class Targets:
    """The picture, document and page every chooser points at, all public."""

    def __init__(self, home_page):
        self.image = factories.CustomImageFactory(
            title="Kept picture", file=factories._content_file(factories.png_bytes(), f"{PICTURE_FILE}.png")
        )
        self.document = factories.PortalDocumentFactory(
            title="Kept document", file=factories._content_file(factories.pdf_bytes(), f"{DOCUMENT_FILE}.pdf")
        )
        self.page = factories.StandardPageFactory(parent=home_page, title="Kept target", slug=TARGET_SLUG)


def _words(counter):
    counter.append(1)
    return f"{SOURCE_WORD} words number {len(counter)}"


def raw_value(block, targets, counter):
    """The stored (JSON) form of a value for ``block`` with everything filled in: English words with the source
    word, rich text with a link to a document and an address, and the kept picture, document, page and address."""
    if isinstance(block, ImageBlock):
        return {"image": targets.image.pk, "decorative": False, "alt_text": _words(counter)}
    if isinstance(block, ImageChooserBlock):
        return targets.image.pk
    if isinstance(block, DocumentChooserBlock):
        return targets.document.pk
    if isinstance(block, blocks.PageChooserBlock):
        return targets.page.pk
    if isinstance(block, EmbedBlock):
        return KEPT_EMBED
    if isinstance(block, blocks.StreamBlock):
        return [
            {"type": name, "value": raw_value(child, targets, counter), "id": str(uuid.uuid4())}
            for name, child in block.child_blocks.items()
        ]
    if isinstance(block, blocks.StructBlock):
        return {name: raw_value(child, targets, counter) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.ListBlock):
        return [
            {"type": "item", "value": raw_value(block.child_block, targets, counter), "id": str(uuid.uuid4())}
            for _ in range(2)
        ]
    if isinstance(block, blocks.RichTextBlock):
        words = _words(counter)
        return (
            f'<p>{words}, see <a linktype="document" id="{targets.document.pk}">{SOURCE_WORD} report</a> '
            f'and <a href="{KEPT_URL}">{SOURCE_WORD} elsewhere</a>.</p>'
        )
    if isinstance(block, blocks.URLBlock):
        return KEPT_URL
    if isinstance(block, blocks.ChoiceBlock):
        return block.field.choices[-1][0]  # the last choice: rarely the default, so a reset would show
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        return _words(counter)
    return block.get_prep_value(block.get_default())


def text_leaves(block, source, translated, path=""):
    """``(path, source value, translated value, is_text)`` for every leaf of two raw values of ``block``."""
    if isinstance(block, ImageBlock):
        yield f"{path}.image", source["image"], translated["image"], False
        yield f"{path}.decorative", source["decorative"], translated["decorative"], False
        yield f"{path}.alt_text", source["alt_text"], translated["alt_text"], True
    elif isinstance(block, blocks.StreamBlock | blocks.ListBlock):
        assert [item["id"] for item in translated] == [item["id"] for item in source], f"{path} keeps its items"
        for source_item, translated_item in zip(source, translated, strict=True):
            is_list = isinstance(block, blocks.ListBlock)
            child = block.child_block if is_list else block.child_blocks[source_item["type"]]
            yield from text_leaves(child, source_item["value"], translated_item["value"], f"{path}.{source_item['id']}")
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from text_leaves(child, source.get(name), translated.get(name), f"{path}.{name}")
    else:
        is_text = isinstance(block, blocks.RichTextBlock | blocks.CharBlock | blocks.TextBlock) and not isinstance(
            block, blocks.URLBlock
        )
        yield path, source, translated, is_text


# Translating ------------------------------------------------------------------------------------------------------


def french(number, text):
    """French words for a segment: a numbered marker, and each English word replaced (tags, such as a rich-text
    link's ``<a id="a1">``, kept as they are)."""
    return f"Français-{number}. " + re.sub(r"[A-Za-z]+(?![^<]*>)", "mot", text)


def translate(page, locale_code="fr", capture=None):
    """Submit ``page`` for translation into ``locale_code``, translate every string segment (``french``) and
    publish the translation. Returns the translated page and the markers, by segment path."""
    locale = Locale.objects.get(language_code=locale_code)
    source, _ = TranslationSource.update_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    markers = {}
    for number, segment in enumerate(
        StringSegment.objects.filter(source=source).select_related("string", "context").order_by("order"), start=1
    ):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": french(number, segment.string.data)},
        )
        markers[segment.context.path] = f"Français-{number}."
    with capture(execute=True):
        translation.save_target(publish=True)
    return page.get_translation(locale).specific, markers


@pytest.fixture
def french_home(home_page, django_capture_on_commit_callbacks):
    home_page.title = f"{SOURCE_WORD} Home"
    home_page.save_revision().publish()
    translated, _ = translate(home_page, capture=django_capture_on_commit_callbacks)
    return translated


def _page_of(model, home_page, capture):
    """A live English page of ``model`` where editors could make one (the home page for the home page type), and
    the French translations of the pages above it."""
    if model is HomePage:
        return model.objects.get(locale__language_code="en")
    parent_model = next(m for m in model.allowed_parent_page_models() if m is not Page)
    parent = home_page if parent_model is HomePage else _page_of(parent_model, home_page, capture)
    existing = model.objects.child_of(parent).first()
    if existing is not None:
        return existing.specific
    page = model(title=f"{SOURCE_WORD} {model.__name__}", slug=f"page-{model.__name__.lower()}")
    parent.add_child(instance=page)
    page.save_revision().publish()
    if parent_model is not HomePage:
        translate(parent, capture=capture)
    return model.objects.get(pk=page.pk)


# The generic test -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("model", "field_name", "block_name"), block_cases())
def test_every_block_is_translated_into_french_and_keeps_what_is_not_words(
    client, home_page, french_home, django_capture_on_commit_callbacks, model, field_name, block_name
):
    targets = Targets(home_page)
    page = _page_of(model, home_page, django_capture_on_commit_callbacks)
    block = model._meta.get_field(field_name).stream_block.child_blocks[block_name]
    source_value = raw_value(block, targets, [])
    setattr(page, field_name, json.dumps([{"type": block_name, "value": source_value, "id": str(uuid.uuid4())}]))
    page.save_revision().publish()

    french_page, markers = translate(page, capture=django_capture_on_commit_callbacks)

    assert french_page.locale.language_code == "fr"
    assert french_page.live
    translated_raw = list(getattr(french_page, field_name).raw_data)
    assert len(translated_raw) == 1 and translated_raw[0]["type"] == block_name
    leaves = list(text_leaves(block, source_value, translated_raw[0]["value"], block_name))
    for path, source, translated, is_text in leaves:
        if is_text:
            assert SOURCE_WORD not in str(translated), f"{path} is translated"
            assert "Français-" in str(translated), f"{path} holds its French words"
        else:
            assert translated == source, f"{path} keeps the source's value"

    response = client.get(french_page.url)
    assert response.status_code == 200
    body = response.content.decode()
    field_markers = [marker for path, marker in markers.items() if path.split(".")[0] == field_name]
    if any(is_text for *_, is_text in leaves):
        assert field_markers, f"{block_name} gives translators something to translate"
    for marker in field_markers:
        assert marker in body, f"the French page shows the French words {marker}"
    assert SOURCE_WORD not in body, "no English word of the source is left on the French page"
    held = json.dumps(source_value)
    if str(targets.image.pk) in held and "image" in held:
        assert PICTURE_FILE in body, "the picture is kept"
    if "document" in held or DocumentChooserBlock in map(type, _descendants(block)):
        assert DOCUMENT_FILE in body or f"/documents/{targets.document.pk}/" in body, "the document is kept"
    if isinstance(block, blocks.StructBlock) and any(
        isinstance(b, blocks.PageChooserBlock) for b in _descendants(block)
    ):
        assert TARGET_SLUG in body, "the page link is kept"


def _descendants(block):
    yield block
    if isinstance(block, blocks.StructBlock | blocks.StreamBlock):
        for child in block.child_blocks.values():
            yield from _descendants(child)
    elif isinstance(block, blocks.ListBlock):
        yield from _descendants(block.child_block)


# Every page type's own fields ---------------------------------------------------------------------------------------


def _words_fields(model):
    """The page's own fields of words that wagtail-localize sends to translators (not the slug: an address)."""
    fields = []
    for translatable in get_translatable_fields(model):
        field = translatable.get_field(model)
        if not isinstance(translatable, TranslatableField) or field.name == "slug":
            continue
        if isinstance(field, RichTextField | models.CharField | models.TextField) and not field.choices:
            fields.append(field)
    return fields


def _synchronised_fields(model):
    return [
        translatable.get_field(model)
        for translatable in get_translatable_fields(model)
        if isinstance(translatable, SynchronizedField) and translatable.get_field(model).concrete
    ]


@pytest.mark.parametrize("model", page_models(), ids=lambda model: model._meta.label)
def test_every_page_type_is_translated_into_french_and_keeps_its_synchronised_fields(
    client, home_page, french_home, django_capture_on_commit_callbacks, model
):
    page = _page_of(model, home_page, django_capture_on_commit_callbacks)
    counter = []
    for field in _words_fields(model):
        words = _words(counter)
        setattr(page, field.attname, f"<p>{words}</p>" if isinstance(field, RichTextField) else words)
    page.listing_image = factories.CustomImageFactory(
        title="Kept card picture", file=factories._content_file(factories.png_bytes(), f"{PICTURE_FILE}.png")
    )
    page.save_revision().publish()
    page.refresh_from_db()

    french_page, _ = translate(page, capture=django_capture_on_commit_callbacks)

    for field in _words_fields(model):
        value = getattr(french_page, field.attname)
        assert "Français-" in value and SOURCE_WORD not in value, f"{field.name} is translated"
    for field in _synchronised_fields(model):
        assert getattr(french_page, field.attname) == getattr(page, field.attname), f"{field.name} is kept"
    assert french_page.listing_image_id == page.listing_image_id
    response = client.get(french_page.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert french_page.seo_title in body, "the French search-engine title is the page's <title>"
    assert SOURCE_WORD not in body, "no English word of the source is left on the French page"


def test_the_country_code_of_the_alliance_is_copied_not_translated():
    assert SynchronizedField("headquarters_country_code") in get_translatable_fields(AlliancePage)
    assert TranslatableField("headquarters_country") in get_translatable_fields(AlliancePage)


# Lists stored in the short form ---------------------------------------------------------------------------------

SHORT_FORM_BODY = [
    {"type": "item_list", "value": {"heading": "Objectives", "style": "bulleted", "items": ["Promote co-operatives"]}},
    {
        "type": "faq",
        "value": {"heading": "Questions", "items": [{"question": "Who can join?", "answer": "<p>Any.</p>"}]},
    },
    {"type": "quote", "value": {"quote": "Together we are stronger."}},  # saved before "attribution" and "role"
]


def test_lists_stored_in_the_short_form_reach_the_translator_and_keep_their_translations(
    client, home_page, french_home, django_capture_on_commit_callbacks
):
    """The demo loader (and older content) stores list items in Wagtail's short form, which wagtail-localize skips:
    saving the page stores them in block form, once, so their words are sent for translation and stay translated."""
    page = factories.StandardPageFactory(
        parent=home_page, title="Short lists", slug="short-lists", body=SHORT_FORM_BODY
    )
    page.save_revision().publish()
    page = type(page).objects.get(pk=page.pk)

    french_page, markers = translate(page, capture=django_capture_on_commit_callbacks)
    sources = set(
        StringSegment.objects.filter(source__object_id=page.translation_key).values_list("string__data", flat=True)
    )

    assert {"Promote co-operatives", "Who can join?", "Together we are stronger."} <= sources
    body = client.get(french_page.url).content.decode()
    assert "Promote co-operatives" not in body and "Who can join?" not in body
    paths = set(markers)
    page.save_revision().publish()  # saved again: the same ids, so the same translations
    TranslationSource.update_or_create_from_instance(type(page).objects.get(pk=page.pk))
    assert (
        set(
            StringSegment.objects.filter(source__object_id=page.translation_key).values_list("context__path", flat=True)
        )
        == paths
    )
