from django.core.management.base import BaseCommand

from outbox.services import mail_send_due


class Command(BaseCommand):
    help = "Send e-mails whose retry is due or whose delivery task was lost (run from cron)."

    def handle(self, *args, **options):
        count = mail_send_due()
        self.stdout.write(f"{count}")
