"""Every public page type, in Thai and in English, is valid HTML by the W3C Nu HTML
Checker (vnu.jar): a live story's too, with its key events, updates and their pages."""

from urllib.parse import urlencode

import pytest

from tests.articles.test_query_budgets import build_newsroom
from tests.html_checker import html_problems

pytestmark = pytest.mark.django_db


def test_every_page_type_passes_the_nu_html_checker(
    client, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the search index is written then
        urls = build_newsroom(2)
    urls |= {
        "missing": "/section/no-such-section/",
        # results with highlights, the people found, filters and pagination
        "search": "/search/?" + urlencode({"q": "ข่าวทดสอบ คน"}),
        "search-nothing": "/search/?q=zzzz",
        "search-empty": "/search/",
        "live-page-2": urls["live"] + "?live_page=2",
    }
    # The English site too: every page again under /en/.
    urls |= {f"en-{name}": f"/en{url}" for name, url in urls.items()}
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == (404 if name.endswith("missing") else 200), url
        pages[name] = response.content
    assert b"<mark" in pages["search"]  # the results page, not an empty one
    assert b'id="search-entities"' in pages["search"]  # with the people found
    for name in ("live", "en-live"):  # updates, key events, a picture, a video, the poll
        for part in (b'id="key-events-heading"', b"<picture>", b"<iframe", b"data-live-poll"):
            assert part in pages[name], (name, part)
    problems = html_problems(pages, tmp_path)
    assert problems == [], "\n".join(problems)
