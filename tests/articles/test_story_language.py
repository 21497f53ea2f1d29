"""A story in the other language than the page's carries its own `lang` (screen readers
switch voice); a story in the page's language carries none."""

import re

import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def lang_of(html: str, css_class: str) -> str | None:
    match = re.search(rf'class="{css_class}"( lang="(\w+)")?', html)
    assert match, css_class
    return match.group(2)


def test_english_story_on_the_thai_site(client):
    story = make_article(title="Flood warning for the city", standfirst="Residents told to move")
    page = client.get(story.get_absolute_url()).content.decode()
    assert re.search(r'<html lang="th"', page)
    for part in ("story__title", "story__standfirst", "story__body"):
        assert lang_of(page, part) == "en"
    home = client.get("/").content.decode()
    assert lang_of(home, "card__title") == "en"


def test_thai_story_on_the_english_site(client):
    story = make_article(title="น้ำท่วมกรุงเทพฯ", standfirst="ชาวบ้านอพยพ")
    page = client.get("/en" + story.get_absolute_url()).content.decode()
    assert lang_of(page, "story__title") == "th"
    assert lang_of(page, "story__body") == "th"


def test_story_in_the_page_language_has_no_lang_of_its_own(client):
    story = make_article(title="น้ำท่วมกรุงเทพฯ UCLG ASPAC")
    page = client.get(story.get_absolute_url()).content.decode()
    assert lang_of(page, "story__title") is None
    english = make_article(title="Flood warning")
    page = client.get("/en" + english.get_absolute_url()).content.decode()
    assert lang_of(page, "story__title") is None
