"""What still refers to objects someone wants to delete, and the admin page that says so.

Exam records, completions, enrolments and certificates protect what they refer to
(``on_delete=PROTECT``, see ARCHITECTURE.md "Nothing personal is deleted by accident").
Wagtail's delete views only know the references its ReferenceIndex tracks, so they offered to
delete a module with completions ("referenced 0 times") and then failed with ``ProtectedError``
(HTTP 500). The deletion hooks (courses and quizzes ``wagtail_hooks``) and the admin delete
views of our models ask ``protected_references`` first and, if anything refers to the objects,
render ``refuse_deletion`` instead: what refers to them (kinds and counts, no names) and the
offer to unpublish.
"""

from collections import Counter
from dataclasses import dataclass

from django.db import router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.template.response import TemplateResponse
from wagtail.admin.views import generic
from wagtail.models import Page


@dataclass
class Blocked:
    title: str
    references: list  # [(verbose name plural, count)], largest first


def protected_references(objects):
    """``objects`` (model instances of one kind; pages include their subpages) ->
    ``[(verbose_name_plural, count)]`` of the records whose ``PROTECT``/``RESTRICT`` foreign
    keys forbid deleting them, largest count first; ``[]`` if they may be deleted.

    A dry run of Django's deletion ``Collector``: nothing is deleted, the same rules decide.
    """
    objects = list(objects)
    if not objects:
        return []
    expanded = []
    for obj in objects:
        if isinstance(obj, Page):
            expanded.extend(obj.get_descendants(inclusive=True).specific())
        else:
            expanded.append(obj)
    by_model = {}
    for obj in expanded:
        by_model.setdefault(type(obj), []).append(obj)
    counts = Counter()
    for model, instances in by_model.items():
        try:
            Collector(using=router.db_for_write(model)).collect(instances)
        except ProtectedError as error:
            blocking = error.protected_objects
        except RestrictedError as error:
            blocking = error.restricted_objects
        else:
            continue
        counts.update(str(obj._meta.verbose_name_plural) for obj in blocking)
    return counts.most_common()


def blocked(objects):
    """``objects`` -> ``[Blocked]`` for those that something refers to (each checked alone)."""
    found = []
    for obj in objects:
        references = protected_references([obj])
        if references:
            title = obj.get_admin_display_title() if isinstance(obj, Page) else str(obj)
            found.append(Blocked(title=title, references=references))
    return found


def refuse_deletion(request, items, *, unpublish_url=None, back_url=None):
    """The admin page shown instead of a delete confirmation: ``items`` (``[Blocked]``), a
    link to unpublish instead (if the objects can be unpublished) and a way back. HTTP 409."""
    return TemplateResponse(
        request,
        "lms/admin/delete_refused.html",
        {"items": items, "unpublish_url": unpublish_url, "back_url": back_url},
        status=409,
    )


class RefuseReferencedDeleteMixin:
    """For the delete view of a ``ModelViewSet``: refuse (GET and POST) while records refer
    to the object, instead of Wagtail's confirmation and a ``ProtectedError``."""

    def run_before_hook(self):
        items = blocked([self.object])
        if items:
            return refuse_deletion(self.request, items, back_url=self.get_success_url())
        return super().run_before_hook()


class RefuseReferencedDeleteView(RefuseReferencedDeleteMixin, generic.DeleteView):
    """``delete_view_class`` for the ``ModelViewSet``s of models that records refer to."""
