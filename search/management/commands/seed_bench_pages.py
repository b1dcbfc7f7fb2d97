"""``manage.py seed_bench_pages --count 10000``: fill the site with generated pages for the search benchmark.

The pages are ``StandardPage``\\s under a "Benchmark pages" section of the home page, in sections of
``--per-section`` pages; every tenth section is restricted to the Members group (so searches go through the access
module's exclusions, as on the real site). Each page has a title, an intro and a body of a heading and rich-text
paragraphs (about 250 words), in English, written with "co-operative", "cooperative" and "coopérative" as a
federation's pages are.

Fast by design: pages are inserted in bulk with their tree paths computed here (Wagtail's ``add_child`` costs a
dozen queries per page), then indexed with the search backend in batches, as ``update_index`` would.
"""

import json
import random
import time
import uuid

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from home.models import HomePage, StandardPage

SECTION_TITLE = "Benchmark pages"
SECTION_SLUG = "benchmark-pages"


def _vocabulary(text):
    return tuple(text.split())


WORDS = _vocabulary(
    """co-operative cooperative coopérative members federation alliance report annual guide governance board
    assembly vote democratic ownership surplus capital shares housing agriculture credit savings insurance workers
    consumers community training education solidarity equality principles values network regional international
    policy law consultation survey data finance accounts budget audit strategy development sustainable energy fair
    trade retail fishing dairy cooperation youth women leadership rules statutes membership services digital tools
    mutual enterprise economy social local rural urban market producers farmers bank employment care health school
    research history identity movement partnership charter registration dividend patronage equity resilience"""
)
TITLE_KINDS = ["Guide to", "Briefing:", "Notes on", "Our work on", "Questions about", "Case study:", "Toolkit for"]


def _sentence(rng, length):
    return " ".join(rng.choices(WORDS, k=length)).capitalize() + "."


def _paragraph(rng, sentences):
    return " ".join(_sentence(rng, rng.randint(10, 22)) for _ in range(sentences))


def _body(rng):
    blocks = [{"type": "heading", "value": {"text": _sentence(rng, 4)[:-1], "level": "h2"}, "id": str(uuid.uuid4())}]
    for _ in range(rng.randint(2, 3)):
        blocks.append({"type": "rich_text", "value": f"<p>{_paragraph(rng, 4)}</p>", "id": str(uuid.uuid4())})
    return blocks


class Command(BaseCommand):
    help = __doc__.strip().splitlines()[0].split(": ", 1)[1]

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000, help="pages to create (default 10000)")
        parser.add_argument("--per-section", type=int, default=100, help="pages per section (default 100)")
        parser.add_argument("--seed", type=int, default=1895, help="random seed, for repeatable content")
        parser.add_argument("--batch-size", type=int, default=500, help="pages per insert and per index batch")

    def handle(self, *args, count, per_section, seed, batch_size, verbosity, **options):
        if count < 1 or per_section < 1:
            raise CommandError("--count and --per-section must be at least 1")
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("There is no home page: migrate first.")
        if home.get_children().filter(slug=SECTION_SLUG).exists():
            raise CommandError(f"The {SECTION_TITLE!r} section exists already; delete it to seed again.")
        started = time.perf_counter()
        rng = random.Random(seed)  # noqa: S311 - benchmark content, not secrets
        members = Group.objects.filter(name="Members").first()

        root = home.add_child(instance=StandardPage(title=SECTION_TITLE, slug=SECTION_SLUG, intro="Generated pages."))
        sections = []
        for number in range((count + per_section - 1) // per_section):
            section = root.add_child(
                instance=StandardPage(
                    title=f"Benchmark section {number + 1}",
                    slug=f"section-{number + 1}",
                    intro=_sentence(rng, 12),
                )
            )
            if members is not None and number % 10 == 9:
                restriction = PageViewRestriction.objects.create(page=section, restriction_type="groups")
                restriction.groups.set([members])
            sections.append(section)

        content_type = ContentType.objects.get_for_model(StandardPage)
        created_ids = []
        for index, section in enumerate(sections):
            size = min(per_section, count - index * per_section)
            created_ids += self._add_pages(section, size, content_type, rng)
            if verbosity >= 2:
                self.stdout.write(f"  {len(created_ids)} pages")

        backend = get_search_backend()
        indexed = [root.pk, *(section.pk for section in sections)] + created_ids
        for start in range(0, len(indexed), batch_size):
            batch = StandardPage.objects.filter(pk__in=indexed[start : start + batch_size])
            backend.add_bulk(StandardPage, list(batch))
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(created_ids)} pages in {len(sections)} sections under {root.url_path!r} "
                f"({sum(1 for n in range(len(sections)) if n % 10 == 9)} restricted to Members) "
                f"in {time.perf_counter() - started:.1f}s"
            )
        )

    @transaction.atomic
    def _add_pages(self, section, size, content_type, rng):
        """Insert ``size`` live pages under ``section`` (tree paths computed here); returns their ids."""
        now = timezone.now()
        pages = []
        for number in range(1, size + 1):
            subject = " ".join(rng.choices(WORDS, k=3))
            title = f"{rng.choice(TITLE_KINDS)} {subject} {section.slug}-{number}"
            slug = f"page-{number}"
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    path=Page._get_path(section.path, section.depth + 1, number),
                    depth=section.depth + 1,
                    numchild=0,
                    url_path=f"{section.url_path}{slug}/",
                    content_type=content_type,
                    locale_id=section.locale_id,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                )
            )
        created = Page.objects.bulk_create(pages)
        if connection.features.can_return_rows_from_bulk_insert:
            ids = [page.pk for page in created]
        else:
            ids = list(Page.objects.filter(path__in=[page.path for page in pages]).values_list("pk", flat=True))
        table = StandardPage._meta.db_table
        rows = [(page_id, _sentence(rng, rng.randint(12, 25)), json.dumps(_body(rng)), "[]") for page_id in ids]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (page_ptr_id, intro, body, related_documents) "  # noqa: S608 - model's table
                "VALUES (%s, %s, %s, %s)",
                rows,
            )
        Page.objects.filter(pk=section.pk).update(numchild=size)
        return ids
