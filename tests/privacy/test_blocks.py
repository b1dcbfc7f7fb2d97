"""The leak suite for StreamField blocks: no block shows a page, document or image the request may not see.

The generic test finds its cases itself: every page type in Wagtail's page model registry, every StreamField on it
(by introspection), and every block type of that field's stream whose definition holds a page, document or image
chooser, directly or nested in struct, list or stream blocks. A block added later, in any app, is covered without
editing this file. For each case it publishes a public page whose field holds that block pointing at a members-only
page, document and image, then reads the page (HTML) and ``/api/v2/pages/<id>/`` (JSON) as an anonymous visitor, a
logged-in non-member and a member.

The explicit rows below it pin the two leaks that were reported: the call to action and the image block, also when
their target is made private after the block was published.
"""

import json
import uuid

import pytest
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.models import Page, get_page_models

from home.models import HomePage, StandardPage
from tests import factories
from tests.fixtures import restrict_collection, restrict_page

pytestmark = pytest.mark.django_db

# Distinctive words and numbers of the hidden page, document and image. None may reach a request that may not see
# them; the ids are chosen so that no width, height or count can be mistaken for them.
HIDDEN_PAGE_ID, HIDDEN_DOCUMENT_ID, HIDDEN_IMAGE_ID = 909091, 909092, 909093
PAGE_TITLE, PAGE_SLUG = "Zqx Hidden Page Title", "zqx-hidden-page"
DOCUMENT_TITLE, DOCUMENT_FILE = "Zqx Hidden Document", "zqx-hidden-file"
IMAGE_TITLE, IMAGE_ALT, IMAGE_CONTEXT_ALT, IMAGE_FILE = (
    "Zqx Hidden Image",
    "Zqx hidden description",
    "Zqx hidden contextual alt",
    "zqx-hidden-picture",
)
SECRETS = {
    "page": [PAGE_TITLE, PAGE_SLUG],
    "document": [DOCUMENT_TITLE, DOCUMENT_FILE],
    "image": [IMAGE_TITLE, IMAGE_ALT, IMAGE_CONTEXT_ALT, IMAGE_FILE],
}
# What a member must find of each kind of target (its address, or the rendition's, which is named after the file).
SEEN_BY_MEMBER = {"page": PAGE_SLUG, "document": DOCUMENT_FILE, "image": IMAGE_FILE}
HIDDEN_IDS = {HIDDEN_PAGE_ID, HIDDEN_DOCUMENT_ID, HIDDEN_IMAGE_ID}


# Discovery ------------------------------------------------------------------------------------------------------


def _target_kind(block):
    """``"page"``, ``"document"`` or ``"image"`` for a chooser of one of those, else ``None``."""
    if isinstance(block, ImageBlock | ImageChooserBlock):
        return "image"
    if isinstance(block, DocumentChooserBlock):
        return "document"
    if isinstance(block, blocks.PageChooserBlock):
        return "page"
    return None


def _kinds_held(block):
    """The kinds of target a block's definition can hold, anywhere below it."""
    kind = _target_kind(block)
    if kind is not None:
        return {kind}
    children = []
    if isinstance(block, blocks.StructBlock | blocks.StreamBlock):
        children = block.child_blocks.values()
    elif isinstance(block, blocks.ListBlock):
        children = [block.child_block]
    return set().union(*(_kinds_held(child) for child in children)) if children else set()


def _stream_fields(model):
    return [field for field in model._meta.get_fields() if isinstance(field, StreamField)]


def block_cases():
    """``(page model, field name, block name)`` for every block type that can hold a page, document or image."""
    cases = []
    for model in get_page_models():
        if model is Page or model._meta.abstract:
            continue
        for field in _stream_fields(model):
            for name, block in field.stream_block.child_blocks.items():
                if _kinds_held(block):
                    cases.append(pytest.param(model, field.name, name, id=f"{model._meta.label}.{field.name}.{name}"))
    return cases


def test_the_generic_walk_finds_the_blocks_that_hold_choosers():
    """The discovery is not empty by accident: it reaches the shared blocks, nested ones and every app's pages."""
    found = {case.id for case in block_cases()}
    for expected in (
        "home.StandardPage.body.call_to_action",
        "home.StandardPage.body.image",
        "home.StandardPage.body.document_links",
        "home.StandardPage.related_documents.document",
        "home.HomePage.highlights.card",
        "about.WhyJoinPage.body.call_to_action",
        "about.AlliancePage.body.image",
    ):
        assert expected in found


