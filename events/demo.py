"""Demo sessions: the cooperative course „Kooperative Fallwerkstatt Berufsrückkehr“ (an online
preparation module and the in-person module „Kooperative Fallwerkstatt vor Ort“) with a past
offering in the Familienzentrum Hamm-Mitte (attendance recorded) and an upcoming one in
Düsseldorf (full, mixed, with a waiting list and a 50 % share cap).

A course of its own rather than a sixth module of „Berufsrückkehr begleiten“: that course's
figures (8 UE, a Lernkontrolle per module, the demo learners' progress) are what the other
demos and their tests describe.

Idempotent: pages are found by slug; registrations are only made for an offering without any.
People and registrations only where demo accounts exist (KOFO_DEMO_ACCOUNTS), like the
courses demo's progress.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import CourseIndexPage, CoursePage, CourseTargetGroup, ModulePage
from courses.services import enrolment_create
from organisations.models import Organisation

from .attendance import attendance_record
from .models import Registration, SessionDate, SessionModulePage, SessionOfferingPage
from .services import registration_create

COURSE_SLUG = "kooperative-fallwerkstatt-berufsrueckkehr"
MODULE_SLUG = "kooperative-fallwerkstatt"
TRAINER = "trainerin@example.org"
LEARNER = "lernende@example.org"

# e-mail, first name, last name, organisation
PARTICIPANTS = [
    ("fallwerkstatt1@example.org", "Sabine", "Krüger", "Jobcenter Oberhausen"),
    ("fallwerkstatt2@example.org", "Mehmet", "Aydın", "Agentur für Arbeit Düsseldorf"),
    ("fallwerkstatt3@example.org", "Julia", "Schneider", "Jugendamt Gelsenkirchen"),
    ("fallwerkstatt4@example.org", "Olena", "Kovalenko", "Familienzentrum Hamm-Mitte"),
    ("fallwerkstatt5@example.org", "Peter", "Lang", "Jobcenter Gelsenkirchen"),
    ("fallwerkstatt6@example.org", "Fatma", "Demir", "Jobcenter Kreis Borken"),
    (
        "fallwerkstatt7@example.org",
        "Lea",
        "Hoffmann",
        "Familienzentrum Bergheim (Rhein-Erft-Kreis)",
    ),
    ("fallwerkstatt8@example.org", "Nadine", "Wolf", "Agentur für Arbeit Oberhausen"),
    ("fallwerkstatt9@example.org", "Stefan", "Richter", "Jobcenter Gelsenkirchen"),
    ("fallwerkstatt10@example.org", "Anke", "Vogel", "Jugendamt StädteRegion Aachen"),
]

INTRO = (
    "<p>Fachkräfte aus Jugendhilfe, Agentur für Arbeit, Jobcenter und Familienzentrum "
    "bearbeiten gemeinsam Fälle von Frauen auf dem Weg zurück in den Beruf – in einem Raum, "
    "gemischt nach Organisationen. Wer sich hier kennenlernt, arbeitet danach leichter "
    "zusammen.</p>"
)


def seed(stdout):
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        stdout.write("  Termine übersprungen (der Katalog fehlt).")
        return
    course = ensure_course(catalogue)
    module = ensure_module(course)
    now = timezone.now()
    hamm = ensure_offering(
        module,
        slug="hamm",
        title="Hamm, Familienzentrum Hamm-Mitte",
        place_name="Familienzentrum Hamm-Mitte",
        address="Nordenwall 1, 59065 Hamm",
        directions="5 Minuten zu Fuß vom Hauptbahnhof Hamm; Eingang im Hof, Raum 2 im "
        "Erdgeschoss (barrierefrei).",
        start=_local_day(now, -21, 9),
        capacity=12,
        max_share=None,
    )
    duesseldorf = ensure_offering(
        module,
        slug="duesseldorf",
        title="Düsseldorf, Familienzentrum Garath",
        place_name="Familienzentrum Düsseldorf-Garath",
        address="Frankfurter Straße 231, 40595 Düsseldorf",
        directions="S-Bahn S6 bis Düsseldorf-Garath, dann 8 Minuten zu Fuß.",
        start=_local_day(now, 28, 9),
        capacity=4,
        max_share=50,
    )
    if getattr(settings, "KOFO_DEMO_ACCOUNTS", False):
        people = ensure_participants(course)
        seed_past(hamm, course, people)
        seed_upcoming(duesseldorf, people)
    stdout.write(
        f"  Termine: „{module.title}“ in Hamm (vergangen) und Düsseldorf, "
        f"{Registration.objects.filter(module=module).count()} Anmeldungen"
    )


def _local_day(now, days, hour):
    day = timezone.localdate(now) + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


def ensure_course(catalogue):
    course = CoursePage.objects.filter(slug=COURSE_SLUG).first()
    if course is not None:
        return course
    course = CoursePage(
        title="Kooperative Fallwerkstatt Berufsrückkehr",
        slug=COURSE_SLUG,
        summary="Jugendhilfe, Agentur für Arbeit, Jobcenter und Familienzentrum an einem Tisch: "
        "gemeinsame Fallarbeit vor Ort in den Projektregionen.",
        description="<p>Eine kooperative Fortbildung: Die Teilnehmenden kommen aus allen "
        "Organisationsarten, die Frauen auf dem Weg zurück in den Beruf begleiten. Nach einer "
        "kurzen Online-Vorbereitung treffen sie sich zu einem Präsenztermin in einem "
        "Familienzentrum.</p>",
    )
    course.target_groups = [
        CourseTargetGroup(kind=kind)
        for kind in ("jugendhilfe", "agentur", "jobcenter", "familienzentrum")
    ]
    catalogue.add_child(instance=course)
    trainer = get_user_model().objects.filter(email=TRAINER).first()
    if trainer is not None:
        course.responsible_trainers.add(trainer)
    course.save_revision().publish()
    preparation = ModulePage(
        title="Vorbereitung: Ihr Fall",
        slug="vorbereitung",
        intro="<p>Wählen Sie einen anonymisierten Fall aus Ihrer Praxis und notieren Sie, "
        "welche Stellen daran beteiligt sind.</p>",
        units=Decimal("1.0"),
        estimated_minutes=45,
        body=[
            {
                "type": "text",
                "value": "<p>Welche Unterstützung braucht die Frau, welche Stelle ist "
                "zuständig, wo fehlt eine Verbindung?</p>",
            }
        ],
    )
    course.add_child(instance=preparation)
    preparation.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)


def ensure_module(course):
    module = SessionModulePage.objects.child_of(course).filter(slug=MODULE_SLUG).first()
    if module is None:
        module = SessionModulePage(
            title="Kooperative Fallwerkstatt vor Ort",
            slug=MODULE_SLUG,
            intro=INTRO,
            units=Decimal("6.0"),
            body=[
                {
                    "type": "text",
                    "value": "<p>Ablauf: Ankommen und Kennenlernen, Fallarbeit in gemischten "
                    "Kleingruppen, Verabredungen für die Zusammenarbeit vor Ort.</p>",
                }
            ],
            estimated_minutes=360,
        )
        course.add_child(instance=module)
        module.save_revision().publish()
    return module


def ensure_offering(module, *, slug, start, capacity, max_share, **fields):
    offering = SessionOfferingPage.objects.child_of(module).filter(slug=slug).first()
    if offering is not None:
        return offering
    offering = SessionOfferingPage(
        slug=slug,
        capacity=capacity,
        max_share_per_kind=max_share,
        registration_deadline=start - datetime.timedelta(days=7),
        note="Bitte bringen Sie einen anonymisierten Fall aus Ihrer Praxis mit.",
        **fields,
    )
    module.add_child(instance=offering)
    SessionDate.objects.create(
        offering=offering, starts_at=start, ends_at=start + datetime.timedelta(hours=7)
    )
    trainer = get_user_model().objects.filter(email=TRAINER).first()
    if trainer is not None:
        offering.trainers.add(trainer)
    offering.save_revision().publish()
    return SessionOfferingPage.objects.get(pk=offering.pk)


def ensure_participants(course):
    User = get_user_model()
    people = {}
    for email, first, last, organisation in PARTICIPANTS:
        person = User.objects.filter(email=email).first()
        if person is None:
            person = User(
                email=email,
                first_name=first,
                last_name=last,
                organisation=Organisation.objects.filter(name=organisation).first(),
            )
            person.set_unusable_password()
            person.save()
        enrolment_create(user=person, course=course)
        people[email] = person
    learner = User.objects.filter(email=LEARNER).first()
    if learner is not None:
        enrolment_create(user=learner, course=course)
        people[LEARNER] = learner
    return people


def seed_past(offering, course, people):
    """Registered before the deadline, then attendance taken at the session: three present,
    one excused, one absent (a no-show in the report)."""
    if Registration.objects.filter(offering=offering).exists():
        return
    start = offering.session_dates()[0].starts_at
    before = offering.registration_deadline - datetime.timedelta(days=3)
    emails = [p[0] for p in PARTICIPANTS[:5]]
    registrations = [
        registration_create(user=people[e], offering=offering, now=before) for e in emails
    ]
    trainer = get_user_model().objects.filter(email=TRAINER).first()
    during = start + datetime.timedelta(hours=1)
    for attendance, chosen in [
        ("present", registrations[:3]),
        ("excused", registrations[3:4]),
        ("absent", registrations[4:5]),
    ]:
        attendance_record(
            offering=offering,
            course=course,
            registration_ids=[r.pk for r in chosen],
            attendance=attendance,
            recorded_by=trainer,
            now=during,
        )


def seed_upcoming(offering, people):
    """Four seats, at most two per kind: two Jobcenter, Agentur, Familienzentrum; a third
    Jobcenter person (the demo learner) waits for a seat that fits the mix, as does one more."""
    if Registration.objects.filter(offering=offering).exists():
        return
    order = [
        "fallwerkstatt6@example.org",  # Jobcenter
        "fallwerkstatt9@example.org",  # Jobcenter
        "fallwerkstatt8@example.org",  # Agentur
        LEARNER,  # Jobcenter: share reached → waiting list
        "fallwerkstatt7@example.org",  # Familienzentrum: last seat
        "fallwerkstatt10@example.org",  # Jugendhilfe: full → waiting list
    ]
    for email in order:
        if email in people:
            registration_create(user=people[email], offering=offering)
