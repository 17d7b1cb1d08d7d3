from django.db import migrations

CODENAME = "view_all_people"
ADMINISTRATION = "Administration"


def grant_to_administration(apps, schema_editor):
    """Create the permission row now (Django would only do it after migrate) and give it to
    the group "Administration", so administrators see everybody without being superusers."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="organisations", model="organisation"
    )
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename=CODENAME,
        defaults={"name": "Can see the people of every organisation"},
    )
    group, _created = Group.objects.get_or_create(name=ADMINISTRATION)
    group.permissions.add(permission)


def revoke_from_administration(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="organisations", codename=CODENAME
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        ("accounts", "0003_create_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="organisation",
            options={
                "ordering": ["name"],
                "permissions": [
                    ("view_all_people", "Can see the people of every organisation")
                ],
                "verbose_name": "organisation",
                "verbose_name_plural": "organisations",
            },
        ),
        migrations.RunPython(grant_to_administration, revoke_from_administration),
    ]
