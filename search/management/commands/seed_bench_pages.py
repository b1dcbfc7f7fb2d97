"""``manage.py seed_bench_pages --count 10000``: fill the site with generated pages for the search benchmark.

The pages are ``StandardPage``\\s under a "Benchmark pages" section of the home page, in sections of
``--per-section`` pages; every tenth section is restricted to the Members group (so searches go through the access
module's exclusions, as on the real site). Each page has a title, an intro and a body of a heading and rich-text
paragraphs (about 250 words), in English, written with "co-operative", "cooperative" and "coopérative" as a
federation's pages are.

``--languages en,fr,es`` makes ``--count`` pages in each language, under each language's home page (the home
page's translation, created when missing), French and Spanish pages written from French and Spanish words
("coopérative", "coopératives", "cooperativa", "cooperativas"...).

Fast by design: pages are inserted in bulk with their tree paths computed here (Wagtail's ``add_child`` costs a
dozen queries per page), then indexed with the search backend in batches, as ``update_index`` would.
"""

import json
import random
import time
import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from home.models import HomePage, StandardPage

SECTION_SLUG = "benchmark-pages"
SECTION_TITLES = {"en": "Benchmark pages", "fr": "Pages de test de charge", "es": "Páginas de prueba de carga"}
SECTION_NAMES = {"en": "Benchmark section", "fr": "Section de test", "es": "Sección de prueba"}
INTROS = {"en": "Generated pages.", "fr": "Pages générées.", "es": "Páginas generadas."}


def _vocabulary(text):
    return tuple(text.split())


WORDS_EN = _vocabulary(
    """co-operative cooperative coopérative members federation alliance report annual guide governance board
    assembly vote democratic ownership surplus capital shares housing agriculture credit savings insurance workers
    consumers community training education solidarity equality principles values network regional international
    policy law consultation survey data finance accounts budget audit strategy development sustainable energy fair
    trade retail fishing dairy cooperation youth women leadership rules statutes membership services digital tools
    mutual enterprise economy social local rural urban market producers farmers bank employment care health school
    research history identity movement partnership charter registration dividend patronage equity resilience"""
)
WORDS = {
    "en": WORDS_EN,
    "fr": _vocabulary(
        """coopérative coopératives coopérateurs membres fédération alliance rapport annuel guide gouvernance conseil
        assemblée vote démocratique propriété excédent capital parts logement agriculture crédit épargne assurance
        travailleurs consommateurs communauté formation éducation solidarité égalité principes valeurs réseau régional
        international politique droit consultation enquête données finances comptes budget audit stratégie
        développement durable énergie commerce équitable pêche laitière coopération jeunesse femmes responsabilité
        règles statuts adhésion services numériques outils mutuelle entreprise économie sociale locale rurale urbaine
        marché producteurs agriculteurs banque emploi santé école recherche histoire identité mouvement partenariat
        charte immatriculation dividende ristourne fonds propres résilience habitants journaux"""
    ),
    "es": _vocabulary(
        """cooperativa cooperativas cooperativistas socios federación alianza informe anual guía gobernanza consejo
        asamblea voto democrático propiedad excedente capital aportaciones vivienda agricultura crédito ahorro seguros
        trabajadores consumidores comunidad formación educación solidaridad igualdad principios valores red regional
        internacional política derecho consulta encuesta datos finanzas cuentas presupuesto auditoría estrategia
        desarrollo sostenible energía comercio justo pesca láctea cooperación juventud mujeres liderazgo normas
        estatutos afiliación servicios digitales herramientas mutua empresa economía social local rural urbana mercado
        productores agricultores banco empleo cuidados salud escuela investigación historia identidad movimiento
        alianzas carta registro dividendo retorno patrimonio resiliencia gestionan"""
    ),
}
TITLE_KINDS = {
    "en": ["Guide to", "Briefing:", "Notes on", "Our work on", "Questions about", "Case study:", "Toolkit for"],
    "fr": [
        "Guide :",
        "Note :",
        "Notes sur",
        "Notre travail sur",
        "Questions sur",
        "Étude de cas :",
        "Boîte à outils :",
    ],
    "es": ["Guía:", "Nota:", "Apuntes sobre", "Nuestro trabajo en", "Preguntas sobre", "Estudio de caso:", "Recursos:"],
}


def _sentence(rng, length, language="en"):
    return " ".join(rng.choices(WORDS[language], k=length)).capitalize() + "."


def _paragraph(rng, sentences, language):
    return " ".join(_sentence(rng, rng.randint(10, 22), language) for _ in range(sentences))


