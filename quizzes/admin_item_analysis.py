"""The trainers' item analysis page of one quiz, with its CSV/XLSX download.

Figures come from ``quizzes.item_analysis``; who may see them from the access policy's
``may_view_statistics`` (the same rule as the statistics page). The download goes through
``lms.exports.GermanExportMixin`` (semicolon CSV with BOM, German numbers, no formulas).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from lms.exports import GermanExportMixin

from . import item_analysis
from .access import access_policy
from .models import QuestionKind, Quiz

FLAG_LABELS = {
    item_analysis.Flag.HARD: gettext_lazy("very hard (under 20 percent correct): check the key"),
    item_analysis.Flag.EASY: gettext_lazy("very easy (over 95 percent correct): says little"),
    item_analysis.Flag.NEGATIVE: gettext_lazy(
        "negative discrimination: strong participants get it wrong more often"
    ),
}


def _kind_label(kind):
    try:
        return QuestionKind(kind).label
    except ValueError:
        return kind


class ItemAnalysisView(GermanExportMixin, SpreadsheetExportMixin, View):
    list_export = [
        "number",
        "text",
        "kind",
        "asked",
        "facility",
        "discrimination",
        "flags",
        "choice",
        "choice_correct",
        "picked",
        "picked_share",
    ]
    export_headings = {
        "number": gettext_lazy("No."),
        "text": gettext_lazy("Question"),
        "kind": gettext_lazy("Question type"),
        "asked": gettext_lazy("Asked"),
        "facility": gettext_lazy("Facility (percent correct)"),
        "discrimination": gettext_lazy("Discrimination (r)"),
        "flags": gettext_lazy("Notes"),
        "choice": gettext_lazy("Answer"),
        "choice_correct": gettext_lazy("Correct answer"),
        "picked": gettext_lazy("Chosen"),
        "picked_share": gettext_lazy("Chosen (percent)"),
    }

    def get(self, request, pk):
        self.quiz = get_object_or_404(Quiz, pk=pk)
        if not access_policy().may_view_statistics(request.user, self.quiz):
            raise PermissionDenied
        analysis = item_analysis.analyse(self.quiz)
        for item in analysis:
            item["kind_label"] = _kind_label(item["kind"])
            item["flag_labels"] = [str(FLAG_LABELS[flag]) for flag in item["flags"]]
        if self.is_export:
            return self.as_spreadsheet(self._export_rows(analysis), request.GET["export"])
        return TemplateResponse(
            request,
            "quizzes/admin/item_analysis.html",
            {
                "page_title": _("Item analysis: %(title)s") % {"title": self.quiz.title},
                "header_icon": "table",
                "quiz": self.quiz,
                "items": analysis,
                "statistics_url": reverse("quizzes_admin:statistics", args=[self.quiz.pk]),
                "csv_url": self.csv_export_url,
                "xlsx_url": self.xlsx_export_url,
            },
        )

    def _export_rows(self, analysis):
        rows = item_analysis.export_rows(analysis)
        for row in rows:
            row["kind"] = _kind_label(row["kind"])
            row["flags"] = [str(FLAG_LABELS[flag]) for flag in row["flags"]]
        return rows

    def get_filename(self):
        return _("item-analysis-%(pk)s") % {"pk": self.quiz.pk}

    def get_heading(self, queryset, field):
        # Rows are dicts, not model instances: the headings come from ``export_headings``.
        return str(self.export_headings[field])
