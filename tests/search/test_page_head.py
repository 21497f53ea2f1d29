"""The search page's head and landmarks: a description of its own, and each search
form named apart (axe's landmark-unique)."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/search/", "/search/?q=น้ำท่วม", "/en/search/?q=flood"])
def test_search_forms_have_distinct_names_and_the_page_a_description(client, path):
    html = client.get(path).content.decode()
    names = re.findall(r'<form[^>]*role="search"[^>]*aria-label="([^"]+)"', html)
    assert len(names) == 2
    assert len(set(names)) == 2
    description = re.search(r'<meta name="description" content="([^"]+)"', html)
    assert description
    assert "{{" not in description.group(1)


def test_description_names_the_query(client):
    html = client.get("/search/?q=น้ำท่วม").content.decode()
    assert re.search(r'<meta name="description" content="ข่าวเกี่ยวกับ “น้ำท่วม”', html)
