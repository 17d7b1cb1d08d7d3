"""The directory of contact cards (/netzwerk/) and the page where a person publishes, edits or
withdraws their own card. Every page needs a login; only the owner touches a card."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import ContactCardForm, DirectoryFilterForm
from .models import ContactCard


@login_required
def directory(request):
    # The topics offered come from the visible cards, so they are read before the filter is
    # validated; an unknown topic or region is a message at the field (400), never a 500.
    everything = selectors.directory(request.user)
    form = DirectoryFilterForm(request.GET or None, topics=everything.topics)
    status, cards = 200, everything.cards
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            cards = selectors.filter_cards(
                cards,
                region=data["region"],
                kind=data["kind"],
                topic=data["topic"],
                query=data["q"],
            )
        else:
            status, cards = 400, []
    return render(
        request,
        "network/directory.html",
        {
            "form": form,
            "cards": cards,
            "total": len(everything.cards),
            "filtered": form.is_bound,
            "may_publish": selectors.may_publish(request.user),
        },
        status=status,
    )


@login_required
def my_card(request):
    card = ContactCard.objects.filter(user=request.user).first()
    allowed = selectors.may_publish(request.user)
    form = None
    if allowed:
        form = ContactCardForm(request.POST or None, instance=card)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.card_publish(
                    user=request.user,
                    role=data["role"],
                    topics=data["topics"],
                    show_email=data["show_email"],
                    show_phone=data["show_phone"],
                    phone=data["phone"],
                    visibility=data["visibility"],
                )
            except services.NetworkError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your contact card is visible in the network."))
                return redirect("network:directory")
    status = 403 if request.method == "POST" and not allowed else 200
    if form is not None and form.errors:
        status = 400
    return render(
        request,
        "network/my_card.html",
        {"form": form, "card": card, "may_publish": allowed},
        status=status,
    )


@login_required
@require_POST
def withdraw(request):
    if services.card_withdraw(user=request.user):
        messages.success(
            request, _("Your consent is withdrawn: your contact card is no longer shown.")
        )
    return redirect("network:my_card")