# Values ---------------------------------------------------------------------------------------------------------


def raw_value(block):
    """The stored (JSON) form of a value for ``block`` whose every chooser points at the hidden targets, and whose
    words are filled in (so that a call to action's button has words of its own and its page is its only link)."""
    kind = _target_kind(block)
    if isinstance(block, ImageBlock):
        return {"image": HIDDEN_IMAGE_ID, "decorative": False, "alt_text": IMAGE_CONTEXT_ALT}
    if kind is not None:
        return {"page": HIDDEN_PAGE_ID, "document": HIDDEN_DOCUMENT_ID, "image": HIDDEN_IMAGE_ID}[kind]
    if isinstance(block, blocks.StreamBlock):
        return [
            {"type": name, "value": raw_value(child), "id": str(uuid.uuid4())}
            for name, child in block.child_blocks.items()
            if _kinds_held(child)
        ]
    if isinstance(block, blocks.StructBlock):
        return {name: raw_value(child) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.ListBlock):
        return [{"type": "item", "value": raw_value(block.child_block), "id": str(uuid.uuid4())}]
    if isinstance(block, blocks.RichTextBlock):
        return "<p>Public words</p>"
    if isinstance(block, blocks.URLBlock):
        return ""
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        return "Public words"
    return block.get_prep_value(block.get_default())


# Data -----------------------------------------------------------------------------------------------------------


@pytest.fixture
def hidden(home_page, members_group):
    """A members-only page, a document and an image in a members-only collection."""
    page = StandardPage(pk=HIDDEN_PAGE_ID, title=PAGE_TITLE, slug=PAGE_SLUG, intro="")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    restrict_page(page, groups=[members_group])
    collection = factories.CollectionFactory(name="Members only")
    restrict_collection(collection, groups=[members_group])
    factories.PortalDocumentFactory(
        pk=HIDDEN_DOCUMENT_ID,
        title=DOCUMENT_TITLE,
        file=factories._content_file(factories.pdf_bytes(), f"{DOCUMENT_FILE}.pdf"),
        collection=collection,
    )
    factories.CustomImageFactory(
        pk=HIDDEN_IMAGE_ID,
        title=IMAGE_TITLE,
        description=IMAGE_ALT,
        file=factories._content_file(factories.png_bytes(), f"{IMAGE_FILE}.png"),
        collection=collection,
    )
    return page


def _public_page_of(model, home_page):
    """A live public page of ``model`` (the existing one when only one may exist), made where editors could."""
    if model is HomePage or (model.max_count and model.objects.count() >= model.max_count):
        return model.objects.first()
    parent = None
    for parent_model in model.allowed_parent_page_models():
        if parent_model is Page:
            continue
        existing = parent_model.objects.live().first() if parent_model is not HomePage else home_page
        parent = (existing or _public_page_of(parent_model, home_page)).specific
        break
    page = model(title=f"Public {model.__name__}", slug=f"public-{model.__name__.lower()}")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def _as(client, who):
    if who != "anonymous":
        client.force_login(factories.UserFactory(username=who, groups=["Members"] if who == "member" else []))
    return client


def _api_field(client, page, field_name):
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    return response.json().get(field_name)


def _ints(data):
    if isinstance(data, bool):
        return set()
    if isinstance(data, int):
        return {data}
    if isinstance(data, dict):
        return set().union(set(), *(_ints(value) for value in data.values()))
    if isinstance(data, list):
        return set().union(set(), *(_ints(value) for value in data))
    return set()


def _strings(data):
    return json.dumps(data, ensure_ascii=False)


