"""The quiz engine's data: authored quizzes (``quiz``: a Wagtail snippet with questions and
choices) and the frozen exam record (``attempts``). Every name is importable from
``quizzes.models`` as before (Django finds the models here, migrations unchanged)."""

from ..choices import CHOICE_KINDS, AnswerReveal, AttemptStatus, FeedbackMode, QuestionKind
from .attempts import DEADLINE_GRACE, Attempt, Response
from .quiz import RICH_TEXT_FEATURES, Choice, Navigation, Question, QuestionCategory, Quiz

__all__ = [
    "CHOICE_KINDS",
    "DEADLINE_GRACE",
    "RICH_TEXT_FEATURES",
    "AnswerReveal",
    "Attempt",
    "AttemptStatus",
    "Choice",
    "FeedbackMode",
    "Navigation",
    "Question",
    "QuestionCategory",
    "QuestionKind",
    "Quiz",
    "Response",
]
