import factory
from django.contrib.auth import get_user_model

from organisations.models import Organisation, OrganisationKind, Region

PASSWORD = "Sicheres-Passwort-2026"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Region {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Jobcenter {n}")
    kind = OrganisationKind.JOB_CENTRE
    region = factory.SubFactory(RegionFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Zoë"
    last_name = factory.Sequence(lambda n: f"Müller-{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password(PASSWORD)


def make_catalogue():
    """The course catalogue below the home page (created once)."""
    from courses.models import CourseIndexPage
    from home.models import HomePage

    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        catalogue = CourseIndexPage(title="Fortbildungen", slug="fortbildungen")
        HomePage.objects.get().add_child(instance=catalogue)
    return catalogue


def make_course(*, modules=3, catalogue=None, live=True, module_kwargs=None, **fields):
    """A published course with ``modules`` published modules of 2 UE each."""
    from decimal import Decimal

    from django.utils.text import slugify

    from courses.models import CoursePage, ModulePage

    catalogue = catalogue or make_catalogue()
    fields.setdefault("title", f"Fortbildung {CoursePage.objects.count() + 1}")
    fields.setdefault("slug", slugify(fields["title"]))
    fields.setdefault("summary", "Kooperation von Jugendhilfe, Agentur für Arbeit und Jobcenter")
    course = CoursePage(live=live, **fields)
    catalogue.add_child(instance=course)
    for number in range(1, modules + 1):
        module = ModulePage(
            title=f"Modul {number}",
            slug=f"modul-{number}",
            units=Decimal("2.0"),
            **(module_kwargs or {}),
        )
        course.add_child(instance=module)
    return course
