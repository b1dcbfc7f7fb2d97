"""An editor's process for the stack tests: Django with the production settings on the stack's database, making
changes through Wagtail's model API, exactly as the admin would, so the purges go out from here to Varnish.

Started by ``tests/stack/conftest.py``; reads one JSON request a line (``{"call": name, "args": [...]}``) and
answers one JSON line (``{"result": ...}`` or ``{"error": ...}``) once the background tasks the change enqueued
(search index, reference index, a document's text) have been run by the stack's worker, as a change in the admin
is followed by the worker within moments; ``{"call": ..., "wait": false}`` answers at once.
"""

import io
import json
import sys
import time
import traceback
from datetime import timedelta

import django

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import close_old_connections  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site  # noqa: E402
from wagtail.rich_text import RichText  # noqa: E402

from documents.models import DocumentsLibraryPage, PortalDocument  # noqa: E402
from home.models import StandardPage  # noqa: E402
from home.models.settings import SiteSettings  # noqa: E402


def _page(page_id):
    return Page.objects.get(pk=page_id).specific


def _library():
    return DocumentsLibraryPage.objects.live().filter(locale__language_code="en").first()


def page_info(page_id):
    page = _page(page_id)
    return {"id": page.pk, "title": page.title, "url": page.url, "live": page.live, "parent": page.get_parent().pk}


def find_page(url_path):
    return page_info(Page.objects.get(url_path=url_path).pk)


def document_url(document_id):
    return _library().document_url(PortalDocument.objects.get(pk=document_id))


def member_cookie():
    """A session of the demo member, as the browser's cookie would carry it."""
    user = get_user_model().objects.get(username="member")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"sessionid={session.session_key}"


