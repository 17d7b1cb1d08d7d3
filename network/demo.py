"""Demo contact cards: three people who attended the past session of the cooperative demo
course in Hamm (events.demo) complete its preparation module too, so the course is complete,
and publish a card each – Jobcenter (Oberhausen, own region only), Agentur für Arbeit
(Düsseldorf, all regions) and Jugendamt (Gelsenkirchen, all regions). The demo learner Ayşe
Yıldız (Jobcenter Oberhausen) therefore sees all three.

Idempotent (completion and publishing are); only where demo accounts exist
(KOFO_DEMO_ACCOUNTS), like the registrations of events.demo.
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from courses.models import CoursePage, ModuleCompletion, ModulePage
from courses.services import module_complete
from events.demo import COURSE_SLUG

from .models import Visibility
from .services import card_publish

# e-mail, role, topics, visibility, phone
CARDS = [
    (
        "fallwerkstatt1@example.org",
        "Fallmanagerin U25",
        "Berufsrückkehr, Alleinerziehende, SGB II",
        Visibility.REGION,
        "0208 123456-0",
    ),
    (
        "fallwerkstatt2@example.org",
        "Beauftragter für Chancengleichheit am Arbeitsmarkt",
        "Berufsrückkehr, Teilzeitausbildung, Arbeitgeberkontakte",
        Visibility.ALL,
        "",
    ),
    (
        "fallwerkstatt3@example.org",
        "Sozialarbeiterin, Frühe Hilfen",
        "Kinderbetreuung, Familienzentren, Alleinerziehende",
        Visibility.ALL,
        "",
    ),
]


def seed(stdout):
    if not getattr(settings, "KOFO_DEMO_ACCOUNTS", False):
        return
    course = CoursePage.objects.filter(slug=COURSE_SLUG).first()
    preparation = (
        ModulePage.objects.child_of(course).filter(slug="vorbereitung").first() if course else None
    )
    published = 0
    for email, role, topics, visibility, phone in CARDS:
        person = get_user_model().objects.filter(email=email).first()
        if person is None or preparation is None:
            continue
        # Idempotent; with the attended session this completes the course.
        module_complete(user=person, module=preparation, via=ModuleCompletion.Via.MANUAL)
        card_publish(
            user=person,
            role=role,
            topics=topics,
            show_email=True,
            show_phone=bool(phone),
            phone=phone,
            visibility=visibility,
        )
        published += 1
    stdout.write(f"  Kooperationsnetz: {published} Kontaktkarten")
