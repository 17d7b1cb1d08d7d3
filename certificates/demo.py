"""Demo data: the template settings, lernender2's certificate for the short course, and one
person whose certificate is expiring (the recertification demo)."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site

from courses.models import CoursePage, Enrolment
from courses.services import enrolment_create, enrolment_mark_completed
from lms.formats import format_date

from .models import CertificateSettings
from .services import certificate_issue

SHORT_COURSE = "stark-im-beruf-kompakt"
HOLDER = "lernender2@example.org"
# Completed the short course (a yearly refresher) 330 days ago, at an in-person session: her
# certificate ends in about five weeks, within the course's refresher lead time (60 days).
EXPIRING = ("lernende3@example.org", "Sabine", "Krüger", "Fallmanagerin")
EXPIRING_ORGANISATION = "Jobcenter Oberhausen"
EXPIRING_COMPLETED_DAYS_AGO = 330


def seed(stdout):
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        template = CertificateSettings.for_site(site)
        if not template.issuer_address:
            template.issuer_name = "KoFo – Kooperative Fortbildung"
            template.issuer_address = "Fortbildungsverbund Ruhr\nMusterstraße 12\n46045 Oberhausen"
            template.signatory_name = "Dr. Hanna Schäfer"
            template.signatory_role = "Leitung Fortbildung"
            template.place = "Oberhausen"
            template.footer_text = (
                "Die Teilnahmebescheinigung wurde elektronisch erstellt und ist ohne "
                "Unterschrift gültig."
            )
            template.save()

    course = CoursePage.objects.filter(slug=SHORT_COURSE).first()
    user = get_user_model().objects.filter(email=HOLDER).first()
    if course is None or user is None:
        return
    enrolment = Enrolment.objects.filter(
        user=user, course=course, completed_at__isnull=False
    ).first()
    if enrolment is None:
        return
    certificate = certificate_issue(enrolment=enrolment)
    stdout.write(f"Teilnahmebescheinigung {certificate.serial} für {HOLDER} ist vorhanden.")
    seed_expiring(stdout, course)


def seed_expiring(stdout, course):
    """Sabine Krüger (Jobcenter Oberhausen) and her expiring certificate; only created when
    she does not exist yet, so a second run changes nothing. Needs demo accounts (password)."""
    from django.conf import settings

    from accounts.demo import DEMO_PASSWORD
    from lms.roles import LEARNERS
    from organisations.models import Organisation

    if not getattr(settings, "KOFO_DEMO_ACCOUNTS", False) or not course.validity_months:
        return
    User = get_user_model()
    email, first, last, job = EXPIRING
    if User.objects.filter(email=email).exists():
        return
    person = User.objects.create(
        email=email,
        first_name=first,
        last_name=last,
        job_title=job,
        organisation=Organisation.objects.filter(name=EXPIRING_ORGANISATION).first(),
    )
    person.set_password(DEMO_PASSWORD)
    person.save()
    from django.contrib.auth.models import Group

    person.groups.add(Group.objects.get(name=LEARNERS))
    day = timezone.localdate() - timedelta(days=EXPIRING_COMPLETED_DAYS_AGO)
    completed_at = timezone.make_aware(datetime.combine(day, time(15, 0)))
    enrolment = enrolment_create(user=person, course=course)
    enrolment_mark_completed(
        enrolment=enrolment,
        completed_at=completed_at,
        recorded_by=User.objects.filter(email="trainerin@example.org").first(),
        reason="Präsenztermin in Oberhausen",
    )
    certificate = certificate_issue(enrolment=enrolment)
    refresher_from = certificate.valid_until - timedelta(days=course.refresher_lead_days)
    stdout.write(
        f"Teilnahmebescheinigung {certificate.serial} für {email}: abgeschlossen am "
        f"{format_date(day)}, gültig bis {format_date(certificate.valid_until)} "
        f"(Auffrischung ab {format_date(refresher_from)}, `manage.py recertify`)."
    )
