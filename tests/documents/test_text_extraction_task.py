"""Reading an uploaded file's text is a background task (documents/tasks.py): an upload returns with the text
pending, the worker reads it, a failure is retried with a growing delay and then shown as failed, never lost."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from documents import extraction
from documents.models import PortalDocument
from documents.tasks import MAX_ATTEMPTS, RETRY_DELAYS
from tests.documents.conftest import make_document

pytestmark = pytest.mark.django_db

IN_THE_DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """``manage.py db_worker`` until nothing is ready to run."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def found_by_search(words):
    return [found.pk for found in PortalDocument.objects.search(words)]


def stored(document):
    return PortalDocument.objects.get(pk=document.pk)


@pytest.fixture
def on_a_worker(monkeypatch):
    # The worker closes a connection found inside a transaction: here, the test's own (on PostgreSQL).
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    with override_settings(TASKS=IN_THE_DATABASE):
        yield


def test_an_upload_returns_with_the_text_pending_until_the_worker_reads_it(on_a_worker):
    document = make_document("Statutes", text="The assembly meets every spring.")
    assert stored(document).text_extraction_status == "pending"
    assert stored(document).extracted_text == ""
    assert document.pk not in found_by_search("assembly")
    assert DBTaskResult.objects.filter(task_path="documents.tasks.extract_document_text").count() == 1
    run_worker()
    assert stored(document).text_extraction_status == "done"
    assert "The assembly meets every spring." in stored(document).extracted_text
    assert document.pk in found_by_search("assembly")


def test_a_failed_read_is_recorded_and_retried_later_then_succeeds(on_a_worker, monkeypatch, caplog):
    document = make_document("Guide", text="Housing guide words.")
    real_read = extraction.read_text
    calls = []

    def flaky(file, extension):
        calls.append(extension)
        if len(calls) == 1:
            raise OSError("storage unavailable")
        return real_read(file, extension)

    monkeypatch.setattr(extraction, "read_text", flaky)
    run_worker()
    document = stored(document)
    assert (document.text_extraction_status, document.text_extraction_attempts) == ("pending", 1)
    assert "storage unavailable" in document.text_extraction_error
    assert "retrying in" in caplog.text
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after >= timezone.now() + timedelta(seconds=RETRY_DELAYS[0] - 5)
    run_worker()  # not due yet: nothing runs
    assert len(calls) == 1
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    document = stored(document)
    assert (document.text_extraction_status, document.text_extraction_attempts) == ("done", 2)
    assert document.text_extraction_error == ""
    assert "Housing guide words." in document.extracted_text


def test_a_read_that_keeps_failing_stops_after_bounded_attempts_and_is_marked_failed(on_a_worker, monkeypatch):
    document = make_document("Broken")

    def failing(file, extension):
        raise OSError("disk error")

    monkeypatch.setattr(extraction, "read_text", failing)
    for _ in range(MAX_ATTEMPTS + 1):
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_worker()
    document = stored(document)
    assert (document.text_extraction_status, document.text_extraction_attempts) == ("failed", MAX_ATTEMPTS)
    assert "disk error" in document.text_extraction_error
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_replacing_the_file_before_the_worker_runs_reads_only_the_new_file(on_a_worker):
    document = make_document("Report", text="Old words.")
    from django.core.files.base import ContentFile

    from tests.documents.conftest import pdf_with_text

    document.file = ContentFile(pdf_with_text("New words."), name="report-2.pdf")
    document.save()
    run_worker()
    document = stored(document)
    assert document.text_extraction_status == "done"
    assert "New words." in document.extracted_text and "Old words." not in document.extracted_text


def test_the_admin_edit_view_and_index_show_pending_and_failed_text(on_a_worker, client, superuser):
    pending = make_document("Pending report")
    failed = make_document("Failed report")
    PortalDocument.objects.filter(pk=failed.pk).update(
        text_extraction_status="failed",
        text_extraction_attempts=MAX_ATTEMPTS,
        text_extraction_error="the PDF is encrypted",
    )
    client.force_login(superuser)
    edit = client.get(reverse("wagtaildocs:edit", args=[pending.pk])).content.decode()
    assert "Text for search" in edit and "Pending: the text is being read" in edit
    edit = client.get(reverse("wagtaildocs:edit", args=[failed.pk])).content.decode()
    assert "Failed: the PDF is encrypted" in edit
    index = client.get(reverse("wagtaildocs:index")).content.decode()
    assert "Pending: the text is being read" in index and "Failed: the PDF is encrypted" in index


def test_with_the_immediate_backend_the_text_is_read_during_the_upload():
    document = make_document("Statutes", text="Members meet in spring.")
    assert stored(document).text_extraction_status == "done"
    assert "Members meet in spring." in document.extracted_text


def test_a_pending_document_whose_worker_died_is_enqueued_again_and_read(on_a_worker):
    """A worker killed mid-task leaves its task RUNNING forever and the document pending: the cron command finds
    it (running for longer than the stale limit) and enqueues the read again; a task still waiting is left alone."""
    stalled = make_document("Stalled", text="Dormant cooperatives revived.")
    waiting = make_document("Waiting", text="Fresh upload words.")
    DBTaskResult.objects.filter(args_kwargs__args__0=stalled.pk).update(
        status="RUNNING", started_at=timezone.now() - timedelta(hours=2)
    )

    call_command("requeue_stalled_text_extraction", stdout=StringIO())

    tasks = DBTaskResult.objects.filter(task_path="documents.tasks.extract_document_text")
    assert tasks.filter(args_kwargs__args__0=stalled.pk, status="READY").count() == 1, "enqueued again"
    assert tasks.filter(args_kwargs__args__0=waiting.pk).count() == 1, "a waiting task is not doubled"
    run_worker()
    assert stored(stalled).text_extraction_status == "done"
    assert stalled.pk in found_by_search("dormant")


def test_requeueing_leaves_documents_alone_when_nothing_is_stalled(on_a_worker):
    document = make_document("Fine", text="Nothing wrong here.")
    run_worker()
    assert stored(document).text_extraction_status == "done"
    call_command("requeue_stalled_text_extraction", stdout=StringIO())
    assert not DBTaskResult.objects.filter(status="READY").exists()
