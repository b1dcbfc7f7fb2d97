"""The API in three languages: ``?locale=`` on ``/api/v2/pages/``, each page's language and translations, and each
document's translation set, with members-only translations shown only to those who may see them."""

import uuid

import pytest
from wagtail.models import Locale

from tests import factories
from tests.api.conftest import bearer
from tests.api.test_openapi import response_schema, validate_against
from tests.fixtures import restrict_page

pytestmark = pytest.mark.django_db


def translate(page, language_code, title):
    """``page``'s translation in ``language_code``, published (its parent's translation must exist)."""
    locale = Locale.objects.get(language_code=language_code)
    translation = page.get_translation_or_none(locale) or page.copy_for_translation(locale)
    translation = translation.specific
    translation.title = title
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


@pytest.fixture
def translated(api_site, members_group):
    """The home and about pages in French and Spanish; the members' area in French, members-only like its
    original."""
    french_home = translate(api_site.home, "fr", "Accueil")
    spanish_home = translate(api_site.home, "es", "Inicio")
    french_about = translate(api_site.about, "fr", "À propos")
    spanish_about = translate(api_site.about, "es", "Quiénes somos")
    french_section = translate(api_site.section, "fr", "Espace membres")
    restrict_page(french_section, groups=[members_group])
    return {
        "fr_home": french_home,
        "es_home": spanish_home,
        "fr_about": french_about,
        "es_about": spanish_about,
        "fr_section": french_section,
    }


@pytest.fixture
def openapi(api_client):
    return api_client.get("/api/v2/openapi.json").json()


def items(response):
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_locale_lists_the_pages_in_that_language(api_client, translated, openapi):
    response = api_client.get("/api/v2/pages/", {"locale": "fr", "limit": 50})
    listed = items(response)
    assert {item["title"] for item in listed} == {"Accueil", "À propos"}
    assert {item["meta"]["locale"] for item in listed} == {"fr"}
    validate_against(openapi, response_schema(openapi, "/api/v2/pages/"), response.json())


def test_without_locale_pages_of_every_language_are_listed_with_their_language(api_client, api_site, translated):
    listed = items(api_client.get("/api/v2/pages/", {"limit": 50}))
    by_title = {item["title"]: item["meta"]["locale"] for item in listed}
    assert by_title["À propos"] == "fr"
    assert by_title["Quiénes somos"] == "es"
    assert by_title[api_site.about.title] == "en"


@pytest.mark.parametrize("value", ["de", "FR", "", "fr-fr", "français"])
def test_an_unknown_locale_is_a_400_naming_the_languages(api_client, api_site, value):
    response = api_client.get("/api/v2/pages/", {"locale": value})
    assert response.status_code == 400
    assert response.json() == {"message": "locale must be one of: en, fr, es"}