# The generic test -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("model", "field_name", "block_name"), block_cases())
@pytest.mark.parametrize("who", ["anonymous", "visitor", "member"])
def test_no_block_shows_a_target_the_request_may_not_see(client, home_page, hidden, model, field_name, block_name, who):
    page = _public_page_of(model, home_page)
    block = model._meta.get_field(field_name).stream_block.child_blocks[block_name]
    kinds = _kinds_held(block)
    setattr(page, field_name, json.dumps([{"type": block_name, "value": raw_value(block), "id": str(uuid.uuid4())}]))
    page.save_revision().publish()
    _as(client, who)

    response = client.get(page.url)
    assert response.status_code == 200
    body = response.content.decode()
    exposed_in_api = field_name in {field.name for field in model.api_fields}
    data = _api_field(client, page, field_name) if exposed_in_api else None

    if who == "member":
        for kind in kinds:
            assert SEEN_BY_MEMBER[kind] in body, f"a member sees the {kind} of {block_name} on the page"
            if exposed_in_api:
                assert SEEN_BY_MEMBER[kind] in _strings(data), f"a member sees the {kind} of {block_name} in the API"
        return
    for kind in kinds:
        for secret in SECRETS[kind]:
            assert secret not in body, f"{block_name} shows the hidden {kind}'s {secret!r} to {who}"
            assert secret not in _strings(data), f"{block_name} shows the hidden {kind}'s {secret!r} in the API"
    assert not _ints(data) & HIDDEN_IDS, f"{block_name} names a hidden target's id in the API to {who}"


# The two reported leaks, explicitly -----------------------------------------------------------------------------


@pytest.fixture
def public_target(home_page):
    return factories.StandardPageFactory(parent=home_page, title="Zqx Later Private", slug="zqx-later-private")


def _page_with(home_page, body):
    return factories.StandardPageFactory(parent=home_page, title="Public page", slug="public-page", body=body)


def _cta(page_id, link_text=""):
    return [{"type": "call_to_action", "value": {"heading": "Join us", "page": page_id, "link_text": link_text}}]


def _image_block(image_id):
    return [
        {
            "type": "image",
            "value": {
                "image": {"image": image_id, "decorative": False, "alt_text": "Zqx alt"},
                "caption": "Zqx caption",
            },
        }
    ]


@pytest.mark.parametrize("who", ["anonymous", "visitor"])
def test_a_call_to_action_to_a_members_page_shows_neither_its_title_nor_its_address(client, home_page, hidden, who):
    page = _page_with(home_page, _cta(HIDDEN_PAGE_ID))
    _as(client, who)
    body = client.get(page.url).content.decode()
    assert PAGE_TITLE not in body
    assert PAGE_SLUG not in body
    assert "Join us" not in body  # the call to action has nowhere to lead: it is left out, as in the API
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["body"] == []


def test_a_member_sees_the_call_to_action_to_a_members_page(client, home_page, hidden):
    page = _page_with(home_page, _cta(HIDDEN_PAGE_ID))
    _as(client, "member")
    body = client.get(page.url).content.decode()
    assert PAGE_TITLE in body
    assert hidden.url in body


def test_a_call_to_action_hides_its_target_once_the_target_is_made_private(
    client, home_page, public_target, members_group
):
    page = _page_with(home_page, _cta(public_target.pk))
    assert public_target.url in client.get(page.url).content.decode()

    restrict_page(public_target, groups=[members_group])

    body = client.get(page.url).content.decode()
    assert public_target.url not in body
    assert "Zqx Later Private" not in body
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["body"] == []


@pytest.mark.parametrize("who", ["anonymous", "visitor"])
def test_an_image_from_a_members_collection_shows_neither_rendition_nor_alt_text(client, home_page, hidden, who):
    page = _page_with(home_page, _image_block(HIDDEN_IMAGE_ID))
    _as(client, who)
    body = client.get(page.url).content.decode()
    assert IMAGE_FILE not in body
    assert "Zqx alt" not in body
    assert "Zqx caption" not in body  # the block is left out, caption and all, as in the API
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["body"] == []


def test_an_image_block_hides_its_image_once_the_collection_is_made_private(client, home_page, members_group):
    collection = factories.CollectionFactory(name="Later private")
    image = factories.CustomImageFactory(
        title="Later image",
        file=factories._content_file(factories.png_bytes(), "zqx-later-image.png"),
        collection=collection,
    )
    page = _page_with(home_page, _image_block(image.pk))
    assert "zqx-later-image" in client.get(page.url).content.decode()

    restrict_collection(collection, groups=[members_group])

    body = client.get(page.url).content.decode()
    assert "zqx-later-image" not in body
    assert "Zqx alt" not in body
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["body"] == []
    client.force_login(factories.UserFactory(username="member", groups=["Members"]))
    assert "zqx-later-image" in client.get(page.url).content.decode()


