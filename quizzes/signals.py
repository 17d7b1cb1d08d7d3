from django.dispatch import Signal

# Sent once per attempt, after the transaction that decided "passed" commits:
# attempt_passed.send(sender=Attempt, attempt=attempt)
attempt_passed = Signal()
