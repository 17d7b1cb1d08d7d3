from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.identity import email_lookup_key
from accounts.personal_data import export_json, person_data_export


def person_by_email(email):
    """The account with ``email`` (any spelling of it), or ``CommandError``."""
    person = get_user_model().objects.filter(email=email_lookup_key(email)).first()
    if person is None:
        raise CommandError(f"Kein Konto mit der Adresse {email}.")
    return person


class Command(BaseCommand):
    help = "Print all data about a person as JSON (DSGVO Art. 15/20)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        person = person_by_email(email)
        self.stdout.write(export_json(person_data_export(user=person)))
