"""Document downloads: conditional and range requests, safe headers, and an exact download counter.

Files are only ever sent by the serve view (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``): ``documents.views.serve``,
mounted as ``wagtaildocs_serve`` in front of Wagtail's, finds the document, runs the ``before_serve_document`` hooks
(the members' access check among them) and then answers with ``document_response`` below. Wagtail's own file
response would answer conditional requests too, but it neither supports ``Range`` nor tells a download from a
revalidation, and it sends ``document_served`` for both.

Every answer carries ``X-Content-Type-Options: nosniff`` and ``Content-Security-Policy: default-src 'none'`` (a
document opened in the browser can run nothing), ``ETag`` (the file's SHA-1), ``Last-Modified`` and
``Accept-Ranges: bytes``. PDFs open inline, other files download (``WAGTAILDOCS_INLINE_CONTENT_TYPES``), both under
their original file name.

A download is counted once, with one atomic ``UPDATE ... SET download_count = download_count + 1`` (no lost
updates however many arrive together), when a ``GET`` is answered with the file: a ``200``, or a ``206`` whose range
starts at byte 0 (the first request of a resumable or streamed download). ``HEAD`` requests, ``304 Not Modified``
revalidations and later ranges are not counted.

Behind Varnish with ``FRONT_CACHE_COUNTS_DOWNLOADS`` (README, "Serving and the front cache"), public files are kept
by Varnish like pages (``public, s-maxage``, purge tag ``d<id>``) and the downloads it answers from its store are
counted from its log (``documents.cached_downloads``). Django then counts what the visitor asked for, which Varnish
passes on in ``X-Portal-Client-Method`` and ``X-Portal-Client-Range`` (it fetches a whole file with ``GET`` whatever
the client asked, to keep it), and nothing for a refresh behind a stale copy (``X-Portal-Background``: the visitor
got the copy, counted from the log). Each download is so counted once, by one of the two.
"""

import re
from calendar import timegm

from django.conf import settings
from django.db.models import F
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.http.response import FileResponse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date, quote_etag
from wagtail.documents.models import document_served

from members import cache_policy

CHUNK_SIZE = 64 * 1024
SINGLE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
UNSATISFIABLE = object()


def last_modified(document):
    """When the stored file last changed, as a timestamp: the storage's time, else the upload time (``document``
    may be a ``DocumentVersion``)."""
    try:
        modified = document.file.storage.get_modified_time(document.file.name)
    except (NotImplementedError, OSError):
        modified = document.created_at
    return timegm(modified.utctimetuple()) if modified else None


def requested_range(request, size, etag, modified):
    """``(first, last)`` byte positions of a satisfiable single range, ``UNSATISFIABLE``, or ``None`` (send all).

    Several ranges, a malformed header or an ``If-Range`` that no longer matches the file are answered with the
    whole file, as HTTP allows.
    """
    header = request.headers.get("Range", "").strip()
    if not header or request.method not in ("GET", "HEAD"):
        return None
    if_range = request.headers.get("If-Range", "").strip()
    if if_range and if_range != etag and if_range != (http_date(modified) if modified else None):
        return None
    return single_range(header, size)


def single_range(header, size):
    """The ``(first, last)`` positions ``header`` (a ``Range`` value) asks of a file of ``size`` bytes,
    ``UNSATISFIABLE``, or ``None`` when it does not ask one range (the whole file is sent)."""
    match = SINGLE_RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            return UNSATISFIABLE
        return max(0, size - length), size - 1
    first = int(first)
    if last and int(last) < first:  # not a valid range: ignored
        return None
    if first >= size:
        return UNSATISFIABLE
    return first, min(int(last), size - 1) if last else size - 1


def _read_range(file, first, length):
    try:
        file.seek(first)
        remaining = length
        while remaining > 0:
            chunk = file.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        file.close()


def count_download(document, version=None, times=1):
    """Add ``times`` to ``document``'s downloads (the total) and to its version's, atomically (no
    read-modify-write): the current file's count is on the document, an earlier version's on its
    ``DocumentVersion``."""
    if version is None:
        type(document).objects.filter(pk=document.pk).update(
            download_count=F("download_count") + times, version_download_count=F("version_download_count") + times
        )
    else:
        type(document).objects.filter(pk=document.pk).update(download_count=F("download_count") + times)
        type(version).objects.filter(pk=version.pk).update(download_count=F("download_count") + times)


def counted_here(request, byte_range, size):
    """Whether this answer is a download for Django to count: a ``GET`` answered with the whole file or with a
    range from byte 0, as the visitor asked it (behind a counting Varnish: module docstring)."""
    method = request.method
    if settings.FRONT_CACHE_COUNTS_DOWNLOADS:
        if request.headers.get("X-Portal-Background"):
            return False
        method = request.headers.get("X-Portal-Client-Method", method)
        client_range = request.headers.get("X-Portal-Client-Range")
        if client_range is not None:
            byte_range = single_range(client_range, size)
            if byte_range is UNSATISFIABLE:
                return False
    return method == "GET" and (byte_range is None or byte_range[0] == 0)


def _common_headers(request, response, document, etag, modified):
    if etag:
        response["ETag"] = etag
    if modified:
        response["Last-Modified"] = http_date(modified)
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    if settings.FRONT_CACHE_COUNTS_DOWNLOADS:
        # Varnish keeps a public file (members.cache_policy makes it public, or private when it is members-only)
        # until the document changes; its hits are counted from its log.
        cache_policy.tag(request, f"d{document.pk}")
    else:
        # Caches may keep a public file but must ask again each time (a 304 costs nothing and keeps the count
        # honest). Members-only files are made private and unstored by members.middleware.
        response["Cache-Control"] = "no-cache"
    return response


def document_response(request, document, version=None, on_download=None):
    """The response to a request for ``document``'s file (or for its earlier ``version``), once access has been
    granted. ``on_download(request, document, version)`` runs when a download is counted (the audit, share links).
    """
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    served = document if version is None else version
    etag = quote_etag(served.file_hash) if served.file_hash else None
    modified = last_modified(served)
    not_modified = get_conditional_response(request, etag=etag, last_modified=modified)
    if not_modified is not None:  # 304 Not Modified, or 412 Precondition Failed
        return _common_headers(request, not_modified, document, etag, modified)

    try:
        file = served.file.storage.open(served.file.name, "rb")
    except OSError:
        raise Http404("The document's file is missing.") from None
    size = served.file.size if served.file_size is None else served.file_size
    byte_range = requested_range(request, size, etag, modified)

    if byte_range is UNSATISFIABLE:
        file.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return _common_headers(request, response, document, etag, modified)

    if request.method == "HEAD":
        file.close()
        response = HttpResponse()
        length = size if byte_range is None else byte_range[1] - byte_range[0] + 1
    elif byte_range is None:
        response = FileResponse(file)
        length = size
    else:
        first, last = byte_range
        length = last - first + 1
        response = StreamingHttpResponse(_read_range(file, first, length), status=206)
    if byte_range is not None:
        response.status_code = 206
        response["Content-Range"] = f"bytes {byte_range[0]}-{byte_range[1]}/{size}"
    response["Content-Length"] = str(length)
    response["Content-Type"] = served.content_type
    inline = served.content_disposition == "inline"
    response["Content-Disposition"] = content_disposition_header(not inline, served.download_filename)
    _common_headers(request, response, document, etag, modified)

    if counted_here(request, byte_range, size):
        count_download(document, version)
        if on_download is not None:
            on_download(request, document, version)
        document_served.send(sender=type(document), instance=document, request=request)
    return response
