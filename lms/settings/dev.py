from .base import *  # noqa: F403

DEBUG = True
# Development only: never used by lms.settings.production.
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# Mails are queued as in production (outbox) and delivered to the console.
KOFO_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The demo accounts share the password "kofo-demo"; this flag lets seed_demo create them.
KOFO_DEMO_ACCOUNTS = True
