"""Backfill ``Attempt.context_key`` ("module:<pk>") for attempts taken before it existed.

Only where the module is unambiguous: the quiz is used by exactly one module, or the person
is enrolled in exactly one of the courses whose modules use it (and that course has one such
module). Every other attempt stays unassigned (empty key); the Lernkontrollen report lists
those in a row "Kurs nicht bekannt" instead of guessing. Only the new field is written;
scores, results and certificates are untouched.
"""

from django.db import migrations

STEPLEN = 4  # treebeard's step length of Wagtail page paths


def backfill(apps, schema_editor):
    Attempt = apps.get_model("quizzes", "Attempt")
    ModulePage = apps.get_model("courses", "ModulePage")
    Enrolment = apps.get_model("courses", "Enrolment")
    Page = apps.get_model("wagtailcore", "Page")

    quiz_ids = Attempt.objects.filter(context_key="").values_list("quiz_id", flat=True).distinct()
    for quiz_id in list(quiz_ids):
        modules = list(ModulePage.objects.filter(quiz_id=quiz_id).values_list("pk", "path"))
        if not modules:
            continue
        attempts = Attempt.objects.filter(quiz_id=quiz_id, context_key="")
        if len(modules) == 1:
            attempts.update(context_key=f"module:{modules[0][0]}")
            continue
        course_of_path = dict(
            Page.objects.filter(path__in={path[:-STEPLEN] for _pk, path in modules}).values_list(
                "path", "pk"
            )
        )
        modules_of_course = {}
        for pk, path in modules:
            course_id = course_of_path.get(path[:-STEPLEN])
            modules_of_course.setdefault(course_id, []).append(pk)
        courses = [c for c in modules_of_course if c is not None]
        enrolled = {}
        for user_id, course_id in Enrolment.objects.filter(course_id__in=courses).values_list(
            "user_id", "course_id"
        ):
            enrolled.setdefault(user_id, set()).add(course_id)
        by_key = {}
        for pk, user_id in attempts.values_list("pk", "user_id"):
            their = enrolled.get(user_id, set())
            if len(their) != 1:
                continue
            (course_id,) = their
            if len(modules_of_course[course_id]) == 1:
                by_key.setdefault(f"module:{modules_of_course[course_id][0]}", []).append(pk)
        for key, pks in by_key.items():
            Attempt.objects.filter(pk__in=pks).update(context_key=key)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_records1_manual_completion"),
        ("quizzes", "0002_records1_attempt_context"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
