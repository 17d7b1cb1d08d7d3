"""The directory's filters and search, the links into the network from the course pages
and the profile, the demo cards, and the directory's query count."""

import pytest

from network.services import card_publish
from organisations.models import Region
from tests.factories import OrganisationFactory, RegionFactory

from .conftest import graduate

pytestmark = pytest.mark.django_db


def people(cooperative):
    ayse = graduate(
        cooperative,
        region="Oberhausen",
        kind="jobcenter",
        first_name="Ayşe",
        last_name="Yıldız",
    )
    mehmet = graduate(
        cooperative, region="Düsseldorf", kind="agentur", first_name="Mehmet", last_name="Aydın"
    )
    julia = graduate(
        cooperative,
        region="Gelsenkirchen",
        kind="jugendhilfe",
        first_name="Julia",
        last_name="Schneider",
    )
    for person, role, topics in [
        (ayse, "Fallmanagerin U25", "Berufsrückkehr, SGB II"),
        (mehmet, "Beauftragter für Chancengleichheit", "berufsrückkehr, Arbeitgeber"),
        (julia, "Sozialarbeiterin", "Kinderbetreuung"),
    ]:
        card_publish(user=person, role=role, topics=topics, visibility="all")
    return ayse, mehmet, julia


def shown(client, **params):
    response = client.get("/netzwerk/", params)
    assert response.status_code == 200, response.content.decode()[:500]
    page = response.content.decode()
    return {name for name in ("Ayşe Yıldız", "Mehmet Aydın", "Julia Schneider") if name in page}


def test_search_folds_letters_people_type_without_them(client, cooperative):
    ayse, _mehmet, _julia = people(cooperative)
    client.force_login(graduate(cooperative))
    assert shown(client) == {"Ayşe Yıldız", "Mehmet Aydın", "Julia Schneider"}
    assert shown(client, q="yildiz") == {"Ayşe Yıldız"}
    assert shown(client, q="AYDIN") == {"Mehmet Aydın"}
    assert shown(client, q="Jugendhilfe Gelsen") == {"Julia Schneider"}  # organisation
    assert shown(client, q="chancengleichheit") == {"Mehmet Aydın"}  # role
    assert shown(client, q="rueckkehr") == {"Ayşe Yıldız", "Mehmet Aydın"}  # topics
    assert shown(client, q="niemand") == set()


def test_filters_by_region_kind_and_topic(client, cooperative):
    people(cooperative)
    client.force_login(graduate(cooperative))
    duesseldorf = Region.objects.get(name="Düsseldorf")
    assert shown(client, region=duesseldorf.pk) == {"Mehmet Aydın"}
    assert shown(client, kind="jugendhilfe") == {"Julia Schneider"}
    page = client.get("/netzwerk/").content.decode()
    # One topic however it was spelt: "Berufsrückkehr" and "berufsrückkehr".
    assert page.count('value="berufsruckkehr"') == 1
    assert shown(client, topic="berufsruckkehr") == {"Ayşe Yıldız", "Mehmet Aydın"}
    assert shown(client, topic="berufsruckkehr", kind="agentur") == {"Mehmet Aydın"}


@pytest.mark.parametrize(
    "params", [{"region": "999999"}, {"region": "x"}, {"kind": "nasa"}, {"topic": "\x00"}]
)
def test_unknown_filter_values_are_a_message_not_an_error(client, cooperative, params):
    people(cooperative)
    client.force_login(graduate(cooperative))
    response = client.get("/netzwerk/", params)
    assert response.status_code == 400
    assert "Bitte korrigieren Sie die markierten Felder." in response.content.decode()


def test_completed_cooperative_courses_link_into_the_network(client, cooperative, online_only):
    person = graduate(cooperative)
    from courses.models import Enrolment
    from courses.services import enrolment_create

    enrolment_create(user=person, course=online_only)
    Enrolment.objects.filter(user=person, course=online_only).update(
        completed_at=cooperative.first_published_at
    )
    client.force_login(person)
    assert "Im Kooperationsnetz sichtbar werden" in client.get(cooperative.url).content.decode()
    assert "Im Kooperationsnetz sichtbar werden" not in client.get(online_only.url).content.decode()
    dashboard = client.get("/").content.decode()
    assert dashboard.count("Im Kooperationsnetz sichtbar werden") == 1
    profile = client.get("/konto/profil/").content.decode()
    assert "Im Kooperationsnetz sichtbar werden" in profile


def test_people_without_a_cooperative_course_get_no_link(client, online_only):
    client.force_login(graduate(online_only))
    assert "Kooperationsnetz" not in client.get("/konto/profil/").content.decode()


def test_the_directory_reads_a_fixed_number_of_queries(
    client, cooperative, django_assert_max_num_queries
):
    region = RegionFactory(name="Hamm")
    for number in range(12):
        organisation = OrganisationFactory(name=f"Familienzentrum {number}", region=region)
        person = graduate(cooperative, organisation=organisation)
        card_publish(user=person, role="Leitung", topics=f"Thema {number}", visibility="region")
    client.force_login(person)
    client.get("/netzwerk/")  # the site's footer settings row is created on the first page
    # 5 of the directory (viewer's region, cards with people and organisations, regions of
    # the filter, may-publish) and what every page of the site reads (session, user, site,
    # permissions, footer, page view restrictions); none per card.
    with django_assert_max_num_queries(15):
        response = client.get("/netzwerk/", {"q": "leitung", "region": region.pk})
    assert response.content.decode().count('class="network-card"') == 12


def test_the_demo_has_three_published_cards(demo, client):
    from django.contrib.auth import get_user_model

    from network.models import ContactCard

    assert ContactCard.objects.count() == 3
    kinds = {card.user.organisation.kind for card in ContactCard.objects.all()}
    assert kinds == {"jobcenter", "agentur", "jugendhilfe"}
    client.force_login(get_user_model().objects.get(email="lernende@example.org"))
    page = client.get("/netzwerk/").content.decode()
    assert "Sabine Krüger" in page and "Mehmet Aydın" in page and "Julia Schneider" in page
