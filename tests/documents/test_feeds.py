"""Atom feeds: valid Atom, public feeds list only public documents and are cacheable, the personal feed lists what
its member may see and is private, revocable from My account."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from documents.models import PortalDocument
from members.models import FeedToken
from tests.documents.conftest import make_document, pdf_with_text
from tests.fixtures import html

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse_atom(response):
    """The feed's root after checking what RFC 4287 requires: a feed id, title and updated; for every entry an
    id, a title, an updated date and a link."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - the site's own feed
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}") is not None and root.find(f"{ATOM}{name}").text, name
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}").text, name
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
        assert re.match(r"\d{4}-\d\d-\d\dT", entry.find(f"{ATOM}updated").text)
    return root


def titles(root):
    return [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]


@pytest.fixture
def documents(library, categories, members_collection):
    guides = categories["guides"]
    return {
        "guide": make_document("Public guide", category=guides),
        "report": make_document("Public report"),
        "secret": make_document("Board minutes", collection=members_collection, category=guides),
    }


def test_documents_feed_is_valid_atom_listing_public_documents_newest_first(client, documents, library):
    root = parse_atom(client.get(reverse("documents_feed")))
    assert titles(root) == ["Public report", "Public guide"]
    link = root.find(f"{ATOM}entry").find(f"{ATOM}link").get("href")
    assert link.endswith(library.document_url(documents["report"]))


def test_documents_feed_never_lists_members_only_documents_even_to_a_member(client, member, documents):
    client.force_login(member)
    response = client.get(reverse("documents_feed"))
    assert b"Board minutes" not in response.content
    assert documents["secret"].url.encode() not in response.content


def test_category_feed_lists_that_categorys_public_documents_only(client, documents):
    root = parse_atom(client.get(reverse("documents_category_feed", args=["guides"])))
    assert titles(root) == ["Public guide"]
    assert client.get(reverse("documents_category_feed", args=["no-such-category"])).status_code == 404


def test_an_updated_document_comes_first_with_its_version(client, documents, superuser):
    client.force_login(superuser)
    guide = documents["guide"]
    client.post(
        reverse("wagtaildocs:edit", args=[guide.pk]),
        {
            "title": guide.title,
            "file": SimpleUploadedFile("guide-2.pdf", pdf_with_text("Second.")),
            "collection": guide.collection_id,
            "category": guide.category_id,
            "publication_date": "2024-05-01",
            "language": "en",
            "version_note": "corrected figures on p. 4",
        },
    )
    client.logout()
    root = parse_atom(client.get(reverse("documents_feed")))
    first = root.find(f"{ATOM}entry")
    assert first.find(f"{ATOM}title").text == "Public guide (version 2)"
    assert "corrected figures on p. 4" in first.find(f"{ATOM}summary").text


def test_public_feeds_are_cacheable_and_tagged_for_purging_like_the_library(client, documents):
    response = client.get(reverse("documents_feed"))
    assert "public" in response["Cache-Control"]
    assert "s-maxage" in response["Cache-Control"]
    assert ",docs," in response["X-Cache-Tags"]
    pages = client.get(reverse("pages_feed"))
    assert "public" in pages["Cache-Control"] and ",pages," in pages["X-Cache-Tags"]


def test_library_page_links_the_feed_with_rel_alternate(client, documents, library):
    page = html(client.get(library.url))
    link = page.find("link", attrs={"rel": "alternate", "type": "application/atom+xml"})
    assert link is not None and link["href"] == reverse("documents_feed") + "?language=en"


def test_pages_feed_is_valid_atom_of_public_pages_only(client, library, private_area):
    root = parse_atom(client.get(reverse("pages_feed")))
    listed = titles(root)
    assert library.title in listed
    for page in private_area.get_descendants(inclusive=True):
        assert page.title not in listed


# The personal feed


def make_feed_url(client, user):
    client.force_login(user)
    response = client.post(reverse("members:create_feed_token"))
    assert response.status_code == 200
    url = html(response).find(id="new-feed-url")["value"]
    client.logout()
    return url.split("testserver", 1)[-1]


def test_a_member_makes_a_personal_feed_that_includes_members_only_documents(client, member, documents):
    url = make_feed_url(client, member)
    response = client.get(url)
    root = parse_atom(response)
    assert "Board minutes [members only]" in titles(root)
    assert "Public guide" in titles(root)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "X-Cache-Tags" not in response


def test_a_non_members_personal_feed_lists_no_members_only_document(client, non_member, documents):
    url = make_feed_url(client, non_member)
    response = client.get(url)
    assert b"Board minutes" not in response.content


def test_the_feed_token_is_stored_hashed_and_a_new_one_replaces_the_old(client, member, documents):
    first = make_feed_url(client, member)
    token = first.split("/")[3]
    assert not FeedToken.objects.filter(token_hash=token).exists()
    second = make_feed_url(client, member)
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_a_revoked_feed_address_answers_404(client, member, documents):
    url = make_feed_url(client, member)
    client.force_login(member)
    assert client.post(reverse("members:revoke_feed_token")).status_code == 302
    client.logout()
    response = client.get(url)
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]
    assert client.get("/feeds/personal/not-a-real-token-at-all-000/documents/").status_code == 404


