"""The quiz engine's domain errors (also importable from ``quizzes.services``)."""


class QuizError(Exception):
    """A rule refused the action; ``str(error)`` is the message for the person."""


class InvalidAnswer(QuizError):
    """The answer cannot be valid (a 400); ``errors`` maps position -> message. Nothing saved."""

    def __init__(self, message, errors=None):
        super().__init__(message)
        self.errors = errors or {}


class AnswerLocked(QuizError):
    """The answer at this position may no longer be changed (no going back, or feedback shown)."""


class AttemptClosed(QuizError):
    """The attempt is no longer open; if time ran out it has just been submitted. Show
    ``error.attempt``'s result."""

    def __init__(self, message, attempt):
        super().__init__(message)
        self.attempt = attempt
