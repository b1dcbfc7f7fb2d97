"""``manage.py load_demo_content``: fill an empty portal with demo pages, images, documents and accounts."""

from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.demo.loader import DemoContentError, DemoLoader
from home.demo.users import ACCOUNTS, MissingGroupError


class Command(BaseCommand):
    help = (
        "Load the demo content: the page tree (Home, About us, International Co-operative Alliance, Why join the "
        "ICA, Documents, and Private areas with two members' pages), generated images and PDF documents, the "
        "Members group's restriction on Private areas, the site settings and the demo accounts; and every page's "
        "French and Spanish translation (/fr/, /es/), with the site texts in both languages. Only what is "
        "missing is created, so running it again changes nothing, and existing passwords are never reset. New "
        "accounts get the password in "
        + ", ".join(account.password_variable for account in ACCOUNTS)
        + " when set, otherwise <username>-demo-1895."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-users",
            action="store_true",
            help="Do not create the demo accounts (pages are then published without an author).",
        )

    def handle(self, *args, no_users=False, verbosity=1, **options):
        try:
            report = DemoLoader(with_users=not no_users).run()
        except (DemoContentError, MissingGroupError) as error:
            raise CommandError(str(error)) from error
        if verbosity == 0:
            return

        if verbosity >= 2:
            for kind, label in report.created:
                self.stdout.write(f"  created  {kind:<12} {label}")
            for kind, label in report.existing:
                self.stdout.write(f"  exists   {kind:<12} {label}")
        if report.created:
            counts = Counter(kind for kind, _label in report.created)
            summary = ", ".join(f"{count} {kind}{'s' if count > 1 else ''}" for kind, count in counts.items())
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded: created {summary}."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo content already loaded: nothing to do."))
        if report.existing:
            self.stdout.write(
                f"{len(report.existing)} item(s) already existed and were left unchanged"
                + ("." if verbosity >= 2 else " (run with -v 2 to list them).")
            )
        if report.site_url:
            self.stdout.write(f"The site's address (canonical links, sitemaps, API): {report.site_url}")
        if report.accounts:
            self._write_logins(report.accounts)

    def _write_logins(self, accounts):
        rows = [("Username", "Password", "Role", "Password variable")]
        for result in accounts:
            account = result.account
            password = account.password if result.created else f"{account.password} *"
            rows.append((account.username, password, account.role, account.password_variable))
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        rule = "+-" + "-+-".join("-" * width for width in widths) + "-+"
        self.stdout.write("")
        self.stdout.write("Demo logins (members: /login/, editors and admin: /admin/):")
        self.stdout.write(rule)
        for index, row in enumerate(rows):
            cells = " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(f"| {cells} |")
            if index == 0:
                self.stdout.write(rule)
        self.stdout.write(rule)
        if any(not result.created for result in accounts):
            self.stdout.write(
                "* The account already existed and its password was left as it was: the one shown holds unless "
                "somebody changed it. Delete the account and run the command again to reset it."
            )
        defaults = [r.account.username for r in accounts if r.created and r.account.password_is_default]
        if defaults and not settings.DEBUG:
            self.stderr.write(
                self.style.WARNING(
                    f"DEBUG is off and {', '.join(defaults)} got the published default password: set the "
                    "DEMO_*_PASSWORD variables, or change these passwords, on any server others can reach."
                )
            )
