"""Login throttling (members/lockout.py): strangers cannot lock a member or an editor out, brute force stays
impossible. The same rules hold for the site login and Wagtail's admin login."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

SITE_LOGIN = "/en/login/"
ADMIN_LOGIN = "/admin/login/"
MEMBER_IP = "192.0.2.10"
STRANGER_IP = "203.0.113.66"


def fail(client, username, ip, url=SITE_LOGIN, times=1):
    for _ in range(times):
        response = client.post(url, {"username": username, "password": "wrong"}, REMOTE_ADDR=ip)
    return response


def log_in(client, username, ip, url=SITE_LOGIN):
    return client.post(url, {"username": username, "password": "password"}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("url", [SITE_LOGIN, ADMIN_LOGIN])
def test_a_stranger_failing_from_another_address_does_not_lock_the_account_out(client, superuser, url):
    fail(client, "admin", STRANGER_IP, url=url, times=8)
    response = log_in(client, "admin", MEMBER_IP, url=url)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("url", [SITE_LOGIN, ADMIN_LOGIN])
def test_five_failures_lock_the_account_from_that_address_with_a_clear_page(client, superuser, url):
    fail(client, "admin", STRANGER_IP, url=url, times=4)
    assert log_in(client, "admin", STRANGER_IP, url=url).status_code == 302
    client.logout()
    fail(client, "admin", STRANGER_IP, url=url, times=5)
    response = log_in(client, "admin", STRANGER_IP, url=url)
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_locked_pair_is_refused_while_the_member_still_logs_in_from_home(client, member):
    fail(client, "member", STRANGER_IP, times=5)
    assert log_in(client, "member", STRANGER_IP).status_code == 429
    assert log_in(client, "member", MEMBER_IP).status_code == 302


@override_settings(LOGIN_FAILURES_PER_ACCOUNT=12)
def test_guessing_one_account_from_many_addresses_hits_the_global_account_limit(client, member):
    for attempt in range(12):
        fail(client, "member", f"198.51.100.{attempt + 1}")
    response = log_in(client, "member", "198.51.100.200")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_FAILURES_PER_ACCOUNT=12)
def test_failures_below_the_global_account_limit_spread_over_addresses_lock_nobody(client, member):
    for attempt in range(11):
        fail(client, "member", f"198.51.100.{attempt + 1}")
    assert log_in(client, "member", MEMBER_IP).status_code == 302


@override_settings(LOGIN_FAILURES_PER_ADDRESS=12)
def test_one_address_trying_many_accounts_hits_the_address_limit(client, member):
    for attempt in range(12):
        fail(client, f"guess{attempt}", STRANGER_IP)
    assert log_in(client, "member", STRANGER_IP).status_code == 429
    assert log_in(client, "member", MEMBER_IP).status_code == 302


def test_the_defaults_make_the_global_limits_slower_than_the_pair_limit(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.LOGIN_FAILURES_PER_ACCOUNT > settings.AXES_FAILURE_LIMIT
    assert settings.LOGIN_FAILURES_PER_ADDRESS > settings.AXES_FAILURE_LIMIT
    assert settings.AXES_HANDLER == "members.lockout.PortalAxesHandler"
