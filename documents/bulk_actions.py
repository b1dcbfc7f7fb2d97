"""A bulk action in the admin's documents index: set the category and the language of several documents at once,
and make them public (uploads not yet saved with their details, ``PortalDocument.published``)."""

from django import forms
from django.utils.text import capfirst
from wagtail.documents.views.bulk_actions.document_bulk_action import DocumentBulkAction

from documents.labels import LANGUAGE_CHOICES
from documents.models import DocumentCategory

KEEP = ""


class CategoryAndLanguageForm(forms.Form):
    category = forms.ModelChoiceField(
        label="Category",
        queryset=DocumentCategory.objects.all(),
        required=False,
        empty_label="Keep each document's category",
        help_text="The category to give every selected document.",
    )
    language = forms.ChoiceField(
        label="Language",
        choices=[(KEEP, "Keep each document's language"), *LANGUAGE_CHOICES],
        required=False,
        help_text="The language to give every selected document.",
    )
    publish = forms.BooleanField(
        label="Make them public",
        required=False,
        help_text="Uploads not yet saved with their details become visible (in their collection's privacy).",
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("category") and not cleaned.get("language") and not cleaned.get("publish"):
            raise forms.ValidationError("Choose a category, a language or “Make them public”: nothing would change.")
        return cleaned


class SetCategoryAndLanguageBulkAction(DocumentBulkAction):
    display_name = "Set category and language"
    action_type = "set_category_language"
    aria_label = "Set the category and language of the selected documents"
    template_name = "documents/bulk_actions/confirm_set_category_language.html"
    action_priority = 40
    form_class = CategoryAndLanguageForm

    def check_perm(self, document):
        return self.permission_policy.user_has_permission_for_instance(self.request.user, "change", document)

    def get_execution_context(self):
        return dict(self.cleaned_form.cleaned_data)

    @classmethod
    def execute_action(cls, objects, category=None, language=KEEP, publish=False, **kwargs):
        """Each document is saved (not a queryset update), so the search index, the documents' search vectors
        (their language) and the front cache's purges follow, as after an edit."""
        changed = 0
        for document in objects:
            fields = []
            if category is not None and document.category_id != category.pk:
                document.category = category
                fields.append("category")
            if language and document.language != language:
                document.language = language
                fields.append("language")
                if document.translations().filter(language=language).exists():
                    # Its translation set has a document in that language already (one per language): it leaves
                    # the set rather than fail the whole action.
                    document.translation_key = None
                    fields.append("translation_key")
            if publish and not document.published:
                document.published = True
                fields.append("published")
            if fields:
                document.save(update_fields=fields)
                changed += 1
        return changed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        data = self.cleaned_form.cleaned_data
        what = []
        if data.get("category"):
            what.append(f"category “{data['category']}”")
        if data.get("language"):
            what.append(f"language {dict(LANGUAGE_CHOICES)[data['language']]}")
        if data.get("publish"):
            what.append("made public")
        noun = "document" if num_parent_objects == 1 else "documents"
        return capfirst(f"{num_parent_objects} {noun} changed: {', '.join(what)}.")
