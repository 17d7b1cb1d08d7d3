from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lms.throttle import Throttle, client_ip

from . import services
from .extensions import profile_sections
from .forms import ProfileForm, RegistrationForm

User = get_user_model()

# Registrations per client address (lms.throttle.client_ip): a training room behind one
# address can register together; a script cannot mail-bomb addresses through us.
registration_throttle = Throttle("register", limit=30, window_seconds=60 * 60)


@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        return redirect("/")
    if request.method == "POST" and registration_throttle.is_blocked(client_ip(request)):
        return render(request, "accounts/register_throttled.html", status=429)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            registration_throttle.hit(client_ip(request))
            data = form.cleaned_data
            email = services.user_register(
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                job_title=data["job_title"],
                organisation=data["organisation"],
            )
            return render(request, "accounts/register_done.html", {"email": email})
        return render(request, "accounts/register.html", {"form": form}, status=400)
    return render(request, "accounts/register.html", {"form": form})


def confirm_email(request, uidb64, token):
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not services.user_confirm_email(user=user, token=token):
        return render(request, "accounts/confirm_invalid.html", status=400)
    login(request, user, backend="accounts.backends.CachedPermissionsBackend")
    messages.success(request, _("Thank you! Your account is confirmed and you are logged in."))
    return redirect("/")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's view; a new password set through the mailed link also unlocks the login."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.user_password_reset_done(user=form.user)
        return response


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile has been saved."))
            if {"first_name", "last_name"} & set(form.changed_data):
                messages.info(
                    request,
                    _(
                        "Your new name is printed on certificates issued from now on. "
                        "Certificates already issued keep the old name until you re-issue them."
                    ),
                )
            return redirect("accounts:profile")
        return render(request, "accounts/profile.html", _profile_context(request, form), status=400)
    return render(request, "accounts/profile.html", _profile_context(request, form))


def _profile_context(request, form):
    return {"form": form, "sections": profile_sections(request)}
