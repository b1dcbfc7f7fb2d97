import mimetypes
import posixpath

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.urls import reverse_lazy
from django.views.static import serve as static_serve
from wagtail.images import get_image_model

from members import access, cache_policy
from members.middleware import make_private, mark_private


def not_found(request, *args, **kwargs):
    """A 404, exactly as for an address that names nothing."""
    raise Http404


class LoginView(auth_views.LoginView):
    """ "Private areas access": the site's login page. ``next`` only ever leads to this site."""

    template_name = "members/login.html"


class LogoutView(auth_views.LogoutView):
    template_name = "members/logged_out.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "members/password_reset_form.html"
    email_template_name = "members/email/password_reset_email.txt"
    subject_template_name = "members/email/password_reset_subject.txt"
    success_url = reverse_lazy("members:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "members/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "members/password_reset_confirm.html"
    success_url = reverse_lazy("members:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "members/password_reset_complete.html"


def _image_for_media_path(path):
    """The image a media file belongs to (its original or one of its renditions), or ``None``."""
    Image = get_image_model()
    if path.startswith("original_images/"):
        return Image.objects.filter(file=path).only("id", "collection_id").first()
    if path.startswith("images/"):
        Rendition = Image.get_rendition_model()
        rendition = Rendition.objects.filter(file=path).select_related("image").only("image__collection_id").first()
        return rendition.image if rendition else None
    return None


def serve_media(request, path):
    """Uploaded images, checked against the access module before a byte is sent.

    Only image files are media: document files are reachable through the documents' serve view alone.
    A public image is public (for how long: ``members.cache_policy``); an image from a members' collection is
    sent only to those who may see it, privately, and is a plain 404 to everyone else (its existence is not revealed).
    """
    path = posixpath.normpath(path).lstrip("/")
    if path.startswith("..") or "\x00" in path:
        raise Http404
    image = _image_for_media_path(path)
    if image is None or not access.can_view_image(request, image):
        raise Http404
    response = static_serve(request, path, document_root=str(settings.MEDIA_ROOT))
    response["Content-Type"] = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response["X-Content-Type-Options"] = "nosniff"
    if access.is_restricted_collection(request, image.collection_id):
        mark_private(request)
        make_private(response)
    else:
        # Public: how long for is members.cache_policy's decision.
        cache_policy.tag(request, f"i{image.pk}")
    return response
