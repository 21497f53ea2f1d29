"""Article.related_articles: most shared links first, nearest in time among equals, bounded
work."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import models
from articles.models import Article
from tests.factories import make_article, make_organisation, make_person

pytestmark = pytest.mark.django_db


def titles(article, limit: int = 4) -> list[str]:
    return [related.title for related in article.related_articles(limit)]


def hours_ago(hours: int):
    return timezone.now() - timedelta(hours=hours)


def test_the_story_sharing_most_comes_first_then_the_nearest_in_time():
    """Stories are made in the order a newsroom writes them (ids in that order)."""
    person, organisation = make_person(), make_organisation()
    far_older = make_article(title="เก่ามาก", published_at=hours_ago(100))
    far_older.tags.add("เชียงใหม่")
    three = make_article(title="สามอย่าง", published_at=hours_ago(30))
    three.tags.add("น้ำท่วม")
    three.people.add(person)
    three.organisations.add(organisation)
    two = make_article(title="สองอย่าง", published_at=hours_ago(20))
    two.tags.add("น้ำท่วม", "เชียงใหม่")
    main = make_article(title="ข่าวหลัก", published_at=hours_ago(15))
    main.tags.add("น้ำท่วม", "เชียงใหม่")
    main.people.add(person)
    main.organisations.add(organisation)
    near_newer = make_article(title="ใหม่ใกล้", published_at=hours_ago(12))
    near_newer.people.add(person)
    newest = make_article(title="ใหม่สุด", published_at=hours_ago(1))
    newest.tags.add("เชียงใหม่")
    # One link each: 3 hours after, 14 hours after, 85 hours before.
    assert titles(main) == ["สามอย่าง", "สองอย่าง", "ใหม่ใกล้", "ใหม่สุด"]
    assert titles(newest) == ["ข่าวหลัก", "สองอย่าง", "เก่ามาก"]


def test_an_archive_story_is_related_to_its_own_time_not_to_todays_news():
    """A story of last year with the tag of this morning's news: its box shows the
    stories around it, and an edit of this morning's stories leaves it alone."""
    tag = "การเมือง"
    for days in (400, 370):
        make_article(title=f"ก่อน {days}", published_at=hours_ago(days * 24)).tags.add(tag)
    archive = make_article(title="ข่าวเก่า", published_at=hours_ago(365 * 24))
    archive.tags.add(tag)
    make_article(title="หลัง 362", published_at=hours_ago(362 * 24)).tags.add(tag)
    for hours in (3, 2, 1):
        make_article(title=f"วันนี้ {hours}", published_at=hours_ago(hours)).tags.add(tag)
    assert titles(archive) == ["หลัง 362", "ก่อน 370", "ก่อน 400", "วันนี้ 3"]


def test_only_the_public_stories_nearest_each_link_are_counted(monkeypatch):
    monkeypatch.setattr(models, "RELATED_PER_LINK", 2)
    person = make_person()
    farthest = make_article(title="ไกลสุด", published_at=hours_ago(50))
    farthest.tags.add("น้ำท่วม")
    for title, hours in [("ก่อน 40", 40), ("ก่อน 30", 30)]:
        make_article(title=title, published_at=hours_ago(hours)).tags.add("น้ำท่วม")
    # Written just before the story but not public: they must not take the two places.
    make_article(title="ร่าง", status=Article.Status.DRAFT).tags.add("น้ำท่วม")
    make_article(title="ถอดแล้ว", unpublish_at=hours_ago(1)).tags.add("น้ำท่วม")  # taken down on time
    main = make_article(title="ข่าวหลัก", published_at=hours_ago(22))
    main.tags.add("น้ำท่วม")
    main.people.add(person)
    make_article(title="อนาคต", published_at=timezone.now() + timedelta(hours=2)).tags.add("น้ำท่วม")
    for title, hours in [("หลัง 10", 10), ("หลัง 5", 5), ("หลัง 1", 1)]:
        make_article(title=title, published_at=hours_ago(hours)).tags.add("น้ำท่วม")
    # 8, 12, 17 and 18 hours away: the third before and the third after are not counted,
    # though there is room for six.
    assert titles(main, 6) == ["ก่อน 30", "หลัง 10", "หลัง 5", "ก่อน 40"]
    # The person is another link, with its own nearest two: the farthest story comes in
    # by it, and last, as its tag is not counted (counted, it would share two links).
    farthest.people.add(person)
    assert titles(main, 6) == ["ก่อน 30", "หลัง 10", "หลัง 5", "ก่อน 40", "ไกลสุด"]
