"""The URL list of bench/traffic.py: the requests spread the way the benchmark says.

Only the preparation is tested (from a small database); the benchmark itself is run by
hand and never timed here.
"""

from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.urls import resolve
from django.utils import timezone

from bench.traffic import MIX, shares, traffic_mix
from tests.factories import make_article, make_organisation, make_person, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    """30 public stories in two sections (one long enough for a second page), with tags,
    people and organisations; one draft and one scheduled story that must not appear."""
    now = timezone.now()
    big, small = make_section(), make_section()
    reporter, minister = make_person(), make_person()
    ministry = make_organisation()
    stories = []
    for i in range(30):
        article = make_article(
            section=big if i < 25 else small,
            published_at=now - timedelta(hours=30 - i),
            bylines=[reporter],
        )
        article.tags.add("การเมือง", *(["น้ำท่วม"] if i % 3 == 0 else []))
        if i % 2:
            article.people.add(minister)
            article.organisations.add(ministry)
        stories.append(article)
    draft = make_article(section=big, status="draft")
    scheduled = make_article(section=big, published_at=now + timedelta(hours=2))
    return {"stories": stories, "hidden": [draft, scheduled]}


def test_every_category_gets_its_share(newsroom):
    urls = traffic_mix(seed=1, recent=10, archive=12)

    assert sum(url.weight for url in urls) == pytest.approx(1.0)
    assert shares(urls) == pytest.approx(MIX)
    # Real pages of the site, no private or future story among them.
    hidden = {story.get_absolute_url() for story in newsroom["hidden"]}
    for url in urls:
        resolve(unquote(url.path.split("?")[0]))  # as the server sees it
    assert not hidden & {url.path for url in urls}


def test_recent_stories_are_zipf_over_recency_and_the_archive_is_uniform(newsroom):
    urls = traffic_mix(seed=1, recent=10, archive=12)
    recent = [url for url in urls if url.category == "story-recent"]
    archive = [url for url in urls if url.category == "story-archive"]

    newest_first = [story.get_absolute_url() for story in reversed(newsroom["stories"])][:10]
    assert [url.path for url in recent] == newest_first
    assert recent[0].weight == pytest.approx(2 * recent[1].weight)  # 1/1 against 1/2
    assert recent[0].weight == pytest.approx(10 * recent[9].weight)
    assert len(archive) == 12
    assert len({url.weight for url in archive}) == 1
    # Archive reads are a third of recent ones: one story read in four.
    assert sum(u.weight for u in archive) * 3 == pytest.approx(sum(u.weight for u in recent))


def test_lists_feeds_and_profiles(newsroom):
    urls = traffic_mix(seed=1, recent=10, archive=12)
    by_category = {}
    for url in urls:
        by_category.setdefault(url.category, []).append(url)

    # Second pages of the section with 25 stories and of the tag on all 30; not of the
    # section with 5 or the tag on 10.
    pages = [url.path for url in by_category["list-page"]]
    assert len(pages) == 2
    assert all(path.endswith("?page=2") for path in pages)
    assert {path.split("/")[1] for path in pages} == {"section", "tag"}
    sections = by_category["section"]
    assert sections[0].weight > sections[1].weight  # the bigger section first
    tags = by_category["tag"]
    assert "%E0%B8%81%E0%B8%B2%E0%B8%A3" in tags[0].path  # การเมือง, on every story
    assert len(by_category["person"]) == 2  # the reporter (bylines) and the minister
    assert len(by_category["organisation"]) == 1
    assert by_category["home"][0].path == "/"
    assert any(url.path.startswith("/feeds/latest/") for url in by_category["feed"])


def test_same_seed_same_list_other_seed_other_archive(newsroom):
    first = traffic_mix(seed=1, recent=10, archive=12)
    assert traffic_mix(seed=1, recent=10, archive=12) == first
    other = traffic_mix(seed=2, recent=10, archive=12)
    archive = {u.path for u in first if u.category == "story-archive"}
    assert archive != {u.path for u in other if u.category == "story-archive"}


def test_missing_categories_give_their_share_to_the_others():
    make_article()  # one story: no tags, people, organisations or second pages

    urls = traffic_mix(seed=1)
    found = shares(urls)

    assert set(found) == {"home", "story-recent", "story-archive", "section", "feed"}
    assert sum(found.values()) == pytest.approx(1.0)
    assert found["home"] / found["story-recent"] == pytest.approx(MIX["home"] / MIX["story-recent"])
