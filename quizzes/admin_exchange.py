"""Trainers' question import into a quiz (upload -> preview -> confirm) and the export of a
quiz's questions as GIFT or Moodle XML. Only people who may edit the quiz may do either.

Between preview and confirm the uploaded bytes wait in the default storage (shared by all
app hosts: local disk or S3), under a random name handed to the browser signed together
with the quiz and the person, so nobody can confirm somebody else's upload.
"""

import uuid

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from . import exchange
from .exchange import orm
from .exchange.mapping import importable, kind_label
from .models import Quiz
from .services import QuizError, quiz_import_questions

_SALT = "quizzes.question-import"
_MAX_AGE = 60 * 60  # a preview older than an hour is uploaded again
_FOLDER = "question-imports"
FORMATS = {
    "gift": ("text/plain; charset=utf-8", "txt"),
    "xml": ("application/xml", "xml"),
}


def may_edit(user, quiz):
    """Whether ``user`` may change ``quiz`` (Wagtail's snippet permission policy)."""
    policy = Quiz.snippet_viewset.permission_policy
    return policy.user_has_permission_for_instance(user, "change", quiz)


def _quiz_for(request, pk):
    quiz = get_object_or_404(Quiz, pk=pk)
    if not may_edit(request.user, quiz):
        raise PermissionDenied
    return quiz


class QuestionFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Question file"),
        help_text=gettext_lazy(
            "GIFT (.txt) or Moodle XML (.xml), e.g. exported from a Moodle course; "
            "at most 10 MB. Nothing is saved before you confirm the preview."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > exchange.MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is too large (at most %(size)s MB).")
                % {"size": number_format(exchange.MAX_FILE_BYTES // 1024 // 1024)}
            )
        data = upload.read()
        try:
            self.result = exchange.read_questions(data, upload.name)
        except exchange.QuestionFileError as error:
            raise forms.ValidationError(str(error)) from None
        self.data_bytes = data
        return upload


def _answers(question):
    if question.choices:
        return [(choice.text, choice.is_correct) for choice in question.choices]
    if question.accepted_answers:
        return [(answer, True) for answer in question.accepted_answers]
    if question.numeric_answer is not None:
        value = number_format(question.numeric_answer.normalize())
        if question.tolerance:
            value += " ± " + number_format(question.tolerance.normalize())
        return [(value, True)]
    if question.pairs:
        return [(f"{left} → {right}", True) for left, right in question.pairs]
    if question.items:
        return [(f"{number}. {item}", True) for number, item in enumerate(question.items, 1)]
    return []


def _preview_rows(result):
    storable = {id(question) for question in importable(result.questions)}
    return [
        {
            "line": question.line,
            "kind": kind_label(question.kind),
            "title": question.title,
            "text": Truncator(strip_tags(question.text)).chars(200),
            "answers": _answers(question),
            "points": number_format(question.points.normalize()),
            "category": question.category,
            "imported": id(question) in storable,
        }
        for question in result.questions
    ]


def _render(request, quiz, form, result=None, token="", status=200):
    rows = _preview_rows(result) if result else []
    return TemplateResponse(
        request,
        "quizzes/admin/import_questions.html",
        {
            "page_title": _("Import questions into “%(title)s”") % {"title": quiz.title},
            "header_icon": "upload",
            "quiz": quiz,
            "form": form,
            "result": result,
            "rows": rows,
            "count": sum(1 for row in rows if row["imported"]),
            "token": token,
            "edit_url": reverse(Quiz.snippet_viewset.get_url_name("edit"), args=[quiz.pk]),
        },
        status=status,
    )


def _stash(request, quiz, data):
    name = default_storage.save(f"{_FOLDER}/{uuid.uuid4().hex}.upload", ContentFile(data))
    return signing.dumps({"name": name, "quiz": quiz.pk, "user": request.user.pk}, salt=_SALT)


def _unstash(request, quiz, token):
    """The stashed bytes and their storage name, or None for a foreign or stale token."""
    try:
        value = signing.loads(token, salt=_SALT, max_age=_MAX_AGE)
    except signing.BadSignature:
        return None, None
    if value.get("quiz") != quiz.pk or value.get("user") != request.user.pk:
        return None, None
    name = value.get("name", "")
    if not name.startswith(f"{_FOLDER}/") or not default_storage.exists(name):
        return None, None
    with default_storage.open(name, "rb") as file:
        return file.read(), name


@require_http_methods(["GET", "POST"])
def import_questions(request, pk):
    """GET: the upload form. POST with a file: the preview (nothing saved; the file waits in
    storage). POST with the preview's token: the import as a draft, then the edit screen.
    403 for people who may not edit quiz ``pk``; 400 with a message for a bad file/token."""
    quiz = _quiz_for(request, pk)
    if request.method == "GET":
        return _render(request, quiz, QuestionFileForm())
    if "token" not in request.POST:
        form = QuestionFileForm(request.POST, request.FILES)
        if not form.is_valid():
            return _render(request, quiz, form, status=400)
        return _render(request, quiz, form, form.result, _stash(request, quiz, form.data_bytes))
    data, name = _unstash(request, quiz, request.POST.get("token", ""))
    if data is None:
        form = QuestionFileForm()
        messages.error(request, _("The preview has expired. Please upload the file again."))
        return _render(request, quiz, form, status=400)
    result = exchange.read_questions(data)
    try:
        outcome = quiz_import_questions(quiz=quiz, questions=result.questions, user=request.user)
    except QuizError as error:
        messages.error(request, str(error))
        return _render(request, quiz, QuestionFileForm(), status=400)
    finally:
        default_storage.delete(name)
    messages.success(
        request,
        _(
            "%(count)s questions were added to a draft of “%(title)s”. Check them and "
            "publish the Lernkontrolle when it is ready."
        )
        % {"count": outcome.count, "title": quiz.title},
    )
    return redirect(Quiz.snippet_viewset.get_url_name("edit"), quiz.pk)


@require_GET
def export_questions(request, pk, file_format):
    """The questions of quiz ``pk`` (its latest version) as a download in ``file_format``
    ("gift" or "xml"; 404 otherwise). 403 for people who may not edit the quiz."""
    quiz = _quiz_for(request, pk)
    if file_format not in FORMATS:
        return HttpResponse(_("Unknown format."), status=404)
    content_type, extension = FORMATS[file_format]
    filename = f"lernkontrolle-{quiz.pk}.{extension}"
    response = HttpResponse(orm.quiz_export(quiz, file_format), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
