"""Every public page costs a fixed number of queries, however much content it shows.

Each budget is checked on a small newsroom and on one several times larger: an N+1
in a template would pass the first and fail the second.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import live
from articles.models import LiveUpdate
from comments.models import Comment
from people.models import Affiliation
from tests.factories import (
    make_article,
    make_image,
    make_organisation,
    make_person,
    make_section,
)

pytestmark = pytest.mark.django_db

BUDGETS = {  # measured; raise one only with a reason
    "home": 10,  # ids of the latest per section, then the cards; recent comment counts
    "article": 9,  # the story and its lists in one query; comment rules and thread; related
    "section": 8,
    "tag": 8,
    "person": 11,  # + the people most often named alongside (one aggregate query), and
    # how many stories they are linked to (which plan reads their list: people/views.py)
    "organisation": 10,  # + its people (affiliations with their person, one query)
    "live": 13,  # the story's + the updates' count, the page of updates, the key events
}


def build_newsroom(stories_per_section: int) -> dict:
    sections = [make_section(name=f"หมวด {n}") for n in range(3)]
    people = [make_person(name=f"คน ที่{n}") for n in range(6)]
    organisations = [make_organisation(name=f"องค์กร {n}") for n in range(3)]
    now = timezone.now()
    articles = []
    for section in sections:
        for n in range(stories_per_section):
            article = make_article(
                section=section,
                bylines=people[n % 3 : n % 3 + 2],
                lead_image=make_image(alt_text=f"ภาพ {section.pk}-{n}"),
                published_at=now - timedelta(hours=n + 1),
                breaking_until=now + timedelta(hours=1) if n == 0 else None,
            )
            article.tags.add("ร่วม", f"แท็ก{n % 4}", f"หมวด{section.pk}")
            # One more person per story, working for the first organisation: the person
            # page's "often named with" and the organisation's people grow with the data.
            colleague = make_person(name=f"เพื่อนร่วมงาน {section.pk}-{n}")
            Affiliation.objects.create(
                person=colleague,
                organisation=organisations[0],
                role="ผู้อำนวยการ",
                start_date=date(2020, 1, 1),
                end_date=date(2022, 1, 1) if n % 2 else None,
            )
            article.people.add(*people[:3], colleague)
            article.organisations.add(*organisations)
            for _ in range(2):
                Comment.objects.create(
                    article=article,
                    name="ผู้อ่าน",
                    email="r@example.com",
                    body="ดี",
                    status=Comment.Status.APPROVED,
                )
            articles.append(article)
    parent = organisations[0]
    for child in organisations[1:]:
        child.parent = parent
        child.save()
    covered = make_article(
        section=sections[0],
        title="น้ำท่วมกรุงเทพฯ: รายงานสด",
        bylines=people[:1],
        lead_image=make_image(alt_text="น้ำท่วมถนน"),
        published_at=now - timedelta(minutes=30),
        live_since=now - timedelta(minutes=30),
    )
    make_live_updates(covered, live.per_page() + stories_per_section)
    return {
        "home": "/",
        "article": articles[-1].get_absolute_url(),
        "section": sections[0].get_absolute_url(),
        "tag": reverse("articles:tag", args=["ร่วม"]),
        "person": people[0].get_absolute_url(),
        "organisation": organisations[0].get_absolute_url(),
        "live": covered.get_absolute_url(),
    }


def make_live_updates(article, count: int) -> None:
    """``count`` updates a minute apart: every fifth a key event, one with a picture, one
    with a video, one edited and one deleted."""
    start = timezone.now() - timedelta(minutes=count + 1)
    image = make_image(alt_text="เรือกู้ภัย")
    updates = [
        LiveUpdate(
            article=article,
            body=f'<p>อัปเดตที่ {n} <a href="https://bma.go.th">กทม.</a></p>',
            author_name="ทีมข่าว",
            created_at=start + timedelta(minutes=n),
            pinned=n % 5 == 0,
            image=image if n == count - 1 else None,
            changed_at=start + timedelta(minutes=n + 1) if n == count - 2 else None,
            deleted_at=start + timedelta(minutes=n + 1) if n == count - 3 else None,
        )
        for n in range(1, count + 1)
    ]
    updates[-1].body += live.video_html("https://youtu.be/dQw4w9WgXcQ")
    LiveUpdate.objects.bulk_create(updates)


@pytest.mark.parametrize("stories_per_section", [2, 12], ids=["small", "six-times-larger"])
@pytest.mark.parametrize("page", list(BUDGETS))
def test_page_query_budget(client, django_assert_max_num_queries, stories_per_section, page):
    urls = build_newsroom(stories_per_section)
    with django_assert_max_num_queries(BUDGETS[page]):
        response = client.get(urls[page])
    assert response.status_code == 200
