"""The search backend: chosen from the environment, the portal's version of Wagtail's database backend, and still
Wagtail's for everything else that searches (the admin, other query types)."""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Not, PlainText

from home.models import StandardPage
from search.languages import marker
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
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'search_entry_%%' ORDER BY indexname"
        )
        indexes = dict(cursor.fetchall())
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'wagtailsearch_indexentry'")
        options = cursor.fetchone()[0]
    # Each kind's matches in one index scan: the content type is a key of each GIN index, beside the words.
    assert sorted(indexes) == [
        "search_entry_title_pkey",  # the entries' titles kept apart (0006) ...
        "search_entry_title_type_gin",  # ... with the same GIN index as the entries' titles
        "search_entry_type_language",  # each content type's entries of one language, in order (0007)
        "search_entry_type_title_gin",
        "search_entry_type_title_words_gin",
        "search_entry_type_vector_gin",
    ]
    assert indexes.pop("search_entry_title_pkey").endswith("USING btree (id)")
    assert indexes.pop("search_entry_type_language").endswith(
        "USING btree (content_type_id, portal_entry_language(title))"
    )
    assert "USING gin (content_type_id, portal_title_vector(title))" in indexes["search_entry_title_type_gin"]
    assert "USING gin (content_type_id, portal_search_vector(title, body))" in indexes["search_entry_type_vector_gin"]
    assert "USING gin (content_type_id, portal_title_vector(title))" in indexes["search_entry_type_title_gin"]
    assert (
        "(content_type_id, to_tsvector('simple'::regconfig, title_text))"
        in indexes["search_entry_type_title_words_gin"]
    )
    assert all("gin_pending_list_limit='256'" in definition for definition in indexes.values())
    assert "parallel_workers=0" in options


