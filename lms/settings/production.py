"""Production settings: everything secret or site-specific comes from the environment."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

# SITE_URL: mails, QR codes and printed links cannot ask a request for the host; a forgotten
# variable used to print http://127.0.0.1:8000 on every certificate.
REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CSRF_TRUSTED_ORIGINS", "SITE_URL")
_missing = [name for name in REQUIRED if not os.environ.get(name)]
if _missing:
    raise ImproperlyConfigured(
        "KoFo production settings need these environment variables: "
        + ", ".join(_missing)
        + " (see README, 'Konfiguration')."
    )


def _csv(name):
    return [item.strip() for item in os.environ[name].split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = _csv("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = _csv("CSRF_TRUSTED_ORIGINS")
KOFO_DEMO_ACCOUNTS = False

# Persistent database connections: opening one costs a TCP + authentication round trip
# (several ms of CPU on both sides) per request otherwise. Each gunicorn thread keeps its own;
# CONN_HEALTH_CHECKS replaces a connection the database closed (restart, idle timeout) before
# a request uses it, instead of failing that request. DB_CONN_MAX_AGE=0 turns it off.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "600"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# WhiteNoise serves the collected static files in production only (runserver does it in dev).
MIDDLEWARE.insert(  # noqa: F405
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
SITE_URL = WAGTAILADMIN_BASE_URL = os.environ["SITE_URL"].strip().rstrip("/")

# --- Several app hosts (README "Betrieb mit mehreren Servern") -------------------------------
# Cache: sessions (cached_db), throttling counters and cached permissions live here, so every
# gunicorn worker of every host must see the same one. REDIS_URL (redis://host:6379/0) shares
# it between hosts; without it a file cache shares it between the workers of one host.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kofo"),
            # Seconds: a Redis that does not answer fails the request (and /healthz) quickly
            # instead of holding a worker.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),  # noqa: F405
            # Sessions and cached permissions live here too: Django's default of 300 entries
            # would cull (a directory scan) on nearly every write with a few hundred people
            # logged in.
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "200000"))},
        }
    }

# Files: media and certificate PDFs on S3-compatible object storage when KOFO_S3_BUCKET is set
# (lms/objectstorage.py: nothing public, media by short-lived signed URLs, PDFs only through
# the permission-checked views); otherwise MEDIA_ROOT and its private sibling on local disk.
KOFO_S3_BUCKET = os.environ.get("KOFO_S3_BUCKET", "").strip()
if KOFO_S3_BUCKET:
    _s3_endpoint = os.environ.get("KOFO_S3_ENDPOINT_URL", "").strip().rstrip("/")
    _s3_style = os.environ.get("KOFO_S3_ADDRESSING_STYLE", "path").strip()
    if not _s3_endpoint.startswith(("https://", "http://")):
        raise ImproperlyConfigured(
            "KOFO_S3_BUCKET needs KOFO_S3_ENDPOINT_URL, e.g. https://s3.eu-central-1.amazonaws.com"
            " (see README, 'Betrieb mit mehreren Servern')."
        )
    _s3 = {
        "bucket_name": KOFO_S3_BUCKET,
        "endpoint_url": _s3_endpoint or None,
        "region_name": os.environ.get("KOFO_S3_REGION", "").strip() or None,
        # Unset: boto3's own chain (AWS_ACCESS_KEY_ID…, instance roles).
        "access_key": os.environ.get("KOFO_S3_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("KOFO_S3_SECRET_ACCESS_KEY") or None,
        "addressing_style": _s3_style,
        "signature_version": "s3v4",
        "default_acl": None,  # never public-read: the bucket's private default applies
        "querystring_auth": True,
        "querystring_expire": int(os.environ.get("KOFO_S3_URL_EXPIRY", "300")),
        # Like the local disk: a second file of the same name gets a new name, never
        # replaces a stored certificate.
        "file_overwrite": False,
    }
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "lms.objectstorage.MediaS3Storage",
        "OPTIONS": _s3 | {"location": "media"},
    }
    STORAGES["private"] = {  # noqa: F405
        "BACKEND": "lms.objectstorage.PrivateS3Storage",
        "OPTIONS": _s3 | {"location": "private"},
    }
    # Browsers load images and videos from the signed URLs: allow that one origin.
    _s3_origin = os.environ.get("KOFO_S3_MEDIA_ORIGIN", "").strip().rstrip("/")
    if not _s3_origin:
        _parts = urlsplit(_s3_endpoint)
        _host = _parts.netloc if _s3_style == "path" else f"{KOFO_S3_BUCKET}.{_parts.netloc}"
        _s3_origin = f"{_parts.scheme}://{_host}"
    for _directive in ("img-src", "media-src"):
        CONTENT_SECURITY_POLICY["DIRECTIVES"][_directive].append(_s3_origin)  # noqa: F405
    KOFO_ADMIN_CSP_REPLACE["img-src"].append(_s3_origin)  # noqa: F405
# --- end several app hosts --------------------------------------------------------------------
