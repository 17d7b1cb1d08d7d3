"""A learner with something in every personal-data section, and a stranger beside them."""

from django.utils import timezone

from courses import services as courses
from courses.models import ReflectionAnswer
from courses.quiz_access import context_key_of
from quizzes import services as quiz_services
from quizzes.models import QuestionKind
from reports.models import Reminder
from tests.certificates.factories import run_on_commit
from tests.courses.test_quiz_link import course_with_quiz
from tests.factories import OrganisationFactory, RegionFactory, UserFactory
from tests.quizzes.factories import correct_answer, make_quiz

FREE_TEXT = "Ich denke an Familie Yilmaz aus der Lindenstraße."


def take_quiz(user, quiz, module, *, text="SGB VIII"):
    """A submitted attempt for ``module``: the short text answer ``text``, choices right."""
    attempt = quiz_services.attempt_start(quiz=quiz, user=user, context_key=context_key_of(module))
    for position, question in enumerate(attempt.questions):
        answer = text if question["kind"] == "short_text" else correct_answer(question)
        quiz_services.attempt_save_answer(attempt=attempt, question=position, answer=answer)
    with run_on_commit():
        return quiz_services.attempt_submit(attempt=attempt)


def world(*, email="lena.lernwillig@example.org"):
    """The learner "Lena Lernwillig" (enrolled, module completed through a passed quiz,
    certificate issued and mailed, a reflection answer, a reminder) and "Sven Fremd", enrolled
    in the same course with his own attempt and reflection. Returns a dict."""
    organisation = OrganisationFactory(name="Jobcenter Bottrop", region=RegionFactory())
    quiz = make_quiz(
        questions=2, kinds=(QuestionKind.SHORT_TEXT, QuestionKind.SINGLE), title="Kinderschutz"
    )
    course, module = course_with_quiz(quiz, modules=1, title="Kinderschutz kompakt")
    learner = UserFactory(
        email=email, first_name="Lena", last_name="Lernwillig", organisation=organisation
    )
    stranger = UserFactory(
        email="sven.fremd@example.org",
        first_name="Sven",
        last_name="Fremd",
        organisation=organisation,
    )
    for person, text in ((learner, FREE_TEXT), (stranger, "Svens eigene Gedanken")):
        with run_on_commit():
            courses.enrolment_create(user=person, course=course)
        ReflectionAnswer.objects.create(user=person, module=module, block_id="r1", text=text)
    take_quiz(learner, quiz, module)
    take_quiz(stranger, quiz, module, text="Achtes Buch")
    Reminder.objects.create(
        user=learner, sent_on=timezone.localdate(), courses="Kinderschutz kompakt"
    )
    return {
        "learner": learner,
        "stranger": stranger,
        "course": course,
        "module": module,
        "quiz": quiz,
        "organisation": organisation,
    }
