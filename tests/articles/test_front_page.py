"""Editors choose the home page's lead and top stories; the rest stays automatic.

Picks that ended or whose story is no longer public drop out by themselves; the cached
home page follows a change of the picks at once and an end time when it comes."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import page_keys
from articles.front_page import (
    FRONT_PAGE_KEY,
    front_page_move,
    front_page_place,
    front_page_remove,
)
from articles.models import Article, FrontPagePick
from newsroom import pagecache
from tests.articles.test_query_budgets import BUDGETS, build_newsroom
from tests.factories import make_article, make_member, make_section

pytestmark = pytest.mark.django_db

BOARD = reverse("admin:articles_frontpagepick_changelist")
PLACE = reverse("admin:articles_frontpagepick_place")


@pytest.fixture
def editor():
    return make_member("chief", "Editor")


def hours_ago(hours: float):
    return timezone.now() - timedelta(hours=hours)


def lead_title(html: str) -> str:
    card = html.split('class="card card--lead"', 1)[1]
    return re.search(r'class="card__title"><a href="[^"]*">([^<]*)</a>', card)[1]


def top_titles(html: str) -> list[str]:
    block = html.split('id="top-stories"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'class="card__title"><a href="[^"]*">([^<]*)</a>', block)


def section_titles(html: str, section) -> list[str]:
    block = html.split(f'id="section-{section.pk}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'class="card__title"><a href="[^"]*">([^<]*)</a>', block)


def home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


# ---------------------------------------------------------------------------------
# What the home page shows


def test_without_picks_the_newest_story_leads(client):
    make_article(title="เก่า", published_at=hours_ago(3))
    make_article(title="ใหม่ล่าสุด", published_at=hours_ago(1))
    html = home(client)
    assert lead_title(html) == "ใหม่ล่าสุด"
    assert 'id="top-stories"' not in html


def test_the_chosen_lead_stays_on_top_of_newer_stories(client, editor):
    chosen = make_article(title="ข่าวที่บรรณาธิการเลือก", published_at=hours_ago(5))
    make_article(title="ข่าวใหม่กว่า", published_at=hours_ago(1))
    front_page_place(article=chosen, position=FrontPagePick.LEAD, user=editor)
    make_article(title="ข่าวใหม่ที่สุด", published_at=hours_ago(0.1))
    html = home(client)
    assert lead_title(html) == "ข่าวที่บรรณาธิการเลือก"
    assert "ข่าวใหม่ที่สุด" in html  # still on the page, below, in its section


def test_top_stories_follow_their_places_not_their_age(client, editor):
    section = make_section()
    older = make_article(title="ข่าวเด่นเก่า", section=section, published_at=hours_ago(9))
    newer = make_article(title="ข่าวเด่นใหม่", section=section, published_at=hours_ago(2))
    make_article(title="ข่าวล่าสุด", section=section, published_at=hours_ago(1))
    front_page_place(article=older, position=2, user=editor)
    front_page_place(article=newer, position=3, user=editor)
    html = home(client)
    assert top_titles(html) == ["ข่าวเด่นเก่า", "ข่าวเด่นใหม่"]
    assert lead_title(html) == "ข่าวล่าสุด"  # no lead chosen: the newest one left


def test_a_picked_story_is_shown_once_and_its_section_keeps_four_others(client, editor):
    section = make_section(name="การเมือง")
    stories = [
        make_article(title=f"การเมือง {n}", section=section, published_at=hours_ago(n + 1))
        for n in range(7)
    ]
    front_page_place(article=stories[1], position=FrontPagePick.LEAD, user=editor)
    front_page_place(article=stories[0], position=2, user=editor)
    html = home(client)
    assert lead_title(html) == "การเมือง 1"
    assert top_titles(html) == ["การเมือง 0"]
    # The next newest four fill the section: neither pick again, and no story missing.
    assert section_titles(html, section) == ["การเมือง 2", "การเมือง 3", "การเมือง 4", "การเมือง 5"]
    for story in stories:
        assert html.count(f'href="{story.get_absolute_url()}"') <= 1


def test_an_ended_pick_drops_out(client, editor):
    chosen = make_article(title="ข่าวเลือกไว้ชั่วคราว", published_at=hours_ago(5))
    make_article(title="ข่าวใหม่", published_at=hours_ago(1))
    front_page_place(
        article=chosen,
        position=FrontPagePick.LEAD,
        expires_at=timezone.now() + timedelta(hours=1),
        user=editor,
    )
    assert lead_title(home(client)) == "ข่าวเลือกไว้ชั่วคราว"
    FrontPagePick.objects.update(expires_at=hours_ago(0.1))  # as if the hour had passed
    html = home(client)
    assert lead_title(html) == "ข่าวใหม่"
    assert html.count(f'href="{chosen.get_absolute_url()}"') == 1  # back in its section


@pytest.mark.parametrize("how", ["unpublished", "unpublish time passed"])
def test_a_pick_whose_story_is_no_longer_public_drops_out(client, editor, how):
    chosen = make_article(title="ข่าวที่ถูกถอน", published_at=hours_ago(5))
    top = make_article(title="ข่าวเด่นที่ถูกถอน", published_at=hours_ago(4))
    make_article(title="ข่าวที่ยังอยู่", published_at=hours_ago(3))
    front_page_place(article=chosen, position=FrontPagePick.LEAD, user=editor)
    front_page_place(article=top, position=2, user=editor)
    for story in (chosen, top):
        if how == "unpublished":
            story.status = Article.Status.UNPUBLISHED
        else:
            story.unpublish_at = hours_ago(0.5)
        story.save()
    html = home(client)
    assert lead_title(html) == "ข่าวที่ยังอยู่"
    assert "ข่าวที่ถูกถอน" not in html and "ข่าวเด่นที่ถูกถอน" not in html
    assert 'id="top-stories"' not in html


def test_the_home_page_costs_the_same_queries_however_many_picks(client, editor):
    urls = build_newsroom(stories_per_section=12)
    stories = list(Article.objects.published()[:5])
    front_page_place(article=stories[3], position=FrontPagePick.LEAD, user=editor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(urls["home"]).status_code == 200
        return len(captured)

    one_pick = queries()
    for position, story in enumerate(stories[:3] + stories[4:], start=2):
        front_page_place(article=story, position=position, user=editor)
    assert FrontPagePick.objects.count() == FrontPagePick.LAST_POSITION
    five_picks = queries()
    assert five_picks == one_pick <= BUDGETS["home"]


# ---------------------------------------------------------------------------------
# Changing the picks


def test_a_new_lead_pushes_the_picks_under_it_down_and_the_last_one_off(editor):
    stories = [make_article(title=f"ข่าว {n}") for n in range(6)]
    for position, story in enumerate(stories[:5], start=1):
        front_page_place(article=story, position=position, user=editor)
    placed = front_page_place(article=stories[5], position=1, user=editor)
    assert placed.dropped == stories[4]
    assert list(FrontPagePick.objects.values_list("position", "article__title")) == [
        (1, "ข่าว 5"),
        (2, "ข่าว 0"),
        (3, "ข่าว 1"),
        (4, "ข่าว 2"),
        (5, "ข่าว 3"),
    ]
    assert placed.pick.chosen_by == editor


def test_pushing_down_stops_at_the_first_free_place(editor):
    a, b, c = (make_article() for _ in range(3))
    front_page_place(article=a, position=2, user=editor)
    front_page_place(article=b, position=4, user=editor)
    placed = front_page_place(article=c, position=2, user=editor)
    assert placed.dropped is None
    assert dict(FrontPagePick.objects.values_list("position", "article")) == {
        2: c.pk,
        3: a.pk,
        4: b.pk,
    }


def test_a_story_already_on_the_front_page_moves_to_its_new_place(editor):
    story = make_article()
    front_page_place(article=story, position=3, user=editor)
    ends = timezone.now() + timedelta(days=1)
    front_page_place(article=story, position=1, expires_at=ends, user=editor)
    assert list(FrontPagePick.objects.values_list("position", "article", "expires_at")) == [
        (1, story.pk, ends)
    ]


def test_moving_up_and_down_swaps_with_the_neighbour(editor):
    a, b = make_article(), make_article()
    front_page_place(article=a, position=2, user=editor)
    pick_b = front_page_place(article=b, position=3, user=editor).pick
    front_page_move(pick=pick_b, by=-1, user=editor)
    assert dict(FrontPagePick.objects.values_list("position", "article")) == {2: b.pk, 3: a.pk}
    front_page_move(
        pick=FrontPagePick.objects.get(article=b), by=-1, user=editor
    )  # to a free place
    assert dict(FrontPagePick.objects.values_list("position", "article")) == {1: b.pk, 3: a.pk}
    with pytest.raises(ValidationError):  # nothing above the lead
        front_page_move(pick=FrontPagePick.objects.get(article=b), by=-1, user=editor)


def test_only_a_public_story_with_an_end_time_to_come_can_be_placed(editor):
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(published_at=timezone.now() + timedelta(hours=2))
    for story in (draft, scheduled):
        with pytest.raises(ValidationError):
            front_page_place(article=story, position=1, user=editor)
    with pytest.raises(ValidationError):
        front_page_place(article=make_article(), position=1, expires_at=hours_ago(1), user=editor)
    with pytest.raises(ValidationError):
        front_page_place(article=make_article(), position=6, user=editor)
    assert not FrontPagePick.objects.exists()


@pytest.mark.parametrize("role", ["Reporter", "Moderator"])
def test_the_services_refuse_reporters_and_moderators(editor, role):
    member = make_member(role.lower(), role)
    story = make_article()
    with pytest.raises(PermissionDenied):
        front_page_place(article=story, position=1, user=member)
    pick = front_page_place(article=story, position=2, user=editor).pick
    with pytest.raises(PermissionDenied):
        front_page_move(pick=pick, by=-1, user=member)
    with pytest.raises(PermissionDenied):
        front_page_remove(pick=pick, user=member)
    assert list(FrontPagePick.objects.values_list("position", flat=True)) == [2]


# ---------------------------------------------------------------------------------
# The desk's board


def test_an_editor_places_moves_and_removes_stories_on_the_board(client, editor):
    lead = make_article(title="ข่าวนำของวัน")
    top = make_article(title="ข่าวเด่นของวัน")
    client.force_login(editor)
    response = client.post(
        PLACE, {"article": lead.pk, "position": 1, "expires_at_0": "", "expires_at_1": ""}
    )
    assert response.status_code == 302 and response["Location"] == BOARD
    client.post(PLACE, {"article": top.pk, "position": 3, "expires_at_0": "", "expires_at_1": ""})
    board = client.get(BOARD).content.decode()
    assert "ข่าวนำของวัน" in board and "ข่าวเด่นของวัน" in board
    pick = FrontPagePick.objects.get(article=top)
    editing = client.get(f"{BOARD}?edit={pick.pk}").content.decode()  # its "Change" link
    assert f'<option value="{top.pk}" selected>ข่าวเด่นของวัน</option>' in editing
    assert '<option value="3" selected>' in editing
    client.post(reverse("admin:articles_frontpagepick_move", args=[pick.pk, "up"]))
    assert FrontPagePick.objects.get(article=top).position == 2
    client.post(reverse("admin:articles_frontpagepick_remove", args=[pick.pk]))
    assert list(FrontPagePick.objects.values_list("article", flat=True)) == [lead.pk]
    assert FrontPagePick.objects.get().chosen_by == editor


def test_the_board_reads_the_end_time_in_the_buddhist_era_and_takes_either_era(client, editor):
    story = make_article(title="ข่าวมีกำหนด")
    client.force_login(editor)
    next_year = timezone.localdate().year + 1
    response = client.post(
        PLACE,
        {
            "article": story.pk,
            "position": 2,
            "expires_at_0": f"25/12/{next_year + 543}",  # typed in the Buddhist era
            "expires_at_1": "14:30",
        },
    )
    assert response.status_code == 302
    ends = timezone.localtime(FrontPagePick.objects.get().expires_at)
    assert (ends.year, ends.month, ends.day, ends.hour, ends.minute) == (next_year, 12, 25, 14, 30)
    board = client.get(BOARD).content.decode()
    assert f"25 ธันวาคม พ.ศ. {next_year + 543}" in board
    assert "14:30 น." in board


def test_the_board_keeps_the_editors_input_when_it_refuses_it(client, editor):
    draft = make_article(title="ร่างข่าว", status=Article.Status.DRAFT)
    client.force_login(editor)
    response = client.post(
        PLACE,
        {"article": draft.pk, "position": 2, "expires_at_0": "31/02/2026", "expires_at_1": "9:00"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="31/02/2026"' in html
    assert "errorlist" in html
    assert not FrontPagePick.objects.exists()


def test_the_board_says_which_picks_are_not_shown(client, editor):
    ended = make_article(title="ข่าวหมดเวลา")
    gone = make_article(title="ข่าวถูกถอน")
    front_page_place(article=ended, position=2, user=editor)
    front_page_place(article=gone, position=3, user=editor)
    FrontPagePick.objects.filter(article=ended).update(expires_at=hours_ago(1))
    Article.objects.filter(pk=gone.pk).update(status=Article.Status.UNPUBLISHED)
    client.force_login(editor)
    board = client.get(BOARD).content.decode()
    assert "สิ้นสุดแล้ว" in board  # Ended: not shown.
    assert "ไม่แสดง: ข่าวนี้ไม่ได้เผยแพร่อยู่" in board


@pytest.mark.parametrize("role", ["Reporter", "Moderator"])
def test_reporters_and_moderators_are_refused_the_board_and_its_actions(client, editor, role):
    story = make_article()
    pick = front_page_place(article=story, position=2, user=editor).pick
    client.force_login(make_member(role.lower(), role))
    assert client.get(BOARD).status_code == 403
    other = make_article()
    data = {"article": other.pk, "position": 1, "expires_at_0": "", "expires_at_1": ""}
    assert client.post(PLACE, data).status_code == 403
    move = reverse("admin:articles_frontpagepick_move", args=[pick.pk, "up"])
    assert client.post(move).status_code == 403
    remove = reverse("admin:articles_frontpagepick_remove", args=[pick.pk])
    assert client.post(remove).status_code == 403
    assert list(FrontPagePick.objects.values_list("position", "article")) == [(2, story.pk)]


def test_the_story_lists_action_puts_a_story_on_the_front_page_as_lead(client, editor):
    story = make_article(title="ข่าวขึ้นหน้าแรก")
    client.force_login(editor)
    changelist = reverse("admin:articles_article_changelist")
    assert "put_on_front_page_as_lead" in client.get(changelist).content.decode()
    response = client.post(
        changelist,
        {"action": "put_on_front_page_as_lead", "_selected_action": [story.pk]},
        follow=True,
    )
    assert "ข่าวขึ้นหน้าแรก" in response.content.decode()
    assert list(FrontPagePick.objects.values_list("position", "article")) == [(1, story.pk)]


def test_the_action_is_neither_offered_nor_run_for_a_reporter(client):
    reporter = make_member("writer", "Reporter")
    story = make_article()
    client.force_login(reporter)
    changelist = reverse("admin:articles_article_changelist")
    assert "put_on_front_page_as_lead" not in client.get(changelist).content.decode()
    client.post(changelist, {"action": "put_on_front_page_as_lead", "_selected_action": [story.pk]})
    assert not FrontPagePick.objects.exists()


def test_only_editors_get_the_permission_from_the_roles():
    editor = make_member("ed", "Editor")
    assert editor.has_perm("articles.arrange_front_page")
    for role in ("Reporter", "Moderator"):
        assert not make_member(role.lower(), role).has_perm("articles.arrange_front_page")


# ---------------------------------------------------------------------------------
# The cached home page


@pytest.fixture
def cached(settings, client, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS = 300

    class Reader:
        commit = staticmethod(lambda: django_capture_on_commit_callbacks(execute=True))

        def get(self, url="/"):
            response = client.get(url)
            assert response.status_code == 200
            return response

        def warm(self, *urls):
            for url in urls:
                self.get(url)
                assert self.get(url)["X-Page-Cache"] == "hit", url

    return Reader()


def test_a_pick_changes_the_cached_home_page_after_commit_and_nothing_else(cached, editor):
    chosen = make_article(title="ข่าวที่จะขึ้นนำ", published_at=hours_ago(5))
    make_article(title="ข่าวใหม่", published_at=hours_ago(1))
    story_url = chosen.get_absolute_url()
    cached.warm("/", story_url)
    assert lead_title(cached.get().content.decode()) == "ข่าวใหม่"
    with cached.commit():
        front_page_place(article=chosen, position=FrontPagePick.LEAD, user=editor)
    response = cached.get()
    assert response["X-Page-Cache"] == "miss"
    assert lead_title(response.content.decode()) == "ข่าวที่จะขึ้นนำ"
    assert FRONT_PAGE_KEY in response["Surrogate-Key"].split()
    assert cached.get(story_url)["X-Page-Cache"] == "hit"
    with cached.commit():
        front_page_remove(pick=FrontPagePick.objects.get(), user=editor)
    assert lead_title(cached.get().content.decode()) == "ข่าวใหม่"


def test_an_end_time_takes_effect_on_the_cached_home_page_by_itself(cached, editor, monkeypatch):
    now = timezone.now()
    chosen = make_article(title="ข่าวนำครึ่งชั่วโมง", published_at=hours_ago(5))
    make_article(title="ข่าวใหม่", published_at=hours_ago(1))
    with cached.commit():
        front_page_place(
            article=chosen,
            position=FrontPagePick.LEAD,
            expires_at=now + timedelta(minutes=30),
            user=editor,
        )
    cached.warm("/")
    response = cached.get()
    assert lead_title(response.content.decode()) == "ข่าวนำครึ่งชั่วโมง"
    # A CDN may keep the page only until the pick ends.
    age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 1700 <= age <= 1800
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=31))
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 0)
    assert lead_title(cached.get().content.decode()) == "ข่าวใหม่"


def test_the_schedule_names_the_front_page_when_a_pick_ends(editor):
    now = timezone.now()
    ends = now + timedelta(minutes=10)
    front_page_place(article=make_article(), position=2, expires_at=ends, user=editor)
    front_page_place(article=make_article(), position=3, user=editor)
    assert FrontPagePick.objects.next_expiry() == ends
    assert page_keys._picks_ending(now, now + timedelta(minutes=9)) == set()
    assert page_keys._picks_ending(now, now + timedelta(minutes=11)) == {FRONT_PAGE_KEY}
