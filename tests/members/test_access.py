"""members.access: the one module that decides which pages and documents a request may see."""

import pytest
from django.contrib.auth.models import Group
from django.db.models import Q
from wagtail.models import BaseViewRestriction, Page, PageViewRestriction

from home.models import StandardPage
from members import access
from tests import factories
from tests.fixtures import restrict_collection, restrict_page

LOGIN = BaseViewRestriction.LOGIN
GROUPS = BaseViewRestriction.GROUPS
PASSWORD = BaseViewRestriction.PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_page(home_page):
    return factories.StandardPageFactory(parent=home_page, title="Public")


@pytest.fixture
def groups_page(home_page, members_group):
    page = factories.StandardPageFactory(parent=home_page, title="Members area")
    restrict_page(page, GROUPS, [members_group])
    return page


@pytest.fixture
def login_page(home_page):
    page = factories.StandardPageFactory(parent=home_page, title="Logged-in area")
    restrict_page(page, LOGIN)
    return page


@pytest.fixture
def users(member, non_member, superuser):
    return {"anonymous": None, "non_member": non_member, "member": member, "superuser": superuser}


def visible_ids(make_request, user, queryset=None):
    return set(access.visible_pages(make_request(user), queryset).values_list("id", flat=True))


# visible_pages / can_view_page with a "groups" restriction


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", False), ("non_member", False), ("member", True), ("superuser", True)],
)
def test_groups_restricted_page_is_visible_only_to_the_group_and_superusers(
    make_request, users, groups_page, public_page, who, expected
):
    ids = visible_ids(make_request, users[who])
    assert public_page.id in ids
    assert (groups_page.id in ids) is expected
    assert access.can_view_page(make_request(users[who]), groups_page) is expected
    assert access.can_view_page(make_request(users[who]), public_page) is True


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", False), ("non_member", True), ("member", True), ("superuser", True)],
)
def test_login_restricted_page_is_visible_to_any_logged_in_user(make_request, users, login_page, who, expected):
    assert (login_page.id in visible_ids(make_request, users[who])) is expected
    assert access.can_view_page(make_request(users[who]), login_page) is expected


@pytest.mark.parametrize("who", ["anonymous", "non_member", "member", "superuser"])
def test_password_restricted_page_is_hidden_from_every_listing(make_request, users, home_page, who):
    page = factories.StandardPageFactory(parent=home_page, title="Shared password")
    PageViewRestriction.objects.create(page=page, restriction_type=PASSWORD, password="secret")
    assert page.id not in visible_ids(make_request, users[who])
    assert access.can_view_page(make_request(users[who]), page) is False


def test_subtree_of_a_restricted_page_is_hidden_from_anonymous(make_request, groups_page):
    child = factories.StandardPageFactory(parent=groups_page, title="Child")
    grandchild = factories.StandardPageFactory(parent=child, title="Grandchild")
    ids = visible_ids(make_request, None)
    assert child.id not in ids
    assert grandchild.id not in ids
    assert access.can_view_page(make_request(), grandchild) is False


def test_subtree_of_a_restricted_page_is_visible_to_a_member(make_request, member, groups_page):
    grandchild = factories.StandardPageFactory(parent=factories.StandardPageFactory(parent=groups_page))
    assert grandchild.id in visible_ids(make_request, member)
    assert access.can_view_page(make_request(member), grandchild) is True


def test_sibling_whose_path_shares_a_prefix_is_not_hidden(make_request, home_page, members_group):
    """A restriction on one page hides its subtree, not the pages that merely follow it in the tree."""
    first = factories.StandardPageFactory(parent=home_page, title="First")
    second = factories.StandardPageFactory(parent=home_page, title="Second")
    restrict_page(first, GROUPS, [members_group])
    ids = visible_ids(make_request, None)
    assert first.id not in ids
    assert second.id in ids


def test_member_of_another_group_cannot_see_a_groups_restricted_page(make_request, groups_page):
    moderator = factories.UserFactory(groups=["Moderators"])
    assert groups_page.id not in visible_ids(make_request, moderator)


