from django.core.management.base import BaseCommand

from certificates.recertification import recertification_run
from lms.formats import format_date


class Command(BaseCommand):
    help = (
        "Start the refreshers that are due: enrol again everyone whose certificate expires "
        "within the course's lead time, and mail them (idempotent; run daily)."
    )

    def handle(self, *args, **options):
        started = recertification_run()
        for enrolment in started:
            self.stdout.write(
                f"{enrolment.user_id}: Auffrischung Durchgang {enrolment.cycle}, "
                f"fällig bis {format_date(enrolment.due_date)}"
            )
        self.stdout.write(f"{len(started)} Auffrischung(en) angelegt.")