def test_a_deactivated_members_feed_stops_working(client, member, documents):
    url = make_feed_url(client, member)
    member.is_active = False
    member.save()
    assert client.get(url).status_code == 404


def test_my_account_offers_the_feed_address_and_its_revocation(client, member):
    client.force_login(member)
    page = html(client.get(reverse("members:account")))
    assert page.find(id="personal-feed") is not None
    assert page.find("form", attrs={"action": reverse("members:create_feed_token")}) is not None


def test_feed_order_follows_the_latest_change(client, documents):
    PortalDocument.objects.filter(pk=documents["guide"].pk).update(
        file_updated_at=timezone.now() + timedelta(minutes=5), version_number=2
    )
    assert titles(parse_atom(client.get(reverse("documents_feed"))))[0] == "Public guide (version 2)"


# Feeds in each language


def translated_library(library, language):
    copy = library.copy_for_translation(Locale.objects.get(language_code=language), copy_parents=True)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


@pytest.mark.parametrize(
    ("language", "feed_title", "subtitle"),
    [
        ("fr", "Documents nouveaux et mis à jour", "Les derniers ajouts et corrections de la bibliothèque"),
        ("es", "Documentos nuevos y actualizados", "Las últimas incorporaciones y correcciones de la biblioteca"),
    ],
)
def test_a_translated_librarys_feed_link_leads_to_a_feed_in_its_language(
    client, documents, library, language, feed_title, subtitle
):
    translated = translated_library(library, language)
    in_language = make_document(f"Document ({language})", language=language)
    page = html(client.get(translated.url))
    link = page.find("link", attrs={"rel": "alternate", "type": "application/atom+xml"})
    assert link["title"] == feed_title
    response = client.get(link["href"])
    root = parse_atom(response)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    assert root.find(f"{ATOM}title").text == feed_title
    assert root.find(f"{ATOM}subtitle").text.startswith(subtitle)
    # That language's documents, linked to that language's library; the English ones are in the English feed.
    assert titles(root) == [in_language.title]
    entry_link = root.find(f"{ATOM}entry").find(f"{ATOM}link").get("href")
    assert entry_link.endswith(translated.document_url(in_language))
    assert root.find(f"{ATOM}link").get("href").endswith(translated.url)
    assert titles(parse_atom(client.get(reverse("documents_feed"), {"language": "en"}))) == [
        "Public report",
        "Public guide",
    ]
    assert "public" in response["Cache-Control"] and ",docs," in response["X-Cache-Tags"]


def test_a_category_feed_in_french_lists_that_categorys_french_documents(client, documents, categories, library):
    translated_library(library, "fr")
    guide = make_document("Guide public", language="fr", category=categories["guides"])
    make_document("Rapport public", language="fr")
    root = parse_atom(client.get(reverse("documents_category_feed", args=["guides"]), {"language": "fr"}))
    assert root.find(f"{ATOM}title").text == "Documents nouveaux et mis à jour : Guides"
    assert titles(root) == [guide.title]


def test_the_pages_feed_in_a_language_lists_that_languages_pages_with_its_words(client, library, private_area):
    french = translated_library(library, "fr")
    french.title = "Bibliothèque de documents"
    french.save_revision().publish()
    root = parse_atom(client.get(reverse("pages_feed"), {"language": "fr"}))
    assert root.find(f"{ATOM}title").text == "Pages nouvelles et mises à jour"
    assert titles(root) == ["Bibliothèque de documents"]
    assert root.find(f"{ATOM}link").get("href").endswith("/fr/")
    english = titles(parse_atom(client.get(reverse("pages_feed"), {"language": "en"})))
    assert library.title in english and "Bibliothèque de documents" not in english
    # Without a language: every language, in English, as before.
    everything = parse_atom(client.get(reverse("pages_feed")))
    assert everything.find(f"{ATOM}title").text == "New and updated pages"
    assert {library.title, "Bibliothèque de documents"} <= set(titles(everything))


@pytest.mark.parametrize("value", ["de", "", "FR", "fr-ca", "all", "<script>"])
def test_a_feed_in_a_language_the_site_does_not_have_is_not_found(client, documents, value):
    for name, args in (("documents_feed", []), ("documents_category_feed", ["guides"]), ("pages_feed", [])):
        assert client.get(reverse(name, args=args), {"language": value}).status_code == 404, (name, value)


def test_a_personal_feed_in_spanish_marks_members_only_documents_in_spanish(client, member, documents):
    make_document("Acta de la junta", language="es", collection=documents["secret"].collection)
    url = make_feed_url(client, member)
    root = parse_atom(client.get(url, {"language": "es"}))
    assert root.find(f"{ATOM}title").text == f"Documentos nuevos y actualizados para {member.get_username()}"
    assert titles(root) == ["Acta de la junta [solo para miembros]"]
