"""Background tasks in production: an upload answers before its text is read; the stack's worker
(``manage.py db_worker``, django-tasks' database backend) reads it, and the words become searchable."""

from tests.stack.conftest import word

LIBRARY = "/en/documents/"


def test_an_uploaded_documents_text_becomes_searchable_after_the_worker_reads_it(stack, editor):
    inside = word()
    search = f"/en/search/?q={inside}"
    stack.warm(search)  # cached with no result before the upload
    library = editor.call("collection_id", "Library")
    document = editor.call("create_document", f"Minutes {word()}", library, text=f"Words {inside} in the file.")
    # The upload was answered before the worker read the file: the production settings enqueue, they do not extract.
    assert document["text_status"] == "pending"
    editor.call("wait_for_tasks")
    assert editor.call("document_text_status", document["id"]) == "done"
    found = stack.get(search)
    assert found.status == 200
    assert document["url"] in found.text, "the file's words do not find the document once the worker has run"
