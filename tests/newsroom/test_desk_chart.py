"""The desk's 30-day charts: one scale per series, Buddhist-era labels in Thai, the numbers
in text and in a table."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from comments.models import Comment
from newsroom.desk import CHART_HEIGHT
from newsroom.thai_dates import THAI_MONTHS_ABBR
from tests.factories import make_article, make_section, make_staff
from tests.html_checker import html_problems

pytestmark = pytest.mark.django_db

# days ago -> (stories published, comments received): a few stories, hundreds of comments
DAYS = {2: (1, 300), 5: (3, 120), 10: (2, 0)}


def noon(days_ago: int):
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(12)))


@pytest.fixture
def busy_month():
    section = make_section()
    for days_ago, (stories, comments) in DAYS.items():
        for _ in range(stories):
            story = make_article(section=section, published_at=noon(days_ago))
        made = Comment.objects.bulk_create(
            Comment(article=story, name="ผู้อ่าน", email="r@example.com", body="ดี")
            for _ in range(comments)
        )
        # created_at is auto_now_add: move them to their day afterwards
        Comment.objects.filter(pk__in=[c.pk for c in made]).update(created_at=noon(days_ago))


@pytest.fixture
def desk(client):
    client.force_login(make_staff("desk", is_superuser=True))
    return client


def svg(page: str, name: str) -> str:
    return page.split(f'<svg class="desk-chart desk-chart-{name}"')[1].split("</svg>")[0]


def bar_heights(chart: str) -> list[int]:
    return [int(h) for h in re.findall(r'<rect [^>]*height="(\d+)"', chart)]


def thai(day) -> str:
    return f"{day.day} {THAI_MONTHS_ABBR[day.month - 1]} {(day.year + 543) % 100:02d}"


def test_each_series_has_its_own_scale(desk, busy_month):
    page = desk.get("/admin/").content.decode()
    stories, comments = bar_heights(svg(page, "published")), bar_heights(svg(page, "comments"))
    assert len(stories) == len(comments) == 30
    assert max(stories) == max(comments) == CHART_HEIGHT  # both fill their own chart
    # oldest first: the day with 1 story is a third of the 3-story day, not a sliver
    assert stories[29 - 2] == round(CHART_HEIGHT / 3)
    assert stories[29 - 10] == round(CHART_HEIGHT * 2 / 3)
    assert comments[29 - 5] == round(CHART_HEIGHT * 120 / 300)
    assert comments[29 - 10] == 0
    assert 'role="img"' in page and 'preserveAspectRatio="none"' in page


def test_the_numbers_are_visible_and_in_a_table(desk, busy_month):
    desk.get("/admin/language/en/", {"next": "/admin/"})
    page = desk.get("/admin/").content.decode()
    assert "most in a day: 3 · 30-day total: 6" in page
    assert "most in a day: 300 · 30-day total: 420" in page
    assert 'aria-label="Stories published: most in a day: 3 · 30-day total: 6"' in page
    table = page.split('<details class="desk-numbers"')[1].split("</details>")[0]
    assert "<summary>Show the numbers</summary>" in table and "<caption>" in table
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td><td>(\d+)</td></tr>', table)
    assert len(rows) == 30
    by_day = {label: (int(s), int(c)) for label, s, c in rows}
    for days_ago, counts in DAYS.items():
        label = (timezone.localdate() - timedelta(days=days_ago)).strftime("%-d %b %Y")
        assert by_day[label] == counts
    assert sum(s for s, _ in by_day.values()) == 6


def test_thai_desk_labels_days_in_the_buddhist_era(desk, busy_month):
    page = desk.get("/admin/").content.decode()
    today = timezone.localdate()
    first, middle = today - timedelta(days=29), today - timedelta(days=14)
    dates = page.split('<p class="desk-dates">')[1].split("</p>")[0]
    assert [thai(first), thai(middle), thai(today)] == re.findall(r"<span>([^<]+)</span>", dates)
    assert str(today.year) not in dates  # no Common-Era year beside the Thai month
    assert f'<th scope="row">{thai(today - timedelta(days=2))}</th><td>1</td><td>300</td>' in page
    assert "วันที่มากที่สุด: 3 · รวม 30 วัน: 6" in page

    desk.get("/admin/language/en/", {"next": "/admin/"})
    english = desk.get("/admin/").content.decode()
    dates = english.split('<p class="desk-dates">')[1].split("</p>")[0]
    assert f"<span>{today.strftime('%-d %b %Y')}</span>" in dates


def test_an_empty_month_draws_empty_charts(desk):
    page = desk.get("/admin/").content.decode()
    assert bar_heights(svg(page, "published")) == [0] * 30
    assert "most in a day: 0" not in page  # Thai by default
    assert "วันที่มากที่สุด: 0 · รวม 30 วัน: 0" in page


def test_the_desk_passes_the_nu_html_checker(desk, busy_month, tmp_path):
    page = desk.get("/admin/").content
    problems = html_problems({"desk": page}, tmp_path)
    assert problems == [], "\n".join(problems)
