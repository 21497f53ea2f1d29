import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads to its own temporary folder, never to media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache(request):
    """No test sees pages or counters cached by another (the cache table outlives flushes)."""
    if request.node.get_closest_marker("django_db") is None:
        return  # the cache lives in the database, which this test may not touch
    request.getfixturevalue("_django_db_helper")
    from django.core.cache import cache

    from newsroom import pagecache

    cache.clear()
    pagecache.forget_local_state()
