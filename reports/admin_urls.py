from django.urls import path

from . import assignments, people_import, quiz_report, reminders, session_report, views

app_name = "reports"


def _report(route, view, name):
    return [
        path(route, view.as_view(), name=name),
        path(f"{route}ergebnisse/", view.as_view(results_only=True), name=f"{name}_results"),
    ]


urlpatterns = [
    *_report("abschluss/", views.CompletionView, "completion"),
    *_report("lernfortschritt/", views.LearnerProgressView, "learner_progress"),
    *_report("ueberfaellig/", views.OverdueView, "overdue"),
    path("ueberfaellig/erinnern/", reminders.send_reminders, name="send_reminders"),
    path("zuweisen/", assignments.assign, name="assign"),
    path("personen-importieren/", people_import.import_people, name="import_people"),
    *_report("lernkontrollen/", quiz_report.QuizReportView, "quizzes"),
    *_report("termine/", session_report.SessionReportView, "sessions"),
]
