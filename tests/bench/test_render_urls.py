"""The addresses bench/render.py and bench/instructions.py request: the same for the same
seed, so that instructions.py's two runs under valgrind serve the same misses."""

from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.urls import resolve
from django.utils import timezone

from bench.render import page_urls
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    now = timezone.now()
    sections = [make_section(), make_section()]
    for i in range(40):
        article = make_article(section=sections[i % 2], published_at=now - timedelta(hours=i))
        article.tags.add(f"แท็ก {i % 7}")
    draft = make_article(status="draft")
    return {"draft": draft}


def test_the_same_seed_gives_the_same_pages_and_another_seed_others(newsroom):
    first = page_urls(12, seed=1)
    assert page_urls(12, seed=1) == first
    assert page_urls(12, seed=2) != first
    # Half the stories among the newest, half drawn from the archive's ids (a draw that
    # is not a public story is left out).
    assert 6 < len(first["story"]) <= 12
    assert {name: len(urls) for name, urls in first.items() if name != "story"} == {
        "home": 12,
        "home-pub": 12,
        "section": 12,
        "tag": 12,
    }
    views = {name: {resolve(unquote(url)).url_name for url in urls} for name, urls in first.items()}
    assert views == {
        "story": {"detail"},
        "home": {"home"},
        "home-pub": {"home"},
        "section": {"section"},
        "tag": {"tag"},
    }
    assert newsroom["draft"].get_absolute_url() not in first["story"]
