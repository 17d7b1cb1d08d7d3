import io

from django.test import TestCase
from pypdf import PdfReader

from courses import services as courses
from tests.factories import UserFactory, make_course


def completed_enrolment(*, user=None, course=None, **course_fields):
    """An enrolment completed through the courses services (fires course_completed)."""
    user = user or UserFactory()
    course = course or make_course(modules=2, **course_fields)
    enrolment = courses.enrolment_create(user=user, course=course)
    with run_on_commit():
        return courses.enrolment_mark_completed(enrolment=enrolment)


def run_on_commit():
    """Runs on_commit callbacks (the course_completed signal, the task) in a test transaction."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def stored_pdf_text(certificate):
    with certificate.pdf.open("rb") as handle:
        return pdf_text(handle.read())
