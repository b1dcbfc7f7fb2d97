"""Page types that exist once (``max_count = 1``) exist once in each language: an editor can add the French or
Spanish page of that type in that language's tree while the English one exists, and still not a second one in the
same language. Every such page type is walked (found by introspection), so a new one is covered without editing."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page, get_page_models

from tests.editors.conftest import enquiry_page, site_settings  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

ONCE_PER_LANGUAGE = sorted(
    (
        model
        for model in get_page_models()
        if model.max_count is not None and Page not in model.allowed_parent_page_models()
    ),
    key=lambda model: model.__name__,
)


def test_the_walk_finds_the_page_types_that_exist_once():
    assert {model.__name__ for model in ONCE_PER_LANGUAGE} >= {"AlliancePage", "WhyJoinPage", "MembershipEnquiryPage"}


@pytest.fixture
def english_pages(alliance_page, enquiry_page):  # noqa: F811
    """One English page of every type that exists once (and their parents)."""
    pages = {model: model.objects.get() for model in ONCE_PER_LANGUAGE}
    assert all(page.locale.language_code == "en" for page in pages.values())
    return pages


def add_page_address(model, parent):
    return reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))


@pytest.mark.parametrize("language", ["fr", "es"])
@pytest.mark.parametrize("model", ONCE_PER_LANGUAGE, ids=lambda model: model.__name__)
def test_an_editor_can_add_the_page_of_a_type_that_exists_once_in_another_languages_tree(
    admin_client, english_pages, model, language
):
    english = english_pages[model]
    locale = Locale.objects.get(language_code=language)
    parent = english.get_parent().specific.copy_for_translation(locale, copy_parents=True)
    parent.save_revision().publish()

    assert model.can_create_at(parent)
    assert admin_client.get(add_page_address(model, parent)).status_code == 200
    # Not a second English one, and not a second one in that language once it has one.
    assert not model.can_create_at(english.get_parent())
    english.copy_for_translation(locale)
    assert not model.can_create_at(parent)
    assert admin_client.get(add_page_address(model, parent)).status_code != 200
