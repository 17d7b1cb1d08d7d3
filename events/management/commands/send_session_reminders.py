from django.core.management.base import BaseCommand

from events.attendance import reminders_send


class Command(BaseCommand):
    help = "Mail everybody with a seat in a session that starts tomorrow (run once a day)."

    def handle(self, *args, **options):
        count = reminders_send()
        self.stdout.write(f"{count} reminder(s) queued.")
