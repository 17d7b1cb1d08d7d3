from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from lms.throttle import client_ip, login_throttle
from organisations.models import Organisation

User = get_user_model()

NAME_HELP = _(
    "Please enter your name exactly as in your ID card: it is printed on your certificates."
)


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "E-mail address or password is wrong, or the account is not confirmed yet."
        ),
        "inactive": _("This account is not active."),
        "throttled": _(
            "Too many failed attempts. For your protection, please wait 15 minutes and try "
            "again, or reset your password."
        ),
    }

    def _throttle_key(self):
        email = User.objects.normalize_email(self.data.get("username", ""))
        return f"{client_ip(self.request)}:{email}" if self.request else email

    def clean(self):
        key = self._throttle_key()
        if login_throttle.is_blocked(key):
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            login_throttle.hit(key)
            raise
        login_throttle.reset(key)
        return cleaned


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
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "An account with this e-mail address exists already. Log in or reset "
                    "your password."
                ),
                code="duplicate_email",
            )
        return email

    def clean(self):
        self.validate_passwords()
        cleaned = super().clean()
        self.validate_password_for_user(self.instance)
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        # Password similarity checks need the names on the instance first.
        self.validate_password_for_user(self.instance)

    def save(self, commit=True):
        user = super().save(commit=False)
        user.is_active = False
        return self.set_password_and_save(user, commit=commit)


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


class AdminUserCreationForm(UserCreationForm, _AdminUserFields):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"job_title", "organisation"}


class AdminUserEditForm(UserEditForm, _AdminUserFields):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"job_title", "organisation"}
