"""The four roles and the model permissions each one carries.

Groups are created by a data migration (accounts 0002); permissions are (re)granted after
every ``migrate`` because Django only creates permission rows in ``post_migrate``, after all
migrations ran. Page permissions (e.g. trainers editing the catalogue) are Wagtail
``GroupPagePermission`` rows, created where the page is created.
"""

LEARNERS = "Lernende"
TRAINERS = "Trainer:innen"
MANAGERS = "Manager:innen"
ADMINISTRATION = "Administration"
ROLE_NAMES = (LEARNERS, TRAINERS, MANAGERS, ADMINISTRATION)

_AUTHORING = [
    "wagtailadmin.access_admin",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]

_QUESTION_CATEGORIES = [
    "quizzes.add_questioncategory",
    "quizzes.change_questioncategory",
    "quizzes.view_questioncategory",
]

# Learners never see the admin: their role carries no permission at all.
ROLE_PERMISSIONS = {
    LEARNERS: [],
    TRAINERS: _AUTHORING
    + [
        "quizzes.add_quiz",
        "quizzes.change_quiz",
        "quizzes.delete_quiz",
        "quizzes.publish_quiz",
        "quizzes.mark_response",
        "quizzes.view_attempt",
    ]
    + _QUESTION_CATEGORIES,
    MANAGERS: [
        "wagtailadmin.access_admin",
        "certificates.view_certificate",
        "reports.view_reports",
        "reports.assign_courses",
    ],
    ADMINISTRATION: _AUTHORING
    + [
        "wagtailusers.add_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        # DSGVO export and erasure (accounts.personal_data); "delete" in the user admin is
        # the erasure, never a real deletion.
        "accounts.manage_personal_data",
        "accounts.delete_user",
        # Login locks (accounts.viewsets.LoginLockViewSet): deleting a row unlocks.
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "organisations.add_organisation",
        "organisations.change_organisation",
        "organisations.delete_organisation",
        "organisations.view_organisation",
        # Sees everybody in reports and certificates (organisations.selectors).
        "organisations.view_all_people",
        "organisations.add_region",
        "organisations.change_region",
        "organisations.view_region",
        "organisations.add_managerscope",
        "organisations.change_managerscope",
        "organisations.delete_managerscope",
        "organisations.view_managerscope",
        "courses.add_enrolment",
        "courses.change_enrolment",
        "courses.view_enrolment",
        "certificates.view_certificate",
        "certificates.revoke_certificate",
        "certificates.change_certificatesettings",
        "reports.view_reports",
        "reports.assign_courses",
        "quizzes.add_quiz",
        "quizzes.change_quiz",
        "quizzes.publish_quiz",
        "quizzes.mark_response",
        "quizzes.view_attempt",
        "outbox.view_mail",
        "outbox.retry_mail",
    ]
    + _QUESTION_CATEGORIES,
}


def sync_role_permissions(sender=None, using="default", **kwargs):
    """Grant each role its permissions; permissions of apps not installed are skipped."""
    from django.contrib.auth.models import Group, Permission

    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.extend(
                Permission.objects.using(using).filter(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.add(*wanted)


def role_members(role):
    """Active accounts in the group ``role`` (one of ``ROLE_NAMES``), ordered by name.

    Returns a lazy queryset of users: the choices (and so the validation) of every picker that
    offers people for a role, e.g. a course's responsible trainers or a manager scope's manager.
    """
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=role)
        .order_by("last_name", "first_name", "email")
    )