def test_inactive_member_cannot_see_a_groups_restricted_page(make_request, groups_page):
    inactive = factories.UserFactory(groups=["Members"], is_active=False)
    assert access.can_view_page(make_request(inactive), groups_page) is False


def test_draft_pages_are_not_visible_even_to_superusers(make_request, superuser, home_page):
    draft = factories.StandardPageFactory(parent=home_page, title="Draft", live=False)
    assert draft.id not in visible_ids(make_request, superuser)
    assert access.can_view_page(make_request(superuser), draft) is False


def test_visible_pages_narrows_the_given_queryset(make_request, home_page, public_page, groups_page):
    ids = visible_ids(make_request, None, home_page.get_children())
    assert ids == {public_page.id}


@pytest.mark.parametrize("prefixes", [["0001"], ["00010002", "0001%_\\x", "000100030004"]])
def test_denied_paths_are_excluded_with_the_orms_own_startswith_sql(prefixes):
    """``StartsWithAny`` compiles to exactly what ``Q(path__startswith=...) | ...`` compiles to, escapes included, on
    this database, for pages and for a page type (its path through the join to the page table)."""
    for queryset in (Page.objects.live(), StandardPage.objects.filter(title="x").values("pk")):
        condition = Q()
        for prefix in prefixes:
            condition |= Q(path__startswith=prefix)
        expected = queryset.exclude(condition).query.sql_with_params()
        assert access._exclude_paths(queryset, "path", prefixes).query.sql_with_params() == expected


def test_many_denied_areas_each_hide_their_subtree_and_nothing_else(make_request, home_page, members_group):
    sections = [factories.StandardPageFactory(parent=home_page, title=f"Section {n}") for n in range(4)]
    children = [factories.StandardPageFactory(parent=section, title="Inside") for section in sections]
    for section in sections[:3]:
        restrict_page(section, GROUPS, [members_group])
    ids = visible_ids(make_request, None)
    assert ids.isdisjoint({page.id for page in sections[:3] + children[:3]})
    assert {sections[3].id, children[3].id} <= ids


# Documents


@pytest.fixture
def documents(members_collection):
    child_collection = factories.CollectionFactory(name="Minutes", parent=members_collection)
    return {
        "public": factories.PortalDocumentFactory(title="Annual report"),
        "restricted": factories.PortalDocumentFactory(title="Members' budget", collection=members_collection),
        "nested": factories.PortalDocumentFactory(title="Board minutes", collection=child_collection),
    }


@pytest.mark.parametrize(
    ("who", "sees_restricted"),
    [("anonymous", False), ("non_member", False), ("member", True), ("superuser", True)],
)
def test_visible_documents_hides_restricted_collections_and_their_children(
    make_request, users, documents, who, sees_restricted
):
    titles = set(access.visible_documents(make_request(users[who])).values_list("title", flat=True))
    expected = {"Annual report"} | ({"Members' budget", "Board minutes"} if sees_restricted else set())
    assert titles == expected


@pytest.mark.parametrize(
    ("who", "sees_restricted"),
    [("anonymous", False), ("non_member", False), ("member", True), ("superuser", True)],
)
def test_filter_visible_documents_keeps_order_and_drops_hidden_and_missing(
    make_request, users, documents, who, sees_restricted
):
    chosen = [documents["nested"], None, documents["public"], documents["restricted"]]
    kept = access.filter_visible_documents(make_request(users[who]), chosen)
    if sees_restricted:
        assert kept == [documents["nested"], documents["public"], documents["restricted"]]
    else:
        assert kept == [documents["public"]]


@pytest.mark.parametrize(("who", "expected"), [("anonymous", False), ("non_member", True), ("member", True)])
def test_login_restricted_collection_is_visible_to_any_logged_in_user(make_request, users, who, expected):
    collection = factories.CollectionFactory(name="Logged-in documents")
    restrict_collection(collection, LOGIN)
    document = factories.PortalDocumentFactory(collection=collection)
    assert access.can_view_document(make_request(users[who]), document) is expected
    assert access.visible_documents(make_request(users[who])).filter(pk=document.pk).exists() is expected


# The cached restriction rows


