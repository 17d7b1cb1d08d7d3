"""Demo data: the template settings and lernender2's certificate for the short course."""

from django.contrib.auth import get_user_model
from wagtail.models import Site

from courses.models import CoursePage, Enrolment

from .models import CertificateSettings
from .services import certificate_issue

SHORT_COURSE = "stark-im-beruf-kompakt"
HOLDER = "lernender2@example.org"


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
