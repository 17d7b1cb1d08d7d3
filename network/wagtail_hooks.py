from django.template.loader import render_to_string
from wagtail import hooks


@hooks.register("courses_completed_actions")
def network_join_links(enrolments):
    """courses.extensions: next to each completed cooperative course (course page and the
    learner's cards), the way into the network (1 query for all rows)."""
    from .selectors import cooperative_course_ids

    cooperative = cooperative_course_ids({enrolment.course_id for enrolment in enrolments})
    if not cooperative:
        return {}
    link = render_to_string("network/includes/join_link.html")
    return {enrolment.pk: link for enrolment in enrolments if enrolment.course_id in cooperative}


@hooks.register("accounts_profile_sections")
def network_profile_section(request):
    """accounts.extensions: on the profile, the person's contact card (or the way to publish
    one) for people who may join the network; empty for everybody else (1-2 queries)."""
    from .models import ContactCard
    from .selectors import may_publish

    card = ContactCard.objects.filter(user=request.user).first()
    if card is None and not may_publish(request.user):
        return ""
    return render_to_string(
        "network/includes/profile_section.html", {"card": card}, request=request
    )
