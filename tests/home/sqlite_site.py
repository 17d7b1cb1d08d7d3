"""Builds a file-based SQLite site for tests/home/test_sqlite_concurrency.py (run as a
subprocess with ``DATABASE_URL=sqlite:///…``): migrates, creates ``count`` learners each with
an open attempt, and prints JSON ``[{"session": …, "attempt": …, "choice": …}, …]``.

pytest-django's own SQLite test database lives in memory inside one process; the fault this
guards against only shows with a database file shared by the threads of a real server.
"""

import json
import os
import sys


def main(count):
    import django

    django.setup()
    from django.contrib.auth import SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from courses.services import enrolment_create
    from home.site import ensure_site
    from quizzes.scoring import choice_value
    from quizzes.services import attempt_start
    from tests.factories import UserFactory, make_course
    from tests.quizzes.factories import make_quiz

    with open(os.devnull, "w") as devnull:
        call_command("migrate", interactive=False, stdout=devnull)
    ensure_site()
    quiz = make_quiz(questions=3)
    # The access policy is asked on every request: the learners are enrolled in a course
    # whose module uses the quiz, as in real use.
    course = make_course(modules=1, module_kwargs={"completion_rule": "quiz", "quiz": quiz})
    people = []
    for _index in range(count):
        user = UserFactory()
        enrolment_create(user=user, course=course)
        attempt = attempt_start(quiz=quiz, user=user)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        # The backend that loads users (axes' backend comes first but only guards logins).
        session["_auth_user_backend"] = "accounts.backends.CachedPermissionsBackend"
        fresh = get_user_model().objects.get(pk=user.pk)
        session["_auth_user_hash"] = fresh.get_session_auth_hash()
        session.create()
        first = attempt.questions[0]
        people.append(
            {
                "session": session.session_key,
                "attempt": str(attempt.public_id),
                "choice": choice_value(first["choices"][0]),
            }
        )
    print(json.dumps(people))


if __name__ == "__main__":
    main(int(sys.argv[1]))
