from django.db import migrations

ROLE_NAMES = ("Lernende", "Trainer:innen", "Manager:innen", "Administration")


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    # Permissions are granted by lms.roles.sync_role_permissions after migrate,
    # once Django has created the permission rows of every app.
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
