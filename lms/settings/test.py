import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# pytest-django replaces EMAIL_BACKEND by locmem for every test; tests of the queue switch it
# back to outbox.backends.QueuedEmailBackend, which delivers into the same locmem outbox.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
KOFO_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
KOFO_DEMO_ACCOUNTS = True
# One media folder per pytest-xdist worker: parallel workers never share files.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
MEDIA_ROOT = BASE_DIR / "var" / f"test-media-{_WORKER}"  # noqa: F405
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
