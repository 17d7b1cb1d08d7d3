"""Deleting a person in the Wagtail user admin is the DSGVO erasure (accounts.personal_data).

Wagtail's "Delete" (one user, and the bulk action on the user list) would delete the account
and, through the foreign keys, refuse (records PROTECT their person) or take records with it.
Both are replaced: the confirmation explains what an erasure removes and keeps, asks for the
reason that goes into the log, and ``person_erase`` runs. Nothing is ever deleted in cascade.
"""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.users.utils import user_can_delete_user
from wagtail.users.views.bulk_actions.user_bulk_action import UserBulkAction
from wagtail.users.views.users import DeleteView as WagtailUserDeleteView

from .personal_data import PersonErasureError, is_erased, person_erase


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the erasure"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example “Request of the person of 22.11.2026”. Stored in the log of the "
            "account; do not enter the person's name."
        ),
        error_messages={"required": _("Please give a reason for the erasure.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Please give a reason for the erasure."))
        return reason


ERASED_MESSAGE = _(
    "The personal data has been erased. Enrolments, results and certificates remain as "
    "anonymous records."
)


class UserEraseView(WagtailUserDeleteView):
    """The user admin's delete view, confirming and running an erasure instead."""

    template_name = "accounts/admin/erase_user.html"
    page_title = _("Erase personal data")
    form_class = ErasureForm

    def get_usage_url(self):
        return None  # the records are kept: nothing to warn about

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "erased": is_erased(self.object)}

    def form_valid(self, form):
        try:
            person_erase(user=self.object, by=self.request.user, reason=form.cleaned_data["reason"])
        except PersonErasureError as error:
            form.add_error("reason", str(error))
            return self.form_invalid(form)
        messages.success(self.request, ERASED_MESSAGE)
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class EraseBulkAction(UserBulkAction):
    """Replaces Wagtail's bulk "Delete" of users (registered with a later hook order)."""

    display_name = _("Erase")
    action_type = "delete"
    aria_label = _("Erase the personal data of the selected people")
    template_name = "accounts/admin/erase_users_bulk.html"
    action_priority = 10
    classes = {"serious"}
    form_class = ErasureForm
    # Nothing is deleted, so the refusal for records that refer to the objects
    # (courses.wagtail_hooks.keep_records_on_bulk_delete) does not apply.
    keeps_records = True

    def check_perm(self, obj):
        return user_can_delete_user(self.request.user, obj) and not is_erased(obj)

    def get_execution_context(self):
        return {"by": self.request.user, "reason": self.cleaned_form.cleaned_data["reason"]}

    @classmethod
    def execute_action(cls, objects, by=None, reason="", **kwargs):
        erased = 0
        for person in objects:
            try:
                person_erase(user=person, by=by, reason=reason)
            except PersonErasureError:
                continue  # erased a moment ago by someone else: nothing left to do
            erased += 1
        return erased, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "The personal data of %(count)d person has been erased; their records remain "
            "anonymously.",
            "The personal data of %(count)d people has been erased; their records remain "
            "anonymously.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
