"""Media (images, renditions, documents) in S3-compatible object storage, behind the site's access check.

With ``MEDIA_STORAGE=s3`` the default storage is ``PrivateS3Storage``: a private bucket (objects are written with
the ``private`` ACL and no address of the bucket is ever handed out). Every address the site gives for a file is
its own: ``/media/<name>`` for images and renditions (``members.views.serve_media``) and ``/files/<id>/<name>`` for
documents (the documents' serve view). Both check ``members.access`` first and then stream the file from the
bucket, so a members-only file, or a public one whose collection has just become members-only, is never reachable
by an address that bypasses the check, and there is no public or signed bucket address to expire or re-sign.
"""

from django.conf import settings
from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    default_acl = "private"
    file_overwrite = False  # a new upload never replaces another file of the same name
    querystring_auth = True  # if anything asked boto3 for an address, it would be signed and short-lived
    querystring_expire = 60

    def url(self, name, *args, **kwargs):
        """The site's own address for the file: the bucket is never named to a browser."""
        return settings.MEDIA_URL + name.lstrip("/")
