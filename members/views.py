import math
import mimetypes
import posixpath
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseNotModified, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.http import http_date
from django.utils.translation import gettext
from django.views.static import was_modified_since
from wagtail.images import get_image_model

from members import access, cache_policy, throttle
from members.languages import without_language
from members.middleware import make_private, mark_private
from members.tokens import bearer_token_allowed


def not_found(request, *args, **kwargs):
    """A 404, exactly as for an address that names nothing."""
    raise Http404


class LoginView(auth_views.LoginView):
    """ "Private areas access": the site's login page.

    After logging in, a member goes to the address in ``next`` when it is on this site (Django's check: same host,
    same scheme or safer), otherwise to the private areas (``access.private_areas_url``). The page says why the
    visitor is there from the *shape* of ``next`` only ("to download this document", "to read this page"), never from
    what it names, so it reads the same for a hidden document and a missing one.
    """

    template_name = "members/login.html"

    def get_default_redirect_url(self):
        return access.private_areas_url(self.request) or super().get_default_redirect_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["login_reason"] = login_reason(context.get(self.redirect_field_name, ""))
        return context


def login_reason(next_url):
    """Why the login page was reached, from the kind of address in ``next`` only (see ``LoginView``)."""
    path = without_language(urlsplit(next_url or "").path)
    if path.startswith(("/files/", "/media/")) or re.match(r"^/documents/\d+-", path):
        return gettext("Log in with your members' account to download this document.")
    if path.startswith("/account/"):
        return gettext("Log in to see your account.")
    if path and path != "/":
        return gettext("Log in with your members' account to read this page.")
    return ""


class LogoutView(auth_views.LogoutView):
    """Logs out (POST only) and sends the browser to the "You have logged out" page."""

    next_page = "members:logged_out"


def logged_out(request):
    """The confirmation after logging out; a visitor who is still logged in is told so, with the log-out button."""
    return TemplateResponse(request, "members/logged_out.html", {"still_logged_in": request.user.is_authenticated})


class PasswordChangeView(auth_views.PasswordChangeView):
    """ "Change password", from My account: the current password, the new one twice, Django's validators.

    Django's view keeps the member logged in (``update_session_auth_hash``) and logs other sessions out. Wrong
    current passwords are counted like failed logins: after ``PASSWORD_CHANGE_FAILURES`` in
    ``PASSWORD_CHANGE_WINDOW`` seconds the form answers 429 until the window has passed, so a session left open
    cannot be used to guess the password.
    """

    template_name = "members/password_change.html"
    success_url = reverse_lazy("members:account")

    def post(self, request, *args, **kwargs):
        if throttle.has_used_up(
            "password-change", request.user.pk, settings.PASSWORD_CHANGE_FAILURES, settings.PASSWORD_CHANGE_WINDOW
        ):
            return self._throttled()
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if "old_password" in form.errors and not throttle.count_and_check(
            "password-change", self.request.user.pk, settings.PASSWORD_CHANGE_FAILURES, settings.PASSWORD_CHANGE_WINDOW
        ):
            return self._throttled()
        return super().form_invalid(form)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, gettext("Your password was changed. You are still logged in on this device."))
        return response

    def _throttled(self):
        window = settings.PASSWORD_CHANGE_WINDOW
        context = {"retry_minutes": math.ceil(window / 60)}
        response = TemplateResponse(self.request, "members/password_change_throttled.html", context, status=429)
        response["Retry-After"] = str(window)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Sends a reset link, throttled so the form can be neither a mail cannon nor an address oracle.

    At most ``PASSWORD_RESET_EMAILS_PER_ADDRESS`` e-mails go to one address per ``PASSWORD_RESET_WINDOW``
    seconds: past that the request is answered exactly as if it had been sent. One client may ask at most
    ``PASSWORD_RESET_REQUESTS_PER_CLIENT`` times per window, then gets a 429 page. Both counters count every
    well-formed request, whether or not an account has the address, so neither reveals which addresses exist.
    """

    template_name = "members/password_reset_form.html"
    email_template_name = "members/email/password_reset_email.txt"
    subject_template_name = "members/email/password_reset_subject.txt"
    success_url = reverse_lazy("members:password_reset_done")

    def form_valid(self, form):
        window = settings.PASSWORD_RESET_WINDOW
        client = throttle.client_address(self.request)
        if not throttle.count_and_check("reset-client", client, settings.PASSWORD_RESET_REQUESTS_PER_CLIENT, window):
            context = {"retry_minutes": math.ceil(window / 60)}
            response = TemplateResponse(self.request, "members/password_reset_throttled.html", context, status=429)
            response["Retry-After"] = str(window)
            return response
        email = form.cleaned_data["email"].strip().lower()
        if not throttle.count_and_check("reset-email", email, settings.PASSWORD_RESET_EMAILS_PER_ADDRESS, window):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


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


def _stored_file_response(request, path):
    """The file at ``path`` of the default storage (local disk or object storage), streamed; a 304 when the
    browser's copy (``If-Modified-Since``) is still the stored one."""
    storage = default_storage
    try:
        modified = storage.get_modified_time(path)
        size = storage.size(path)
    except (FileNotFoundError, OSError, NotImplementedError):
        raise Http404 from None
    except Exception as error:  # the object storage's "no such key" (botocore's ClientError)
        if getattr(error, "response", {}).get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            raise Http404 from None
        raise
    last_modified = math.floor(modified.timestamp())
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), last_modified):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(storage.open(path, "rb"))
        response["Content-Length"] = str(size)
    response["Last-Modified"] = http_date(last_modified)
    return response


@bearer_token_allowed
def serve_media(request, path):
    """Uploaded images, checked against the access module before a byte is sent.

    Only image files are media: document files are reachable through the documents' serve view alone.
    An image from a members' collection is sent only to those who may see it, privately, and is a plain 404 to
    everyone else (its existence is not revealed). A public image may be kept by browsers for
    ``IMAGE_BROWSER_MAX_AGE`` seconds and by shared caches for ``IMAGE_SHARED_MAX_AGE`` (which the front cache's
    purge shortens); after that they revalidate with ``If-Modified-Since``, and the access check runs before
    the file's date is compared, so an image whose collection has since become members-only answers 404, never 304.
    """
    path = posixpath.normpath(path).lstrip("/")
    if path.startswith("..") or "\x00" in path:
        raise Http404
    image = _image_for_media_path(path)
    if image is None or not access.can_view_image(request, image):
        raise Http404
    response = _stored_file_response(request, path)
    response["Content-Type"] = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response["X-Content-Type-Options"] = "nosniff"
    if access.is_restricted_collection(request, image.collection_id):
        mark_private(request)
        make_private(response)
    else:
        # Public: how long for is members.cache_policy's decision.
        cache_policy.tag(request, f"i{image.pk}")
    return response
