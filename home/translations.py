"""wagtail-localize's admin views, held to the portal's moderation and its rule that bad input is refused clearly.

Two of its views are replaced at their own addresses (``home.wagtail_hooks`` registers these first, so they answer
before wagtail-localize's, and every link wagtail-localize builds still leads here):

- "Sync translated pages" offers "Publish immediately", which wagtail-localize honours for anyone who may submit
  translations. Editors may not publish (moderators approve: ``members/migrations/0003``), so the box is offered,
  and obeyed, only to a user who may publish the source page; an editor's sync updates the translations' drafts.
- Uploading a PO file answers a request without a file, or a file that is not a PO file exported from a translation,
  with a message and a redirect instead of a server error (wagtail-localize reads the file and its
  ``X-WagtailLocalize-TranslationID`` header without checking that they are there).
"""

import contextlib
import os
import tempfile

import polib
from django import forms
from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.views import edit_translation, update_translations


def _may_publish(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return user.is_superuser


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """ "Sync translated pages": publishing at once only for those who may publish the page."""

    def _may_publish(self):
        return _may_publish(self.request.user, self.object.get_source_instance())

    def get_form(self):
        form = super().get_form()
        if not self._may_publish():
            form.fields["publish_translations"].widget = forms.HiddenInput()
            form.fields["publish_translations"].disabled = True
            form.fields["publish_translations"].initial = False
        return form

    def form_valid(self, form):
        if not self._may_publish():
            form.cleaned_data["publish_translations"] = False
        return super().form_valid(form)


def _po_file_error(upload, translation):
    """Why ``upload`` cannot be imported into ``translation`` (a sentence for the editor), or ``None``."""
    # As wagtail-localize does: polib is given a file name, never the contents (which it could take for a name).
    with tempfile.NamedTemporaryFile(delete=False) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    try:
        po = polib.pofile(handle.name)
    except (OSError, UnicodeDecodeError, ValueError):
        return "Please upload a valid PO file."
    finally:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
    if "X-WagtailLocalize-TranslationID" not in po.metadata:
        return "This is not a PO file downloaded from a translation: download the PO file from this page's translation."
    if po.metadata["X-WagtailLocalize-TranslationID"] != str(translation.uuid):
        return "Cannot import PO file that was created for a different translation."
    return None


@require_POST
def upload_pofile(request, translation_id):
    """wagtail-localize's PO upload, after checking that a PO file of this translation was sent."""
    translation = get_object_or_404(Translation, id=translation_id)
    upload = request.FILES.get("file")
    if upload is None:
        return HttpResponseBadRequest("Choose a PO file to upload.")
    if not edit_translation.user_can_edit_instance(request.user, translation.get_target_instance()):
        return edit_translation.upload_pofile(request, translation_id)  # refuses with 403
    error = _po_file_error(upload, translation)
    if error is not None:
        messages.error(request, error)
        return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
    upload.seek(0)
    return edit_translation.upload_pofile(request, translation_id)


# The dashboard's "Translations in progress" --------------------------------------------------------------------------


def translations_in_progress(user, limit=5):
    """The translations still waiting for words, most recently synced source first, that ``user`` may edit:
    ``[{"title", "language", "translated", "total", "percent", "edit_url"}]``.

    A fixed number of queries: the translations (with a "waiting" flag, as wagtail-localize's report computes it),
    the translated pages, and one count per row shown (``Translation.get_progress``), at most ``limit`` rows.
    """
    waiting = Exists(
        StringSegment.objects.filter(source_id=OuterRef("source_id"))
        .annotate(
            _locale_id=OuterRef("target_locale_id"),
            is_translated=Exists(
                StringTranslation.objects.filter(
                    translation_of_id=OuterRef("string_id"),
                    context_id=OuterRef("context_id"),
                    locale_id=OuterRef("_locale_id"),
                    has_error=False,
                )
            ),
        )
        .filter(is_translated=False)
    )
    candidates = list(
        Translation.objects.filter(enabled=True, source__specific_content_type__app_label__in=_page_app_labels())
        .annotate(waiting=waiting)
        .filter(waiting=True)
        .select_related("source", "target_locale")
        .order_by("-source__last_updated_at", "-pk")[: limit * 4]
    )
    pages = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(
            translation_key__in={translation.source.object_id for translation in candidates}
        ).select_related("locale")
    }
    rows = []
    for translation in candidates:
        page = pages.get((translation.source.object_id, translation.target_locale_id))
        if page is None or not page.permissions_for_user(user).can_edit():
            continue
        total, translated = translation.get_progress()
        rows.append(
            {
                "title": page.get_admin_display_title(),
                "language": translation.target_locale.get_display_name(),
                "translated": translated,
                "total": total,
                "percent": round(100 * translated / total) if total else 100,
                "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
            }
        )
        if len(rows) == limit:
            break
    return rows


def _page_app_labels():
    from wagtail.models import get_page_models

    return {model._meta.app_label for model in get_page_models()}
