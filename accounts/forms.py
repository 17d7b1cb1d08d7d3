from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from lms.ids import IdModelMultipleChoiceField
from organisations.models import Organisation

from .identity import canonical_email

User = get_user_model()

NAME_HELP = _(
    "Please enter your name exactly as in your ID card: it is printed on your certificates."
)


class LoginForm(AuthenticationForm):
    """The site login. Failed logins are counted and locked by django-axes
    (accounts.lockout), which sees every authenticate() call; this form keeps no counter."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "E-mail address or password is wrong, or the account is not confirmed yet."
        ),
        "inactive": _("This account is not active."),
    }


class AdminLoginForm(WagtailLoginForm):
    """Wagtail's admin login, refusing accounts without admin access before a session exists.

    Wagtail would log a learner in and only then say "no permission", leaving a session
    that is valid on the whole site.
    """

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.has_perm("wagtailadmin.access_admin"):
            raise forms.ValidationError(
                _(
                    "This account has no access to the administration. Please log in on "
                    "the website instead."
                ),
                code="no_admin_access",
            )


class RegistrationForm(SetPasswordMixin, forms.ModelForm):
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Repeat password")
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(is_active=True).select_related("region"),
        empty_label=_("Please choose"),
        error_messages={"invalid_choice": _("Please choose an organisation from the list.")},
    )

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "job_title", "organisation"]
        help_texts = {"first_name": NAME_HELP, "last_name": NAME_HELP}
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }

    def clean_email(self):
        return canonical_email(self.cleaned_data["email"])

    def _get_validation_exclusions(self):
        # A taken address is no error the visitor may see (that would tell anyone who has
        # an account): accounts.services.user_register mails the owner instead.
        return super()._get_validation_exclusions() | {"email"}

    def clean(self):
        self.validate_passwords()
        cleaned = super().clean()
        self.validate_password_for_user(self.instance)
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        # Password similarity checks need the names on the instance first.
        self.validate_password_for_user(self.instance)


PROFILE_NAME_HELP = _(
    "Please enter your name exactly as in your ID card: it is printed on certificates issued "
    "from now on. Certificates already issued keep the name they were issued with."
)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "job_title"]
        help_texts = {"first_name": PROFILE_NAME_HELP, "last_name": PROFILE_NAME_HELP}
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }


class _AdminUserFields(forms.ModelForm):
    job_title = forms.CharField(label=_("Job title"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False
    )

    def clean_email(self):
        # Canonical before the unique check, so "KISS@…" or "kiſs@…" next to "kiss@…" is
        # reported as taken at the field instead of failing at the database.
        return canonical_email(self.cleaned_data["email"])


def _id_checking_groups(form):
    """Wagtail declares ``groups`` as a plain ``ModelMultipleChoiceField``, whose ``__in``
    query overflows on a 30-digit id (HTTP 500): the same field, checking ids (lms.ids)."""
    groups = form.fields.get("groups")
    if groups is not None:
        form.fields["groups"] = IdModelMultipleChoiceField(
            queryset=groups.queryset,
            required=groups.required,
            widget=groups.widget,
            label=groups.label,
            help_text=groups.help_text,
        )


class AdminUserCreationForm(UserCreationForm, _AdminUserFields):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"job_title", "organisation"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _id_checking_groups(self)


class AdminUserEditForm(UserEditForm, _AdminUserFields):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"job_title", "organisation"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _id_checking_groups(self)

    def clean(self):
        # An erased account is a pseudonym that holds anonymous records (DSGVO Art. 17,
        # accounts.personal_data): giving it a name, an address or a role again would undo
        # the erasure.
        if self.instance.erased_at is not None:
            raise forms.ValidationError(
                _("This person's data has been erased; the account can no longer be changed.")
            )
        return super().clean()
