"""A document's page in the library: metadata, Open Graph, the pages that link to it, the access ladder."""

from datetime import date

import pytest

from tests import factories
from tests.documents.conftest import make_document
from tests.fixtures import html, restrict_page, text_of

pytestmark = pytest.mark.django_db


def page_linking_to(parent, document, title, **kwargs):
    return factories.StandardPageFactory(
        parent=parent, title=title, related_documents=[{"type": "document", "value": document.pk}], **kwargs
    )


def detail_url(library, document):
    return f"{library.url}{document.pk}-{document.slug}/"


def test_detail_page_shows_the_documents_metadata_and_download(client, library, categories):
    document = make_document(
        "Guide de l'adhésion",
        description="Comment adhérer à la fédération.",
        category=categories["guides"],
        language="fr",
        published=date(2024, 3, 6),
        filename="Guide adhésion.pdf",
    )
    response = client.get(detail_url(library, document))
    assert response.status_code == 200
    main = html(response).find("main")
    assert text_of(main.find("h1")) == "Guide de l'adhésion"
    text = text_of(main)
    for expected in ["Comment adhérer", "6 March 2024", "Guides", "French", "PDF", document.size_label]:
        assert expected in text
    assert "Guide adhésion.pdf" in text
    assert main.select_one("a.document-detail__download")["href"] == document.url


def test_detail_page_has_open_graph_tags(client, library):
    document = make_document("Annual report", description="The year in review.", language="es")
    soup = html(client.get(detail_url(library, document)))
    og = {tag["property"]: tag["content"] for tag in soup.select("meta[property^='og:']")}
    assert og["og:title"] == "Annual report"
    assert og["og:description"] == "The year in review."
    assert og["og:url"] == f"http://localhost{detail_url(library, document)}"  # the Site record's address
    assert og["og:type"] == "article"
    assert og["og:locale"] == "es_ES"
    assert soup.select_one("link[rel=canonical]")["href"] == og["og:url"]


def test_detail_page_lists_the_pages_that_link_to_the_document(client, library, home_page):
    document = make_document("Statutes")
    page_linking_to(home_page, document, "Our rules")
    page_linking_to(home_page, document, "How we work")
    factories.StandardPageFactory(parent=home_page, title="Unrelated page")
    section = html(client.get(detail_url(library, document))).select_one(
        "section[aria-labelledby=linking-pages-heading]"
    )
    assert [text_of(link) for link in section.find_all("a")] == ["How we work", "Our rules"]


def test_detail_page_never_names_a_members_only_page_that_links_to_it(client, library, private_area, member):
    document = make_document("Statutes")
    page_linking_to(private_area, document, "Members' briefing on the statutes")
    assert "Members' briefing" not in text_of(html(client.get(detail_url(library, document))).find("main"))
    client.force_login(factories.UserFactory())
    assert "Members' briefing" not in text_of(html(client.get(detail_url(library, document))).find("main"))
    client.force_login(member)
    assert "Members' briefing" in text_of(html(client.get(detail_url(library, document))).find("main"))


def test_detail_page_with_a_wrong_slug_redirects_to_the_right_address(client, library):
    document = make_document("Annual report")
    response = client.get(f"{library.url}{document.pk}-old-title/")
    assert response.status_code == 301
    assert response["Location"] == detail_url(library, document)


def test_detail_page_of_a_document_outside_the_librarys_collection_is_not_found(client, home_page):
    reports = factories.CollectionFactory(name="Reports")
    library = factories.DocumentsLibraryPageFactory(parent=home_page, collection=reports, slug="reports")
    elsewhere = make_document("Elsewhere")
    assert client.get(detail_url(library, elsewhere)).status_code == 404
    assert client.get(f"{library.url}999999-nothing/").status_code == 404


def test_members_only_detail_page_follows_the_download_ladder(client, library, member, members_collection):
    document = make_document("Board minutes", collection=members_collection)
    url = detail_url(library, document)

    anonymous = client.get(url)
    assert anonymous.status_code == 404  # as a missing document: a guessed id learns nothing
    assert f"/en/login/?next={url}" in anonymous.content.decode()  # a member who is logged out can log in

    client.force_login(factories.UserFactory())
    refused = client.get(url)
    assert refused.status_code == 404
    assert "Board minutes" not in refused.content.decode()

    client.force_login(member)
    served = client.get(url)
    assert served.status_code == 200
    assert "private" in served["Cache-Control"] and "no-store" in served["Cache-Control"]
    assert html(served).select_one("main .badge--members") is not None


def test_a_restricted_library_page_refuses_its_detail_pages_too(client, library, members_group):
    restrict_page(library, groups=[members_group])
    document = make_document("Public report")
    assert client.get(detail_url(library, document)).status_code == 404
