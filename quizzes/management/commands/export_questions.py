from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from quizzes.exchange import orm
from quizzes.models import QuestionCategory, Quiz


class Command(BaseCommand):
    help = (
        "Write the questions of a Lernkontrolle (its latest version, draft included) as GIFT "
        "or Moodle XML to standard output or --output."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiz", type=int, required=True, help="ID of the Lernkontrolle.")
        parser.add_argument("--format", choices=["gift", "xml"], default="gift")
        parser.add_argument("--category", default="", help="Only questions of this category.")
        parser.add_argument("--output", default="", help="File to write (default: stdout).")

    def handle(self, *args, quiz, format, category="", output="", **options):
        target = Quiz.objects.filter(pk=quiz).first()
        if target is None:
            raise CommandError(_("No Lernkontrolle with ID %(id)s.") % {"id": quiz})
        if category and not QuestionCategory.objects.filter(name=category).exists():
            raise CommandError(_("No category “%(name)s”.") % {"name": category})
        content = orm.quiz_export(target, format, category)
        if output:
            with open(output, "wb") as file:
                file.write(content)
        else:
            self.stdout.write(content.decode("utf-8"), ending="")
