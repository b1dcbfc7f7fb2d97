"""The documents app's download views: ``serve`` mounted as ``wagtaildocs_serve`` in front of Wagtail's own, and
``serve_version`` for a document's earlier files at their stable addresses."""

from django.http import Http404, HttpResponseBase
from django.shortcuts import get_object_or_404
from wagtail import hooks

from documents import audit, serving
from documents.models import PortalDocument
from members.tokens import bearer_token_allowed


def _run_serve_hooks(request, document):
    """Every ``before_serve_document`` hook (the members' access check among them); the first response a hook
    returns, else ``None``."""
    for hook in hooks.get_hooks("before_serve_document"):
        result = hook(document, request)
        if isinstance(result, HttpResponseBase):
            return result
    return None


@bearer_token_allowed
def serve(request, document_id, document_filename):
    """Wagtail's document serve view, with range requests and the download counter.

    It does what ``wagtail.documents.views.serve.serve`` does up to the file itself: find the document, check the
    file name in the address, and run every ``before_serve_document`` hook (the members' access check among them),
    answering with the first response a hook returns. The file is then sent by ``documents.serving``. Wagtail's
    view cannot be kept with a hook doing the sending: it ignores a streaming response returned by a hook.

    ``Authorization: Bearer <personal token>`` stands for the token's owner (``members.tokens``), so a headless
    front end downloads what the owner may see; a bad token is a 401, a non-member's token the usual 404.
    """
    document = get_object_or_404(PortalDocument.objects.without_text(), id=document_id)
    if document.filename != document_filename:
        raise Http404("This document does not match the given filename.")
    refusal = _run_serve_hooks(request, document)
    if refusal is not None:
        return refusal
    return serving.document_response(request, document, on_download=audit.record_download)


@bearer_token_allowed
def serve_version(request, document_id, number, filename):
    """Version ``number`` of a document's file at its stable address, ``/files/<id>/v<number>/<file name>``.

    The newest version is the document's own file; an earlier one is served when ``may_open_earlier_versions``.
    The document's access rules apply first (the same hooks as ``serve``); a hidden version answers as a missing
    one.
    """
    document = get_object_or_404(PortalDocument.objects.without_text(), id=document_id)
    number = int(number)
    version = None
    if number == document.version_number:
        if document.filename != filename:
            raise Http404("No such version.")
    else:
        version = document.versions.filter(number=number).first()
        if version is None or version.filename != filename:
            raise Http404("No such version.")
    refusal = _run_serve_hooks(request, document)
    if refusal is not None:
        return refusal
    if version is not None and not document.earlier_versions_open_to(request):
        raise Http404("No such version.")
    return serving.document_response(request, document, version=version, on_download=audit.record_download)
