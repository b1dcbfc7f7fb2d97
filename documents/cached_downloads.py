"""Counting the downloads Varnish answers from its store.

With ``FRONT_CACHE_COUNTS_DOWNLOADS``, Varnish keeps public files (``documents.serving``), so a download it answers
from its store never reaches Django. ``varnishncsa`` writes one line per such answer (``VARNISHNCSA_ARGUMENTS``:
tab-separated handling, method, status, address and the ``Range`` asked) and ``manage.py count_cached_downloads``
reads those lines on its standard input and adds them to the counters, in batches:

    varnishncsa -n <varnish workdir> <VARNISHNCSA_ARGUMENTS> | manage.py count_cached_downloads

Only hits are counted here (``hit``: served from the store, stale copies in grace included); misses and passes
reached Django, which counted them. A download is a ``GET`` answered ``200``, or ``206`` for a range from byte 0,
as in Django: ``HEAD`` requests, ``304`` revalidations and later ranges are not downloads.
"""

import re
from collections import Counter

from django.db import transaction

from documents.models import DocumentVersion, PortalDocument
from documents.serving import count_download

FORMAT = r"%{Varnish:handling}x\t%m\t%s\t%U\t%{Range}i"
VARNISHNCSA_ARGUMENTS = ("-c", "-q", 'ReqURL ~ "^/files/[0-9]+/"', "-F", FORMAT)

ADDRESS = re.compile(r"^/files/(\d+)/(?:v(\d+)/)?[^/]+$")
RANGE_FROM_ZERO = re.compile(r"^bytes=0-\d*$")
MAX_ID = 2**31 - 1


def parse(line):
    """``(document id, version number or None)`` for a log line that is a download answered by Varnish, else
    ``None``."""
    fields = line.rstrip("\r\n").split("\t")
    if len(fields) != 5:
        return None
    handling, method, status, address, asked_range = fields
    if handling != "hit" or method != "GET":
        return None
    if status == "206":
        if not RANGE_FROM_ZERO.match(asked_range.strip()):
            return None
    elif status != "200":
        return None
    match = ADDRESS.match(address)
    if not match:
        return None
    document_id = int(match.group(1))
    number = int(match.group(2)) if match.group(2) else None
    if document_id > MAX_ID or (number is not None and number > MAX_ID):
        return None
    return document_id, number


def record(counts):
    """Add ``counts`` (``Counter`` of ``(document id, version number or None)``) to the documents' counters: the
    total on the document, and the current file's or the earlier version's count. Unknown documents or versions
    (deleted since) are skipped. Returns how many downloads were recorded."""
    with transaction.atomic():  # all or nothing: a batch that fails is written again whole, never twice in part
        return _record(counts)


def _record(counts):
    documents = PortalDocument.objects.only("id", "version_number").in_bulk({key[0] for key in counts})
    wanted = {(document_id, number) for document_id, number in counts if number is not None}
    versions = {}
    if wanted:
        for version in DocumentVersion.objects.filter(document_id__in={d for d, _ in wanted}).only(
            "id", "document_id", "number"
        ):
            versions[(version.document_id, version.number)] = version
    recorded = 0
    for (document_id, number), times in counts.items():
        document = documents.get(document_id)
        if document is None:
            continue
        version = None
        if number is not None and number != document.version_number:
            version = versions.get((document_id, number))
            if version is None:
                continue
        count_download(document, version, times=times)
        recorded += times
    return recorded


def tally(lines):
    """A ``Counter`` of the downloads in ``lines``."""
    return Counter(key for key in map(parse, lines) if key is not None)
