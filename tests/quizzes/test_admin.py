"""The trainers' quiz admin: access, edit form validation (publish checks), publish, preview.

The helpers at the top (role users, edit-form POST data) are shared with test_marking and
test_statistics.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail_factories import ImageFactory

from lms.roles import LEARNERS, MANAGERS, TRAINERS
from quizzes.admin_forms import MESSAGES
from quizzes.models import Quiz
from tests.factories import UserFactory

from .factories import make_quiz


def user_with_role(role, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=role))
    return user


def trainer(**fields):
    return user_with_role(TRAINERS, **fields)


def manager(**fields):
    return user_with_role(MANAGERS, **fields)


def learner(**fields):
    return user_with_role(LEARNERS, **fields)


def choice(text, correct=False):
    data = {"text": text}
    if correct:
        data["is_correct"] = "on"
    return data


def question(kind="single", text="Wer trägt die Kosten?", points="1", choices=None, **fields):
    data = {
        "kind": kind,
        "text": rich_text(f"<p>{text}</p>"),
        "points": points,
        "accepted_answers": "",
        "numeric_answer": "",
        "tolerance": "0",
        "image": "",
        "image_alt": "",
        "category": "",
        "explanation": rich_text(""),
        "choices": inline_formset(choices or []),
    }
    data.update(fields)
    return data


def single_choice(**fields):
    return question(
        choices=[choice("Das Jobcenter", correct=True), choice("Das Jugendamt")], **fields
    )


def quiz_data(*, questions, publish=True, **fields):
    """POST data for the quiz edit form; ``publish`` presses "Publish", else "Save draft"."""
    data = {
        "title": "Lernkontrolle Kinderschutz",
        "description": rich_text(""),
        "pass_mark": "60",
        "max_questions": "0",
        "navigation": "one_per_page",
        "allow_back": "on",
        "feedback_mode": "after",
        "answer_reveal": "passed",
        "max_attempts": "0",
        "wait_minutes": "0",
        "time_limit_minutes": "0",
        "success_text": rich_text(""),
        "fail_text": rich_text(""),
        "questions": inline_formset(questions),
    }
    data.update(fields)
    posted = nested_form_data(data)
    if publish:
        posted["action-publish"] = "action-publish"
    return posted


# --- tests -----------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_quizzes_quiz:list"
ADD = "wagtailsnippets_quizzes_quiz:add"
EDIT = "wagtailsnippets_quizzes_quiz:edit"


@pytest.fixture
def trainer_client(client):
    client.force_login(trainer())
    return client


def _publish(client, **kwargs):
    return client.post(reverse(ADD), quiz_data(**kwargs))


def _questions_formset(response):
    return response.context["form"].formsets["questions"]


def _choice_errors(response, index=0):
    question_form = _questions_formset(response).forms[index]
    return [str(error) for error in question_form.formsets["choices"].non_form_errors()]


def _question_errors(response, field, index=0):
    return [str(e) for e in _questions_formset(response).forms[index].errors.get(field, [])]


def _shown(response, message):
    """The message is on the page the trainer sees (German, HTML-escaped like Django does)."""
    return escape(str(message)) in response.content.decode()


@pytest.mark.parametrize("name", [LIST, ADD, "quizzes_admin:marking"])
def test_trainer_opens_the_quiz_admin_pages(trainer_client, name):
    assert trainer_client.get(reverse(name)).status_code == 200


def test_trainer_opens_edit_statistics_and_listing_search(trainer_client):
    quiz = make_quiz(questions=2, title="Kinderschutz nach § 8a")
    assert trainer_client.get(reverse(EDIT, args=[quiz.pk])).status_code == 200
    statistics = trainer_client.get(reverse("quizzes_admin:statistics", args=[quiz.pk]))
    assert statistics.status_code == 200
    listing = trainer_client.get(reverse(LIST), {"q": "8a"})
    assert "Kinderschutz nach § 8a" in listing.content.decode()
    assert (
        "Kinderschutz"
        not in trainer_client.get(reverse(LIST), {"q": "Datenschutz"}).content.decode()
    )


def test_listing_filters_published_and_draft_quizzes(trainer_client):
    make_quiz(questions=1, title="Veröffentlichte Kontrolle")
    make_quiz(questions=1, title="Entwurfskontrolle", live=False)
    live = trainer_client.get(reverse(LIST), {"publication": "live"}).content.decode()
    draft = trainer_client.get(reverse(LIST), {"publication": "draft"}).content.decode()
    assert "Veröffentlichte Kontrolle" in live and "Entwurfskontrolle" not in live
    assert "Entwurfskontrolle" in draft and "Veröffentlichte Kontrolle" not in draft


@pytest.mark.parametrize("make_user", [learner, manager])
@pytest.mark.parametrize(
    "name,args",
    [(LIST, []), (ADD, []), ("quizzes_admin:marking", []), ("quizzes_admin:statistics", [1])],
)
def test_learners_and_managers_get_no_quiz_admin(client, make_user, name, args):
    make_quiz(questions=1)
    quiz = Quiz.objects.get()
    client.force_login(make_user())
    response = client.get(reverse(name, args=[quiz.pk] if args else []))
    assert response.status_code in (302, 403)
    assert quiz.title not in response.content.decode()


def test_publishing_a_valid_quiz_makes_it_live_with_questions_and_answers(trainer_client):
    response = _publish(
        trainer_client,
        questions=[
            single_choice(),
            question(
                "multiple",
                choices=[choice("A", True), choice("B", True), choice("C")],
                text="Welche Stellen?",
            ),
            question("true_false", choices=[choice("Wahr", True), choice("Falsch")]),
            question("short_text", accepted_answers="SGB VIII\nAchtes Buch"),
            question("numeric", numeric_answer="3,5", tolerance="0,1"),
            question("essay", points="4"),
        ],
        max_questions="6",
    )
    assert response.status_code == 302
    quiz = Quiz.objects.get()
    assert quiz.live
    assert quiz.questions.count() == 6
    assert [q.choices.count() for q in quiz.questions.order_by("sort_order")] == [2, 3, 2, 0, 0, 0]


BROKEN = [
    ("single_two_correct", "one_correct"),
    ("single_none_correct", "one_correct"),
    ("true_false_three", "true_false_two"),
    ("multiple_none_correct", "some_correct"),
    ("single_one_choice", "too_few_choices"),
]


def _broken_question(case):
    if case == "single_two_correct":
        return question(choices=[choice("A", True), choice("B", True)])
    if case == "single_none_correct":
        return question(choices=[choice("A"), choice("B")])
    if case == "true_false_three":
        return question("true_false", choices=[choice("Wahr", True), choice("Falsch"), choice("?")])
    if case == "multiple_none_correct":
        return question("multiple", choices=[choice("A"), choice("B"), choice("C")])
    return question(choices=[choice("A", True)])


@pytest.mark.parametrize("case,message", BROKEN)
def test_publishing_a_broken_choice_question_is_refused_at_its_answers(
    trainer_client, case, message
):
    response = _publish(trainer_client, questions=[single_choice(), _broken_question(case)])
    assert response.status_code == 200
    assert not Quiz.objects.exists()
    assert str(MESSAGES[message]) in _choice_errors(response, index=1)
    assert _choice_errors(response, index=0) == []
    assert _shown(response, MESSAGES[message])


def test_deleted_answers_do_not_count(trainer_client):
    broken = question(choices=[choice("A", True), {**choice("B", True), "DELETE": "on"}])
    response = _publish(trainer_client, questions=[broken])
    assert str(MESSAGES["too_few_choices"]) in _choice_errors(response)


def test_deleted_questions_do_not_count_for_the_pool(trainer_client):
    response = _publish(
        trainer_client,
        questions=[single_choice(), {**single_choice(), "DELETE": "on"}],
        max_questions="2",
    )
    expected = MESSAGES["pool_too_small"] % {"pool": 1, "wanted": 2}
    assert [str(e) for e in response.context["form"].errors["max_questions"]] == [expected]
    assert _shown(response, expected)


def test_a_quiz_without_questions_cannot_be_published(trainer_client):
    response = _publish(trainer_client, questions=[])
    assert str(MESSAGES["no_questions"]) in _questions_formset(response).non_form_errors()
    assert not Quiz.objects.exists()


@pytest.mark.parametrize(
    "fields,field,message",
    [
        ({"kind": "short_text"}, "accepted_answers", "Enter at least one accepted answer."),
        ({"kind": "numeric"}, "numeric_answer", "Enter the correct number."),
    ],
)
def test_text_and_number_questions_need_their_answer(trainer_client, fields, field, message):
    response = _publish(trainer_client, questions=[question(**fields)])
    assert _question_errors(response, field) == [gettext(message)]
    assert _shown(response, gettext(message))


def test_points_must_be_more_than_zero(trainer_client):
    response = _publish(trainer_client, questions=[single_choice(points="0")])
    assert _question_errors(response, "points") == [
        gettext("A question is worth more than 0 points.")
    ]
    assert not Quiz.objects.exists()


def test_pass_mark_above_100_is_refused_at_the_field(trainer_client):
    response = _publish(trainer_client, questions=[single_choice()], pass_mark="101")
    assert response.context["form"].errors["pass_mark"] == [
        gettext("The pass mark must lie between 0 and 100 percent.")
    ]
    assert not Quiz.objects.exists()


def test_an_image_needs_alt_text(trainer_client):
    image = ImageFactory()
    response = _publish(trainer_client, questions=[single_choice(image=str(image.pk))])
    message = gettext("Describe the image for people who cannot see it.")
    assert _question_errors(response, "image_alt") == [message]
    fixed = _publish(
        trainer_client,
        questions=[single_choice(image=str(image.pk), image_alt="Ein Ablaufplan des Hilfeplans")],
    )
    assert fixed.status_code == 302


def test_a_half_written_quiz_can_be_saved_as_draft_but_not_published(trainer_client):
    response = _publish(trainer_client, questions=[question(choices=[choice("A")])], publish=False)
    assert response.status_code == 302
    quiz = Quiz.objects.get()
    assert not quiz.live
    edit = reverse(EDIT, args=[quiz.pk])
    data = quiz_data(questions=[question(choices=[choice("A")])])
    refused = trainer_client.post(edit, data)
    assert refused.status_code == 200
    assert str(MESSAGES["too_few_choices"]) in _choice_errors(refused)
    quiz.refresh_from_db()
    assert not quiz.live


def test_edit_page_links_to_the_statistics(trainer_client):
    quiz = make_quiz(questions=1)
    html = trainer_client.get(reverse(EDIT, args=[quiz.pk])).content.decode()
    assert html.count(f'href="{reverse("quizzes_admin:statistics", args=[quiz.pk])}"') == 1


def test_preview_shows_the_quiz_as_learners_see_it_with_the_answers_for_trainers(
    trainer_client,
):
    response = _publish(trainer_client, questions=[single_choice()], publish=False)
    quiz = Quiz.objects.get()
    preview_url = reverse("wagtailsnippets_quizzes_quiz:preview_on_edit", args=[quiz.pk])
    data = quiz_data(
        questions=[
            single_choice(text="Wer ist zuständig?"),
            question("short_text", text="Welches Buch?", accepted_answers="SGB VIII"),
        ],
        publish=False,
    )
    state = trainer_client.post(preview_url, data).json()
    assert state == {"is_valid": True, "is_available": True}
    response = trainer_client.get(preview_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wer ist zuständig?" in html and "Welches Buch?" in html
    assert 'type="radio"' in html  # the learner's controls
    assert _shown(response, gettext("Preview for trainers – correct answers are marked"))
    assert "Das Jobcenter" in html and "SGB VIII" in html


def test_trainers_pick_a_question_category_from_a_list(trainer_client):
    from .factories import CategoryFactory

    CategoryFactory(name="Datenschutz")
    html = trainer_client.get(reverse(ADD)).content.decode()
    select = html.split('<select name="questions-__prefix__-category"', 1)[1].split("</select>")[0]
    assert "Datenschutz" in select


def _with_attempt(**fields):
    from quizzes import services

    quiz = make_quiz(questions=1, **fields)
    services.attempt_start(quiz=quiz, user=learner())
    return quiz


def test_a_quiz_with_attempts_is_kept_with_a_message_instead_of_deleted(trainer_client):
    quiz = _with_attempt(title="Prüfung mit Ergebnissen")
    url = reverse("wagtailsnippets_quizzes_quiz:delete", args=[quiz.pk])
    for response in (trainer_client.get(url), trainer_client.post(url)):
        assert response.status_code == 302
        assert response.url == reverse(LIST)
    listing = trainer_client.get(reverse(LIST))
    assert "Prüfung mit Ergebnissen" in str(list(listing.context["messages"])[0])
    assert Quiz.objects.filter(pk=quiz.pk).exists()


def test_bulk_delete_keeps_quizzes_with_attempts(trainer_client):
    kept = _with_attempt(title="Mit Versuchen")
    url = reverse("wagtail_bulk_action", args=["quizzes", "quiz", "delete"])
    response = trainer_client.post(f"{url}?id={kept.pk}")
    assert response.status_code == 302
    assert Quiz.objects.filter(pk=kept.pk).exists()


def test_a_quiz_nobody_took_can_be_deleted(trainer_client):
    quiz = make_quiz(questions=2)
    response = trainer_client.post(reverse("wagtailsnippets_quizzes_quiz:delete", args=[quiz.pk]))
    assert response.status_code == 302
    assert not Quiz.objects.exists()


def test_an_earlier_revision_can_be_previewed(trainer_client):
    _publish(trainer_client, questions=[single_choice(text="Erste Fassung der Frage")])
    quiz = Quiz.objects.get()
    first = quiz.latest_revision
    edit = reverse(EDIT, args=[quiz.pk])
    trainer_client.post(edit, quiz_data(questions=[single_choice(text="Zweite Fassung")]))
    url = reverse("wagtailsnippets_quizzes_quiz:revisions_view", args=[quiz.pk, first.pk])
    html = trainer_client.get(url).content.decode()
    assert "Erste Fassung der Frage" in html and "Zweite Fassung" not in html


def test_listing_shows_question_count_and_last_change(trainer_client):
    _publish(trainer_client, questions=[single_choice(), single_choice()])
    response = trainer_client.get(reverse(LIST))
    (quiz,) = response.context["object_list"]
    assert quiz.question_count == 2
    assert quiz._updated_at is not None