@pytest.mark.postgres
def test_each_entry_is_indexed_in_its_objects_language(home_page):
    """``portal_entry_language(title)`` (0007) reads an entry's language from its title's marker: the page's locale,
    the document's own language."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale

    from documents.models import PortalDocument
    from tests.search.conftest import document

    french_home = home_page.copy_for_translation(Locale.objects.get(language_code="fr"))
    french_home.save_revision().publish()
    english = factories.StandardPageFactory(parent=home_page, title="Housing")
    french = factories.StandardPageFactory(parent=french_home, title="Logement")
    spanish = document("Vivienda", "La vivienda.")
    PortalDocument.objects.filter(pk=spanish.pk).update(language="es")
    spanish.refresh_from_db()
    get_search_backend().add(spanish)
    found = {}
    with connection.cursor() as cursor:
        for name, obj in (("english", english), ("french", french), ("spanish", spanish)):
            cursor.execute(
                "SELECT portal_entry_language(title) FROM wagtailsearch_indexentry "
                "WHERE content_type_id = %s AND object_id = %s",
                [ContentType.objects.get_for_model(obj).pk, str(obj.pk)],
            )
            (found[name],) = cursor.fetchone()
        cursor.execute("SELECT portal_entry_language(''::tsvector)")
        assert cursor.fetchone() == (None,)
    assert found == {"english": "en", "french": "fr", "spanish": "es"}


LANGUAGE_QUERIES = (
    "ARRAY[plainto_tsquery('english', %(q)s), plainto_tsquery('french', %(q)s), plainto_tsquery('spanish', %(q)s)]"
)
MARKERS = "ARRAY[to_tsquery('simple', %(en)s), to_tsquery('simple', %(fr)s), to_tsquery('simple', %(es)s)]"
# Each language's query with its marker, nothing for a language in which the words are all stop words.
ONE_PER_LANGUAGE = (
    "portal_language_query(plainto_tsquery('english', %(q)s), to_tsquery('simple', %(en)s)) "
    "|| portal_language_query(plainto_tsquery('french', %(q)s), to_tsquery('simple', %(fr)s)) "
    "|| portal_language_query(plainto_tsquery('spanish', %(q)s), to_tsquery('simple', %(es)s))"
)


@pytest.mark.postgres
@pytest.mark.parametrize("every_language", [True, False])
def test_each_languages_query_is_written_once_and_matches_the_same_entries(every_language):
    markers = {code: f"'{marker(code)}'" for code in ("en", "fr", "es")}
    texts = {
        "en": ["The cooperative's budget", "Cooperation among cooperatives", "The annual report"],
        "fr": ["Les coopératives et leur budget", "Coopérer", "Le rapport annuel"],
        "es": ["Las cooperativas y su presupuesto", "Cooperar", "El informe anual"],
    }
    configs = {"en": "english", "fr": "french", "es": "spanish"}
    vectors = [
        (
            f"to_tsvector('{configs[code]}', %(text{index}_{code})s) || array_to_tsvector(ARRAY[%(raw_{code})s])",
            code,
            text,
        )
        for code, samples in texts.items()
        for index, text in enumerate(samples)
    ]
    for query in ["cooperatives", "coopératives", "budget", "annual report", "the", "le", "zzyzx"]:
        params = {"q": query, **markers, **{f"raw_{code}": marker(code) for code in configs}}
        params.update(
            {f"text{index}_{code}": text for code, samples in texts.items() for index, text in enumerate(samples)}
        )
        grouped = f"portal_languages_query({LANGUAGE_QUERIES}, {MARKERS}, {every_language})"
        columns = ", ".join(
            f"({vector}) @@ ({grouped}), ({vector}) @@ ({ONE_PER_LANGUAGE})" for vector, _code, _text in vectors
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT numnode({grouped}), numnode({ONE_PER_LANGUAGE}), {columns}", params)  # noqa: S608
            row = cursor.fetchone()
        nodes, nodes_one_per_language, matches = row[0], row[1], row[2:]
        for (_vector, code, text), grouped_match, expected in zip(vectors, matches[::2], matches[1::2], strict=True):
            assert grouped_match == expected, (query, code, text)
        if query in ("cooperatives", "budget"):
            # Stemmed alike in two or three languages: fewer words and markers for the index to read.
            assert nodes < nodes_one_per_language, query
        if query in ("the", "le", "zzyzx"):
            # A stop word where it is one matches nothing there (not every entry of the language), and no entry
            # holds the other languages' word.
            assert not any(matches), query
        else:
            assert any(matches[::2]), query


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


@pytest.mark.postgres
def test_title_suggestions_rank_fewer_candidates_than_search_and_still_give_the_best_titles(home_page):
    from django.test.utils import CaptureQueriesContext

    from search.backends.postgres import AUTOCOMPLETE_CANDIDATES

    def title(number):
        return " ".join(["Cooperative", *(f"part{word}" for word in range(number))])

    # Thirty matching titles, longer and longer: the shortest are the best suggestions (Wagtail's title norm).
    for number in range(30):
        factories.StandardPageFactory(parent=home_page, title=title(number))
    backend = get_search_backend()
    with CaptureQueriesContext(connection) as queries:
        found = [page.title for page in backend.autocomplete("coop", StandardPage, fields=["title"])[:8]]
    assert found == [title(number) for number in range(8)]
    # Twice the candidates (taken before the access check), not twice search's hundred.
    (sql,) = [query["sql"] for query in queries.captured_queries if "ORDER BY" in query["sql"]]
    assert f"LIMIT {2 * max(AUTOCOMPLETE_CANDIDATES, 8)})" in sql
    assert "LIMIT 200)" not in sql


@pytest.mark.postgres
def test_title_suggestions_of_several_page_types_check_the_type_on_each_entry_and_documents_use_the_index(home_page):
    """A GIN index scans ``content_type_id = ANY(<types>)`` once per type, each time reading every entry with a word
    that starts as typed: the page types' suggestions read the words' entries once and check their type on each
    (``+ 0`` keeps it out of the indexes' reach); the documents' single type stays in the index's scan."""
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    from documents.models import PortalDocument
    from tests.search.conftest import document

    factories.StandardPageFactory(parent=home_page, title="Cooperative housing")
    document("Cooperative accounts", "The accounts.")
    backend = get_search_backend()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a test database is small enough to be read whole
    plans = {}
    for model in (Page, PortalDocument):
        with CaptureQueriesContext(connection) as queries:
            found = [obj.title for obj in backend.autocomplete("coop", model, fields=["title"])[:8]]
        assert found == ["Cooperative housing" if model is Page else "Cooperative accounts"]
        (sql,) = [query["sql"] for query in queries.captured_queries if "title_text" in query["sql"]]
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}")
            plans[model] = "\n".join(row[0] for row in cursor.fetchall())
    index_scans = {
        model: [line for line in plan.splitlines() if "Index Cond" in line and "to_tsvector" in line]
        for model, plan in plans.items()
    }
    assert index_scans[Page] and all("content_type_id" not in line for line in index_scans[Page]), plans[Page]
    assert "(content_type_id + 0) = ANY" in plans[Page]
    # The documents' candidates are found by their type in an index (the GIN index's or, on so small a table, the
    # content type's b-tree), not checked entry by entry; the rank's look-up of each object's entry (by type and
    # object id) is another matter.
    assert "+ 0" not in plans[PortalDocument]
    candidates_by_type = [
        line
        for line in plans[PortalDocument].splitlines()
        if "Index Cond:" in line and "content_type_id" in line and "object_id" not in line
    ]
    assert candidates_by_type, plans[PortalDocument]
