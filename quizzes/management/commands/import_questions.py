from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from quizzes import exchange
from quizzes.exchange.mapping import importable, kind_label
from quizzes.models import Quiz
from quizzes.services import QuizError, quiz_import_questions


class Command(BaseCommand):
    help = (
        "Import a GIFT or Moodle XML file (format from the content) into a Lernkontrolle as a "
        "draft; prints every question and every problem with its line. Never publishes."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The question file (GIFT or Moodle XML).")
        parser.add_argument("--quiz", type=int, required=True, help="ID of the Lernkontrolle.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only show what would be imported."
        )

    def handle(self, *args, path, quiz, dry_run=False, **options):
        target = Quiz.objects.filter(pk=quiz).first()
        if target is None:
            raise CommandError(_("No Lernkontrolle with ID %(id)s.") % {"id": quiz})
        try:
            data = Path(path).read_bytes()
            result = exchange.read_questions(data, path)
        except OSError as error:
            raise CommandError(str(error)) from None
        except exchange.QuestionFileError as error:
            raise CommandError(str(error)) from None
        storable = {id(question) for question in importable(result.questions)}
        for question in result.questions:
            mark = "+" if id(question) in storable else "-"
            title = question.title or exchange.text.html_to_plain(question.text)[:60]
            self.stdout.write(f"{mark} {question.line:>5}  {kind_label(question.kind)}: {title}")
        for problem in result.problems:
            consequence = _("not imported") if problem.skipped else _("note")
            self.stdout.write(f"! {problem.line:>5}  {problem.message} ({consequence})")
        if dry_run:
            self.stdout.write(
                _("Dry run: %(count)s questions would be imported.") % {"count": len(storable)}
            )
            return
        try:
            outcome = quiz_import_questions(quiz=target, questions=result.questions)
        except QuizError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("%(count)s questions were added to a draft of “%(title)s”.")
            % {"count": outcome.count, "title": target.title}
        )
