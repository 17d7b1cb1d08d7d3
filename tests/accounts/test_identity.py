"""One identity per person: canonical addresses on every path that writes or looks one up."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from accounts.identity import canonical_email, email_lookup_key
from lms import roles
from tests.factories import PASSWORD, OrganisationFactory, UserFactory

User = get_user_model()
NOT_DELIVERED = "werden von vielen Mailservern der Verwaltung nicht zugestellt"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("KISS@Example.ORG", "kiss@example.org"),
        ("  kiss@example.org ", "kiss@example.org"),
        ("kiſs@example.org", "kiss@example.org"),  # U+017F, NFKC: s
        ("ｋiss@example.org", "kiss@example.org"),  # full-width k
        ("anna@müller-bau.de", "anna@xn--mller-bau-q9a.de"),  # IDN domain, ASCII form
        ("x@straße.de", "x@xn--strae-oqa.de"),  # IDNA 2008 keeps ß
    ],
)
def test_canonical_form(typed, stored):
    assert canonical_email(typed) == stored


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("kıss@example.org", "non_ascii"),  # U+0131, PostgreSQL UPPER() makes it KISS
        ("jürgen@example.org", "non_ascii"),
        ("kein-at-zeichen", "invalid"),
        ("a@-minus.de", "invalid"),
        ("", "invalid"),
    ],
)
def test_addresses_without_a_canonical_form_are_refused(typed, code):
    with pytest.raises(ValidationError) as error:
        canonical_email(typed)
    assert error.value.code == code


@pytest.mark.parametrize("typed", ["KISS@example.org", "kıss@example.org", "kiſs@example.org"])
def test_every_spelling_has_the_lookup_key_of_the_one_account(typed):
    assert email_lookup_key(typed) == "kiss@example.org"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "spelling", ["KISS@example.org", "kıss@example.org", "kiſs@example.org", "kiss@EXAMPLE.org"]
)
def test_login_with_any_spelling_finds_the_one_account(client, spelling):
    kiss = UserFactory(email="kiss@example.org")
    response = client.post(reverse("accounts:login"), {"username": spelling, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(kiss.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("stored", ["KISS@example.org", "kıss@example.org", "kiss@Example.org"])
def test_the_database_refuses_non_canonical_addresses(stored):
    user = UserFactory(email="kiss@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=user.pk).update(email=stored)


@pytest.mark.django_db
def test_the_database_refuses_a_second_account_for_one_address():
    UserFactory(email="kiss@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(email="kiss@example.org", first_name="A", last_name="B")])


@pytest.mark.django_db
def test_registration_refuses_a_look_alike_letter_at_the_field(client):
    organisation = OrganisationFactory()
    response = client.post(
        reverse("accounts:register"),
        {
            "email": "kıss@example.org",
            "first_name": "Kim",
            "last_name": "Kiss",
            "organisation": organisation.pk,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 400
    assert NOT_DELIVERED in response.text
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_user_admin_refuses_another_spelling_of_a_taken_address(client):
    UserFactory(email="kiss@example.org")
    admin = UserFactory(email="admin@example.org")
    admin.groups.add(Group.objects.get(name=roles.ADMINISTRATION))
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    for spelling, message in [
        ("KISS@example.org", "existiert bereits"),
        ("kiſs@example.org", "existiert bereits"),
        ("kıss@example.org", NOT_DELIVERED),
    ]:
        response = client.post(
            reverse("wagtailusers_users:add"),
            {
                "email": spelling,
                "first_name": "Kim",
                "last_name": "Kiss",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "is_active": "on",
            },
        )
        assert response.status_code == 200, spelling
        assert message in response.text, spelling
    assert User.objects.filter(last_name="Kiss").count() == 0


@pytest.mark.django_db
def test_createsuperuser_stores_the_canonical_form_and_refuses_look_alikes():
    call_command(
        "createsuperuser",
        "--noinput",
        email="Chefin@Example.ORG",
        first_name="Cora",
        last_name="Chef",
    )
    assert User.objects.get(first_name="Cora").email == "chefin@example.org"
    with pytest.raises(CommandError):
        call_command(
            "createsuperuser",
            "--noinput",
            email="chefın@example.org",
            first_name="Cora",
            last_name="Chef",
        )


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


def _migrate_to_latest(app):
    """Back to the newest migration of ``app``: the tests after this one need its schema."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes(app))


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_lists_look_alike_accounts_and_changes_nothing():
    _migrate(("accounts", "0003_create_role_groups"))
    try:
        with connection.cursor() as cursor:
            for pk, email in [(901, "kiss@example.org"), (902, "kıss@example.org")]:
                cursor.execute(
                    "INSERT INTO accounts_user (id, password, is_superuser, is_staff, "
                    "is_active, date_joined, email, first_name, last_name, job_title) "
                    "VALUES (%s, '', false, false, true, CURRENT_TIMESTAMP, %s, 'K', 'K', '')",
                    [pk, email],
                )
        with pytest.raises(RuntimeError) as error:
            _migrate(("accounts", "0004_auth_canonical_email_data"))
        assert "Konto 901: kiss@example.org" in str(error.value)
        assert "Konto 902: kıss@example.org" in str(error.value)
        assert set(User.objects.values_list("email", flat=True)) >= {
            "kiss@example.org",
            "kıss@example.org",
        }
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM accounts_user WHERE id = 902")
            cursor.execute("UPDATE accounts_user SET email = 'KIſS@Example.org' WHERE id = 901")
        _migrate(("accounts", "0005_auth_canonical_email"))
        # Only the columns of that state: later migrations add columns the model knows.
        assert User.objects.filter(pk=901).values_list("email", flat=True).get() == (
            "kiss@example.org"
        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM accounts_user WHERE id IN (901, 902)")
        _migrate_to_latest("accounts")
