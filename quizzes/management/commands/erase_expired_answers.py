from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from quizzes.personal_data import expired_answers_erase


class Command(BaseCommand):
    help = (
        "Retention: replace the written answers of attempts older than "
        "KOFO_ANSWER_RETENTION_YEARS years by “[gelöscht]” (scores stay). Run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--years", type=int, help="Override KOFO_ANSWER_RETENTION_YEARS for this run."
        )

    def handle(self, *args, years=None, **options):
        years = years or getattr(settings, "KOFO_ANSWER_RETENTION_YEARS", None)
        if not years:
            self.stdout.write("Keine Aufbewahrungsfrist gesetzt (KOFO_ANSWER_RETENTION_YEARS).")
            return
        if years < 1:
            raise CommandError("Die Aufbewahrungsfrist muss mindestens 1 Jahr betragen.")
        count = expired_answers_erase(years=years)
        self.stdout.write(f"Gelöschte Antworten: {count} (Versuche älter als {years} Jahre).")
