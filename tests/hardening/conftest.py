import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The library caches pages for anonymous visitors; a page cached by one test would
    answer the next one without running the view."""
    cache.clear()
    yield
    cache.clear()
