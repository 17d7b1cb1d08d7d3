"""The trainers' attendance screen and the printable attendance list of an offering."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .attendance import attendance_list, attendance_pdf_bytes, attendance_record
from .attendance import may_take_attendance as _may
from .forms import AttendanceForm
from .services import RegistrationError
from .views import _live_parents


def _checked(request, offering):
    if not request.user.is_authenticated:
        return None
    module, course = _live_parents(offering, request)
    if not _may(user=request.user, offering=offering, course=course):
        raise PermissionDenied
    return module, course


def attendance(request, offering):
    checked = _checked(request, offering)
    if checked is None:
        return redirect_to_login(offering.get_url(request) + "attendance/")
    module, course = checked
    registrations = attendance_list(offering)
    form = AttendanceForm(
        request.POST if request.method == "POST" else None, registrations=registrations
    )
    if request.method == "POST" and form.is_valid():
        try:
            count = attendance_record(
                offering=offering,
                course=course,
                registration_ids=form.cleaned_data["registrations"],
                attendance=form.cleaned_data["attendance"],
                recorded_by=request.user,
            )
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Attendance recorded for %(count)s people.") % {"count": count}
            )
            return redirect(offering.get_url(request) + "attendance/")
    return offering.render(
        request,
        template="events/attendance.html",
        context_overrides={
            "module": module,
            "course": course,
            "registrations": registrations,
            "form": form,
            "dates": offering.session_dates(),
        },
    )


def attendance_pdf(request, offering):
    checked = _checked(request, offering)
    if checked is None:
        return redirect_to_login(offering.get_url(request) + "attendance/pdf/")
    module, _course = checked
    response = HttpResponse(
        attendance_pdf_bytes(offering=offering, module=module), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'inline; filename="anwesenheitsliste.pdf"'
    return response
