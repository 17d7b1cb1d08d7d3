"""Extension points of the courses app.

Dependencies point one way (organisations <- courses <- certificates <- reports): where a
course page or card shows something of a higher app (the certificate download of a completed
enrolment), courses asks the apps that registered a Wagtail hook, as Wagtail's own
``construct_homepage_panels`` does, instead of importing them.
"""

from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from wagtail import hooks

COMPLETED_ACTIONS = "courses_completed_actions"
"""Hook name. A registered function takes ``enrolments`` (a list of completed ``Enrolment``)
and returns ``{enrolment pk: HTML}`` (a safe string) for the rows it has something to add to;
it is called once per list, so it should read all rows with a fixed number of queries."""


def completed_actions(enrolments) -> dict[int, SafeString]:
    """The HTML that other apps add next to each completed enrolment, by enrolment pk.

    ``enrolments``: ``Enrolment`` rows (those not completed are left out). Returns one safe
    string per enrolment that some hook contributed to, the contributions joined in hook order.
    Queries: what the registered hooks need (certificates: 1 for all rows).
    """
    completed = [e for e in enrolments if e is not None and e.completed_at is not None]
    if not completed:
        return {}
    parts: dict[int, list] = {}
    for hook in hooks.get_hooks(COMPLETED_ACTIONS):
        for pk, html in hook(completed).items():
            parts.setdefault(pk, []).append((html,))
    return {pk: format_html_join(" ", "{}", rows) for pk, rows in parts.items()}
