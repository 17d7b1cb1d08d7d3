"""Guards for Wagtail's snippet views over our models: bad ids and empty forms answer 404.

Three of Wagtail's snippet routes take any text where an id belongs, or accept a POST they
cannot handle, and answered hostile input with HTTP 500 (found by tests/test_fuzz_crawler.py):

- ``history/<pk>/revisions/compare/…`` is a ``re_path`` with ``(?P<pk>.+)``
  (``wagtail.snippets.views.snippets.SnippetViewSet.get_urlpatterns``); ``RevisionsCompareView``
  passes the text to ``.get(pk=…)``: ``ValueError`` "Field 'id' expected a number".
- The chooser's ``chosen/<str:pk>/`` (``wagtail.admin.viewsets.chooser.ChooserViewSet``): the same.
- The chooser's ``create/`` is routed even when the chooser has no creation form
  (``wagtail.admin.views.generic.chooser.CreateViewMixin.post`` calls ``self.form.is_valid()``
  on ``None``): ``AttributeError`` for any POST.

``IdSnippetViewSetMixin`` puts ``lms.ids.parse_id`` in front of the first two (a value that
cannot be an id is "not found", as Django's ``<int:pk>`` routes answer) and answers the chooser
``create/`` with 404 when there is nothing to create with.
"""

from functools import wraps

from django.http import Http404
from wagtail.admin.auth import require_admin_access
from wagtail.snippets.views.chooser import SnippetChooserViewSet, SnippetCreateView

from .ids import parse_id


def require_id(view, kwarg="pk"):
    """Wrap ``view`` (a view function) so that a request whose URL argument ``kwarg`` is not an
    id (``lms.ids.parse_id``: 1 … 2**63 - 1, ASCII digits) raises ``Http404`` before the view
    runs. Returns the wrapped view."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if kwarg in kwargs and parse_id(kwargs[kwarg]) is None:
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


class CreateOnlyWithFormView(SnippetCreateView):
    """The chooser's "create" view: 404 (GET and POST) when the chooser has no creation form,
    instead of Wagtail's ``AttributeError`` on ``None.is_valid()``."""

    def dispatch(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class IdSnippetChooserViewSet(SnippetChooserViewSet):
    create_view_class = CreateOnlyWithFormView

    @property
    def chosen_view(self):
        return require_id(super().chosen_view)


class IdSnippetViewSetMixin:
    """For ``SnippetViewSet``s of models with integer ids (put it first in the bases)."""

    chooser_viewset_class = IdSnippetChooserViewSet

    @property
    def revisions_compare_view(self):
        return require_id(super().revisions_compare_view)


@require_admin_access  # as Wagtail decorates every admin route; the bulk actions check the rest
def bulk_action_view(request, app_label, model_name, action):
    """Wagtail's bulk-action dispatcher (``wagtail.admin.views.bulk_action.index``) with the
    ids checked first: it passes every ``?id=`` to ``pk__in`` unread, so ``?id=NaN``, ``?id=``
    or a 30-digit id was an HTTP 500 on every bulk action (delete, unpublish, move, roles…).
    An id that cannot be one (``lms.ids.parse_id``; "all" is Wagtail's own word for "every
    listed row") is "not found", as for single objects."""
    from wagtail.admin.views.bulk_action import index

    ids = request.GET.getlist("id")
    if any(value != "all" and parse_id(value) is None for value in ids):
        raise Http404
    return index(request, app_label, model_name, action)
