"""Bad input is a 400 with a JSON error — never a 500, never a leak."""

import pytest

from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

BAD_QUERIES = [
    ("pages", "fields=nope", "unknown fields: nope"),
    ("pages", "fields=title(", "fields error"),
    ("pages", "type=unknown.Model", "type doesn't exist"),
    ("pages", "type=home.CustomImage", "type doesn't exist"),
    ("pages", "type=garbage", "type doesn't exist"),
    ("pages", "limit=100000", "limit cannot be higher than 50"),
    ("pages", "limit=-1", "limit must be a positive integer"),
    ("pages", "offset=-1", "offset must be a positive integer"),
    ("pages", "offset=abc", "offset must be a positive integer"),
    ("pages", "order=garbage", "cannot order by 'garbage'"),
    ("pages", "order=-garbage", "cannot order by '-garbage'"),
    ("pages", "child_of=abc", "child_of must be a positive integer"),
    ("pages", "ancestor_of=-5", "ancestor_of must be a positive integer"),
    ("pages", "child_of=99999999999999999999999", "child_of must be at most"),
    ("pages", "nonsense=1", "nonsense"),
    ("pages", "format=api", "not supported: format"),
    ("pages", "rich_text_format=db_html", "not supported: rich_text_format"),
    ("pages", "search=co&search_operator=xor", "search_operator"),
    ("pages", "first_published_at=soon", "not a valid value"),
    ("pages", "show_in_menus=maybe", "show_in_menus"),
    ("pages", "slug=%00", "null characters"),
    ("pages", "search=%00", "null characters"),
    ("pages", "search=" + "a" * 600, "too long"),
    ("pages", "fields=" + "a(" * 300, "too long"),
    ("pages", "search=co&order=slug", "cannot order by"),
    ("documents", "limit=100000", "limit cannot be higher"),
    ("documents", "year=abc", "invalid value for: year"),
    ("documents", "year=", "invalid value for: year"),
    ("documents", "language=&type=", "invalid value for: language, type"),
    ("documents", "category=not%20a%20slug", "invalid value for: category"),
    ("pages", "child_of=99999999999999999999999", "child_of must be at most 9223372036854775807"),
    ("pages", "offset=9223372036854775808", "offset must be at most 9223372036854775807"),
    ("pages", "limit=+5", "limit must be a positive integer"),
    ("pages", "offset=", "offset must be a positive integer"),
    ("pages", "child_of=-1", "child_of must be a positive integer"),
    ("documents", "fields=nope", "unknown fields"),
    ("images", "order=garbage", "cannot order by"),
    ("images", "fields=-nope", "unknown fields"),
]


@pytest.mark.parametrize(("endpoint", "query", "message"), BAD_QUERIES)
def test_bad_input_is_a_400_with_a_json_error(api_client, api_site, endpoint, query, message):
    response = api_client.get(f"/api/v2/{endpoint}/?{query}")
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"message"}
    assert message in data["message"]


@pytest.mark.parametrize(
    ("parameter", "message"),
    [
        ("child_of", "parent page doesn't exist"),
        ("descendant_of", "ancestor page doesn't exist"),
        ("ancestor_of", "descendant page doesn't exist"),
    ],
)
def test_a_tree_filter_naming_no_page_is_a_404_as_the_page_itself_would_be(api_client, api_site, parameter, message):
    """A well-formed id of no page is not bad input (a client that follows the description may send it): 404."""
    response = api_client.get(f"/api/v2/pages/?{parameter}=999999")
    assert response.status_code == 404
    assert response.json() == {"message": message}


def test_child_of_a_private_page_answers_exactly_like_a_missing_page(api_client, api_site, member_token):
    private = api_client.get(f"/api/v2/pages/?child_of={api_site.section.pk}")
    missing = api_client.get("/api/v2/pages/?child_of=999999")
    assert (private.status_code, private.content) == (missing.status_code, missing.content)
    assert private.status_code == 404
    assert api_site.section.title.encode() not in private.content
    assert api_client.get(f"/api/v2/pages/?child_of={api_site.section.pk}", **bearer(member_token)).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/find/?id=abc",
        "/api/v2/pages/99999999999999999999/",
        "/api/v2/pages/find/?html_path=/../../etc/passwd",
        "/api/v2/pages/find/",
        "/api/v2/documents/find/?id=1e9",
        "/api/v2/preview/",
        "/api/v2/preview/?token=abc",
    ],
)
def test_odd_requests_never_cause_a_server_error(api_client, api_site, url):
    response = api_client.get(url)
    assert response.status_code < 500
    assert set(response.json()) == {"message"}


def test_type_and_fields_of_a_specific_model(api_client, api_site):
    response = api_client.get("/api/v2/pages/?type=about.AlliancePage&fields=founded_year,nope")
    assert response.status_code == 400
    assert response.json() == {"message": "unknown fields: nope"}
