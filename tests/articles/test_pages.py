"""The reader's pages: what they show, where they redirect, and what they cost."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri

from articles.models import Article
from comments.models import Comment
from tests.factories import (
    make_article,
    make_image,
    make_organisation,
    make_person,
    make_section,
)

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def make_story_with_everything(**kw) -> Article:
    reporter = make_person(title="นางสาว", name="มาลี รักข่าว")
    governor = make_person(title="นาย", name="ชยพล ใจเมือง", position="ผู้ว่าราชการ")
    uclg = make_organisation(name="United Cities Asia Pacific", short_name="UCAP")
    article = make_article(
        title="ผู้ว่าฯ ต้อนรับเลขาธิการ UCAP",
        standfirst="หารือความร่วมมือด้านเมืองยั่งยืน",
        body="<p>เนื้อข่าวย่อหน้าแรก</p>",
        bylines=[reporter],
        lead_image=make_image(
            alt_text="ผู้ว่าฯ จับมือเลขาธิการ", caption="การต้อนรับ", credit="ภาพ: ทีมข่าว"
        ),
        **kw,
    )
    article.people.add(governor)
    article.organisations.add(uclg)
    article.tags.add("เมืองยั่งยืน", "UCAP")
    return article


class TestArticlePage:
    def test_shows_the_story_with_its_buddhist_era_date_bylines_and_entities(self, client):
        published = datetime(2022, 9, 11, 17, 30, tzinfo=UTC)  # Monday 12th in Bangkok
        article = make_story_with_everything(published_at=published)
        Article.objects.filter(pk=article.pk).update(updated_at=published)
        page = html(client.get(article.get_absolute_url()))

        assert '<h1 class="story__title">ผู้ว่าฯ ต้อนรับเลขาธิการ UCAP</h1>' in page
        assert "หารือความร่วมมือด้านเมืองยั่งยืน" in page
        assert "วันจันทร์ที่ 12 กันยายน พ.ศ. 2565" in page
        assert 'datetime="2022-09-12T00:30:00+07:00"' in page
        reporter = article.bylines.get().person
        assert f'<a href="{reporter.get_absolute_url()}">นางสาวมาลี รักข่าว</a>' in page
        assert "ภาพ: ทีมข่าว" in page and "การต้อนรับ" in page
        box = page.split('id="in-this-story"')[1].split("</section>")[0]
        assert "นายชยพล ใจเมือง" in box and "United Cities Asia Pacific" in box
        assert "(UCAP)" in box
        assert "เมืองยั่งยืน" in page.split('id="tags-heading"')[1]
        assert "ไม่มีความคิดเห็น" in page
        assert "Updated" not in page and "ปรับปรุง" not in page

    def test_update_time_is_shown_when_edited_later(self, client):
        article = make_article(published_at=timezone.now() - timedelta(days=1))
        assert article.was_updated
        page = html(client.get(article.get_absolute_url()))
        assert 'class="story__updated"' in page

    def test_english_readers_get_gregorian_dates(self, client):
        article = make_article(published_at=datetime(2022, 9, 11, 17, 30, tzinfo=UTC))
        page = html(client.get(f"/en{article.get_absolute_url()}"))
        assert "Monday 12 September 2022" in page
        assert "พ.ศ." not in page
        assert '<html lang="en">' in page

    def test_counts_only_approved_comments(self, client):
        article = make_article()
        for status in ["approved", "approved", "pending", "spam"]:
            Comment.objects.create(
                article=article, name="ผู้อ่าน", email="a@example.com", body="ดี", status=status
            )
        page = html(client.get(article.get_absolute_url()))
        assert "2 ความคิดเห็น" in page

    def test_related_stories_share_tags_people_or_organisations(self, client):
        person = make_person()
        article = make_article(title="ข่าวหลัก")
        article.people.add(person)
        article.tags.add("น้ำท่วม")
        by_tag = make_article(title="ข่าวแท็กเดียวกัน")
        by_tag.tags.add("น้ำท่วม")
        by_person = make_article(title="ข่าวคนเดียวกัน")
        by_person.people.add(person)
        unrelated = make_article(title="ข่าวไม่เกี่ยว")
        unrelated.tags.add("กีฬา")
        draft = make_article(title="ร่างที่เกี่ยว", status=Article.Status.DRAFT)
        draft.tags.add("น้ำท่วม")

        related = page_section(html(client.get(article.get_absolute_url())), "related-heading")
        assert "ข่าวแท็กเดียวกัน" in related and "ข่าวคนเดียวกัน" in related
        assert "ข่าวไม่เกี่ยว" not in related and "ร่างที่เกี่ยว" not in related

    @pytest.mark.parametrize("slug", ["wrong-slug", "ข่าวผิด"])
    def test_wrong_slug_redirects_permanently_to_the_canonical_url(self, client, slug):
        article = make_article(title="ผู้ว่าฯ ลงพื้นที่")
        response = client.get(f"/news/{article.pk}/{slug}/")
        assert response.status_code == 301
        assert response["Location"] == article.get_absolute_url()

    def test_missing_slug_redirects_to_the_canonical_url(self, client):
        article = make_article(title="ผู้ว่าฯ ลงพื้นที่")
        response = client.get(f"/news/{article.pk}/")
        assert response.status_code == 301
        assert response["Location"] == iri_to_uri(f"/news/{article.pk}/ผู้ว่า-ลงพื้นที่/")

    @pytest.mark.parametrize(
        "kw",
        [
            {"status": Article.Status.DRAFT},
            {"status": Article.Status.IN_REVIEW},
            {"status": Article.Status.UNPUBLISHED, "published_at": timezone.now()},
            {"published_at": timezone.now() + timedelta(hours=1)},
        ],
        ids=["draft", "in-review", "unpublished", "scheduled"],
    )
    def test_stories_that_are_not_public_are_404(self, client, kw):
        article = make_article(**kw)
        response = client.get(article.get_absolute_url())
        assert response.status_code == 404
        assert 'class="error-page"' in response.content.decode()


def page_section(page: str, heading_id: str) -> str:
    return page.split(f'id="{heading_id}"')[1].split("</section>")[0]


class TestHome:
    def test_lead_story_and_latest_per_section(self, client):
        politics, city = make_section(name="การเมือง"), make_section(name="ข่าวเมือง")
        older = make_article(
            title="ข่าวเมืองเก่า", section=city, published_at=timezone.now() - timedelta(days=2)
        )
        make_article(title="ข่าวการเมืองล่าสุด", section=politics)
        lead = make_article(
            title="ข่าวนำ", section=city, published_at=timezone.now() - timedelta(minutes=1)
        )
        make_article(title="ร่างข่าว", section=city, status=Article.Status.DRAFT)

        page = html(client.get("/"))
        assert page.index("ข่าวนำ") < page.index("ข่าวการเมืองล่าสุด")
        assert page.count(lead.get_absolute_url()) == 1  # the lead is not repeated below
        assert "ข่าวเมืองเก่า" in page_section(page, f"section-{city.pk}")
        assert older.get_absolute_url() in page
        assert "ร่างข่าว" not in page

    def test_breaking_ticker_lists_breaking_stories_newest_first(self, client):
        now = timezone.now()
        make_article(
            title="ด่วนเก่า",
            published_at=now - timedelta(hours=2),
            breaking_until=now + timedelta(hours=1),
        )
        make_article(
            title="ด่วนใหม่",
            published_at=now - timedelta(hours=1),
            breaking_until=now + timedelta(hours=1),
        )
        make_article(
            title="ด่วนหมดเวลา",
            published_at=now - timedelta(hours=3),
            breaking_until=now - timedelta(minutes=1),
        )
        ticker = page_section(html(client.get("/")), "ticker-label")
        assert ticker.index("ด่วนใหม่") < ticker.index("ด่วนเก่า")
        assert "ด่วนหมดเวลา" not in ticker

    def test_no_ticker_without_breaking_news(self, client):
        make_article(title="ข่าวธรรมดา")
        page = html(client.get("/"))
        assert 'class="ticker"' not in page

    def test_most_discussed_counts_recent_approved_comments(self, client):
        busy, quiet = make_article(title="ข่าวคนคุยเยอะ"), make_article(title="ข่าวเงียบ")
        for _ in range(3):
            Comment.objects.create(
                article=busy, name="ก", email="a@example.com", body="x", status="approved"
            )
        Comment.objects.create(
            article=quiet, name="ก", email="a@example.com", body="x", status="pending"
        )
        box = page_section(html(client.get("/")), "most-commented")
        assert "ข่าวคนคุยเยอะ" in box and "3 ความคิดเห็น" in box
        assert "ข่าวเงียบ" not in box


class TestListings:
    def test_section_page_lists_its_public_stories_paginated(self, client):
        section = make_section(name="ต่างประเทศ", description="ข่าวรอบโลก")
        other = make_section(name="กีฬา")
        for n in range(23):
            make_article(
                title=f"ข่าวโลกที่ {n}",
                section=section,
                published_at=timezone.now() - timedelta(hours=n + 1),
            )
        make_article(title="ข่าวกีฬา", section=other)
        first = html(client.get(section.get_absolute_url()))
        assert "<h1>ต่างประเทศ</h1>" in first and "ข่าวรอบโลก" in first
        assert "ข่าวโลกที่ 0<" in first and "ข่าวโลกที่ 19<" in first
        assert "ข่าวโลกที่ 20<" not in first and "ข่าวกีฬา" not in first
        assert 'rel="next" href="?page=2"' in first
        second = html(client.get(section.get_absolute_url(), {"page": 2}))
        assert "ข่าวโลกที่ 22<" in second and 'rel="prev"' in second
        assert client.get(section.get_absolute_url(), {"page": 9}).status_code == 404

    def test_tag_page_with_a_thai_slug(self, client):
        article = make_article(title="ฝนถล่มกรุง")
        article.tags.add("น้ำท่วม")
        response = client.get("/tag/น้ำท่วม/")
        assert "ฝนถล่มกรุง" in html(response)

    def test_person_page_shows_profile_and_stories_that_name_or_are_by_them(self, client):
        person = make_person(title="ดร.", name="อรุณี แสงดี", position="นักวิชาการ")
        named = make_article(title="ข่าวที่กล่าวถึง")
        named.people.add(person)
        make_article(title="ข่าวที่เขียน", bylines=[person])
        make_article(title="ข่าวอื่น")
        page = html(client.get(person.get_absolute_url()))
        assert '<span class="profile__title">ดร.</span> อรุณี แสงดี' in page
        assert "นักวิชาการ" in page
        assert "ข่าวที่กล่าวถึง" in page and "ข่าวที่เขียน" in page and "ข่าวอื่น" not in page

    @pytest.mark.parametrize("many", [10**6, 1], ids=["read-by-id", "walk-the-newest"])
    def test_a_persons_page_and_feed_list_the_same_whichever_plan_reads_them(
        self, client, monkeypatch, many
    ):
        # ArticleQuerySet.by_or_naming reads a person with many stories another way.
        from articles import models

        monkeypatch.setattr(models, "MANY_LINKED_STORIES", many)
        person, now = make_person(name="มาลี รักข่าว"), timezone.now()
        expected = []
        for n in range(23):
            article = make_article(title=f"เรื่องที่ {n}", published_at=now - timedelta(hours=n))
            if n % 3 != 1:
                article.bylines.create(person=person)
            if n % 3 != 0:
                article.people.add(person)  # both for n % 3 == 2: listed once
            expected.append(article.title)
        make_article(title="ร่างของเธอ", status=Article.Status.DRAFT, bylines=[person])
        make_article(title="ถอดแล้ว", unpublish_at=now - timedelta(minutes=1), bylines=[person])
        make_article(title="ข่าวคนอื่น", bylines=[make_person()])
        url = person.get_absolute_url()

        def titles(page: int) -> list[str]:
            return [a.title for a in client.get(url, {"page": page}).context["articles"]]

        first, second = titles(1), titles(2)
        assert first + second == expected  # newest first, each once, only public ones
        assert len(first) == 20 and client.get(url, {"page": 3}).status_code == 404
        feed = client.get(reverse("people:feed-person", args=[person.pk])).content.decode()
        assert [t for t in expected if f"<title>{t}</title>" in feed] == expected
        places = [feed.index(f"<title>{t}</title>") for t in expected]
        assert places == sorted(places)  # newest first, as on the page
        assert "ร่างของเธอ" not in feed and "ถอดแล้ว" not in feed and "ข่าวคนอื่น" not in feed

    def test_organisation_page_shows_acronym_parent_and_website(self, client):
        city = make_organisation(name="กรุงเทพมหานคร", short_name="กทม.")
        drains = make_organisation(
            name="สำนักการระบายน้ำ", parent=city, website="https://example.org/"
        )
        page = html(client.get(drains.get_absolute_url()))
        assert "สำนักการระบายน้ำ" in page and city.get_absolute_url() in page
        assert 'href="https://example.org/"' in page
        assert "(กทม.)" in html(client.get(city.get_absolute_url()))

    def test_entity_pages_redirect_to_their_canonical_url(self, client):
        person = make_person(name="สมชาย ดีใจ")
        response = client.get(f"/people/{person.pk}/")
        assert response.status_code == 301 and response["Location"] == person.get_absolute_url()

    def test_unknown_section_is_404_in_the_site_design(self, client):
        response = client.get("/section/ไม่มีหมวดนี้/")
        assert response.status_code == 404
        assert 'class="masthead"' in response.content.decode()


class TestLanguage:
    """More in tests/newsroom/test_language_urls.py."""

    def test_thai_at_the_plain_address_and_english_under_en(self, client):
        make_article()
        assert '<html lang="th">' in html(client.get("/"))
        page = html(client.get("/en/"))
        assert '<html lang="en">' in page and "Skip to content" in page

    def test_the_browsers_language_does_not_override_thai(self, client):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert '<html lang="th">' in html(response)
        assert response["Content-Language"] == "th"

    def test_old_switch_refuses_foreign_redirects_and_unknown_languages(self, client):
        response = client.get(
            reverse("switch-language", args=["en"]), {"next": "https://evil.example/"}
        )
        assert response["Location"] == "/en/"
        assert client.get(reverse("switch-language", args=["xx"])).status_code == 404


class TestHeadTags:
    def test_listing_pages_announce_their_feeds(self, client):
        section = make_section(name="เศรษฐกิจ")
        article = make_article(section=section, bylines=[make_person()])
        article.tags.add("หุ้น")
        person = article.bylines.get().person
        for url, feed in [
            (section.get_absolute_url(), reverse("articles:feed-section", args=[section.slug])),
            ("/tag/หุ้น/", reverse("articles:feed-tag", args=["หุ้น"])),
            (person.get_absolute_url(), reverse("people:feed-person", args=[person.pk])),
        ]:
            page = html(client.get(url))
            assert 'type="application/rss+xml" title="' in page
            assert f'href="{feed}"' in page, url
        assert f'href="{reverse("articles:feed-latest")}"' in html(client.get("/"))

    def test_article_page_has_canonical_and_sharing_tags(self, client):
        article = make_story_with_everything()
        page = html(client.get(article.get_absolute_url()))
        canonical = f"http://testserver{article.get_absolute_url()}"
        assert f'<link rel="canonical" href="{canonical}">' in page
        assert f'<meta property="og:url" content="{canonical}">' in page
        assert '<meta property="og:title" content="ผู้ว่าฯ ต้อนรับเลขาธิการ UCAP">' in page
        assert '<meta name="twitter:card" content="summary_large_image">' in page
        assert '<meta property="og:image" content="http://testserver/media/renditions/' in page
        assert '<meta name="description" content="หารือความร่วมมือด้านเมืองยั่งยืน">' in page


def test_the_500_page_renders_without_the_database_in_the_site_language():
    from django.template.loader import render_to_string

    with translation.override("en"):
        page = render_to_string("500.html")
    assert "Something went wrong" in page and 'lang="en"' in page
    assert "/static/newsroom/css/site.css" in page


@pytest.mark.django_db
def test_a_wrong_slug_redirects_to_the_canonical_address_keeping_the_query(client):
    """A thread's later page or a listing's page at an old slug lands on that page."""
    from tests.factories import make_person

    article = make_article(title="ข่าวที่อยู่ถูก")
    response = client.get(f"/news/{article.pk}/old-slug/?page=3&order=newest")
    assert response.status_code == 301
    assert response["Location"] == f"{article.get_absolute_url()}?page=3&order=newest"
    assert client.get(f"/news/{article.pk}/old-slug/")["Location"] == article.get_absolute_url()
    person = make_person(name="สมศรี ที่อยู่")
    moved = client.get(f"/people/{person.pk}/?page=2")
    assert moved.status_code == 301
    assert moved["Location"] == f"{person.get_absolute_url()}?page=2"
