from django.core.management.base import BaseCommand

from certificates.selectors import completions_without_certificate
from certificates.tasks import issue_certificate


class Command(BaseCommand):
    help = "Queues a certificate for every completion that has none yet (safe to run often)."

    def handle(self, *args, **options):
        count = 0
        for enrolment_id in completions_without_certificate().values_list("pk", flat=True):
            issue_certificate.enqueue(enrolment_id=enrolment_id)
            count += 1
        self.stdout.write(f"{count} Teilnahmebescheinigung(en) in Auftrag gegeben.")
