import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _german(settings):
    """Tests read the German UI, as our users do."""
    settings.LANGUAGE_CODE = "de"


@pytest.fixture
def demo(db):
    """The full demo data set, as `make run` loads it."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
