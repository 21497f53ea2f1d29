"""A story's card (articles/cards.py): what it shows, what it escapes, and the
page-cache keys it records for the page around it."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone, translation

from articles.cards import card_html
from articles.models import Article
from articles.story_loading import load_cards
from tests.factories import make_article, make_image, make_person

pytestmark = pytest.mark.django_db


def card_of(article, **style):
    request = RequestFactory().get("/")
    (loaded,) = load_cards(Article.objects.filter(pk=article.pk))
    with translation.override("th"):
        return str(card_html(request, loaded, **style)), request.page_keys


def test_a_card_shows_the_story_escaped_and_records_its_keys():
    reporter, photographer = make_person(name="สมศรี ข่าวดี"), make_person(name="ชาติ ถ่ายภาพ")
    article = make_article(
        title="<script>alert(1)</script> น้ำท่วม", bylines=[reporter, photographer]
    )
    html, keys = card_of(article, show_section=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; น้ำท่วม" in html and "<script>" not in html
    assert f'<a href="{article.get_absolute_url()}">' in html
    assert f'<a href="{article.section.get_absolute_url()}">{article.section.name}</a>' in html
    # Names without links: the card is one link to the story already.
    assert f"โดย {reporter.full_name}, {photographer.full_name}</span>" in html
    assert reporter.get_absolute_url() not in html
    local = timezone.localtime(article.published_at)
    be_year = str(local.year + 543)[-2:]  # a card's short date: the Buddhist era's year
    assert f"{local.day} " in html and f" {be_year}</time>" in html
    assert {
        f"article-{article.pk}",
        f"section-{article.section_id}",
        f"person-{reporter.pk}",
        f"person-{photographer.pk}",
    } <= keys


def test_the_lead_card_is_bigger_and_has_the_standfirst():
    article = make_article(standfirst="สรุปข่าวสั้น", lead_image=make_image())
    lead, _keys = card_of(article, is_lead=True, level=2, show_standfirst=True)
    plain, _keys = card_of(article)
    assert lead.startswith('<article class="card card--lead">') and "<h2 " in lead
    assert 'loading="eager"' in lead and "สรุปข่าวสั้น" in lead
    assert plain.startswith('<article class="card">') and "<h3 " in plain
    assert 'loading="lazy"' in plain and "สรุปข่าวสั้น" not in plain
    assert "card__section" not in plain


def test_a_live_story_says_so_with_its_update_time():
    live = make_article(live_since=timezone.now() - timedelta(minutes=5))
    html, _keys = card_of(live)
    assert '<span class="live-label">สด</span>' in html
    assert html.count("<time ") == 2  # published, and updated
    ended = make_article(
        live_since=timezone.now() - timedelta(hours=3),
        live_until=timezone.now() - timedelta(hours=1),
    )
    html, _keys = card_of(ended)
    assert "live-label" not in html and html.count("<time ") == 1
