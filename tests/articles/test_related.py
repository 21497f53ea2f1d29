"""Article.related_articles: most shared links first, newest among equals, bounded work."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import models
from articles.models import Article
from tests.factories import make_article, make_organisation, make_person

pytestmark = pytest.mark.django_db


def titles(article) -> list[str]:
    return [related.title for related in article.related_articles()]


def hours_ago(hours: int):
    return timezone.now() - timedelta(hours=hours)


def test_the_story_sharing_most_comes_first_then_the_newest():
    person, organisation = make_person(), make_organisation()
    main = make_article(title="ข่าวหลัก", published_at=hours_ago(1))
    main.tags.add("น้ำท่วม", "เชียงใหม่")
    main.people.add(person)
    main.organisations.add(organisation)
    three = make_article(title="สามอย่าง", published_at=hours_ago(30))
    three.tags.add("น้ำท่วม")
    three.people.add(person)
    three.organisations.add(organisation)
    two = make_article(title="สองอย่าง", published_at=hours_ago(20))
    two.tags.add("น้ำท่วม", "เชียงใหม่")
    older_one = make_article(title="หนึ่งอย่างเก่า", published_at=hours_ago(10))
    older_one.people.add(person)
    newer_one = make_article(title="หนึ่งอย่างใหม่", published_at=hours_ago(5))
    newer_one.tags.add("เชียงใหม่")
    assert titles(main) == ["สามอย่าง", "สองอย่าง", "หนึ่งอย่างใหม่", "หนึ่งอย่างเก่า"]


def test_only_the_newest_public_stories_of_each_link_are_counted(monkeypatch):
    monkeypatch.setattr(models, "RELATED_PER_LINK", 2)
    person = make_person()
    main = make_article(title="ข่าวหลัก")
    main.tags.add("น้ำท่วม")
    main.people.add(person)
    oldest = make_article(title="เก่าสุด", published_at=hours_ago(50))
    oldest.tags.add("น้ำท่วม")
    for title, hours in [("กลาง", 40), ("ใหม่", 30)]:
        make_article(title=title, published_at=hours_ago(hours)).tags.add("น้ำท่วม")
    # Newer still, but not public: they must not take the two places.
    make_article(title="ร่าง", status=Article.Status.DRAFT).tags.add("น้ำท่วม")
    make_article(title="อนาคต", published_at=timezone.now() + timedelta(hours=2)).tags.add("น้ำท่วม")
    make_article(title="ถอดแล้ว", unpublish_at=hours_ago(1)).tags.add("น้ำท่วม")  # taken down on time
    assert titles(main) == ["ใหม่", "กลาง"]
    # The person is another link, with its own newest two: the oldest story comes in
    # by it, and last, as its tag is not counted (counted, it would share two links).
    oldest.people.add(person)
    assert titles(main) == ["ใหม่", "กลาง", "เก่าสุด"]
