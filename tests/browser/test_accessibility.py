"""axe-core finds nothing on any public page type, in Thai and in English, on a phone
and on a desk's screen; and each page says its language and describes itself."""

from urllib.parse import urlencode

import pytest
from django.test import Client

from tests.articles.test_query_budgets import build_newsroom
from tests.browser.conftest import assert_accessible, csp_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page_types(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the search index
        urls = build_newsroom(2)
    urls |= {
        "search": "/search/?" + urlencode({"q": "ข่าวทดสอบ คน"}),
        "search-empty": "/search/",
        "missing": "/section/no-such-section/",
    }
    return urls


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("width", [375, 1280])
def test_every_page_type_is_accessible(page, page_types, language, width):
    page.set_viewport_size({"width": width, "height": 900})
    prefix = "" if language == "th" else "/en"
    for name, url in page_types.items():
        response = page.goto(prefix + url)
        assert response.status == (404 if name == "missing" else 200), url
        assert page.get_attribute("html", "lang") == language
        if name != "missing":
            description = page.get_attribute("meta[name=description]", "content")
            assert description and description.strip(), url
        assert_accessible(page)
    assert csp_violations(page) == []


def test_page_types_are_all_there(page_types):
    """The sweep covers every reader page type, each answering with its content."""
    client = Client()
    assert set(page_types) >= {"home", "article", "section", "tag", "person", "organisation"}
    html = client.get(page_types["article"]).content.decode()
    assert 'class="story__title"' in html
