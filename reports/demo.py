"""Demo data for the reports: one overdue assignment so the Overdue report and the admin
home panel have something to show. Relies on the courses demo; skips quietly without it."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

MAIN_COURSE = "berufsrueckkehr-begleiten"
LEARNER = "lernende@example.org"  # Jobcenter Oberhausen
MANAGER = "manager@example.org"


def seed(stdout=None):
    from courses.models import CoursePage, Enrolment

    User = get_user_model()
    course = CoursePage.objects.filter(slug=MAIN_COURSE).first()
    learner = User.objects.filter(email=LEARNER).first()
    if course is None or learner is None:
        return
    due_date = timezone.localdate() - timedelta(days=14)
    enrolment = Enrolment.objects.newest_cycle(user=learner, course=course)
    created = enrolment is None
    if created:
        enrolment = Enrolment.objects.create(
            user=learner,
            course=course,
            due_date=due_date,
            assigned_by=User.objects.filter(email=MANAGER).first(),
        )
    if not created and enrolment.due_date is None and enrolment.completed_at is None:
        enrolment.due_date = due_date
        enrolment.assigned_by = User.objects.filter(email=MANAGER).first()
        enrolment.save(update_fields=["due_date", "assigned_by"])
    if stdout is not None:
        stdout.write("Berichte: überfällige Zuweisung für die Demo angelegt.")
