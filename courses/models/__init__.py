"""The courses app's models, one module per job (pages, modules, enrolments); every model is
importable from ``courses.models`` as before (Django finds them here, migrations unchanged)."""

from .enrolments import (
    Enrolment,
    EnrolmentQuerySet,
    ModuleCompletion,
    ModuleCompletionQuerySet,
    ReflectionAnswer,
)
from .modules import CompletionRule, ModulePage, ModulePageForm
from .pages import CourseIndexPage, CoursePage, CourseTag, CourseTargetGroup, EnrolmentMode

__all__ = [
    "CompletionRule",
    "CourseIndexPage",
    "CoursePage",
    "CourseTag",
    "CourseTargetGroup",
    "Enrolment",
    "EnrolmentMode",
    "EnrolmentQuerySet",
    "ModuleCompletion",
    "ModuleCompletionQuerySet",
    "ModulePage",
    "ModulePageForm",
    "ReflectionAnswer",
]