# Search: the index holds what an anonymous visitor reads ---------------------------------------------------------


def _search(client, words):
    response = client.get("/en/search/", {"q": words})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("model", "field_name", "block_name"), block_cases())
@pytest.mark.parametrize("who", ["anonymous", "visitor"])
def test_search_never_finds_or_quotes_a_hidden_targets_words(
    client, home_page, hidden, model, field_name, block_name, who
):
    """Every block's words reach the shared search index as an anonymous visitor sees them: a hidden image's alt
    text (and any other words of a hidden target) neither finds the public page nor shows in its snippet."""
    page = _public_page_of(model, home_page)
    block = model._meta.get_field(field_name).stream_block.child_blocks[block_name]
    kinds = _kinds_held(block)
    setattr(page, field_name, json.dumps([{"type": block_name, "value": raw_value(block), "id": str(uuid.uuid4())}]))
    page.save_revision().publish()
    _as(client, who)

    for kind in kinds:
        for secret in SECRETS[kind]:
            body = _search(client, secret)
            for any_secret in set(SECRETS[kind]) - {secret}:  # the search box repeats the words searched for
                assert any_secret not in body, f"searching {secret!r} shows {any_secret!r} of {block_name} to {who}"
            found = f'search-result__link" href="{page.url}"' in body
            assert not found, f"{page.url} is found by {secret!r} of {block_name}"


def _found(client, words, page):
    return f'search-result__link" href="{page.url}"' in _search(client, words)


def test_a_public_images_alt_text_is_searchable_and_forgotten_once_its_collection_is_made_private(
    client, home_page, members_group
):
    collection = factories.CollectionFactory(name="Later private")
    image = factories.CustomImageFactory(
        title="Later image",
        file=factories._content_file(factories.png_bytes(), "zqx-later-image.png"),
        collection=collection,
    )
    body = [
        {
            "type": "image",
            "value": {"image": {"image": image.pk, "decorative": False, "alt_text": "Quokkas grazing"}, "caption": ""},
        }
    ]
    page = factories.StandardPageFactory(parent=home_page, title="Public page", slug="public-page", body=body)
    page.save_revision().publish()
    assert _found(client, "quokkas", page)

    restrict_collection(collection, groups=[members_group])

    assert not _found(client, "quokkas", page)
    assert "Quokkas" not in _search(client, "quokkas grazing")

    collection.view_restrictions.all().delete()
    assert _found(client, "quokkas", page)


def test_moving_an_image_into_a_members_collection_takes_its_words_out_of_search(client, home_page, members_group):
    private = factories.CollectionFactory(name="Members only")
    restrict_collection(private, groups=[members_group])
    image = factories.CustomImageFactory(
        title="Moved image", file=factories._content_file(factories.png_bytes(), "zqx-moved.png")
    )
    body = [
        {
            "type": "image",
            "value": {"image": {"image": image.pk, "decorative": False, "alt_text": "Wombats"}, "caption": "Burrows"},
        }
    ]
    page = factories.StandardPageFactory(parent=home_page, title="Public page", slug="public-page", body=body)
    page.save_revision().publish()
    assert _found(client, "wombats", page) and _found(client, "burrows", page)

    image.collection = private
    image.save()

    assert not _found(client, "wombats", page)
    assert not _found(client, "burrows", page)


def test_a_search_snippet_never_quotes_a_hidden_images_alt_text_or_caption(client, home_page, hidden):
    body = [
        {"type": "rich_text", "value": "<p>Quokkas live on an island.</p>"},
        {
            "type": "image",
            "value": {
                "image": {"image": HIDDEN_IMAGE_ID, "decorative": False, "alt_text": "Quokkas zqxalt wording"},
                "caption": "Quokkas zqxcaption wording",
            },
        },
    ]
    page = factories.StandardPageFactory(parent=home_page, title="Public page", slug="public-page", body=body)
    page.save_revision().publish()

    results = _search(client, "quokkas")

    assert f'search-result__link" href="{page.url}"' in results
    assert "zqxalt" not in results
    assert "zqxcaption" not in results
