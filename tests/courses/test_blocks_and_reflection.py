"""Every content block renders accessibly; reflection answers are private."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail_factories import DocumentFactory, ImageFactory

from courses import services
from courses.models import ModulePage, ReflectionAnswer
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db

STORED_VIDEO = "https://www.youtube.com/watch?v=kofo-stored"
UNKNOWN_VIDEO = "https://vimeo.com/000-not-stored"


def every_block(image, document):
    return [
        {"type": "heading", "value": {"text": "Worum es geht", "level": "h2"}},
        {"type": "text", "value": "<p>Einleitender Text.</p>"},
        {
            "type": "image",
            "value": {"image": image.pk, "alt_text": "Beratungsgespräch", "caption": "Foto: KoFo"},
        },
        {
            "type": "video",
            "value": {
                "title": "Kooperation erklärt",
                "video": STORED_VIDEO,
                "transcript": "<p>Sprecherin: Willkommen.</p>",
            },
        },
        {
            "type": "video",
            "value": {
                "title": "Ohne Einbettung",
                "video": UNKNOWN_VIDEO,
                "transcript": "<p>Text des zweiten Videos.</p>",
            },
        },
        {
            "type": "document",
            "value": {
                "document": document.pk,
                "title": "Checkliste SGB II",
                "description": "Zum Ausdrucken",
            },
        },
        {
            "type": "callout",
            "value": {"kind": "warning", "title": "Datenschutz", "text": "<p>Keine Klarnamen.</p>"},
        },
        {
            "type": "case_study",
            "value": {
                "title": "Frau A. kehrt zurück",
                "situation": "<p>Frau A. hat zwei Kinder.</p>",
                "takeaway": "<p>Früh absprechen.</p>",
            },
        },
        {
            "type": "reflection",
            "id": "11111111-1111-1111-1111-111111111111",
            "value": {
                "question": "Wen rufen Sie zuerst an?",
                "hint": "Denken Sie an Ihr Netzwerk.",
            },
        },
        {
            "type": "checklist",
            "value": {
                "title": "Vor dem Gespräch",
                "items": ["Unterlagen", "Kinderbetreuung klären"],
            },
        },
        {
            "type": "links",
            "value": {
                "title": "Weiterlesen",
                "links": [
                    {
                        "title": "Stark im Beruf",
                        "url": "https://www.starkimberuf.de/",
                        "description": "Programmseite",
                    }
                ],
            },
        },
    ]


REFLECTION_ID = "11111111-1111-1111-1111-111111111111"


@pytest.fixture
def module():
    Embed.objects.create(
        url=STORED_VIDEO,
        hash=get_embed_hash(STORED_VIDEO),
        type="video",
        html='<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>',
        provider_name="YouTube",
    )
    course = make_course(modules=1)
    module = ModulePage.objects.child_of(course).get()
    document = DocumentFactory(
        title="Checkliste", file=ContentFile(b"%PDF" + b"x" * 2044, name="checkliste.pdf")
    )
    module.body = every_block(ImageFactory(), document)
    module.save_revision().publish()
    return module


@pytest.fixture
def learner(client, module):
    user = UserFactory()
    services.enrolment_create(user=user, course=module.get_parent().specific)
    client.force_login(user)
    return user


def test_every_block_renders_accessibly_without_network(client, learner, module):
    page = client.get(module.url).text
    assert '<h2 class="block-heading">Worum es geht</h2>' in page
    assert 'alt="Beratungsgespräch"' in page and "<figcaption>Foto: KoFo</figcaption>" in page
    # Two-click video: the provider's HTML waits inside <template>, the transcript is open.
    assert '<template data-video-embed><iframe src="https://www.youtube-nocookie.com' in page
    assert "Video laden" in page and "YouTube" in page
    assert page.count('<details class="video__transcript" open>') == 2
    # Not stored: a plain link to the provider, no fetch (the test has no network).
    assert (
        f'<a href="{UNKNOWN_VIDEO}">„Ohne Einbettung“ auf der Website des Anbieters ansehen' in page
    )
    assert not Embed.objects.filter(url=UNKNOWN_VIDEO).exists()
    assert 'Checkliste SGB II<span class="download__meta"> (PDF, 2,0\xa0KB)' in page
    assert "<strong>Achtung:</strong> Datenschutz" in page
    assert "Praxisbeispiel:</span> Frau A. kehrt zurück" in page
    assert f'<label for="reflection-{REFLECTION_ID}">Wen rufen Sie zuerst an?</label>' in page
    assert "<li>Kinderbetreuung klären</li>" in page
    assert '<a href="https://www.starkimberuf.de/">Stark im Beruf</a>' in page


def test_reflection_answer_is_saved_shown_back_and_private(client, learner, module):
    url = f"{module.url}reflection/{REFLECTION_ID}/"
    response = client.post(url, {"answer": "Das Jugendamt."}, follow=True)
    assert "Ihre Antwort ist gespeichert" in response.text
    assert ">Das Jugendamt.</textarea>" in response.text
    client.post(url, {"answer": "Zuerst das Jobcenter."})
    answer = ReflectionAnswer.objects.get()
    assert (answer.user, answer.text) == (learner, "Zuerst das Jobcenter.")

    colleague = UserFactory()
    services.enrolment_create(user=colleague, course=module.get_parent().specific)
    other = Client()
    other.force_login(colleague)
    assert "Zuerst das Jobcenter." not in other.get(module.url).text
    trainer_view = Client()
    trainer_view.force_login(UserFactory(is_superuser=True))
    assert "Zuerst das Jobcenter." not in trainer_view.get(module.url).text


def test_reflection_bad_input(client, learner, module):
    url = f"{module.url}reflection/{REFLECTION_ID}/"
    assert client.get(url).status_code == 405
    assert client.post(f"{module.url}reflection/not-a-block/", {"answer": "x"}).status_code == 404
    response = client.post(url, {"answer": "x" * 5001}, follow=True)
    assert "höchstens 5000 Zeichen" in response.text
    assert not ReflectionAnswer.objects.exists()
    client.post(url, {"answer": "Etwas"})
    client.post(url, {"answer": "   "})
    assert not ReflectionAnswer.objects.exists()


def test_reflection_needs_enrolment(module):
    client = Client()
    client.force_login(UserFactory())
    response = client.post(f"{module.url}reflection/{REFLECTION_ID}/", {"answer": "Hallo"})
    assert response.status_code == 302
    assert not ReflectionAnswer.objects.exists()
    anonymous = Client().post(f"{module.url}reflection/{REFLECTION_ID}/", {"answer": "Hallo"})
    assert anonymous.url.startswith("/konto/anmelden/")
