"""The search backend: chosen from the environment, the portal's version of Wagtail's database backend, and still
Wagtail's for everything else that searches (the admin, other query types)."""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Not, PlainText

from home.models import StandardPage
from tests import factories
from tests.portal.test_settings import run_python

pytestmark = pytest.mark.django_db

SHOW_SEARCH = (
    "import django, json; django.setup(); from django.conf import settings; "
    "print(json.dumps(settings.WAGTAILSEARCH_BACKENDS['default']))"
)


def search_settings(env):
    result = run_python("portal.settings.dev", env, "-c", SHOW_SEARCH)
    assert result.returncode == 0, result.stderr
    import json

    return json.loads(result.stdout)


def test_the_database_backend_is_the_default():
    assert search_settings({}) == {"BACKEND": "search.backends.database", "SEARCH_CONFIG": "english"}


def test_elasticsearch_is_a_matter_of_environment():
    settings = search_settings(
        {"SEARCH_BACKEND": "elasticsearch8", "SEARCH_URL": "https://search.example.org:9200", "SEARCH_INDEX": "coop"}
    )
    assert settings["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert settings["URLS"] == ["https://search.example.org:9200"]
    assert settings["INDEX"] == "coop"


def test_opensearch_is_a_matter_of_environment():
    settings = search_settings({"SEARCH_BACKEND": "opensearch2", "SEARCH_URL": "http://a:9200,http://b:9200"})
    assert settings["BACKEND"] == "wagtail.search.backends.opensearch2"
    assert settings["URLS"] == ["http://a:9200", "http://b:9200"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SEARCH_BACKEND": "elasticsearch8"}, "needs SEARCH_URL"),
        ({"SEARCH_BACKEND": "solr", "SEARCH_URL": "http://solr"}, "is not one of"),
    ],
)
def test_an_incomplete_or_unknown_search_setting_refuses_to_start(env, message):
    result = run_python("portal.settings.dev", env, "-c", "import django; django.setup()")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_the_backend_is_the_portals_version_for_the_database():
    backend = get_search_backend()
    expected = "PortalPostgresSearchBackend" if connection.vendor == "postgresql" else "PortalSQLiteSearchBackend"
    assert type(backend).__name__ == expected


@pytest.fixture
def handbook(home_page):
    return factories.StandardPageFactory(parent=home_page, title="Coopérative handbook", intro="For new members.")


def test_other_query_types_still_work(handbook, home_page):
    factories.StandardPageFactory(parent=home_page, title="Other page", intro="Nothing.")
    backend = get_search_backend()
    assert [page.title for page in backend.search(PlainText("cooperative"), StandardPage)[:10]] == [
        "Coopérative handbook"
    ]
    assert "Coopérative handbook" not in [
        page.title for page in backend.search(Not(PlainText("handbook")), StandardPage)
    ]


def test_an_unsliced_search_and_its_count_agree(handbook):
    results = get_search_backend().search("handbook", StandardPage)
    assert results.count() == 1
    assert [page.title for page in results] == ["Coopérative handbook"]


def test_the_admin_page_search_finds_folded_words(admin_client, handbook):
    response = admin_client.get("/admin/pages/search/", {"q": "cooperative"})
    assert response.status_code == 200
    assert "Coopérative handbook" in response.content.decode()


@pytest.mark.postgres
def test_the_migration_made_the_vector_functions_and_their_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT proname, procost FROM pg_proc WHERE proname LIKE 'portal_%%_vector' ORDER BY proname")
        assert cursor.fetchall() == [("portal_search_vector", 5000.0), ("portal_title_vector", 5000.0)]
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'search_entry_%%' ORDER BY indexname")
        assert [row[0] for row in cursor.fetchall()] == [
            "search_entry_title_gin",
            "search_entry_title_words_gin",
            "search_entry_vector_gin",
        ]


@pytest.mark.postgres
def test_body_only_matches_beyond_the_candidates_are_a_sample_but_title_matches_all_come_first(home_page, settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**settings.WAGTAILSEARCH_BACKENDS["default"], "CANDIDATES": 3}}
    for number in range(6):
        factories.StandardPageFactory(parent=home_page, title=f"Note {number}", intro="About the budget.")
    factories.StandardPageFactory(parent=home_page, title="Budget", intro="The budget.")
    results = get_search_backend().search("budget", StandardPage)
    assert results[:3].count() == 3
    found = [page.title for page in results[:3]]
    assert found[0] == "Budget"
    assert len(set(found)) == 3
