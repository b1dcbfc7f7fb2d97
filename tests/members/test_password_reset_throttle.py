"""Password reset e-mails are throttled per address and per client, without revealing which addresses exist."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from members.models import RateLimitCounter
from tests import factories

pytestmark = pytest.mark.django_db

RESET_URL = "/en/password-reset/"


def ask(client, email, ip="192.0.2.10"):
    return client.post(RESET_URL, {"email": email}, REMOTE_ADDR=ip)


@pytest.fixture
def member_with_address(db):
    return factories.UserFactory(username="resetter", email="resetter@example.org", groups=["Members"])


def test_at_most_three_emails_an_hour_go_to_one_address_even_from_many_clients(client, member_with_address):
    answers = [ask(client, "resetter@example.org", ip=f"198.51.100.{n}") for n in range(1, 9)]
    assert len(mail.outbox) == 3
    assert all(a.status_code == 302 and a["Location"] == reverse("members:password_reset_done") for a in answers)


def test_the_address_limit_is_case_blind(client, member_with_address):
    for n, email in enumerate(
        ["resetter@example.org", "Resetter@Example.org", "RESETTER@EXAMPLE.ORG", "resetter@EXAMPLE.org"]
    ):
        ask(client, email, ip=f"198.51.100.{n + 1}")
    assert len(mail.outbox) == 3


def test_a_throttled_address_gets_the_same_answer_as_an_unknown_one(client, member_with_address):
    for n in range(3):
        ask(client, "resetter@example.org", ip=f"198.51.100.{n + 1}")
        ask(client, "nobody@example.org", ip=f"198.51.100.{n + 1}")
    throttled = ask(client, "resetter@example.org", ip="203.0.113.1")
    unknown = ask(client, "nobody@example.org", ip="203.0.113.1")
    assert (throttled.status_code, throttled["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 3


@override_settings(PASSWORD_RESET_REQUESTS_PER_CLIENT=4)
def test_one_client_is_refused_after_its_limit_whatever_the_addresses(client, member_with_address):
    for n in range(4):
        assert ask(client, f"someone{n}@example.org").status_code == 302
    refused = ask(client, "resetter@example.org")
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert refused["Retry-After"] == "3600"
    assert mail.outbox == []
    # Another client is not affected.
    assert ask(client, "resetter@example.org", ip="203.0.113.9").status_code == 302
    assert len(mail.outbox) == 1


@override_settings(PASSWORD_RESET_REQUESTS_PER_CLIENT=2)
def test_the_client_limit_answers_alike_for_existing_and_unknown_addresses(client, member_with_address):
    ask(client, "a@example.org")
    ask(client, "b@example.org")
    existing = ask(client, "resetter@example.org")
    unknown = ask(client, "nobody@example.org")
    assert existing.status_code == unknown.status_code == 429
    assert existing.content == unknown.content


def test_the_limit_holds_across_processes_whatever_their_caches(client, member_with_address):
    """Each request as if served by another process with its own empty cache: the count is in the database."""
    for n in range(6):
        cache.clear()
        ask(client, "resetter@example.org", ip=f"198.51.100.{n + 1}")
    assert len(mail.outbox) == 3


def test_a_new_window_allows_e_mails_again_and_addresses_are_not_kept_in_clear(client, member_with_address):
    for n in range(4):
        ask(client, "resetter@example.org", ip=f"198.51.100.{n + 1}")
    assert len(mail.outbox) == 3
    assert not RateLimitCounter.objects.filter(key_hash__contains="resetter").exists()
    RateLimitCounter.objects.update(window_start=timezone.now() - timedelta(hours=1, seconds=1))
    ask(client, "resetter@example.org")
    assert len(mail.outbox) == 4
