"""Reading the learner's posted answers and preparing questions for the answer form.

The form is plain HTML (one fieldset per question, see quizzes/includes/question.html): a
question at snapshot position ``p`` posts its answer as ``answer-p`` (several values for
multiple choice). Validation is the service's job (``scoring.normalise_answer`` via
``attempt_save_answer(s)``); here we only collect the raw values.

Everything shown to the learner comes from ``Attempt.questions_for_learner()`` (no correct
choices, accepted answers, numbers or explanations) and ``Attempt.feedback_for()`` (which
returns ``None`` whenever the frozen feedback mode forbids feedback). No other code path puts
snapshot data into a template or JSON response.
"""

from decimal import Decimal, InvalidOperation

from django.urls import reverse
from django.utils import formats, timezone

from . import scoring
from .choices import CHOICE_KINDS, QuestionKind
from .models import DEADLINE_GRACE, FeedbackMode


def field_name(position):
    return f"answer-{position}"


def posted_answer(data, question):
    """The raw answer for ``question`` (learner-safe dict) from POST ``data``.

    Choice questions give a list of the posted values (empty when nothing is ticked: an
    unticked checkbox posts nothing); text questions the posted string ("" when absent).
    """
    name = field_name(question["position"])
    if question["kind"] in CHOICE_KINDS:
        return data.getlist(name)
    values = data.getlist(name)
    if len(values) > 1:
        return values  # malformed: the service refuses a list for a text answer
    return values[0] if values else ""


def _plain(number):
    """3.5000 -> 3.5 and 100.00 -> 100 (never 1E+2)."""
    return number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()


def _local_number(value):
    try:
        return formats.localize(_plain(Decimal(str(value))))
    except (InvalidOperation, ValueError, TypeError):
        return value


def stored_display(question, answer):
    """A stored answer (``scoring.normalise_answer``'s form) as the inputs show it.

    ``question``: the frozen snapshot question (to map choice ids to their browser values).
    Choices -> their per-attempt values; numbers -> German notation ("3.5" -> "3,5").
    """
    if answer in (None, "", []):
        return [] if question["kind"] in CHOICE_KINDS else ""
    if question["kind"] in CHOICE_KINDS:
        return scoring.choice_values(question, answer if isinstance(answer, list) else [answer])
    if question["kind"] == QuestionKind.NUMERIC:
        return _local_number(answer)
    return answer if isinstance(answer, str) else ""


def display_answer(question, answer):
    """A posted (refused) answer shown again exactly as typed; ``question``: learner-safe."""
    if answer in (None, "", []):
        return [] if question["kind"] in CHOICE_KINDS else ""
    if question["kind"] in CHOICE_KINDS:
        return [str(value) for value in (answer if isinstance(answer, list) else [answer])]
    return answer if isinstance(answer, str) else ""


def localised_feedback(feedback):
    """``feedback_for()``'s dict with numbers as Decimals, so templates show 3,5 not 3.5."""
    if feedback is None:
        return None
    feedback = dict(feedback)
    for key in ("numeric_answer", "tolerance"):
        if feedback.get(key) not in (None, ""):
            feedback[key] = _plain(Decimal(str(feedback[key])))
    return feedback


def question_items(attempt, responses, positions, *, errors=None, posted=None, autosave=True):
    """What the answer form shows for the questions at ``positions``.

    ``responses``: the attempt's Response rows (one query, by the caller). ``posted``:
    ``{position: raw answer}`` to show again after a refused post (nothing was saved).
    """
    errors = errors or {}
    posted = posted or {}
    learner = attempt.questions_for_learner()
    by_position = attempt.responses_by_position(responses)
    items = []
    for position in positions:
        question = learner[position]
        response = by_position.get(position)
        stored = response.answer if response is not None else None
        locked = attempt.is_locked(position, response)
        if position in posted:
            shown = display_answer(question, posted[position])
        else:
            shown = stored_display(attempt.questions[position], stored)
        items.append(
            {
                "question": question,
                "number": position + 1,
                "answer": shown,
                "answered": response is not None and response.is_answered,
                "locked": locked,
                "error": errors.get(position, ""),
                "feedback": localised_feedback(attempt.feedback_for(position, response)),
                "save_url": (
                    reverse("quizzes:save", args=[attempt.public_id, position + 1])
                    if autosave and not locked
                    else None
                ),
            }
        )
    return items


def chosen_texts(question, answer):
    """The texts of the choices the learner ticked (for the result page); ``answer``: values."""
    values = set(display_answer(question, answer))
    return [choice["text"] for choice in question["choices"] if choice["value"] in values]


# --- page context for the answer form ----------------------------------------------------------


def answer_form_context(attempt, responses, positions, **item_options):
    # No autosave with feedback after each question: a saved answer is final there (its
    # feedback is shown), so saving on the first click would lock a choice the learner may
    # still be weighing. The learner saves with "Antwort prüfen" instead.
    items = question_items(
        attempt,
        responses,
        positions,
        autosave=attempt.feedback_mode != FeedbackMode.EACH,
        **item_options,
    )
    total = len(attempt.questions)
    return {
        "attempt": attempt,
        "items": items,
        "total": total,
        "answered_count": sum(1 for r in responses if r.is_answered),
        "has_editable": any(not item["locked"] for item in items),
        "autosave": attempt.feedback_mode != FeedbackMode.EACH,
        "now": timezone.now(),
        "grace_seconds": int(DEADLINE_GRACE.total_seconds()),
    }


def question_page_context(attempt, responses, number, **item_options):
    context = answer_form_context(attempt, responses, [number - 1], **item_options)
    answered = {r.position for r in responses if r.is_answered}
    total = context["total"]
    context.update(
        mode_one=True,
        number=number,
        prev_number=number - 1 if attempt.allow_back and number > 1 else None,
        next_number=number + 1 if number < total else None,
        index=[{"number": p + 1, "answered": p in answered} for p in range(total)]
        if attempt.allow_back
        else None,
        form_action=reverse("quizzes:question", args=[attempt.public_id, number]),
        # Feedback after each question: once checked, the feedback is what to read next.
        focus_feedback=bool(context["items"][0]["feedback"]),
    )
    return context
