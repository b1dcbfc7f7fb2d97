"""Login throttling for the site login and the admin login (django-axes, README "Security").

django-axes compares one failure count with one limit. Counting per account alone gives anyone a lock-out
button (five wrong passwords from anywhere lock a member, or an editor, out everywhere); counting per address
alone lets a botnet guess one account's password from many addresses. So three counters are kept, each with
its own limit, from the same rows of axes' ``AccessAttempt`` table (the database: it holds across processes and
servers):

* one account from one address: ``AXES_FAILURE_LIMIT`` (5) failures lock that pair only, so a stranger who
  fails five times locks themself out, not the member at their own address;
* one account from everywhere: ``LOGIN_FAILURES_PER_ACCOUNT`` (default 30), a slower global limit against
  guessing spread over many addresses;
* one address for every account: ``LOGIN_FAILURES_PER_ADDRESS`` (default 30), against one address trying many
  accounts.

A failure is forgotten ``AXES_COOLOFF_TIME`` after the last failure of its pair, and a successful login resets
its pair.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def _failures(**filters):
    return AccessAttempt.objects.filter(**filters).aggregate(total=Sum("failures_since_start"))["total"] or 0


class PortalAxesHandler(AxesDatabaseHandler):
    """axes' database handler with the three limits above (``AXES_LOCKOUT_PARAMETERS`` names the pair)."""

    def get_failures(self, request, credentials=None):
        """The pair's failure count, raised to axes' limit when the account's or the address's own limit is
        reached, so that axes locks the request out."""
        username = get_client_username(request, credentials)
        ip_address = request.axes_ip_address
        pair = _failures(username=username, ip_address=ip_address)
        limit = get_failure_limit(request, credentials)
        if pair >= limit:
            return pair
        if username is not None and _failures(username=username) >= settings.LOGIN_FAILURES_PER_ACCOUNT:
            return limit
        if _failures(ip_address=ip_address) >= settings.LOGIN_FAILURES_PER_ADDRESS:
            return limit
        return pair
