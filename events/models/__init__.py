"""Sessions (Termine): a session module of a course, its offerings (one per place and time,
e.g. Hamm and Düsseldorf), their dates, and the registrations of people.

A ``SessionModulePage`` *is* a ``courses.ModulePage`` (multi-table inheritance): its UE count
for the course and attending completes it through ``courses.services.module_complete``; the
completion rule, progress and certificates need no change. Each offering is a child page;
a learner registers for one offering per session module. The pages live in ``pages``, the
people's side in ``registrations``; every name is importable from ``events.models``.
"""

from .pages import SessionDate, SessionModulePage, SessionOfferingPage
from .registrations import Attendance, CalendarFeed, Registration, RegistrationStatus

__all__ = [
    "Attendance",
    "CalendarFeed",
    "Registration",
    "RegistrationStatus",
    "SessionDate",
    "SessionModulePage",
    "SessionOfferingPage",
]
