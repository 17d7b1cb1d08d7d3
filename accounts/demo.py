"""Demo accounts. Their shared password only exists where KOFO_DEMO_ACCOUNTS is set (dev)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from lms import roles
from organisations.models import ManagerScope, Organisation, Region

DEMO_PASSWORD = "kofo-demo"

ACCOUNTS = [
    # e-mail, first name, last name, job title, organisation, role
    (
        "lernende@example.org",
        "Ayşe",
        "Yıldız",
        "Fallmanagerin",
        "Jobcenter Oberhausen",
        roles.LEARNERS,
    ),
    (
        "lernender2@example.org",
        "Jonas",
        "Becker",
        "Sozialarbeiter",
        "Jugendamt Gelsenkirchen",
        roles.LEARNERS,
    ),
    (
        "trainerin@example.org",
        "Miriam",
        "Schäfer",
        "Referentin für Fortbildung",
        None,
        roles.TRAINERS,
    ),
    (
        "manager@example.org",
        "Thomas",
        "Wagner",
        "Regionalkoordination",
        "Jobcenter Oberhausen",
        roles.MANAGERS,
    ),
    ("admin@example.org", "Katrin", "Hoffmann", "Plattformbetrieb", None, roles.ADMINISTRATION),
]


def seed(stdout):
    if not getattr(settings, "KOFO_DEMO_ACCOUNTS", False):
        stdout.write("  Demo-Konten übersprungen (KOFO_DEMO_ACCOUNTS ist nicht gesetzt).")
        return
    User = get_user_model()
    for email, first, last, job, org_name, role in ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "job_title": job,
                "organisation": Organisation.objects.filter(name=org_name).first(),
                "is_superuser": email.startswith("admin@"),
                "is_staff": email.startswith("admin@"),
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=role))
    manager = User.objects.get(email="manager@example.org")
    scope, _ = ManagerScope.objects.get_or_create(manager=manager)
    scope.regions.add(Region.objects.get(name="Oberhausen"))
    stdout.write(f"  {len(ACCOUNTS)} Demo-Konten")


def describe():
    lines = [f"Demo-Konten (Passwort für alle: {DEMO_PASSWORD}):"]
    for email, first, last, _job, org, role in ACCOUNTS:
        where = f", {org}" if org else ""
        lines.append(f"  {email:<26} {first} {last} – {role}{where}")
    return "\n".join(lines)
