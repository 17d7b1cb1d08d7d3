from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# Each app seeds its own demo data; order follows the dependencies between apps.
SEEDERS = [
    "organisations.demo.seed",
    "accounts.demo.seed",
    "home.demo.seed",
    "courses.demo.seed",
    "events.demo.seed",
    "network.demo.seed",
    "certificates.demo.seed",
    "reports.demo.seed",
]


class Command(BaseCommand):
    help = "Creates (or completes) the German demo data. Safe to run again."

    def handle(self, *args, **options):
        self.stdout.write("Demo-Daten werden angelegt …")
        with transaction.atomic():
            for dotted in SEEDERS:
                import_string(dotted)(self.stdout)
        from django.conf import settings

        if getattr(settings, "KOFO_DEMO_ACCOUNTS", False):
            from accounts.demo import describe

            self.stdout.write(describe())
        self.stdout.write(self.style.SUCCESS("Demo-Daten sind bereit."))