def _body(rng, language):
    heading = _sentence(rng, 4, language)[:-1]
    blocks = [{"type": "heading", "value": {"text": heading, "level": "h2"}, "id": str(uuid.uuid4())}]
    for _ in range(rng.randint(2, 3)):
        paragraph = _paragraph(rng, 4, language)
        blocks.append({"type": "rich_text", "value": f"<p>{paragraph}</p>", "id": str(uuid.uuid4())})
    return blocks


def language_home(language):
    """The home page in ``language``: the site's home page or its translation, made (and published) if missing."""
    home = HomePage.objects.filter(locale__language_code=language).first()
    if home is not None:
        return home
    english = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first() or HomePage.objects.first()
    if english is None:
        raise CommandError("There is no home page: migrate first.")
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        raise CommandError(f"There is no {language!r} locale.")
    home = english.copy_for_translation(locale)
    home.save_revision().publish()
    return home


class Command(BaseCommand):
    help = __doc__.strip().splitlines()[0].split(": ", 1)[1]

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000, help="pages to create (default 10000)")
        parser.add_argument("--per-section", type=int, default=100, help="pages per section (default 100)")
        parser.add_argument("--seed", type=int, default=1895, help="random seed, for repeatable content")
        parser.add_argument("--batch-size", type=int, default=500, help="pages per insert and per index batch")
        parser.add_argument(
            "--languages",
            default="en",
            help="comma-separated languages, --count pages in each (default en; e.g. en,fr,es)",
        )

    def handle(self, *args, count, per_section, seed, batch_size, languages, verbosity, **options):
        if count < 1 or per_section < 1:
            raise CommandError("--count and --per-section must be at least 1")
        codes = [code.strip() for code in languages.split(",") if code.strip()]
        unknown = [code for code in codes if code not in WORDS]
        if not codes or unknown:
            raise CommandError(f"--languages: choose among {', '.join(WORDS)} (got {languages!r})")
        for language in codes:
            self._seed_language(language, count, per_section, seed, batch_size, verbosity)

    def _seed_language(self, language, count, per_section, seed, batch_size, verbosity):
        home = language_home(language)
        if home.get_children().filter(slug=SECTION_SLUG).exists():
            raise CommandError(f"The {SECTION_TITLES[language]!r} section exists already; delete it to seed again.")
        started = time.perf_counter()
        # English keeps the seed's own sequence: its pages are those of earlier runs.
        rng = random.Random(seed if language == "en" else f"{seed}-{language}")  # noqa: S311 - benchmark content
        members = Group.objects.filter(name="Members").first()

        root = home.add_child(
            instance=StandardPage(title=SECTION_TITLES[language], slug=SECTION_SLUG, intro=INTROS[language])
        )
        sections = []
        for number in range((count + per_section - 1) // per_section):
            section = root.add_child(
                instance=StandardPage(
                    title=f"{SECTION_NAMES[language]} {number + 1}",
                    slug=f"section-{number + 1}",
                    intro=_sentence(rng, 12, language),
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
            created_ids += self._add_pages(section, size, content_type, rng, language)
            if verbosity >= 2:
                self.stdout.write(f"  {len(created_ids)} pages")

        backend = get_search_backend()
        indexed = [root.pk, *(section.pk for section in sections)] + created_ids
        for start in range(0, len(indexed), batch_size):
            batch = StandardPage.objects.filter(pk__in=indexed[start : start + batch_size])
            backend.add_bulk(StandardPage, list(batch))
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(created_ids)} {language} pages in {len(sections)} sections under {root.url_path!r} "
                f"({sum(1 for n in range(len(sections)) if n % 10 == 9)} restricted to Members) "
                f"in {time.perf_counter() - started:.1f}s"
            )
        )

    @transaction.atomic
    def _add_pages(self, section, size, content_type, rng, language):
        """Insert ``size`` live pages under ``section`` (tree paths computed here); returns their ids."""
        now = timezone.now()
        pages = []
        for number in range(1, size + 1):
            subject = " ".join(rng.choices(WORDS[language], k=3))
            title = f"{rng.choice(TITLE_KINDS[language])} {subject} {section.slug}-{number}"
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
        rows = [
            (page_id, _sentence(rng, rng.randint(12, 25), language), json.dumps(_body(rng, language)), "[]")
            for page_id in ids
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (page_ptr_id, intro, body, related_documents) "  # noqa: S608 - model's table
                "VALUES (%s, %s, %s, %s)",
                rows,
            )
        Page.objects.filter(pk=section.pk).update(numchild=size)
        return ids