def test_restriction_rows_are_read_from_the_cache_once_warm(make_request, groups_page, django_assert_num_queries):
    access.denied_page_paths(make_request())
    with django_assert_num_queries(0):
        assert access.denied_page_paths(make_request()) == [groups_page.path]


def test_a_restriction_inside_a_denied_area_adds_no_second_condition(
    make_request, users, groups_page, login_page, public_page
):
    # A page under the members' area restricted again (to logged-in users): for a visitor it is hidden by the
    # area's own prefix, so the listings' SQL excludes the area's subtree once, not each restriction's.
    inner = factories.StandardPageFactory(parent=groups_page, title="Inner area")
    restrict_page(inner, LOGIN)
    leaf = factories.StandardPageFactory(parent=inner, title="Inner page")
    assert access.denied_page_paths(make_request()) == sorted([groups_page.path, login_page.path])
    assert visible_ids(make_request, None).isdisjoint({groups_page.id, inner.id, leaf.id, login_page.id})
    assert public_page.id in visible_ids(make_request, None)
    # A logged-in non-member passes the inner restriction but not the area's: still hidden by the area alone.
    assert access.denied_page_paths(make_request(users["non_member"])) == [groups_page.path]
    assert visible_ids(make_request, users["non_member"]).isdisjoint({groups_page.id, inner.id, leaf.id})


def test_adding_a_page_restriction_hides_the_page_without_clearing_the_cache(make_request, public_page, members_group):
    assert access.can_view_page(make_request(), public_page) is True  # fills the cache
    restrict_page(public_page, GROUPS, [members_group])
    assert access.can_view_page(make_request(), public_page) is False


def test_removing_a_page_restriction_shows_the_page_without_clearing_the_cache(make_request, groups_page):
    assert access.can_view_page(make_request(), groups_page) is False  # fills the cache
    PageViewRestriction.objects.filter(page=groups_page).delete()
    assert access.can_view_page(make_request(), groups_page) is True


def test_changing_a_restrictions_groups_updates_who_sees_the_page(make_request, member, groups_page):
    assert access.can_view_page(make_request(member), groups_page) is True  # fills the cache
    restriction = PageViewRestriction.objects.get(page=groups_page)
    restriction.groups.set([Group.objects.get(name="Moderators")])
    assert access.can_view_page(make_request(member), groups_page) is False
    restriction.groups.add(Group.objects.get(name="Members"))
    assert access.can_view_page(make_request(member), groups_page) is True


def test_changing_a_restrictions_type_updates_who_sees_the_page(make_request, non_member, groups_page):
    assert access.can_view_page(make_request(non_member), groups_page) is False  # fills the cache
    restriction = PageViewRestriction.objects.get(page=groups_page)
    restriction.restriction_type = LOGIN
    restriction.save()
    assert access.can_view_page(make_request(non_member), groups_page) is True


def test_moving_a_restricted_page_keeps_it_hidden_at_its_new_place(make_request, home_page, groups_page):
    new_parent = factories.StandardPageFactory(parent=home_page, title="New parent")
    assert access.can_view_page(make_request(), groups_page) is False  # fills the cache with the old path
    groups_page.move(new_parent, pos="last-child")
    groups_page.refresh_from_db()
    assert access.can_view_page(make_request(), groups_page) is False
    assert groups_page.id not in visible_ids(make_request, None)
    assert new_parent.id in visible_ids(make_request, None)


def test_adding_a_collection_restriction_hides_its_documents_without_clearing_the_cache(make_request, members_group):
    collection = factories.CollectionFactory(name="Soon private")
    document = factories.PortalDocumentFactory(collection=collection)
    assert access.can_view_document(make_request(), document) is True  # fills the cache
    restriction = restrict_collection(collection, GROUPS, [members_group])
    assert access.can_view_document(make_request(), document) is False
    restriction.delete()
    assert access.can_view_document(make_request(), document) is True


def test_changing_a_collection_restrictions_groups_updates_who_sees_its_documents(make_request, member, documents):
    assert access.can_view_document(make_request(member), documents["restricted"]) is True  # fills the cache
    restriction = documents["restricted"].collection.view_restrictions.get()
    restriction.groups.clear()
    assert access.can_view_document(make_request(member), documents["restricted"]) is False
