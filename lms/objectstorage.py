"""S3-compatible object storage for several app hosts (django-storages, boto3).

Used only when ``KOFO_S3_BUCKET`` is set (lms/settings/production.py builds the options from
the environment; README "Betrieb mit mehreren Servern"). Nothing in the bucket is public:
objects are written without an ACL (the bucket's own, private, applies) and

* media (Wagtail images and documents) get signed URLs that expire after
  ``KOFO_S3_URL_EXPIRY`` seconds (default 300): a page shows them right after rendering;
* certificate PDFs and ZIP exports get no URL at all: they leave only through KoFo's
  permission-checked views, which stream them from the bucket.
"""

from storages.backends.s3 import S3Storage


class MediaS3Storage(S3Storage):
    """Media in the bucket below ``media/``; URLs are short-lived signed URLs."""


class PrivateS3Storage(S3Storage):
    """Certificate PDFs and exports below ``private/``: no URL, like ``PrivateStorage``."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no public URL.")
