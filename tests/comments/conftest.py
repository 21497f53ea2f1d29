import pytest

from tests.comments.helpers import open_page_cache_off


@pytest.fixture(autouse=True)
def _comment_settings(settings):
    """Forms may be sent at once (the bot timer has its own tests), page cache off and
    generous rate limits unless a test says otherwise."""
    settings.COMMENTS_MIN_SECONDS = 0
    settings.COMMENTS_RATE_LIMITS = {
        "address": (1000, 600),
        "email": (1000, 600),
        "report": (1000, 3600),
    }
    open_page_cache_off(settings)
