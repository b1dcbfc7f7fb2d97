"""Background tasks of the documents app: reading an uploaded file's text for search.

An upload returns at once with the document's ``text_extraction_status`` "pending"; ``extract_document_text``
then runs in the worker (django-tasks' database backend and ``manage.py db_worker`` in production; the immediate
backend runs it inside the save in tests and ``make run``). A failure is logged and retried after a growing delay
(``RETRY_DELAYS``), up to ``MAX_ATTEMPTS``; then, or at once for a file whose text cannot be had (an encrypted
PDF), the status is "failed" with the reason, which the admin shows. The status lives on the document's row, so a
failure is never lost even when the task's own result is pruned.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task
from wagtail.documents import get_document_model
from wagtail.search import index

from documents import extraction, fulltext
from home import fragment_cache

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
# Seconds to wait before the 2nd, 3rd and 4th attempts (only where the backend can defer: the database one).
RETRY_DELAYS = (30, 120, 600)


def _record(document_id, file_name, **fields):
    """Store the outcome on the document, unless its file was replaced meanwhile (a newer task owns it then)."""
    return get_document_model().objects.filter(pk=document_id, file=file_name).update(**fields)


@task()
def extract_document_text(document_id, file_name, attempt=1):
    """Read the text of document ``document_id``'s file ``file_name``; returns the status it recorded."""
    PortalDocument = get_document_model()  # noqa: N806 - the model (documents.models imports this module)
    document = PortalDocument.objects.filter(pk=document_id, file=file_name).first()
    if document is None:
        logger.info("Text extraction of document %s skipped: deleted, or its file replaced", document_id)
        return "gone"
    try:
        with document.open_file() as file:
            text = extraction.read_text(file, document.file_type)
    except extraction.ExtractionSkipped as reason:
        logger.warning("Text extraction skipped for document %s (%s): %s", document_id, file_name, reason)
        _record(
            document_id,
            file_name,
            text_extraction_status="failed",
            text_extraction_attempts=attempt,
            text_extraction_error=str(reason)[:255],
        )
        return "failed"
    except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried, never lost
        error = f"{type(exc).__name__}: {exc}"[:255]
        if attempt >= MAX_ATTEMPTS:
            logger.error(
                "Text extraction of document %s (%s) failed %d times; giving up",
                document_id,
                file_name,
                attempt,
                exc_info=True,
            )
            _record(
                document_id,
                file_name,
                text_extraction_status="failed",
                text_extraction_attempts=attempt,
                text_extraction_error=error,
            )
            return "failed"
        delay = RETRY_DELAYS[min(attempt, len(RETRY_DELAYS)) - 1]
        logger.warning(
            "Text extraction of document %s (%s) failed (attempt %d of %d); retrying in %d s",
            document_id,
            file_name,
            attempt,
            MAX_ATTEMPTS,
            delay,
            exc_info=True,
        )
        _record(
            document_id,
            file_name,
            text_extraction_status="pending",
            text_extraction_attempts=attempt,
            text_extraction_error=error,
        )
        retry = extract_document_text
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + timedelta(seconds=delay))
        retry.enqueue(document_id, file_name, attempt + 1)
        return "pending"
    if _record(
        document_id,
        file_name,
        extracted_text=text,
        text_extraction_status="done",
        text_extraction_attempts=attempt,
        text_extraction_error="",
    ):
        fulltext.refresh_search_vectors(PortalDocument.objects.filter(pk=document_id))
        index.insert_or_update_object(PortalDocument.objects.get(pk=document_id))
        # Recorded with an update, which sends no signal: retire what was rendered or searched from the old text.
        fragment_cache.content_changed()
    return "done"


def requeue_stalled(stale_after=timedelta(minutes=30)):
    """Enqueue again the text extraction of every "pending" document whose task is neither waiting nor running
    recently: its worker died mid-task, or its task row was pruned. Run from cron (``manage.py
    requeue_stalled_text_extraction``), so that a pending document is never forgotten. Returns the ids requeued."""
    PortalDocument = get_document_model()  # noqa: N806 - the model (documents.models imports this module)
    pending = list(
        PortalDocument.objects.filter(text_extraction_status="pending").values_list(
            "pk", "file", "text_extraction_attempts"
        )
    )
    if not pending:
        return []
    alive = set()
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend keeps its own queue
        DBTaskResult = None  # noqa: N806
    if DBTaskResult is not None:
        started_before = timezone.now() - stale_after
        rows = DBTaskResult.objects.filter(
            task_path=extract_document_text.module_path, status__in=["READY", "RUNNING"]
        ).values_list("args_kwargs", "status", "started_at")
        for args_kwargs, status, started_at in rows:
            if status == "RUNNING" and started_at is not None and started_at < started_before:
                continue  # its worker has been at it for too long: presumed dead
            args = (args_kwargs or {}).get("args") or []
            if args:
                alive.add(args[0])
    requeued = []
    for pk, file_name, attempts in pending:
        if pk in alive:
            continue
        logger.warning("Text extraction of document %s was pending with no live task: enqueued again", pk)
        extract_document_text.enqueue(pk, file_name, min(max(attempts, 0) + 1, MAX_ATTEMPTS))
        requeued.append(pk)
    return requeued
