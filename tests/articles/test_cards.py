"""A story's card (articles/cards.py): what it shows, what it escapes, and the
page-cache keys it records for the page around it."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone, translation

from articles import cards
from articles.cards import card_html
from articles.models import Article
from articles.story_loading import load_cards
from newsroom import pagecache
from newsroom.models import PageKey
from tests.factories import make_article, make_image, make_person, make_section
from tests.newsroom.test_pagecache import database_clock

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


# ---------------------------------------------------------------------------------
# Cards kept by the worker (the front page and sections, rendered again at each publish)


@pytest.fixture
def cached(settings, client, django_capture_on_commit_callbacks):
    """Anonymous pages through the page cache; ``commit()`` as a real commit."""
    settings.PAGE_CACHE_SECONDS = 300
    pagecache.forget_local_state()

    class Reader:
        def html(self, url) -> str:
            response = client.get(url)
            assert response.status_code == 200, url
            return response.content.decode()

        def commit(self):
            return django_capture_on_commit_callbacks(execute=True)

    return Reader()


@pytest.fixture
def rendered(monkeypatch):
    """The stories whose card was written (not taken from the worker's memory)."""
    written = []

    def counting(request, article, *args):
        written.append(article.pk)
        return write(request, article, *args)

    write = cards._card
    monkeypatch.setattr(cards, "_card", counting)
    return written


def publish(title, **kw):
    return make_article(title=title, published_at=timezone.now() - timedelta(seconds=5), **kw)


def test_a_publish_writes_the_new_card_and_keeps_the_others(cached, rendered):
    sections = [make_section(name=name) for name in ("การเมือง", "กีฬา", "เศรษฐกิจ")]
    hours = iter(range(1, 10))
    stories = [
        make_article(
            title=f"ข่าว{section.name}ที่ {n}",
            section=section,
            published_at=timezone.now() - timedelta(hours=next(hours)),
        )
        for section in sections
        for n in range(3)
    ]
    listing = sections[1].get_absolute_url()
    for url in ("/", listing):
        cached.html(url)
    assert set(rendered) == {story.pk for story in stories}
    rendered.clear()
    with cached.commit():
        new = publish("ข่าวใหม่ล่าสุด", section=sections[1])
    home, section_page = cached.html("/"), cached.html(listing)
    assert all(story.title in home for story in stories)
    assert "ข่าวใหม่ล่าสุด" in home and "ข่าวใหม่ล่าสุด" in section_page
    # Written: the new story's cards, and the old lead's as an ordinary card; the
    # other eight stories' cards on the front page and the section page were kept.
    assert sorted(rendered) == sorted([new.pk, new.pk, stories[0].pk])


@pytest.mark.parametrize("change", ["title", "byline", "section"])
def test_a_kept_card_is_written_again_when_what_it_shows_changes(cached, change):
    person, section = make_person(name="สมชาย เดิม"), make_section(name="หมวดเดิม")
    story = publish("พาดหัวเดิม", section=section, bylines=[person])
    cached.html("/")
    with cached.commit():
        if change == "title":
            story.title = "พาดหัวใหม่"
            story.save()
        elif change == "byline":
            person.name = "สมชาย ใหม่"
            person.save()
        else:
            section.name = "หมวดใหม่"
            section.save()
    card = cached.html("/").split('<article class="card')[1]
    new = {"title": "พาดหัวใหม่", "byline": "สมชาย ใหม่", "section": "หมวดใหม่"}[change]
    old = {"title": "พาดหัวเดิม", "byline": "สมชาย เดิม", "section": "หมวดเดิม"}[change]
    assert new in card and old not in card


def test_a_kept_card_another_worker_changed_a_moment_ago_is_not_used(cached, monkeypatch):
    """Another worker retitles a story; this worker, which has not read that change
    yet, renders the front page again for a publish of its own. The old card must not
    come back once the change is known."""
    story = make_article(
        title="พาดหัวเดิม",
        section=make_section(name="หมวดของข่าว"),
        published_at=timezone.now() - timedelta(hours=2),
    )
    publish("ข่าวนำ", section=make_section(name="หมวดข่าวนำ"))  # the lead until the next
    cached.html("/")
    cached.html("/")  # a hit: this worker has read the keys' change times
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 3600)  # and reads them no more
    Article.objects.filter(pk=story.pk).update(title="พาดหัวใหม่")  # no signals
    PageKey.objects.update_or_create(key=story.cache_key, defaults={"changed": database_clock()})
    with cached.commit():
        publish("ข่าวใหม่", section=make_section(name="หมวดอื่น"))  # nothing of the card's
    cached.html("/")
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 0)  # the change is read now
    home = cached.html("/")
    assert "พาดหัวใหม่" in home and "พาดหัวเดิม" not in home


def test_a_tags_list_writes_its_cards_each_time(cached, rendered):
    """Tag, people's and organisations' lists are mostly the archive's, read once: their
    cards would push the front page's out of the worker's memory."""
    story = publish("ข่าวมีแท็ก")
    story.tags.add("น้ำท่วม")
    url = story.tags.get().get_absolute_url()
    cached.html(url)
    pagecache.change_times.bump([f"stories-tag-{story.tags.get().pk}"])  # rendered again
    cached.html(url)
    assert rendered == [story.pk, story.pk]
    assert not any(key.startswith("pagecache:part:") for key in pagecache.recent_parts._entries)
