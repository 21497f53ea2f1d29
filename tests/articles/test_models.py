from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone, translation

from articles.models import Article, Byline, Tag
from tests.factories import make_article, make_image, make_person, make_section

pytestmark = pytest.mark.django_db


class TestPublished:
    def test_story_whose_publish_time_has_come_is_public(self):
        article = make_article(published_at=timezone.now() - timedelta(seconds=1))
        assert list(Article.objects.published()) == [article]
        assert article.is_public

    def test_story_published_exactly_now_is_public(self, monkeypatch):
        moment = timezone.now()
        article = make_article(published_at=moment)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        assert list(Article.objects.published()) == [article]

    def test_story_scheduled_a_second_ahead_is_not_public_until_then(self, monkeypatch):
        moment = timezone.now()
        article = make_article(published_at=moment + timedelta(seconds=1))
        monkeypatch.setattr(timezone, "now", lambda: moment)
        assert not Article.objects.published().exists()
        assert not article.is_public
        monkeypatch.setattr(timezone, "now", lambda: moment + timedelta(seconds=1))
        assert list(Article.objects.published()) == [article]

    @pytest.mark.parametrize(
        "status", [Article.Status.DRAFT, Article.Status.IN_REVIEW, Article.Status.UNPUBLISHED]
    )
    def test_other_statuses_are_never_public_even_with_a_past_time(self, status):
        article = make_article(status=status, published_at=timezone.now() - timedelta(days=1))
        assert not Article.objects.published().exists()
        assert not article.is_public

    def test_a_story_taken_down_on_time_is_no_longer_public(self):
        article = make_article(unpublish_at=timezone.now() - timedelta(seconds=1))
        assert not Article.objects.published().exists()
        assert not article.is_public
        article.unpublish_at = timezone.now() + timedelta(hours=1)
        article.save()
        assert list(Article.objects.published()) == [article] and article.is_public


class TestConstraints:
    def test_published_article_needs_a_publish_time(self):
        section = make_section()
        with pytest.raises(IntegrityError, match="published_article_has_publish_time"):
            Article.objects.create(
                title="ไม่มีเวลาเผยแพร่", section=section, status=Article.Status.PUBLISHED
            )

    def test_full_clean_explains_the_missing_publish_time(self):
        article = Article(title="ข่าว", section=make_section(), status=Article.Status.PUBLISHED)
        with translation.override("en"), pytest.raises(ValidationError, match="publish time"):
            article.full_clean()

    def test_a_draft_may_have_no_publish_time(self):
        article = make_article(status=Article.Status.DRAFT)
        assert article.published_at is None

    def test_a_person_appears_once_in_the_bylines(self):
        person = make_person()
        article = make_article(bylines=[person])
        with pytest.raises(IntegrityError, match="unique_byline_person"):
            Byline.objects.create(article=article, person=person, position=1)

    def test_image_needs_alt_text(self):
        with pytest.raises(IntegrityError, match="image_alt_text_required"):
            make_image(alt_text="")


class TestArticleSave:
    def test_body_is_cleaned_whatever_writes_it(self):
        article = make_article(body='<p onclick="x()">ข่าว</p><script>alert(1)</script>')
        article.refresh_from_db()
        assert article.body == "<p>ข่าว</p>"

    def test_slug_is_made_from_a_thai_headline_keeping_vowels(self):
        article = make_article(title="ผู้ว่าฯ กทม. ตรวจน้ำท่วม")
        assert article.slug == "ผู้ว่า-กทม-ตรวจน้ำท่วม"

    def test_an_editors_slug_is_kept(self):
        assert make_article(title="ข่าว", slug="my-slug").slug == "my-slug"

    def test_bylines_keep_their_order(self):
        first, second = make_person(name="ข"), make_person(name="ก")
        article = make_article(bylines=[first, second])
        assert [b.person for b in article.bylines.all()] == [first, second]


class TestThaiTags:
    def test_tag_slug_keeps_thai_vowels_and_tone_marks(self):
        article = make_article()
        article.tags.add("การเมือง", "ข่าวกทม.")
        slugs = set(Tag.objects.values_list("slug", flat=True))
        assert slugs == {"การเมือง", "ข่าวกทม"}

    def test_tags_whose_slugs_collide_get_distinct_slugs(self):
        Tag.objects.create(name="น้ำท่วม")
        other = Tag.objects.create(name="น้ำท่วม!")
        assert other.slug == "น้ำท่วม-1"


def test_breaking_news_must_end_after_the_story_is_published():
    moment = timezone.now()
    with pytest.raises(IntegrityError, match="breaking_ends_after_publishing"):
        make_article(published_at=moment, breaking_until=moment - timedelta(minutes=1))
