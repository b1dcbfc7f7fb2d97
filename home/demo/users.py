"""Demo accounts: an administrator, one user in each of the Editors, Moderators and Members groups, and a
logged-in visitor who belongs to no group (for checking what a non-member sees).

Passwords default to the values below and can be set from the environment. An account that already exists
is left exactly as it is: its password is never reset.
"""

import os
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

EMAIL_DOMAIN = "coop-federation.example"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    first_name: str
    last_name: str
    password_variable: str
    default_password: str
    group: str | None = None
    superuser: bool = False

    @property
    def email(self):
        return f"{self.username}@{EMAIL_DOMAIN}"

    @property
    def password(self):
        return os.environ.get(self.password_variable) or self.default_password

    @property
    def password_is_default(self):
        return not os.environ.get(self.password_variable)


ACCOUNTS = [
    DemoAccount(
        "admin",
        "Administrator (superuser)",
        "Alex",
        "Admin",
        "DEMO_ADMIN_PASSWORD",
        "admin-demo-1895",  # noqa: S106 - a documented demo password, overridable from the environment
        superuser=True,
    ),
    DemoAccount(
        "editor",
        "Editor (Wagtail admin)",
        "Edith",
        "Morgan",
        "DEMO_EDITOR_PASSWORD",
        "editor-demo-1895",  # noqa: S106
        group="Editors",
    ),
    DemoAccount(
        "moderator",
        "Moderator (Wagtail admin)",
        "Mo",
        "Okafor",
        "DEMO_MODERATOR_PASSWORD",
        "moderator-demo-1895",  # noqa: S106
        group="Moderators",
    ),
    DemoAccount(
        "member",
        "Member (private areas)",
        "Maria",
        "Costa",
        "DEMO_MEMBER_PASSWORD",
        "member-demo-1895",  # noqa: S106
        group="Members",
    ),
    DemoAccount(
        "visitor",
        "Logged-in non-member",
        "Victor",
        "Hale",
        "DEMO_VISITOR_PASSWORD",
        "visitor-demo-1895",  # noqa: S106
    ),
]


@dataclass(frozen=True)
class AccountResult:
    account: DemoAccount
    user: object
    created: bool


class MissingGroupError(Exception):
    pass


def ensure_groups():
    """The groups the accounts join, by name. They come from migrations (Wagtail's for Editors and Moderators,
    ``members/0001`` for Members); creating Editors or Moderators here would give them no admin permissions,
    so a missing group is an error rather than something to paper over."""
    names = {account.group for account in ACCOUNTS if account.group}
    groups = {group.name: group for group in Group.objects.filter(name__in=names)}
    missing = sorted(names - groups.keys())
    if missing:
        raise MissingGroupError(
            f"Missing group(s): {', '.join(missing)}. Run `manage.py migrate` first (the groups come from migrations)."
        )
    return groups


def ensure_accounts():
    """Create the demo accounts that do not exist yet; return an ``AccountResult`` per account, in order."""
    User = get_user_model()
    groups = ensure_groups()
    results = []
    for account in ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is not None:
            results.append(AccountResult(account, user, created=False))
            continue
        fields = {"email": account.email, "first_name": account.first_name, "last_name": account.last_name}
        if account.superuser:
            user = User.objects.create_superuser(account.username, password=account.password, **fields)
        else:
            # Editors and Moderators reach the Wagtail admin through their group's "access admin" permission;
            # none of these accounts needs Django's is_staff.
            user = User.objects.create_user(account.username, password=account.password, **fields)
        if account.group:
            user.groups.add(groups[account.group])
        results.append(AccountResult(account, user, created=True))
    return results
