import pytest


@pytest.fixture(autouse=True)
def _fresh_vocabulary(request):
    """Each test segments with the names it made, not those of an earlier test."""
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("_django_db_helper")
    from search import engine

    engine.vocabulary_changed()


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the index updates that signals schedule for the end of the transaction."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
