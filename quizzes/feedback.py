"""What a learner may see of an attempt, gated by its frozen feedback mode.

Views render ONLY ``questions_for_learner()`` while an attempt is open, and per-question
correctness only through ``feedback_for()``, which returns ``None`` whenever the mode forbids it:

- ``each``: feedback for a question once its answer is saved (a saved answer is then final),
  and for all questions after submission;
- ``after``: for all questions once the attempt is submitted;
- ``score``: never per question; ``result()`` gives the score only.

Within feedback, the correct answers and the explanation are a second gate, the frozen
``answer_reveal`` policy (``answers_revealed()``): never / after passing / after each attempt /
after the last allowed attempt. When it says no, ``feedback_for()`` leaves them out entirely,
so no template can show them by mistake, and withholds the verdict itself where it would
tell the answer (``correctness_gives_answer_away``: true or false, a choice of two).
"""

from decimal import Decimal

from . import scoring
from .choices import AttemptStatus, FeedbackMode, QuestionKind

# Keys of a snapshot question a learner may see before submission (no answers, no explanation).
LEARNER_KEYS = (
    "key",
    "kind",
    "text",
    "image_url",
    "image_alt",
    "points",
    "category",
    "partial_credit",
)


def correctness_gives_answer_away(question):
    """Whether "correct" / "not correct" for ``question`` (a snapshot dict) tells the answer:
    true or false, and a single choice between two (the other one is then right). While
    the answers are withheld, such questions get no per-question verdict."""
    if question["kind"] == QuestionKind.TRUE_FALSE:
        return True
    return question["kind"] == QuestionKind.SINGLE and len(question.get("choices", [])) <= 2


class AttemptFeedbackMixin:
    def questions_for_learner(self):
        """The frozen questions without anything that gives the answer away."""
        items = []
        for position, question in enumerate(self.questions):
            item = {key: question.get(key) for key in LEARNER_KEYS}
            item["position"] = position
            # Only the per-attempt token goes out, never the choice's pk or correctness.
            item["choices"] = [
                {"value": scoring.choice_value(choice), "text": choice["text"]}
                for choice in question.get("choices", [])
            ]
            items.append(item)
        return items

    def responses_by_position(self, responses=None):
        """``{position: Response}``; pass ``responses`` (or prefetch them) to avoid a query."""
        rows = self.responses.all() if responses is None else responses
        return {response.position: response for response in rows}

    def is_locked(self, position, response=None):
        """True when the answer at ``position`` can no longer be changed by the learner."""
        if not self.is_open:
            return True
        if not self.allow_back and position < self.current_position:
            return True
        return (
            self.feedback_mode == FeedbackMode.EACH
            and response is not None
            and response.is_answered
        )

    def feedback_allowed(self, position, response=None):
        if self.feedback_mode == FeedbackMode.SCORE:
            return False
        if not self.is_open:
            return True
        return (
            self.feedback_mode == FeedbackMode.EACH
            and response is not None
            and response.is_answered
        )

    def answers_revealed(self):
        """True when this attempt's correct answers and explanations may be shown.

        ``each_attempt``: once an answer is final (feedback mode "each") or submitted;
        ``passed``: once the attempt has passed (not while waiting for marking);
        ``last_attempt``: once the last of a limited number of attempts is submitted
        (never with unlimited attempts); ``never``: never. Caller checks ``feedback_allowed``.
        """
        policy = self.answer_reveal
        if policy == "each_attempt":
            return True
        if self.is_open or policy == "never":
            return False
        if policy == "passed":
            return self.status == "passed"
        if policy == "last_attempt":
            return bool(self.attempts_allowed) and self.number >= self.attempts_allowed
        return False

    def feedback_for(self, position, response=None):
        """Correctness, points, correct answers and explanation, or ``None`` if not allowed."""
        if not self.feedback_allowed(position, response):
            return None
        question = self.questions[position]
        answer = response.answer if response is not None else None
        if response is not None and (response.points is not None or response.needs_marking):
            points, is_correct = response.points, response.is_correct
            needs_marking = response.needs_marking
        else:
            outcome = scoring.score_answer(question, answer)
            points, is_correct = outcome.points, outcome.is_correct
            needs_marking = outcome.needs_marking
        revealed = self.answers_revealed()
        feedback = {
            "position": position,
            "answer": answer,
            "revealed": revealed,
            "withheld": False,
            "points": points,
            "max_points": Decimal(question["points"]),
            "is_correct": is_correct,
            "needs_marking": needs_marking,
            "correct_choice_values": [
                scoring.choice_value(c) for c in question.get("choices", []) if c["is_correct"]
            ]
            if revealed
            else [],
            "accepted_answers": question.get("accepted_answers", []) if revealed else [],
            "numeric_answer": question.get("numeric_answer") if revealed else None,
            "tolerance": question.get("tolerance") if revealed else None,
            "explanation": question.get("explanation", "") if revealed else "",
            "marker_feedback": response.feedback if response is not None else "",
        }
        if not revealed and correctness_gives_answer_away(question):
            # "Richtig"/"Falsch" on a true-or-false question is the answer itself: no verdict,
            # no points (the answers themselves are already left out above).
            feedback.update(
                withheld=True, points=None, is_correct=None, needs_marking=False, marker_feedback=""
            )
        return feedback

    def result(self):
        """Score, percent and the success or fail text; ``None`` while the attempt is open."""
        if self.is_open:
            return None
        text = {AttemptStatus.PASSED: self.success_text, AttemptStatus.FAILED: self.fail_text}.get(
            self.status, ""
        )
        return {
            "status": self.status,
            "passed": self.status == AttemptStatus.PASSED,
            "pending": self.status == AttemptStatus.PENDING,
            "score": self.score,
            "max_score": self.max_score,
            "percent": self.percent,
            "pass_mark": self.pass_mark,
            "text": text,
        }

    def category_breakdown(self, responses=None):
        """Per category (in order of first appearance): points earned, maximum and percent.

        Only after submission; essays still waiting for marking count as 0 until marked.
        Questions without category are grouped under ``name=None``.
        """
        if self.is_open:
            return []
        by_position = self.responses_by_position(responses)
        rows = {}
        for position, question in enumerate(self.questions):
            row = rows.setdefault(
                question.get("category"),
                {"name": question.get("category"), "score": Decimal(0), "max_score": Decimal(0)},
            )
            response = by_position.get(position)
            if response is not None and response.points is not None:
                row["score"] += response.points
            row["max_score"] += Decimal(question["points"])
        for row in rows.values():
            row["percent"] = scoring.percent_of(row["score"], row["max_score"])
        return list(rows.values())
