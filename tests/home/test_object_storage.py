"""Production with several hosts: Redis and S3-compatible storage from the environment,
nothing public (lms/settings/production.py, lms/objectstorage.py)."""

import json
import os
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings

from lms.objectstorage import MediaS3Storage, PrivateS3Storage

S3_ENV = {
    "REDIS_URL": "redis://10.0.0.9:6379/2",
    "KOFO_S3_BUCKET": "kofo-dateien",
    "KOFO_S3_ENDPOINT_URL": "https://s3.example-cloud.de",
    "KOFO_S3_REGION": "de-fra",
    "KOFO_S3_ACCESS_KEY_ID": "AKIDEXAMPLE",
    "KOFO_S3_SECRET_ACCESS_KEY": "secret-example",
}
SHOW = """
import json
from django.conf import settings
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"]["LOCATION"],
    "storages": {k: v for k, v in settings.STORAGES.items()},
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "admin_img_src": settings.KOFO_ADMIN_CSP_REPLACE["img-src"],
    "axes_handler": settings.AXES_HANDLER,
}))
"""


def _env(**overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="x" * 60 + "production-secret-from-env",
        ALLOWED_HOSTS="kofo.example.org",
        CSRF_TRUSTED_ORIGINS="https://kofo.example.org",
        DATABASE_URL="sqlite://:memory:",
        SITE_URL="https://kofo.example.org",
    )
    env.update(overrides)
    return env


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _settings(env):
    result = _manage("shell", "-c", SHOW, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # after the shell's greeting


def test_with_redis_and_a_bucket_every_host_shares_cache_and_files_and_nothing_is_public():
    shown = _settings(_env(**S3_ENV))
    assert shown["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert shown["cache_location"] == "redis://10.0.0.9:6379/2"
    media, private = shown["storages"]["default"], shown["storages"]["private"]
    assert media["BACKEND"] == "lms.objectstorage.MediaS3Storage"
    assert private["BACKEND"] == "lms.objectstorage.PrivateS3Storage"
    for options in (media["OPTIONS"], private["OPTIONS"]):
        assert options["bucket_name"] == "kofo-dateien"
        assert options["endpoint_url"] == "https://s3.example-cloud.de"
        assert options["default_acl"] is None  # never public-read
        assert options["querystring_auth"] is True
        assert options["querystring_expire"] == 300
        assert options["file_overwrite"] is False
    assert (media["OPTIONS"]["location"], private["OPTIONS"]["location"]) == ("media", "private")
    # The browser may load the signed media URLs, and nothing else from there.
    assert shown["img_src"][-1] == shown["admin_img_src"][-1] == "https://s3.example-cloud.de"
    # The login lockout is in the database, shared by all hosts anyway.
    assert shown["axes_handler"] == "accounts.lockout.KofoAxesHandler"


def test_without_the_variables_one_host_keeps_its_local_cache_and_disk():
    shown = _settings(_env())
    assert shown["cache"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert shown["storages"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert shown["storages"]["private"]["BACKEND"] == "certificates.storage.PrivateStorage"
    assert shown["img_src"] == ["'self'", "data:"]


def test_check_deploy_stays_clean_with_redis_and_a_bucket():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_env(**S3_ENV))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_bucket_without_an_endpoint_is_refused_with_the_variable_named():
    env = _env(**S3_ENV)
    del env["KOFO_S3_ENDPOINT_URL"]
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "KOFO_S3_BUCKET needs KOFO_S3_ENDPOINT_URL" in result.stderr


def _storage(cls):
    return cls(
        bucket_name="kofo-dateien",
        endpoint_url="https://s3.example-cloud.de",
        region_name="de-fra",
        access_key="AKIDEXAMPLE",
        secret_key="secret-example",
        addressing_style="path",
        signature_version="s3v4",
        querystring_expire=300,
        location="media",
    )


def test_media_urls_are_signed_and_expire_after_five_minutes():
    url = _storage(MediaS3Storage).url("bilder/foto.jpg")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://s3.example-cloud.de/kofo-dateien/media/bilder/foto.jpg"
    )
    query = parse_qs(parts.query)
    assert query["X-Amz-Expires"] == ["300"] and query["X-Amz-Signature"]


def test_certificate_pdfs_in_the_bucket_have_no_url_at_all():
    with pytest.raises(ValueError, match="no public URL"):
        _storage(PrivateS3Storage).url("certificates/abc/KOFO-2026-000001.pdf")
