"""The download audit: who downloaded which members-only document, and when.

Filled in by stage 3; for now downloads are only counted."""


def record_download(request, document, version=None, share_link=None):
    return None
