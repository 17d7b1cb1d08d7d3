from django.core.management.base import BaseCommand, CommandError

from accounts.personal_data import PersonErasureError, person_erase

from .export_person_data import person_by_email


class Command(BaseCommand):
    help = (
        "Erase a person (DSGVO Art. 17): identifying data goes, records stay anonymously. "
        "Asks for confirmation unless --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--reason", required=True, help="Why (stored in the log).")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, email, reason, yes=False, **options):
        person = person_by_email(email)
        if not yes:
            answer = input(
                f"Personenbezogene Daten von {person.email} unwiderruflich löschen? [ja/nein] "
            )
            if answer.strip().lower() not in ("ja", "j", "yes", "y"):
                self.stdout.write("Abgebrochen, nichts gelöscht.")
                return
        try:
            summary = person_erase(user=person, by=None, reason=reason)
        except PersonErasureError as error:
            raise CommandError(str(error)) from error
        details = ", ".join(f"{key}: {count}" for key, count in summary.items())
        self.stdout.write(f"Gelöscht. {details}")
