"""Forms of the trainers' side: the quiz edit form (publish checks) and the marking form.

Field-level rules (pass mark 0–100, points > 0, alt text for images, accepted answers for
short text, a number for numeric questions) live in ``Quiz.clean`` / ``Question.clean`` and
so hold for drafts too. The checks here look across a question and its choices, and across
the quiz and its pool; they refuse only when a trainer *publishes* (Wagtail defers validation
for drafts and previews), so half-written quizzes can be saved as drafts, and show as
warnings at the field on a draft (see ``QuizAdminForm``).
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.forms import DecimalInput, LocalizedDecimalField, LocalizedDecimalsMixin
from lms.inputs import reject_control_characters

from .models import QuestionKind

MESSAGES = {
    "no_questions": _("A Lernkontrolle needs at least one question before it can be published."),
    "pool_too_small": _(
        "Only %(pool)s questions are in the pool, so %(wanted)s cannot be drawn per attempt. "
        "Add questions or lower the number (0 = all questions)."
    ),
    "too_few_choices": _("A choice question needs at least two answers."),
    "true_false_two": _("A true-or-false question needs exactly two answers."),
    "one_correct": _("Mark exactly one answer as correct."),
    "some_correct": _("Mark at least one answer as correct."),
}


def _live_forms(formset):
    """The forms of ``formset`` that will be saved (not deleted, not blank extras)."""
    formset.is_valid()  # populates cleaned_data; errors are reported by Wagtail as usual
    return [
        form
        for form in formset.forms
        if not (formset.can_delete and formset._should_delete_form(form))
        and (form.instance.pk or form.has_changed())
    ]


def _add_formset_error(formset, message):
    # Shown by Wagtail above the inline panel; makes ``formset.is_valid()`` false.
    formset.non_form_errors().append(message)


def _keep_the_clearer_message(form, field):
    """The field's validator ("must be greater than or equal to 0.01") and the model's clean()
    ("A question is worth more than 0 points.") both report the same problem; show the
    model's message, which says it in the trainer's terms."""
    errors = form.errors.get(field)
    if errors and len(errors) > 1:
        form._errors[field] = form.error_class(errors.as_data()[-1:])


class QuestionAdminForm(LocalizedDecimalsMixin, WagtailAdminModelForm):
    """The inline question form: points, correct number and tolerance are read by
    ``lms.inputs.parse_number`` ("3,5", "0.5"; "1.000" refused as ambiguous)."""

    def _post_clean(self):
        super()._post_clean()
        _keep_the_clearer_message(self, "points")


def choice_problems(kind, correct_flags):
    """What stops a choice question of ``kind`` from being published (message keys of
    ``MESSAGES``); ``correct_flags``: one bool per answer that will be saved."""
    if kind not in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE, QuestionKind.MULTIPLE):
        return []
    problems = []
    if kind == QuestionKind.TRUE_FALSE and len(correct_flags) != 2:
        problems.append("true_false_two")
    elif len(correct_flags) < 2:
        problems.append("too_few_choices")
    correct = sum(1 for flag in correct_flags if flag)
    if kind == QuestionKind.MULTIPLE:
        if correct == 0:
            problems.append("some_correct")
    elif correct != 1:
        problems.append("one_correct")
    return problems


def _saved_choices(question_form):
    """(kind, [is_correct, …]) of a question form: from the posted data when bound, else
    from the question as stored (the latest draft revision, children in memory)."""
    if question_form.is_bound:
        kind = question_form.cleaned_data.get("kind")
        choices = _live_forms(question_form.formsets["choices"])
        return kind, [bool(form.cleaned_data.get("is_correct")) for form in choices]
    question = question_form.instance
    return question.kind, [choice.is_correct for choice in question.choices.all()]


class QuizAdminForm(WagtailAdminModelForm):
    """Publishing checks its rules as errors; a draft (and the edit page after a draft
    was saved) shows the same problems as warnings at the field (``publish_warnings``:
    ``{field or relation name: [message, …]}`` on this form and on each question form),
    so trainers learn early what will block publishing without being stopped."""

    class Media:
        js = ["quizzes/question_editor.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.publish_warnings = {}
        if not self.is_bound and self.instance.pk:
            self._collect_problems(report=self._warn)

    def _post_clean(self):
        super()._post_clean()
        _keep_the_clearer_message(self, "pass_mark")

    def clean(self):
        cleaned_data = super().clean()
        if "questions" not in self.formsets:
            return cleaned_data
        report = self._warn if self.is_deferred_validation else self._refuse
        self._collect_problems(report=report, max_questions=cleaned_data.get("max_questions"))
        return cleaned_data

    def _collect_problems(self, *, report, max_questions=None):
        formset = self.formsets["questions"]
        # Unbound: the stored questions (new ones of a draft have no pk yet, so not by pk).
        questions = _live_forms(formset) if self.is_bound else list(formset.forms)
        if not questions:
            report(self, "questions", MESSAGES["no_questions"])
        wanted = (self.instance.max_questions if max_questions is None else max_questions) or 0
        if wanted > len(questions):
            message = MESSAGES["pool_too_small"] % {"pool": len(questions), "wanted": wanted}
            report(self, "max_questions", message)
        for question_form in questions:
            kind, flags = _saved_choices(question_form)
            for key in choice_problems(kind, flags):
                report(question_form, "choices", MESSAGES[key])

    def _refuse(self, form, name, message):
        if name in form.formsets:
            _add_formset_error(form.formsets[name], message)
        else:
            form.add_error(name, message)

    def _warn(self, form, name, message):
        warnings = getattr(form, "publish_warnings", None)
        if warnings is None:
            warnings = form.publish_warnings = {}
        warnings.setdefault(name, []).append(message)


class MarkingForm(forms.Form):
    points = LocalizedDecimalField(
        label=_("Points"),
        min_value=Decimal("0"),
        max_digits=8,
        decimal_places=2,
        widget=DecimalInput(attrs={"size": 8}),  # "0,5" as German markers type it
    )
    feedback = forms.CharField(
        label=_("Written feedback for the learner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )

    def __init__(self, *args, max_points, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_points = Decimal(max_points)
        self.fields["points"].help_text = _("Between 0 and %(max)s points.") % {
            "max": self.max_points.normalize()
        }

    def clean_feedback(self):
        try:
            return reject_control_characters(self.cleaned_data["feedback"], multiline=True)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.messages[0]) from None

    def clean_points(self):
        points = self.cleaned_data["points"]
        if points > self.max_points:
            raise forms.ValidationError(
                _("At most %(max)s points can be given for this question.")
                % {"max": self.max_points.normalize()}
            )
        return points
