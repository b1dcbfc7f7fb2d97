"""``manage.py seed_bench_documents --count 10000``: fill the database with generated documents for benchmarks.

Fast by design: documents are inserted with ``bulk_create`` in batches, their text is generated (a few hundred
words each, in English, French or Spanish), and they share one small stored file per file type instead of a file
each. PostgreSQL's search vectors are then built with one ``UPDATE`` per language, and Wagtail's search index (the
admin's document search) in bulk, unless ``--no-search-index``.

The documents go into their own collection ("Benchmark documents" by default, under the root, so a library that
lists every collection shows them). Deleting one of them through Wagtail also deletes the shared file: this is
benchmark data, not content.
"""

import io
import random
import time
import zipfile
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Collection
from wagtail.search.backends import get_search_backend

from documents.fulltext import refresh_search_vectors
from documents.models import DocumentCategory, PortalDocument

CATEGORIES = [
    ("annual-reports", "Annual reports"),
    ("guides", "Guides"),
    ("fact-sheets", "Fact sheets"),
    ("policy", "Policy papers"),
    ("statutes", "Statutes and rules"),
    ("surveys", "Surveys and data"),
    ("training", "Training material"),
    ("newsletters", "Newsletters"),
]
# File types in roughly the proportions a federation's library holds them.
FILE_TYPES = [("pdf", 60), ("docx", 15), ("csv", 8), ("txt", 7), ("zip", 10)]
LANGUAGES = [("en", 60), ("fr", 25), ("es", 15)]


def _vocabulary(text):
    return tuple(text.split())


WORDS = {
    "en": _vocabulary(
        "co-operative members federation alliance report annual guide governance board assembly vote democratic "
        "ownership surplus capital shares housing agriculture credit savings insurance workers consumers community "
        "training education solidarity equality principles values network regional international policy law "
        "consultation survey data finance accounts budget audit strategy development sustainable energy fair trade "
        "retail fishing dairy cooperation youth women leadership rules statutes membership services digital tools"
    ),
    "fr": _vocabulary(
        "coopérative membres fédération alliance rapport annuel guide gouvernance conseil assemblée vote démocratique "
        "propriété excédent capital parts logement agriculture crédit épargne assurance travailleurs consommateurs "
        "communauté formation éducation solidarité égalité principes valeurs réseau régional international politique "
        "loi consultation enquête données finances comptes budget audit stratégie développement durable énergie "
        "commerce équitable jeunesse femmes statuts adhésion services outils numériques"
    ),
    "es": _vocabulary(
        "cooperativa socios federación alianza informe anual guía gobernanza consejo asamblea voto democrático "
        "propiedad excedente capital participaciones vivienda agricultura crédito ahorro seguros trabajadores "
        "consumidores comunidad formación educación solidaridad igualdad principios valores red regional "
        "internacional política ley consulta encuesta datos finanzas cuentas presupuesto auditoría estrategia "
        "desarrollo sostenible energía comercio justo juventud mujeres estatutos servicios herramientas digitales"
    ),
}
TITLE_KINDS = {
    "en": ["Report on", "Guide to", "Briefing:", "Survey of", "Notes on", "Toolkit for"],
    "fr": ["Rapport sur", "Guide de", "Note :", "Enquête sur", "Fiche sur", "Boîte à outils :"],
    "es": ["Informe sobre", "Guía de", "Nota:", "Encuesta sobre", "Ficha sobre", "Herramientas para"],
}


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _sentence(rng, language, length):
    words = rng.choices(WORDS[language], k=length)
    return " ".join(words).capitalize() + "."


def _sample_files():
    """One small, valid file per file type."""
    from docx import Document as DocxDocument

    from home.demo.pdf import render_pdf

    docx_buffer = io.BytesIO()
    docx = DocxDocument()
    docx.add_paragraph("A benchmark document.")
    docx.save(docx_buffer)
    zip_buffer = io.BytesIO()
    with zipfile.ZipFile(zip_buffer, "w") as archive:
        archive.writestr("readme.txt", "A benchmark archive.")
    return {
        "pdf": render_pdf("Benchmark document", (("h1", "Benchmark document"), ("p", "Generated for benchmarks."))),
        "docx": docx_buffer.getvalue(),
        "csv": b"year,members\n2024,310\n",
        "txt": b"A benchmark document.\n",
        "zip": zip_buffer.getvalue(),
    }


