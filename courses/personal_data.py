"""What the courses app stores about a person, for the DSGVO export and erasure (registry:
``lms.personal_data``, registered in ``CoursesConfig.ready``).

Enrolments and module completions are the training record (Fortbildungsnachweis): erasure
keeps them as anonymous records so every report's totals stay the same; the free-text reason
of a completion recorded by hand is replaced (``completion_reasons_erase``). Reflection answers
are private free text that nobody else reads and no report counts: erasure deletes them
(data minimisation, Art. 5 Abs. 1 lit. c DSGVO).
"""

from django.utils.translation import gettext_lazy as _

from lms.personal_data import ERASED_TEXT

from .models import Enrolment, ModuleCompletion, ReflectionAnswer


def _organisation(record):
    return record.organisation.name if record.organisation_id else None


def enrolments_of(user):
    """``user``'s enrolments (active or not): list of dicts with the course title, the
    organisation the person belonged to at enrolment, times (aware datetimes), due date
    (date), active or not, and a manual completion's reason."""
    rows = (
        Enrolment.objects.filter(user=user)
        .select_related("course", "organisation")
        .order_by("enrolled_at", "pk")
    )
    return [
        {
            "course": enrolment.course.title,
            "organisation": _organisation(enrolment),
            "enrolled_at": enrolment.enrolled_at,
            "due_date": enrolment.due_date,
            "completed_at": enrolment.completed_at,
            "active": enrolment.is_active,
            "manual_completion_reason": enrolment.completion_reason,
        }
        for enrolment in rows
    ]


def module_completions_of(user):
    """``user``'s completed modules: list of dicts (module title, how, when, organisation at
    the time, the reason of a completion recorded by hand)."""
    rows = (
        ModuleCompletion.objects.filter(user=user)
        .select_related("module", "organisation")
        .order_by("completed_at", "pk")
    )
    return [
        {
            "module": completion.module.title,
            "via": completion.get_via_display(),
            "completed_at": completion.completed_at,
            "organisation": _organisation(completion),
            "reason": completion.reason,
        }
        for completion in rows
    ]


def _question(module, block_id):
    for block in module.body:
        if block.id == block_id and block.block_type == "reflection":
            return block.value["question"]
    return ""


def reflection_answers_of(user):
    """``user``'s reflection answers: list of dicts (module, question as now worded, answer,
    created/updated times)."""
    rows = (
        ReflectionAnswer.objects.filter(user=user)
        .select_related("module")
        .order_by("module_id", "created_at")
    )
    return [
        {
            "module": answer.module.title,
            "question": _question(answer.module, answer.block_id),
            "answer": answer.text,
            "created_at": answer.created_at,
            "updated_at": answer.updated_at,
        }
        for answer in rows
    ]


def responsibilities_erase(user):
    """Takes ``user`` off the responsible trainers of every course (an erased account holds
    no role); enrolments themselves stay. Returns how many courses."""
    from .models import CoursePage

    deleted, _counts = CoursePage.responsible_trainers.through.objects.filter(user=user).delete()
    return deleted


def completion_reasons_erase(user):
    """Replaces the reasons of ``user``'s completions recorded by hand (free text about the
    person, e.g. "attended in person, was ill on the second day") by ``ERASED_TEXT``; the
    completions and their dates stay (certificates and figures rest on them), and they stay
    marked as recorded by hand. Returns how many texts."""
    enrolments = (
        Enrolment.objects.filter(user=user)
        .exclude(completion_reason__in=("", ERASED_TEXT))
        .update(completion_reason=ERASED_TEXT)
    )
    modules = (
        ModuleCompletion.objects.filter(user=user)
        .exclude(reason__in=("", ERASED_TEXT))
        .update(reason=ERASED_TEXT)
    )
    return enrolments + modules


def reflection_answers_erase(user):
    """Deletes ``user``'s reflection answers; returns how many."""
    deleted, _counts = ReflectionAnswer.objects.filter(user=user).delete()
    return deleted


LABELS = {
    "course": _("Course"),
    "organisation": _("Organisation"),
    "enrolled_at": _("Enrolled"),
    "due_date": _("Due date"),
    "completed_at": _("Completed"),
    "active": _("Active"),
    "manual_completion_reason": _("Reason for the manual completion"),
    "module": _("Module"),
    "via": _("Completed by"),
    "reason": _("Reason"),
    "question": _("Question"),
    "answer": _("Answer"),
    "created_at": _("Written"),
    "updated_at": _("Last changed"),
}


def register():
    """Called from ``CoursesConfig.ready``."""
    from lms.personal_data import register_section

    register_section(
        "enrolments",
        label=_("Enrolments"),
        collect=enrolments_of,
        erase=responsibilities_erase,
        labels=LABELS,
        order=20,
    )
    register_section(
        "module_completions",
        label=_("Module completions"),
        collect=module_completions_of,
        erase=completion_reasons_erase,
        labels=LABELS,
        order=30,
    )
    register_section(
        "reflection_answers",
        label=_("Reflection answers"),
        collect=reflection_answers_of,
        erase=reflection_answers_erase,
        labels=LABELS,
        order=35,
    )
