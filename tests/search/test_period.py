"""Dates without words list the period's public stories, newest first: where an old
blog's date archive (/2019/05/) lands after an import."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_dates_without_words_list_the_period_newest_first(client):
    now = timezone.now()
    old = make_article(title="ข่าวเดือนก่อน", published_at=now - timedelta(days=40))
    first = make_article(title="ข่าวต้นสัปดาห์", published_at=now - timedelta(days=5))
    last = make_article(title="ข่าวเมื่อวาน", published_at=now - timedelta(days=1))
    make_article(title="ข่าวร่าง", status=Article.Status.DRAFT)
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    html = client.get(f"/search/?from={since}").content.decode()
    assert "2 ข่าวในช่วงนี้" in html or "ข่าวในช่วงนี้ 2 เรื่อง" in html
    assert html.index(last.title) < html.index(first.title)
    assert old.title not in html and "ข่าวร่าง" not in html


def test_a_month_archive_and_its_pages(client):
    now = timezone.now()
    for n in range(12):
        make_article(title=f"ข่าวลำดับ {n:02d}", published_at=now - timedelta(hours=n + 1))
    day = timezone.localdate() - timedelta(days=3)
    first = client.get(f"/search/?from={day.isoformat()}").content.decode()
    second = client.get(f"/search/?from={day.isoformat()}&page=2").content.decode()
    assert "ข่าวลำดับ 00" in first and "ข่าวลำดับ 11" not in first
    assert "ข่าวลำดับ 11" in second
    assert 'rel="next"' in first and "เก่ากว่า" in first


def test_no_dates_and_no_words_lists_nothing(client):
    make_article(title="ข่าวใด ๆ")
    html = client.get("/search/").content.decode()
    assert "ข่าวใด ๆ" not in html
