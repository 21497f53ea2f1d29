"""Every public page type is valid HTML by the W3C Nu HTML Checker (vnu.jar)."""

import pytest

from tests.articles.test_query_budgets import build_newsroom
from tests.html_checker import html_problems

pytestmark = pytest.mark.django_db


def test_every_page_type_passes_the_nu_html_checker(client, tmp_path):
    urls = build_newsroom(2) | {"missing": "/section/no-such-section/"}
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "missing" else 200), url
        pages[name] = response.content
    problems = html_problems(pages, tmp_path)
    assert problems == [], "\n".join(problems)