def create_page(parent_id, title, slug, text, show_in_menus=False):
    parent = _page(parent_id)
    page = StandardPage(
        title=title,
        slug=slug,
        intro=text,
        show_in_menus=show_in_menus,
        body=[("rich_text", RichText(f"<p>{text}</p>"))],
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page_info(page.pk)


def create_bare_page(parent_id):
    """A plain Wagtail ``Page`` (the bench's yardstick: what Wagtail costs with nothing of the portal's)."""
    page = Page(title="Bare page", slug="bench-bare-page")
    _page(parent_id).add_child(instance=page)
    page.save_revision().publish()
    return page_info(page.pk)


def publish(page_id, **fields):
    page = _page(page_id)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page_info(page_id)


def save_draft(page_id, **fields):
    page = _page(page_id)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision()
    return page_info(page_id)


def unpublish(page_id):
    _page(page_id).unpublish()
    return page_info(page_id)


def move(page_id, parent_id):
    _page(page_id).move(_page(parent_id), pos="last-child")
    return page_info(page_id)


def delete(page_id):
    _page(page_id).delete()


def revert(page_id, steps_back):
    """Publish the revision ``steps_back`` before the latest (the admin's "revert to this revision")."""
    page = _page(page_id)
    revision = page.revisions.order_by("-created_at", "-id")[steps_back]
    revision.publish()
    return page_info(page_id)


def schedule_and_run(page_id, **fields):
    """Save a revision approved to go live a second ago, then run ``publish_scheduled`` (what cron does)."""
    page = _page(page_id)
    for name, value in fields.items():
        setattr(page, name, value)
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(seconds=1)
    revision.save(update_fields=["approved_go_live_at"])
    call_command("publish_scheduled", stdout=io.StringIO())
    return page_info(page_id)


def restrict_page(page_id):
    PageViewRestriction.objects.create(page=_page(page_id), restriction_type=PageViewRestriction.LOGIN)


def unrestrict_page(page_id):
    PageViewRestriction.objects.filter(page_id=page_id).delete()


def collection_id(name):
    return Collection.objects.get(name=name).pk


def create_collection(name):
    return Collection.get_first_root_node().add_child(name=name).pk


def restrict_collection(collection_pk):
    CollectionViewRestriction.objects.create(
        collection_id=collection_pk, restriction_type=CollectionViewRestriction.LOGIN
    )


def unrestrict_collection(collection_pk):
    CollectionViewRestriction.objects.filter(collection_id=collection_pk).delete()


def site_settings(**fields):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()


def create_document(title, collection_pk, text="A document for the stack tests."):
    document = PortalDocument(title=title, collection_id=collection_pk)
    document.file.save(f"{title.lower().replace(' ', '-')}.txt", ContentFile(text.encode()), save=False)
    document.save()
    status = document_text_status(document.pk)  # as the upload's answer would tell, before the worker ran
    return {"id": document.pk, "url": document_url(document.pk), "file": document.url, "text_status": status}


def edit_document(document_id, **fields):
    document = PortalDocument.objects.get(pk=document_id)
    for name, value in fields.items():
        setattr(document, name, value)
    document.save()
    return {"id": document.pk, "url": document_url(document.pk), "file": document.url}


def replace_document_file(document_id, filename, text):
    document = PortalDocument.objects.get(pk=document_id)
    document.file.save(filename, ContentFile(text.encode()), save=False)
    document.file_size = None
    document.file_hash = ""
    document.save()
    return {"id": document.pk, "url": document_url(document.pk), "file": document.url}


def members_documents():
    """The demo's members-only documents: id, title, download address, download count."""
    restricted = CollectionViewRestriction.objects.values_list("collection_id", flat=True)
    return [
        {"id": d.pk, "title": d.title, "file": d.url, "count": d.download_count}
        for d in PortalDocument.objects.filter(collection_id__in=list(restricted)).order_by("pk")
    ]


def member_token():
    """A personal API token of the demo member (its plaintext)."""
    from members.tokens import create_token

    return create_token(get_user_model().objects.get(username="member"), "faults")[1]


def enquiry_markers(prefix):
    """``{marker: how many stored enquiries carry it}`` for the markers starting with ``prefix`` (the load test
    gives each enquiry its own)."""
    import re

    from wagtail.contrib.forms.models import FormSubmission

    found = {}
    for submission in FormSubmission.objects.all():
        for marker in set(re.findall(re.escape(prefix) + r"\d+", json.dumps(submission.form_data))):
            found[marker] = found.get(marker, 0) + 1
    return found


def enquiry_page_url():
    from about.models import MembershipEnquiryPage

    return MembershipEnquiryPage.objects.live().first().url


def download_count(document_id):
    return PortalDocument.objects.get(pk=document_id).download_count


def delete_document(document_id):
    PortalDocument.objects.get(pk=document_id).delete()


def page_image(page_id):
    page = _page(page_id)
    image = page.listing_image
    return {"id": image.pk, "description": image.description} if image else None


def home_hero_image():
    image = Site.objects.get(is_default_site=True).root_page.specific.hero_image
    return {"id": image.pk, "description": image.description}


def edit_image(image_id, **fields):
    image = get_image_model().objects.get(pk=image_id)
    for name, value in fields.items():
        setattr(image, name, value)
    image.save()


def tasks_waiting():
    """The tasks due now that the worker has not finished (a retry deferred to later is not waiting)."""
    return DBTaskResult.objects.ready().count() + DBTaskResult.objects.running().count()


# The worker purges the front cache when it has marked a task finished (django-tasks' task_finished signal): a
# task finished this recently may still have its ban on the way (a loopback request, milliseconds).
SETTLE = timedelta(seconds=1)


def wait_for_tasks(timeout=60):
    deadline = time.monotonic() + timeout
    while tasks_waiting() or DBTaskResult.objects.filter(finished_at__gt=timezone.now() - SETTLE).exists():
        if time.monotonic() > deadline:
            raise RuntimeError(f"the worker left {tasks_waiting()} task(s) waiting for {timeout} s")
        time.sleep(0.1)


def document_text_status(document_id):
    return PortalDocument.objects.values_list("text_extraction_status", flat=True).get(pk=document_id)


def main():
    for line in sys.stdin:
        request = json.loads(line)
        close_old_connections()  # as Django does before each request: a connection the server dropped is replaced
        try:
            result = globals()[request["call"]](*request.get("args", []), **request.get("kwargs", {}))
            if request.get("wait", True):
                wait_for_tasks()
            answer = {"result": result}
        except Exception:  # the test reads the traceback
            answer = {"error": traceback.format_exc()}
        sys.stdout.write(json.dumps(answer, default=str) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