class Command(BaseCommand):
    help = __doc__.strip().splitlines()[0].split(": ", 1)[1]

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000, help="documents to create (default 10000)")
        parser.add_argument("--collection", default="Benchmark documents", help="collection to put them in")
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1895, help="random seed, for repeatable data")
        parser.add_argument("--words", type=int, default=250, help="words of generated text per document")
        parser.add_argument("--no-search-index", action="store_true", help="skip Wagtail's search index")
        parser.add_argument(
            "--languages",
            default="",
            help="comma-separated languages in equal shares (e.g. en,fr,es); default: a federation's mix, "
            + ", ".join(f"{code} {share}%" for code, share in LANGUAGES),
        )

    def handle(
        self, *args, count, collection, batch_size, seed, words, no_search_index, languages, verbosity, **options
    ):
        if count < 1:
            raise CommandError("--count must be at least 1")
        mix = LANGUAGES
        if languages:
            codes = [code.strip() for code in languages.split(",") if code.strip()]
            if not codes or any(code not in WORDS for code in codes):
                raise CommandError(f"--languages: choose among {', '.join(WORDS)} (got {languages!r})")
            mix = [(code, 1) for code in codes]
        started = time.perf_counter()
        rng = random.Random(seed)  # noqa: S311 - benchmark data, not secrets
        root = Collection.get_first_root_node()
        target = root.get_children().filter(name=collection).first() or root.add_child(name=collection)
        categories = [
            DocumentCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in CATEGORIES
        ]
        files = {}
        for file_type, data in _sample_files().items():
            name = f"documents/bench-shared.{file_type}"
            if not default_storage.exists(name):
                name = default_storage.save(name, ContentFile(data))
            files[file_type] = (name, default_storage.size(name))
        first_day, days = date(2005, 1, 1), (date(2025, 12, 31) - date(2005, 1, 1)).days

        created = 0
        while created < count:
            batch = []
            for number in range(created, min(count, created + batch_size)):
                language = _pick(rng, mix)
                file_type = _pick(rng, FILE_TYPES)
                name, size = files[file_type]
                subject = " ".join(rng.choices(WORDS[language], k=3))
                title = f"{rng.choice(TITLE_KINDS[language])} {subject} {number + 1}"
                batch.append(
                    PortalDocument(
                        title=title[:255],
                        description=_sentence(rng, language, rng.randint(12, 30)),
                        collection=target,
                        category=rng.choice(categories) if rng.random() < 0.9 else None,
                        publication_date=first_day + timedelta(days=rng.randrange(days)),
                        language=language,
                        file=name,
                        file_type=file_type,
                        original_filename=f"{subject.replace(' ', '-')}-{number + 1}.{file_type}",
                        file_size=size,
                        file_hash=f"{number:040x}",
                        extracted_text=" ".join(_sentence(rng, language, 15) for _ in range(max(1, words // 15))),
                    )
                )
            with transaction.atomic():
                documents = PortalDocument.objects.bulk_create(batch)
                refresh_search_vectors(PortalDocument.objects.filter(pk__in=[doc.pk for doc in documents]))
                if not no_search_index:
                    # Tags prefetched (none yet): the index would otherwise read each document's tags on its own.
                    indexed = PortalDocument.objects.filter(pk__in=[doc.pk for doc in documents]).prefetch_related(
                        "tags"
                    )
                    get_search_backend().add_bulk(PortalDocument, list(indexed))
            created += len(batch)
            if verbosity >= 2:
                self.stdout.write(f"  {created} documents")
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {created} documents in {target.name!r} in {time.perf_counter() - started:.1f}s"
                + (" (Wagtail's search index not updated)" if no_search_index else "")
            )
        )
