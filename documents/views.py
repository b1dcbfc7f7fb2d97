"""The documents app's download view, mounted as ``wagtaildocs_serve`` in front of Wagtail's own."""

from django.http import Http404, HttpResponseBase
from django.shortcuts import get_object_or_404
from wagtail import hooks

from documents import serving
from documents.models import PortalDocument
from members.tokens import bearer_token_allowed


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
    for hook in hooks.get_hooks("before_serve_document"):
        result = hook(document, request)
        if isinstance(result, HttpResponseBase):
            return result
    return serving.document_response(request, document)
