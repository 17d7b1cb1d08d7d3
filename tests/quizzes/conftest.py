import pytest

from tests.factories import UserFactory


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Runs on_commit callbacks (attempt_passed, the marking mail) inside a test transaction."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