def test_each_page_lists_its_translations(api_client, api_site, translated, openapi):
    response = api_client.get(f"/api/v2/pages/{api_site.about.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["locale"] == "en"
    translations = data["meta"]["translations"]
    assert [entry["locale"] for entry in translations] == ["fr", "es"]
    french = translations[0]
    assert french["id"] == translated["fr_about"].pk
    assert french["title"] == "À propos"
    assert french["html_url"].endswith(translated["fr_about"].url)
    assert french["html_url"].split("/", 3)[3].startswith("fr/")
    assert french["detail_url"].endswith(f"/api/v2/pages/{translated['fr_about'].pk}/")
    assert api_client.get(french["detail_url"]).json()["meta"]["translations"][0]["locale"] == "en"
    validate_against(openapi, response_schema(openapi, "/api/v2/pages/{id}/"), data)


def test_listing_items_carry_their_translations(api_client, api_site, translated):
    listed = items(api_client.get("/api/v2/pages/", {"locale": "en", "limit": 50}))
    about = next(item for item in listed if item["id"] == api_site.about.pk)
    assert {entry["locale"] for entry in about["meta"]["translations"]} == {"fr", "es"}


def test_a_members_only_translation_is_not_listed_for_anonymous_requests(api_client, api_site, translated):
    section = api_client.get(f"/api/v2/pages/{api_site.section.pk}/")
    assert section.status_code == 404  # the original is members-only too
    listed = items(api_client.get("/api/v2/pages/", {"locale": "fr", "limit": 50}))
    assert "Espace membres" not in {item["title"] for item in listed}
    assert b"Espace membres" not in api_client.get("/api/v2/pages/", {"limit": 100}).content


def test_a_members_only_translation_is_listed_for_a_members_token(api_client, api_site, translated, member_token):
    response = api_client.get(f"/api/v2/pages/{api_site.section.pk}/", **bearer(member_token))
    assert response.status_code == 200
    translations = response.json()["meta"]["translations"]
    assert [(entry["locale"], entry["title"]) for entry in translations] == [("fr", "Espace membres")]


def test_a_members_only_translation_makes_its_whole_set_members_only_in_the_api(
    api_client, api_site, translated, member_token, members_group
):
    """Privacy is shared by a page's translations (members.access): once the French version is members-only, the
    English and Spanish ones answer anonymous requests as missing pages, and a member still gets all three."""
    restrict_page(translated["fr_about"], groups=[members_group])
    assert api_client.get(f"/api/v2/pages/{api_site.about.pk}/").status_code == 404
    listed = api_client.get("/api/v2/pages/", {"limit": 50}).json()["items"]
    assert api_site.about.pk not in [item["id"] for item in listed]
    member = api_client.get(f"/api/v2/pages/{api_site.about.pk}/", **bearer(member_token)).json()
    assert [entry["locale"] for entry in member["meta"]["translations"]] == ["fr", "es"]


def test_find_by_a_french_path_redirects_to_the_french_page(api_client, translated):
    response = api_client.get("/api/v2/pages/find/", {"html_path": translated["fr_about"].url})
    assert response.status_code == 302
    assert response["Location"].split("?")[0].endswith(f"/api/v2/pages/{translated['fr_about'].pk}/")


# Documents


@pytest.fixture
def document_set(api_site, members_collection):
    """The annual report in English (public), French (public) and Spanish (members-only)."""
    english = api_site.public_doc
    french = factories.PortalDocumentFactory(title="Rapport annuel public", language="fr")
    spanish = factories.PortalDocumentFactory(
        title="Informe anual reservado", language="es", collection=members_collection
    )
    key = uuid.uuid4()
    for document in (english, french, spanish):
        document.translation_key = key
        document.save(update_fields=["translation_key"])
    return english, french, spanish


def test_a_document_lists_its_translation_set(api_client, document_set, openapi):
    english, french, _spanish = document_set
    response = api_client.get(f"/api/v2/documents/{english.pk}/")
    assert response.status_code == 200
    translations = response.json()["translations"]
    assert [(entry["id"], entry["language"]) for entry in translations] == [(french.pk, "fr")]
    assert translations[0]["title"] == "Rapport annuel public"
    assert translations[0]["detail_url"].endswith(f"/api/v2/documents/{french.pk}/")
    assert translations[0]["download_url"].endswith(french.url)
    validate_against(openapi, response_schema(openapi, "/api/v2/documents/{id}/"), response.json())


def test_a_members_only_translation_of_a_document_is_hidden_from_anonymous_requests(api_client, document_set):
    english, _french, _spanish = document_set
    response = api_client.get("/api/v2/documents/", {"limit": 50})
    assert b"Informe anual reservado" not in response.content
    listed = {item["id"]: item for item in items(response)}
    assert [entry["language"] for entry in listed[english.pk]["translations"]] == ["fr"]


def test_a_members_token_sees_the_whole_document_set(api_client, document_set, member_token, openapi):
    english, french, spanish = document_set
    response = api_client.get("/api/v2/documents/", {"limit": 50}, **bearer(member_token))
    listed = {item["id"]: item for item in items(response)}
    assert [entry["id"] for entry in listed[english.pk]["translations"]] == [french.pk, spanish.pk]
    assert [entry["id"] for entry in listed[spanish.pk]["translations"]] == [english.pk, french.pk]
    validate_against(openapi, response_schema(openapi, "/api/v2/documents/"), response.json())


def test_documents_filter_by_language(api_client, document_set):
    _english, french, _spanish = document_set
    listed = items(api_client.get("/api/v2/documents/", {"language": "fr"}))
    assert [item["id"] for item in listed] == [french.pk]
    assert api_client.get("/api/v2/documents/", {"language": "all"}).status_code == 400
