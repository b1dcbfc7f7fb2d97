"""Integers past what the database can hold, in every integer parameter of the site and the API, are a clear 4xx.

SQLite refuses a Python integer past 64 bits (``OverflowError``), PostgreSQL an ``OFFSET`` or a comparison past its
column's range (``DataError``): either used to be a 500. The API answers a 400 in its error shape
(``{"message": ...}``) for a query parameter, and a 404 exactly like a missing object for an id in its path; the
site answers a 404 (an address naming no document) or shows the page as it does for any other odd page number.
"""

import pytest

from tests.api.conftest import api_site  # noqa: F401 - the API's content, as a fixture

pytestmark = pytest.mark.django_db

HUGE = [
    "2147483648",  # one past a 32-bit integer (PostgreSQL's ``integer`` ids)
    "9223372036854775808",  # one past a 64-bit integer (PostgreSQL's ``bigint``, SQLite's integers)
    "99999999999999999999999999",
    "-9223372036854775809",
]

API_PARAMETERS = [
    ("pages", "offset"),
    ("pages", "limit"),
    ("pages", "child_of"),
    ("pages", "descendant_of"),
    ("pages", "ancestor_of"),
    ("pages", "id"),
    ("pages", "depth"),
    ("pages", "numchild"),
    ("documents", "offset"),
    ("documents", "limit"),
    ("documents", "year"),
    ("images", "offset"),
    ("images", "limit"),
    ("images", "width"),
]

API_PATHS = [
    "/api/v2/pages/{value}/",
    "/api/v2/documents/{value}/",
    "/api/v2/images/{value}/",
    "/api/v2/pages/find/?id={value}",
    "/api/v2/documents/find/?id={value}",
    "/api/v2/images/find/?id={value}",
]


# Past what the OpenAPI description allows (its ``maximum`` for ids and ``offset`` is 2**63 - 1): a 400.
PAST_64_BITS = [value for value in HUGE if value != "2147483648"]


@pytest.mark.parametrize("value", PAST_64_BITS)
@pytest.mark.parametrize(("endpoint", "parameter"), API_PARAMETERS)
def test_an_api_parameter_out_of_range_is_a_400_json_error(client, api_site, endpoint, parameter, value):  # noqa: F811
    response = client.get(f"/api/v2/{endpoint}/", {parameter: value})
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"message"}
    assert parameter in data["message"] or "value" in data["message"]


@pytest.mark.parametrize(("endpoint", "parameter"), API_PARAMETERS)
def test_an_api_parameter_past_32_bits_is_answered_never_a_server_error(client, api_site, endpoint, parameter):  # noqa: F811
    """Within the description's range but past PostgreSQL's ``integer`` ids: an answer (an empty list, a 404 for a
    page that does not exist, a 400 for a field's own range), never a 500, on both databases."""
    response = client.get(f"/api/v2/{endpoint}/", {parameter: "2147483648"})
    assert response.status_code in (200, 400, 404), response.content[:300]
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("template", API_PATHS)
def test_an_api_id_past_32_bits_answers_like_a_missing_one(client, api_site, template):  # noqa: F811
    missing = client.get(template.format(value="999999"))
    response = client.get(template.format(value="2147483648"))
    assert response.status_code == missing.status_code == 404, response.content[:300]
    assert response.json() == missing.json()


@pytest.mark.parametrize("value", PAST_64_BITS[:2])
@pytest.mark.parametrize("template", API_PATHS)
def test_an_api_id_past_the_described_maximum_is_a_400_whatever_exists(client, api_site, template, value):  # noqa: F811
    """No object can have such an id, so the 400 says nothing about what exists; it is what the OpenAPI
    description's ``maximum`` promises."""
    response = client.get(template.format(value=value))
    assert response.status_code in (400, 404), response.content[:300]
    assert set(response.json()) == {"message"}


@pytest.mark.parametrize("value", [v for v in HUGE if not v.startswith("-")])
@pytest.mark.parametrize(
    "template",
    [
        "/en/documents/{value}-some-slug/",
        "/en/documents/{value}-/",
        "/files/{value}/some-file.pdf",
        "/files/{value}/v1/some-file.pdf",
        "/files/1/v{value}/some-file.pdf",
        "/share/new/{value}/",
        "/en/account/tokens/{value}/revoke/",
    ],
)
def test_a_site_address_naming_an_id_out_of_range_is_a_404(client, api_site, member, template, value):  # noqa: F811
    client.force_login(member)
    response = client.get(template.format(value=value))
    assert response.status_code in (404, 405), response.content[:300]


@pytest.mark.parametrize("value", HUGE)
@pytest.mark.parametrize(
    "address",
    [
        "/en/documents/?page={value}",
        "/en/documents/?year={value}",
        "/en/documents/?page={value}&q=report",
        "/en/search/?q=report&page={value}",
        "/en/search/?q=report&type=documents&page={value}",
        "/en/search/autocomplete/?q=re&limit={value}",
        "/sitemap-pages.xml?p={value}",
        "/sitemap-documents.xml?p={value}",
    ],
)
def test_a_site_parameter_out_of_range_is_answered_never_a_500(client, api_site, address, value):  # noqa: F811
    response = client.get(address.format(value=value))
    assert response.status_code in (200, 400, 404), response.content[:300]
