"""The shared cache on a real Redis (portal.cache.TolerantRedisCache): privacy changes reach it, a flush or a
restart empties it without serving stale privacy, and the site keeps answering while Redis is down."""

import pytest
import redis
from django.core.cache import cache
from django.test import override_settings

from members.access import PAGE_RESTRICTIONS_KEY
from tests.fixtures import restrict_page
from tests.redis_server import redis_server  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_redis(redis_server):  # noqa: F811
    """The site's cache is the throwaway Redis, emptied before and after the test."""
    if redis_server.process is None:
        redis_server.start()
    with override_settings(CACHES=redis_server.cache_settings(), CACHE_IS_SHARED=True):
        cache.clear()
        yield redis_server
        if redis_server.process is None:
            redis_server.start()
        cache.clear()


def assert_hidden(response, page):
    """Anonymous visitors are sent to log in (the restricted page itself) and never shown the page."""
    assert response.status_code == 302 and response["Location"].startswith("/en/login/"), response.status_code
    assert page.title not in response.content.decode()


def stored_keys(server):
    return [key.decode() for key in redis.Redis.from_url(server.url).keys("*")]


def test_restriction_rows_are_kept_in_redis(client, on_redis, about_page):
    assert client.get(about_page.url).status_code == 200
    assert any(PAGE_RESTRICTIONS_KEY in key for key in stored_keys(on_redis))


def test_a_page_made_members_only_is_not_served_to_anonymous_from_warm_redis(
    client, on_redis, about_page, members_group
):
    assert client.get(about_page.url).status_code == 200
    restrict_page(about_page, groups=[members_group])
    assert_hidden(client.get(about_page.url), about_page)


def test_after_a_flushdb_a_page_made_members_only_is_not_served_to_anonymous(
    client, on_redis, about_page, members_group
):
    assert client.get(about_page.url).status_code == 200
    redis.Redis.from_url(on_redis.url).flushdb()
    restrict_page(about_page, groups=[members_group])
    assert_hidden(client.get(about_page.url), about_page)
    assert_hidden(client.get(about_page.url), about_page)  # and again, from the refilled cache


def test_after_a_redis_restart_the_site_answers_and_privacy_holds(client, on_redis, about_page, members_group):
    assert client.get(about_page.url).status_code == 200
    on_redis.restart()
    assert stored_keys(on_redis) == []  # a restart empties it
    assert client.get(about_page.url).status_code == 200
    restrict_page(about_page, groups=[members_group])
    assert_hidden(client.get(about_page.url), about_page)


def test_while_redis_is_down_pages_are_served_from_the_database_without_a_500(
    client, on_redis, home_page, about_page, private_area, member
):
    assert client.get(about_page.url).status_code == 200
    on_redis.stop()
    assert client.get(home_page.url).status_code == 200
    assert client.get(about_page.url).status_code == 200
    notices = private_area.get_children().get()
    assert client.get(notices.url).status_code == 404  # still hidden from anonymous visitors
    client.force_login(member)
    assert client.get(notices.url).status_code == 200


def test_a_privacy_change_while_redis_is_down_fails_loudly_rather_than_leave_stale_rows(
    client, on_redis, about_page, members_group
):
    assert client.get(about_page.url).status_code == 200
    on_redis.stop()
    with pytest.raises(redis.exceptions.ConnectionError):
        restrict_page(about_page, groups=[members_group])


def test_reads_and_writes_degrade_to_misses_while_redis_is_down(on_redis):
    cache.set("kept", 1)
    on_redis.stop()
    assert cache.get("kept") is None
    assert cache.get_many(["kept"]) == {}
    cache.set("other", 2)  # skipped, not raised
    assert cache.add("window", 1, 60) is True
    with pytest.raises(ValueError):
        cache.incr("window")


def test_one_redis_client_serves_every_cache_call(on_redis):
    """Django's client builds a ``redis.Redis`` per call (~0.1 ms each, thirty-odd calls on a member's page): the
    portal's keeps one per connection pool, and it keeps working across a Redis restart (the pool reconnects)."""
    client = cache._cache  # noqa: SLF001
    assert client.get_client(write=True) is client.get_client()
    cache.set("reused", 1)
    on_redis.stop()
    on_redis.start()
    cache.set("reused", 2)
    assert cache.get("reused") == 2
