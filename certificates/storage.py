from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


def private_root():
    """Where certificate PDFs and ZIP exports live: never below MEDIA_ROOT, never served."""
    configured = getattr(settings, "KOFO_PRIVATE_ROOT", None)
    if configured:
        return Path(configured)
    media = Path(settings.MEDIA_ROOT)
    return media.with_name(f"{media.name}-private")


def private_storage():
    """The storage of certificate PDFs and exports: ``STORAGES["private"]``.

    Local disk (``PrivateStorage``) by default, the object storage bucket when production
    configures one (lms.objectstorage.PrivateS3Storage). A callable, so that the model
    fields (and their migrations) name the alias, not one backend.
    """
    return storages["private"]


class PrivateStorage(FileSystemStorage):
    """A file system storage without a URL; files leave only through permission-checked views.

    The location is read from the settings on every use, so tests can point it elsewhere.
    """

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return private_root()

    @property
    def location(self):
        return str(private_root().resolve())

    def url(self, name):
        raise ValueError("Private files have no public URL.")
