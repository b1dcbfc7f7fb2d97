"""Public downloads through Varnish: kept and answered from its store like pages, purged with their document, and
every download counted once, by Django when it answered and from varnishncsa's log when Varnish did
(documents/cached_downloads.py, started beside Varnish by scripts/stack.py)."""

import time

import pytest

from scripts import stack as stack_tools
from tests.stack.conftest import Stack, settled_download_count, word

MEMBERS_DOCUMENTS = "Members documents"
TTL = 2  # seconds a file is fresh in the short-lived stack below


@pytest.fixture(scope="module")
def short_lived(stack):
    """One more gunicorn on the stack's database whose public answers stay fresh in Varnish ``TTL`` seconds, behind a
    Varnish of its own with its download counter: stale copies, in and after the grace period, within a test."""
    app_port, varnish_port = stack_tools.free_port(), stack_tools.free_port()
    env = {**stack.env, "VARNISH_URL": f"http://127.0.0.1:{varnish_port}", "CACHE_SHARED_MAX_AGE": str(TTL)}
    server = Stack(stack.workdir, env, app_port, varnish_port)
    cache = None
    try:
        server.app = stack_tools.start_gunicorn(env, app_port, log_path=stack.workdir / "short-lived.log")
        cache = stack_tools.start_varnish(varnish_port, app_port, counter_env=env)
        yield server
    finally:
        stack_tools.stop(cache)
        stack_tools.stop(server.app)


def test_public_downloads_come_from_varnish_and_each_is_counted_once(stack, editor):
    text = "Figures of the year. " * 100
    document = editor.call("create_document", f"Counted {word()}", editor.call("collection_id", "Library"), text)
    url, before = document["file"], editor.call("download_count", document["id"])

    answers = [stack.get(url) for _ in range(5)]
    assert [a.status for a in answers] == [200] * 5
    assert [a.hit for a in answers] == [False, True, True, True, True]
    assert all(a.text == text for a in answers)
    # Not downloads, also answered by Varnish: a HEAD, a revalidation, a later range.
    assert stack.get(url, method="HEAD").hit
    assert stack.get(url, headers={"If-Modified-Since": answers[0].header("Last-Modified")}).status == 304
    later = stack.get(url, headers={"Range": "bytes=100-199"})
    assert later.status == 206 and later.hit and later.text == text[100:200]
    # The start of a download read in pieces is one.
    first = stack.get(url, headers={"Range": "bytes=0-99"})
    assert first.status == 206 and first.hit

    assert settled_download_count(editor, document["id"], before + 6) == before + 6


def test_what_is_not_a_download_is_not_counted_when_varnish_fetches_the_whole_file_for_it(stack, editor):
    library = editor.call("collection_id", "Library")
    headed = editor.call("create_document", f"Headed {word()}", library, "Only asked about. " * 50)
    ranged = editor.call("create_document", f"Ranged {word()}", library, "Read from the middle. " * 50)

    assert stack.get(headed["file"], method="HEAD").status == 200  # a miss: Varnish fetches it whole with GET
    assert stack.get(ranged["file"], headers={"Range": "bytes=200-"}).status == 206  # likewise
    for document in (headed, ranged):
        answer = stack.get(document["file"])
        assert answer.status == 200 and answer.hit
        assert settled_download_count(editor, document["id"], 1) == 1


def test_a_members_download_reaches_django_and_is_counted_there(stack, editor, member_cookie):
    document = editor.call("members_documents")[0]
    before = document["count"]
    for _ in range(2):
        answer = stack.get(document["file"], cookie=member_cookie)
        assert answer.status == 200 and answer.header("X-Cache") == "PASS"
        assert "no-store" in answer.header("Cache-Control")
    assert stack.get(document["file"]).status == 404  # never from the store to an anonymous visitor
    assert settled_download_count(editor, document["id"], before + 2) == before + 2


def test_a_kept_file_goes_when_its_document_is_replaced_restricted_or_deleted(stack, editor):
    name = word()
    library, members = editor.call("collection_id", "Library"), editor.call("collection_id", MEMBERS_DOCUMENTS)
    document = editor.call("create_document", f"Kept {name}", library, f"First words {name}.")
    stack.warm(document["file"])

    replaced = editor.call("replace_document_file", document["id"], f"kept-{name}-v2.txt", f"Second words {name}.")
    for url in {document["file"], replaced["file"]}:
        answer = stack.get(url)
        assert f"First words {name}" not in answer.text
    assert stack.get(replaced["file"]).text == f"Second words {name}."

    stack.warm(replaced["file"])
    editor.call("edit_document", document["id"], collection_id=members)
    hidden = stack.get(replaced["file"])
    assert hidden.status == 404 and f"Second words {name}" not in hidden.text

    editor.call("edit_document", document["id"], collection_id=library)
    stack.warm(replaced["file"])
    editor.call("delete_document", document["id"])
    gone = stack.get(replaced["file"])
    assert gone.status == 404 and f"Second words {name}" not in gone.text


def test_a_stale_copy_is_counted_once_whether_served_in_grace_or_fetched_again(stack, short_lived, editor):
    """Served stale within the grace period (10 s while Django is healthy), the download is a hit, counted from the
    log, and Varnish's background refresh is not counted again; after the grace period Varnish fetches the file
    while the visitor waits, and Django must answer it whole (not a 304 revalidation) and count it."""
    document = editor.call("create_document", f"Aging {word()}", editor.call("collection_id", "Library"))
    url = document["file"]

    assert short_lived.get(url).header("X-Cache") == "MISS"  # counted by Django
    time.sleep(TTL + 1)
    stale = short_lived.get(url)  # in grace: the stale copy, refreshed behind it
    assert stale.status == 200 and stale.hit
    assert settled_download_count(editor, document["id"], 2) == 2

    time.sleep(TTL + 10 + 4)  # past the grace period given while Django is healthy (from the refresh, plus room)
    waited = short_lived.get(url)
    assert waited.status == 200 and not waited.hit and waited.text == "A document for the stack tests."
    assert settled_download_count(editor, document["id"], 3) == 3
