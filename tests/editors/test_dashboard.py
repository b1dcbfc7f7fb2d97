"""The admin dashboard: recent edits, most downloaded documents, popular searches."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from home.wagtail_hooks import popular_searches
from tests import factories
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return html(response)


def panel(soup, panel_id):
    """The dashboard panel ``{% panel id=panel_id %}`` (Wagtail gives its section the id ``<id>-section``)."""
    node = soup.find(id=f"{panel_id}-section")
    assert node is not None, f"no {panel_id} panel on the dashboard"
    return node


def test_recent_edits_panel_shows_the_pages_the_editor_edited(client, editor, home_page):
    page = factories.StandardPageFactory(parent=home_page, title="Co-operative week")
    page.save_revision(user=editor, log_action=True)
    soup = dashboard(client, editor)
    assert "Co-operative week" in text_of(panel(soup, "recent-edits"))


def test_most_downloaded_documents_panel_lists_documents_by_downloads(client, editor):
    for title, downloads in [("Guide", 12), ("Report", 40), ("Leaflet", 3), ("Never read", 0)]:
        document = factories.PortalDocumentFactory(title=title)
        type(document).objects.filter(pk=document.pk).update(download_count=downloads)
    node = panel(dashboard(client, editor), "most-downloaded-documents")
    rows = [[text_of(cell) for cell in row.find_all("td")] for row in node.select("tbody tr")]
    assert rows == [["Report", "40"], ["Guide", "12"], ["Leaflet", "3"]]
    assert node.find("a", href=reverse("portal_documents_downloads_report")) is not None


def test_most_downloaded_documents_panel_says_so_when_nothing_was_downloaded(client, editor):
    factories.PortalDocumentFactory(title="Guide")
    node = panel(dashboard(client, editor), "most-downloaded-documents")
    assert "No document has been downloaded yet." in text_of(node)


def hits(query_string, count, days_ago=0):
    query = Query.get(query_string)
    QueryDailyHits.objects.create(query=query, date=timezone.localdate() - timedelta(days=days_ago), hits=count)


def test_popular_searches_panel_lists_the_last_months_most_frequent_queries(client, editor):
    hits("membership", 7)
    hits("membership", 5, days_ago=3)
    hits("annual report", 9)
    hits("statutes", 2)
    hits("old news", 50, days_ago=45)
    node = panel(dashboard(client, editor), "popular-searches")
    rows = [[text_of(cell) for cell in row.find_all("td")] for row in node.select("tbody tr")]
    assert rows == [["membership", "12"], ["annual report", "9"], ["statutes", "2"]]


def test_site_searches_feed_the_popular_searches_panel(client, editor, home_page):
    factories.StandardPageFactory(parent=home_page, title="Membership fees")
    for _ in range(3):
        client.get(reverse("search"), {"q": "membership"})
    assert ("membership", 3) in popular_searches()


def test_popular_searches_panel_says_so_when_no_one_searched(client, moderator):
    assert "No one has searched the site" in text_of(panel(dashboard(client, moderator), "popular-searches"))


JUNK = ["<script>", "a", "42", "<b>housing</b>", "{{7*7}}", "x " * 60, "javascript:alert(1)", "%3cscript%3e"]


def test_popular_searches_panel_leaves_out_junk_logged_before(client, editor):
    for junk in JUNK:
        hits(junk, 100)
    hits("annual report", 4)
    hits("ica 2024", 3)
    node = panel(dashboard(client, editor), "popular-searches")
    rows = [[text_of(cell) for cell in row.find_all("td")] for row in node.select("tbody tr")]
    assert rows == [["annual report", "4"], ["ica 2024", "3"]]


@pytest.mark.parametrize("junk", JUNK)
def test_a_search_without_real_words_is_not_logged(client, home_page, junk):
    client.get(reverse("search"), {"q": junk})
    assert not Query.objects.exists()


@pytest.mark.parametrize("words", ["annual report", "coopérative", "ICA 2024", "co-op"])
def test_a_search_of_real_words_is_logged(client, home_page, words):
    client.get(reverse("search"), {"q": words})
    assert Query.objects.count() == 1
