from django.dispatch import Signal

# Sent once per completion, after the transaction that set Enrolment.completed_at committed.
# Arguments: sender=Enrolment, enrolment.
course_completed = Signal()
