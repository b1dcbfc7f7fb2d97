"""The download audit: who downloaded which members-only document, when, and which version.

``record_download`` is called by the serve views each time a download is counted (``documents.serving``). A
document in no restricted collection is public: its downloads are only counted, never tied to anyone.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from members import access


def record_download(request, document, version=None, share_link=None):
    """Record one download of ``document`` (or of its earlier ``version``) when it is members-only."""
    from documents.models import DownloadRecord

    if not access.is_restricted_collection(request, document.collection_id):
        return None
    user = getattr(request, "user", None)
    return DownloadRecord.objects.create(
        document=document,
        document_title=document.title[:255],
        version_number=version.number if version is not None else document.version_number,
        user=user if share_link is None and user is not None and user.is_authenticated else None,
        share_link=share_link,
    )


def prune(now=None, days=None):
    """Delete the records older than the retention period; returns how many were deleted."""
    from documents.models import DownloadRecord

    days = settings.DOWNLOAD_AUDIT_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _ = DownloadRecord.objects.filter(downloaded_at__lt=cutoff).delete()
    return deleted
