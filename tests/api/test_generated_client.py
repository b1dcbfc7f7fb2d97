"""A client generated from the OpenAPI description works: the description is usable, not only valid.

``openapi-python-client`` generates a typed Python client from ``/api/v2/openapi.json`` as the live server serves it,
into a temporary folder, and that client (httpx over a real socket) lists pages, reads the Alliance page's key
figures through the generated ``AboutAlliancePage`` model, gets an error in the documented shape, and lists a
member's documents with the member's personal token.
"""

import importlib
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.request import urlopen

import pytest

from tests.api.conftest import bearer

pytest.importorskip("openapi_python_client", reason="openapi-python-client is not installed (requirements-dev.txt)")

PACKAGE = "portal_api_client"


@pytest.fixture
def generated_client(live_server, tmp_path):
    """The package generated from the live description, imported (and forgotten again afterwards)."""
    generator = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent)) or shutil.which(
        "openapi-python-client"
    )
    assert generator, "openapi-python-client is installed but its command is not found"
    with urlopen(f"{live_server.url}/api/v2/openapi.json", timeout=30) as response:  # noqa: S310 (the live server)
        (tmp_path / "openapi.json").write_bytes(response.read())
    # No post hooks: the generated code is imported as it is, not formatted.
    (tmp_path / "config.yml").write_text(f"package_name_override: {PACKAGE}\npost_hooks: []\n")
    result = subprocess.run(  # noqa: S603
        [
            generator,
            "generate",
            "--path",
            str(tmp_path / "openapi.json"),
            "--config",
            str(tmp_path / "config.yml"),
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / PACKAGE),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name == PACKAGE or name.startswith(PACKAGE + ".")]:
            del sys.modules[name]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_client_generated_from_the_description_reads_pages_key_figures_and_a_members_documents(
    generated_client, live_server, api_site, member_token
):
    # Each client is closed at the end (a kept-alive connection would keep a server thread and its database
    # connection alive past the test).
    client = generated_client.Client(base_url=live_server.url, raise_on_unexpected_status=True)
    member = generated_client.AuthenticatedClient(
        base_url=live_server.url, token=member_token, raise_on_unexpected_status=True
    )
    with client, member:
        use_the_client(client, member, api_site, member_token)


def use_the_client(client, member, api_site, member_token):
    from portal_api_client.api.default import get_page, list_documents, list_pages
    from portal_api_client.models import AboutAlliancePage, Error, ListDocumentsResponse200, ListPagesResponse200

    # Pages: the listing, typed.
    pages = list_pages.sync(client=client, limit=50)
    assert isinstance(pages, ListPagesResponse200)
    titles = {item["title"] for item in pages.items}
    assert {api_site.home.title, api_site.about.title, api_site.alliance.title} <= titles
    assert api_site.notices.title not in titles
    assert pages.meta.total_count == len(pages.items)

    # The Alliance page's key figures, through the generated model of its page type.
    alliance_ids = list_pages.sync(client=client, type_="about.AlliancePage", fields="_,id")
    assert [item["id"] for item in alliance_ids.items] == [api_site.alliance.pk]
    alliance = AboutAlliancePage.from_dict(get_page.sync(id=api_site.alliance.pk, client=client))
    assert alliance.meta.type_ == "about.AlliancePage"
    figures = (alliance.founded_year, alliance.member_organisations, alliance.countries, alliance.people_represented)
    page = api_site.alliance
    assert figures == (page.founded_year, page.member_organisations, page.countries, page.people_represented)
    assert all(isinstance(figure, int) and figure > 0 for figure in figures)
    assert {office.city for office in alliance.regional_offices} >= {"Brussels", "Nairobi"}

    # An error, in the documented shape.
    missing = get_page.sync(id=999999, client=client)
    assert isinstance(missing, Error)
    assert missing.message

    # A member's documents, with the member's personal token: the members-only one too, marked.
    assert member.get_httpx_client().headers["Authorization"] == bearer(member_token)["HTTP_AUTHORIZATION"]
    documents = list_documents.sync(client=member)
    assert isinstance(documents, ListDocumentsResponse200)
    by_title = {document.title: document for document in documents.items}
    assert by_title[api_site.private_doc.title].members_only is True
    assert by_title[api_site.public_doc.title].members_only is False
    anonymous = list_documents.sync(client=client)
    assert api_site.private_doc.title not in {document.title for document in anonymous.items}
