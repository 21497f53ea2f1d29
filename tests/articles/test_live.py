"""Live coverage: editors start and end it, reporters with a byline and editors post
short updates from the desk, readers read them newest first with key events on top,
and thousands of open pages poll a cached, conditional endpoint that costs no query."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from articles import live
from articles.models import Article, Byline, LiveUpdate, LiveUpdateRevision
from articles.structured_data import iso_datetime
from newsroom import pagecache
from tests.articles.test_query_budgets import BUDGETS
from tests.factories import jpeg_bytes, make_article, make_image, make_member, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return make_member("chief", "Editor")


@pytest.fixture
def reporter():
    return make_member("writer", "Reporter")


def live_story(*, writers=(), **kw) -> Article:
    """A public story whose live coverage began an hour ago; ``writers``' users get a
    byline on it."""
    kw.setdefault("title", "น้ำท่วมกรุงเทพฯ: รายงานสด")
    kw.setdefault("live_since", timezone.now() - timedelta(hours=1))
    article = make_article(**kw)
    for position, user in enumerate(writers):
        person = make_person(name=f"ผู้สื่อข่าว {user.username}", user=user)
        Byline.objects.create(article=article, person=person, position=position)
    return article


def post(article, user, text="น้ำเริ่มลด", **kw) -> LiveUpdate:
    return live.update_post(article=article, user=user, body=live.text_to_html(text), **kw)


def many_updates(article, author, count: int, *, every: int = 0) -> list[LiveUpdate]:
    """``count`` updates a minute apart, oldest first; every ``every``-th with a picture."""
    start = timezone.now() - timedelta(minutes=count + 1)
    image = make_image(alt_text="ภาพน้ำท่วม") if every else None
    updates = [
        LiveUpdate(
            article=article,
            body=f"<p>อัปเดตที่ {n}</p>",
            author=author,
            author_name="ทีมข่าว",
            created_at=start + timedelta(minutes=n),
            image=image if every and n % every == 0 else None,
            pinned=n % 100 == 0,
        )
        for n in range(1, count + 1)
    ]
    return LiveUpdate.objects.bulk_create(updates)


def desk(article) -> str:
    return reverse("admin:articles_article_live", args=[article.pk])


def update_ids(html: str) -> list[int]:
    found = re.findall(r'<article class="live-update[^"]*" id="update-(\d+)"', html)
    return [int(pk) for pk in found]


def card(html: str, article) -> str:
    """The card of this story on a listing page."""
    link = f'<a href="{article.get_absolute_url()}">'
    return next(chunk for chunk in html.split('<article class="card')[1:] if link in chunk)


def json_ld(html: str) -> dict:
    block = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    return json.loads(block)


# ---------------------------------------------------------------------------------
# Who may post


def test_a_reporter_with_a_byline_posts_and_readers_see_the_update(client, reporter):
    article = live_story(writers=[reporter])
    client.force_login(reporter)
    response = client.post(desk(article), {"text": "ระดับน้ำคลองแสนแสบ\nสูงขึ้น 20 ซม."})
    assert response.status_code == 302 and response["Location"] == desk(article)  # PRG
    update = LiveUpdate.objects.get()
    assert update.body == "<p>ระดับน้ำคลองแสนแสบ<br>สูงขึ้น 20 ซม.</p>"
    assert (update.author, update.author_name) == (reporter, "นายผู้สื่อข่าว writer")
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert update_ids(page) == [update.pk]
    assert "ระดับน้ำคลองแสนแสบ<br>สูงขึ้น 20 ซม." in page
    assert "นายผู้สื่อข่าว writer" in page


def test_a_reporter_without_a_byline_is_refused(client, reporter):
    article = live_story(writers=[make_member("someone", "Reporter")])
    with pytest.raises(PermissionDenied):
        post(article, reporter)
    client.force_login(reporter)
    assert client.get(desk(article)).status_code == 403
    response = client.post(desk(article), {"text": "ข่าวปลอม"})
    assert response.status_code == 403
    assert not LiveUpdate.objects.exists()


def test_a_moderator_is_refused_even_the_desk(client):
    moderator = make_member("mod", "Moderator")
    article = live_story(writers=[moderator])  # a byline does not make a writer
    client.force_login(moderator)
    assert client.get(desk(article)).status_code == 403
    assert client.post(desk(article), {"text": "ไม่ควรขึ้น"}).status_code == 403
    with pytest.raises(PermissionDenied):
        post(article, moderator)
    assert not LiveUpdate.objects.exists()


def test_editors_post_to_any_live_story_but_nobody_to_one_not_live(client, editor):
    article = live_story()
    post(article, editor, "บรรณาธิการรายงาน")
    ordinary = make_article()
    with pytest.raises(ValidationError):
        post(ordinary, editor)
    client.force_login(editor)
    page = client.get(desk(ordinary))
    assert page.status_code == 200
    assert 'name="text"' not in page.content.decode()  # no post form: start it first
    response = client.post(desk(ordinary), {"text": "ยังไม่เริ่ม"})
    assert response.status_code == 400
    assert "การรายงานสดของข่าวนี้ไม่ได้เปิดอยู่" in response.content.decode()
    assert LiveUpdate.objects.count() == 1


def test_only_editors_start_and_end_coverage(client, editor, reporter):
    article = make_article(bylines=[make_person(user=reporter)])
    client.force_login(reporter)
    coverage = reverse("admin:articles_article_live_coverage", args=[article.pk])
    assert client.post(coverage, {"action": "start"}).status_code == 403
    with pytest.raises(PermissionDenied):
        live.live_start(article=article, user=reporter)
    client.force_login(editor)
    response = client.post(coverage, {"action": "start", "until": ""}, follow=True)
    article.refresh_from_db()
    assert article.is_live and article.live_until is None
    assert "จนกว่าบรรณาธิการจะยุติ" in response.content.decode()
    response = client.post(coverage, {"action": "end"})
    article.refresh_from_db()
    assert not article.is_live and article.live_until is not None


# ---------------------------------------------------------------------------------
# The desk


def test_the_desk_posts_with_fetch_and_answers_json(client, reporter):
    article = live_story(writers=[reporter])
    client.force_login(reporter)
    response = client.post(
        desk(article), {"text": "ภาพจากจุดเกิดเหตุ"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 201
    data = response.json()
    update = LiveUpdate.objects.get()
    assert data["id"] == update.pk
    assert f'id="update-{update.pk}"' in data["html"] and "ภาพจากจุดเกิดเหตุ" in data["html"]
    assert "no-store" in response["Cache-Control"]
    refused = client.post(desk(article), {"text": "  "}, HTTP_ACCEPT="application/json")
    assert refused.status_code == 400
    assert refused.json()["errors"]["__all__"][0]["message"] == "เขียนข้อความหรือใส่ภาพ"
    # Colleagues' updates arrive through the desk's own poll.
    colleague = post(article, make_member("desk2", "Editor"), "จากเพื่อนร่วมงาน")
    polled = client.get(
        reverse("admin:articles_article_live_updates", args=[article.pk]),
        {"since": update.pk},
    ).json()
    assert [item["id"] for item in polled["updates"]] == [colleague.pk]
    assert "จากเพื่อนร่วมงาน" in polled["updates"][0]["html"]


def test_a_refused_post_keeps_the_text_and_saves_nothing(client, reporter):
    article = live_story(writers=[reporter])
    client.force_login(reporter)
    response = client.post(
        desk(article),
        {
            "text": "ข้อความที่ต้องไม่หาย",
            "image": SimpleUploadedFile("x.jpg", b"not a picture", "image/jpeg"),
            "alt_text": "ภาพ",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "ข้อความที่ต้องไม่หาย</textarea>" in html
    assert "ไฟล์นี้ไม่ใช่ภาพ" in html or "JPEG, PNG, GIF" in html
    assert not LiveUpdate.objects.exists()
    response = client.post(desk(article), {"text": "มีวิดีโอ", "video": "https://evil.example/v"})
    assert response.status_code == 400
    assert "มีวิดีโอ</textarea>" in response.content.decode()
    assert not LiveUpdate.objects.exists()


def test_a_picture_goes_through_the_upload_pipeline(client, reporter):
    article = live_story(writers=[reporter])
    client.force_login(reporter)
    response = client.post(
        desk(article),
        {
            "text": "",
            "image": SimpleUploadedFile("IMG_0001.jpg", jpeg_bytes(800, 600), "image/jpeg"),
            "alt_text": "รถติดน้ำท่วมบนถนนพระราม 4",
            "caption": "ถนนพระราม 4 เช้านี้",
        },
    )
    assert response.status_code == 302
    update = LiveUpdate.objects.select_related("image").get()
    assert update.body == "" and update.image.alt_text == "รถติดน้ำท่วมบนถนนพระราม 4"
    assert "IMG_0001" not in update.image.file.name  # renamed, re-encoded
    assert update.image.uploaded_by == reporter
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="รถติดน้ำท่วมบนถนนพระราม 4"' in page and "ถนนพระราม 4 เช้านี้" in page
    assert "<picture>" in page.split(f'id="update-{update.pk}"')[1]


def test_text_becomes_clean_rich_text_and_videos_allowed_players(client, reporter):
    assert live.text_to_html("ดูที่ https://bma.go.th\n\n<script>alert(1)</script>ย่อหน้าสอง") == (
        '<p>ดูที่ <a href="https://bma.go.th" rel="noopener noreferrer nofollow">'
        "https://bma.go.th</a></p>\n\n<p>&lt;script&gt;alert(1)&lt;/script&gt;ย่อหน้าสอง</p>"
    )
    assert live.text_to_html('<p onclick="x()">ตัว<strong>หนา</strong></p><script>x</script>') == (
        "<p>ตัว<strong>หนา</strong></p>"
    )
    article = live_story(writers=[reporter])
    client.force_login(reporter)
    client.post(
        desk(article),
        {"text": "คลิปจากผู้ว่าฯ", "video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
    )
    body = LiveUpdate.objects.get().body
    assert '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in body
    assert body.startswith('<p>คลิปจากผู้ว่าฯ</p><figure class="media">')
    with pytest.raises(ValidationError):
        live.video_embed_src("https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ")


# ---------------------------------------------------------------------------------
# Key events, edits, deletes: each leaves a revision


def test_pinning_puts_an_update_among_the_key_events(client, editor):
    article = live_story()
    first = post(article, editor, "ประกาศพื้นที่ภัยพิบัติ 5 เขต")
    post(article, editor, "ฝนตกหนักต่อเนื่อง")
    client.force_login(editor)
    pin = reverse("admin:articles_article_live_pin", args=[article.pk, first.pk])
    assert client.post(pin, {"pinned": "1"}).status_code == 302
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    key_events = page.split('id="key-events-heading"')[1].split("</section>")[0]
    assert "ประกาศพื้นที่ภัยพิบัติ 5 เขต" in key_events and "ฝนตกหนัก" not in key_events
    assert f'href="/news/{article.pk}/updates/{first.pk}/"' in key_events
    live.update_pin(update=LiveUpdate.objects.get(pk=first.pk), user=editor, pinned=False)
    assert 'id="key-events-heading"' not in client.get(article.get_absolute_url()).content.decode()
    actions = list(first.revisions.order_by("pk").values_list("action", flat=True))
    assert actions == ["posted", "pinned", "unpinned"]


def test_edit_and_delete_keep_revisions_and_refuse_others(client, editor, reporter):
    article = live_story(writers=[reporter, make_member("other", "Reporter")])
    mine = post(article, reporter, "ผู้บาดเจ็บ 3 ราย")
    colleague = article.bylines.exclude(person__user=reporter).get().person.user
    theirs = post(article, colleague, "ของเพื่อนร่วมงาน")
    client.force_login(reporter)
    edit = reverse("admin:articles_article_live_edit", args=[article.pk, mine.pk])
    assert client.post(edit, {"text": "ผู้บาดเจ็บ 4 ราย"}).status_code == 302
    their_edit = reverse("admin:articles_article_live_edit", args=[article.pk, theirs.pk])
    assert client.post(their_edit, {"text": "แก้ของคนอื่น"}).status_code == 403
    their_delete = reverse("admin:articles_article_live_delete", args=[article.pk, theirs.pk])
    assert client.post(their_delete).status_code == 403
    mine.refresh_from_db()
    assert mine.body == "<p>ผู้บาดเจ็บ 4 ราย</p>"
    history = client.get(edit).content.decode()
    assert "ผู้บาดเจ็บ 3 ราย" in history and "ผู้บาดเจ็บ 4 ราย" in history

    client.force_login(editor)  # editors change anyone's
    delete = reverse("admin:articles_article_live_delete", args=[article.pk, theirs.pk])
    assert client.post(delete).status_code == 302
    theirs.refresh_from_db()
    assert theirs.deleted_at is not None  # kept, with its text
    revisions = LiveUpdateRevision.objects.filter(update=theirs).order_by("pk")
    assert [(r.action, r.changed_by) for r in revisions] == [
        ("posted", colleague),
        ("deleted", editor),
    ]
    assert revisions[1].body == "<p>ของเพื่อนร่วมงาน</p>"
    assert [(r.action, r.body) for r in mine.revisions.order_by("pk")] == [
        ("posted", "<p>ผู้บาดเจ็บ 3 ราย</p>"),
        ("edited", "<p>ผู้บาดเจ็บ 4 ราย</p>"),
    ]
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert update_ids(page) == [mine.pk]
    assert "ของเพื่อนร่วมงาน" not in page


def test_the_edit_box_shows_the_text_as_typed_and_saving_it_keeps_the_update(client, reporter):
    article = live_story(writers=[reporter])
    typed = "ระดับน้ำ 1.2 ม.\nเลี่ยงถนนวิภาวดี & ดินแดง\n\nดูที่ https://bma.go.th/flood?area=1&day=2"
    video = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    client.force_login(reporter)
    client.post(desk(article), {"text": typed, "video": video})
    update = LiveUpdate.objects.get()
    posted = update.body
    assert posted.count("<p>") == 2 and "<iframe" in posted  # stored as HTML
    edit = reverse("admin:articles_article_live_edit", args=[article.pk, update.pk])
    html = client.get(edit).content.decode()
    box = html.split('name="text"')[1].split("</textarea>")[0].split(">", 1)[1]
    assert box.strip() == escape(typed)  # no tags: what the post box took
    assert f'name="video" value="{escape(video)}"' in html
    # Saved unchanged, the update is the same, paragraphs, links and video.
    assert client.post(edit, {"text": typed, "video": video}).status_code == 302
    update.refresh_from_db()
    assert update.body == posted
    # Changed like a post: a new paragraph, the video taken off.
    client.post(edit, {"text": typed + "\n\nน้ำเริ่มลด", "video": ""})
    update.refresh_from_db()
    assert update.body.count("<p>") == 3 and "<iframe" not in update.body
    assert '<a href="https://bma.go.th/flood?area=1&amp;day=2"' in update.body
    # HTML that plain text cannot say is shown as the HTML the post box also takes.
    rich = '<p>ตัว<strong>หนา</strong> และ <a href="https://bma.go.th">ลิงก์</a></p>'
    assert live.editable(live.text_to_html(rich)) == (live.text_to_html(rich), "")


# ---------------------------------------------------------------------------------
# End time


def test_an_editor_ends_the_coverage_and_the_story_keeps_its_updates(client, editor):
    article = live_story()
    update = post(article, editor, "สรุปสถานการณ์")
    live.live_end(article=article, user=editor)
    article.refresh_from_db()
    assert not article.is_live
    with pytest.raises(ValidationError):
        post(article, editor, "หลังจบ")
    page = client.get(article.get_absolute_url()).content.decode()
    assert update_ids(page) == [update.pk]
    assert 'class="live-label"' not in page
    assert "data-live-poll" not in page  # nothing more to ask for
    assert json_ld(page)["coverageEndTime"] == iso_datetime(article.live_until)


def test_the_end_time_ends_coverage_on_cached_pages_by_itself(
    client, settings, editor, monkeypatch, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    now = timezone.now()
    article = make_article(title="ถ่ายทอดสดการประชุม")
    with django_capture_on_commit_callbacks(execute=True):
        live.live_start(article=article, user=editor, until=now + timedelta(minutes=30))
    poll = reverse("articles:live-poll", args=[article.pk])
    for url in ("/", article.get_absolute_url(), poll):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    assert 'class="live-label"' in client.get("/").content.decode()
    assert client.get(poll).json()["live"] is True
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=31))
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 0)
    assert 'class="live-label"' not in client.get("/").content.decode()
    assert 'class="live-label"' not in client.get(article.get_absolute_url()).content.decode()
    assert client.get(poll).json()["live"] is False


def test_the_schedule_names_a_story_whose_coverage_ends(editor):
    now = timezone.now()
    ending = live_story(live_until=now + timedelta(minutes=10))
    live_story()  # open-ended
    assert live.next_end(now) == ending.live_until
    assert live.keys_ending(now, now + timedelta(minutes=9)) == set()
    assert live.keys_ending(now, now + timedelta(minutes=11)) == {
        f"article-{ending.pk}",
        f"headline-{ending.pk}",  # the ticker's LIVE label
        f"live-{ending.pk}",
    }


def test_an_end_time_in_the_past_is_refused_with_the_input_kept(client, editor):
    article = make_article()
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_live_coverage", args=[article.pk]),
        {"action": "start", "until": "2020-01-01T10:00"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "เวลานั้นผ่านไปแล้ว" in html and 'value="2020-01-01T10:00"' in html
    article.refresh_from_db()
    assert article.live_since is None


# ---------------------------------------------------------------------------------
# The reader's page


def test_updates_newest_first_with_buddhist_era_times_and_the_order_flips(client, editor):
    article = live_story()
    first = post(article, editor, "เริ่มรายงาน")
    second = post(article, editor, "รายงานต่อ")
    page = client.get(article.get_absolute_url()).content.decode()
    assert update_ids(page) == [second.pk, first.pk]
    created = timezone.localtime(first.created_at)
    be_year = str(created.year + 543)[-2:]
    block = page.split(f'id="update-{first.pk}"')[1].split("</article>")[0]
    assert f"{created:%H:%M} น." in block and f" {be_year}</span>" in block
    oldest = client.get(article.get_absolute_url(), {"live_order": "oldest"}).content.decode()
    assert update_ids(oldest) == [first.pk, second.pk]
    english = client.get(f"/en{article.get_absolute_url()}").content.decode()
    assert f"{created.year}</span>" in english.split(f'id="update-{first.pk}"')[1]


def test_a_page_with_a_thousand_updates_stays_within_its_query_budget(
    client, editor, django_assert_max_num_queries
):
    article = live_story()
    many_updates(article, editor, 1000, every=7)
    for params in ({}, {"live_page": "50"}, {"live_order": "oldest", "live_page": "3"}):
        with django_assert_max_num_queries(BUDGETS["live"]):
            response = client.get(article.get_absolute_url(), params)
        assert len(update_ids(response.content.decode())) == live.per_page()
    page = response.content.decode()
    assert 'id="key-events-heading"' in page  # every 100th is a key event
    assert page.count("<picture>") >= 2  # pictures joined, not one query each


def test_an_update_far_down_opens_the_page_that_shows_it(client, editor):
    article = live_story()
    updates = many_updates(article, editor, 1000)
    far = updates[5]  # the sixth oldest: page 50 of 50, newest first
    response = client.get(reverse("articles:live-update", args=[article.pk, far.pk]))
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}?live_page=50#update-{far.pk}"
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert far.pk in update_ids(page)
    oldest = client.get(
        reverse("articles:live-update", args=[article.pk, far.pk]), {"live_order": "oldest"}
    )
    assert oldest["Location"].endswith(f"?live_order=oldest#update-{far.pk}")
    # A deleted update, or one of another story, has no page.
    other = live_story()
    assert client.get(reverse("articles:live-update", args=[other.pk, far.pk])).status_code == 404


def test_the_live_label_shows_on_the_story_and_every_card_while_live(client, editor):
    article = live_story(breaking_until=timezone.now() + timedelta(hours=2))
    article.tags.add("น้ำท่วม")
    make_article(title="ข่าวธรรมดา", section=article.section)
    label = '<span class="live-label">สด</span>'
    ticker = client.get("/").content.decode().split('class="ticker"')[1].split("</section>")[0]
    assert label in ticker
    for url in ("/", article.section.get_absolute_url(), "/tag/น้ำท่วม/"):
        html = client.get(url).content.decode()
        assert label in card(html, article), url
        if "ข่าวธรรมดา" in html:
            assert label not in html.split("ข่าวธรรมดา")[1].split("</article>")[0]
    assert label in client.get(article.get_absolute_url()).content.decode()


# ---------------------------------------------------------------------------------
# Search engines and feeds


def test_json_ld_is_a_live_blog_posting_field_by_field(client, editor):
    since = timezone.now() - timedelta(hours=2)
    until = timezone.now() + timedelta(hours=6)
    article = live_story(live_since=since, live_until=until, title="เลือกตั้งผู้ว่าฯ สด")
    first = post(article, editor, "เปิดหีบเลือกตั้ง 8 โมงเช้า")
    image = make_image(alt_text="หน่วยเลือกตั้ง")
    second = post(article, editor, "ผู้มาใช้สิทธิ์ 40%", image=image)
    data = json_ld(client.get(article.get_absolute_url()).content.decode())
    assert data["@type"] == "LiveBlogPosting"
    assert data["headline"] == "เลือกตั้งผู้ว่าฯ สด"
    assert data["coverageStartTime"] == iso_datetime(since)
    assert data["coverageEndTime"] == iso_datetime(until)
    assert data["datePublished"] == iso_datetime(article.published_at)
    article.refresh_from_db()
    assert data["dateModified"] == iso_datetime(second.created_at)  # moved by the updates
    newest, oldest = data["liveBlogUpdate"]
    assert newest == {
        "@type": "BlogPosting",
        "headline": "ผู้มาใช้สิทธิ์ 40%",
        "articleBody": "ผู้มาใช้สิทธิ์ 40%",
        "datePublished": iso_datetime(second.created_at),
        "dateModified": iso_datetime(LiveUpdate.objects.get(pk=second.pk).updated_at),
        "author": {"@type": "Person", "name": second.author_name},
        "url": f"http://testserver/news/{article.pk}/updates/{second.pk}/",
        "image": [newest["image"][0]],
    }
    assert newest["image"][0].startswith("http://testserver/media/")
    assert oldest["headline"] == "เปิดหีบเลือกตั้ง 8 โมงเช้า"
    assert oldest["datePublished"] == iso_datetime(first.created_at)
    assert "image" not in oldest
    assert json_ld(client.get(make_article().get_absolute_url()).content.decode())["@type"] == (
        "NewsArticle"
    )


def test_the_updates_feed_is_rss_that_parses(client, editor):
    article = live_story(title="ไฟไหม้ตลาด & ชุมชน <สด>")
    first = post(article, editor, "รถดับเพลิง 20 คันถึงที่เกิดเหตุ")
    second = post(article, editor, "<p>ควบคุมเพลิงได้ <strong>แล้ว</strong></p>")
    response = client.get(reverse("articles:live-feed", args=[article.pk]))
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 our own output
    assert channel.findtext("title").endswith("ไฟไหม้ตลาด & ชุมชน <สด>")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "ควบคุมเพลิงได้ แล้ว",
        "รถดับเพลิง 20 คันถึงที่เกิดเหตุ",
    ]
    assert items[0].findtext("link") == f"http://testserver/news/{article.pk}/updates/{second.pk}/"
    assert items[0].findtext("description") == "<p>ควบคุมเพลิงได้ <strong>แล้ว</strong></p>"
    assert parsedate_to_datetime(items[1].findtext("pubDate")) == first.created_at.replace(
        microsecond=0
    )
    assert client.get(reverse("articles:live-feed", args=[make_article().pk])).status_code == 404


def sitemap_lastmods(client, url: str) -> dict[str, str]:
    """Each address of a sitemap with its lastmod."""
    root = ET.fromstring(client.get(url).content)  # noqa: S314 our own output
    sitemap = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    return {u.findtext(f"{sitemap}loc"): u.findtext(f"{sitemap}lastmod") for u in root}


def test_the_news_sitemap_lists_a_live_story_with_its_latest_change(client, editor):
    article = live_story(published_at=timezone.now() - timedelta(days=5))
    make_article(title="ข่าวเก่า", published_at=timezone.now() - timedelta(days=5))
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() - timedelta(days=5))
    update = post(article, editor, "อัปเดตล่าสุด")
    latest = timezone.localtime(update.created_at).isoformat(timespec="seconds")
    location = f"http://testserver{article.get_absolute_url()}"
    assert sitemap_lastmods(client, "/news-sitemap.xml") == {location: latest}
    lastmod = sitemap_lastmods(client, "/sitemap-articles.xml")[location]
    assert datetime.fromisoformat(lastmod) == update.created_at


def test_updates_change_the_story_for_feeds_but_do_not_say_it_was_edited(client, editor):
    """Posting, editing, pinning and deleting updates moves the story's live change time
    (sitemaps, JSON-LD, its cards) but not its own: it does not read "updated"."""
    published = timezone.now() - timedelta(hours=3)
    article = live_story(published_at=published)
    Article.objects.filter(pk=article.pk).update(updated_at=published)
    update = post(article, editor, "ตอนแรก")
    live.update_edit(update=update, user=editor, body="<p>แก้แล้ว</p>")
    live.update_pin(update=update, user=editor, pinned=True)
    live.update_delete(update=post(article, editor, "ลบทิ้ง"), user=editor)
    article.refresh_from_db()
    update.refresh_from_db()
    assert article.updated_at == published and not article.was_updated
    assert article.live_changed_at > update.changed_at > update.created_at
    assert article.modified_at == article.live_changed_at
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'class="story__updated"' not in page
    assert json_ld(page)["dateModified"] == iso_datetime(article.live_changed_at)
    changed = timezone.localtime(article.live_changed_at)
    assert f'<time datetime="{iso_datetime(changed)}">' in card(
        client.get(article.section.get_absolute_url()).content.decode(), article
    )
    # An editor's own change of the story still says so.
    article.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'class="story__updated"' in page


# ---------------------------------------------------------------------------------
# The readers' poll and the page cache


@pytest.fixture
def cached(settings, client, monkeypatch, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS = 300
    # Workers remember keys' change times for LOCAL_SECONDS; a slow test machine must
    # not turn a memory hit into a query.
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 600)

    class Reader:
        commit = staticmethod(lambda: django_capture_on_commit_callbacks(execute=True))

        def get(self, url, **headers):
            return client.get(url, **headers)

        def warm(self, *urls):
            for url in urls:
                client.get(url)
                assert client.get(url)["X-Page-Cache"] == "hit", url

    return Reader()


def test_the_poll_answers_new_updates_and_the_interval_from_the_server(client, settings, editor):
    settings.LIVE_POLL_SECONDS = 42
    article = live_story()
    first = post(article, editor, "หนึ่ง")
    second = post(article, editor, "สอง")
    poll = reverse("articles:live-poll", args=[article.pk])
    data = client.get(poll, {"since": first.pk}).json()
    assert (data["live"], data["poll"], data["latest"], data["count"]) == (True, 42, second.pk, 1)
    assert [item["id"] for item in data["updates"]] == [second.pk]
    assert f'id="update-{second.pk}"' in data["updates"][0]["html"]
    assert "สอง" in data["updates"][0]["html"]
    nothing = client.get(poll, {"since": second.pk}).json()
    assert (nothing["count"], nothing["updates"], nothing["latest"]) == (0, [], second.pk)
    assert client.get(poll, {"since": "x"}).json()["count"] == 2
    assert client.get(reverse("articles:live-poll", args=[make_article().pk])).status_code == 404


def page_state(client, article) -> tuple[int, str, dict[int, str]]:
    """What the story's page tells its script: the newest update it holds, the version of
    its key events, and each update's version."""
    html = client.get(article.get_absolute_url()).content.decode()
    latest = int(re.search(r'data-live-latest="(\d+)"', html)[1])
    key_version = re.search(r'data-live-key-events data-version="(\w*)"', html)[1]
    versions = re.findall(r'id="update-(\d+)" data-update-id="\d+" data-version="([^"]*)"', html)
    return latest, key_version, {int(pk): version for pk, version in versions}


def test_the_poll_brings_edits_pins_and_deletions_of_the_updates_a_page_holds(client, editor):
    article = live_story()
    first = post(article, editor, "ผู้บาดเจ็บ 3 ราย")
    second = post(article, editor, "ปิดถนนราชดำเนิน")
    third = post(article, editor, "ข่าวลือที่ยังไม่ยืนยัน")
    since, key_version, versions = page_state(client, article)
    assert (since, versions) == (third.pk, {third.pk: "", second.pk: "", first.pk: ""})
    poll = reverse("articles:live-poll", args=[article.pk])
    data = client.get(poll, {"since": since}).json()
    assert data["changed"] == [] and data["key_events"]["version"] == key_version
    assert "key-events-heading" not in data["key_events"]["html"]

    live.update_edit(update=first, user=editor, body=live.text_to_html("ผู้บาดเจ็บ 4 ราย"))
    live.update_pin(update=second, user=editor, pinned=True)
    live.update_delete(update=third, user=editor)
    fourth = post(article, editor, "นายกฯ ลงพื้นที่", pinned=True)  # new: not a change
    data = client.get(poll, {"since": since}).json()
    assert [item["id"] for item in data["updates"]] == [fourth.pk]
    changed = {item["id"]: item for item in data["changed"]}
    assert [item["id"] for item in data["changed"]] == [third.pk, second.pk, first.pk]  # last first
    for update in (first, second, third):
        update.refresh_from_db()
        assert changed[update.pk]["version"] == update.version != ""
    edited = changed[first.pk]["html"]
    assert f'id="update-{first.pk}"' in edited and f'data-version="{first.version}"' in edited
    assert "ผู้บาดเจ็บ 4 ราย" in edited and "3 ราย" not in edited
    assert 'class="live-update live-update--key"' in changed[second.pk]["html"]
    removed = changed[third.pk]["html"]
    assert f'id="update-{third.pk}"' in removed and "อัปเดตนี้ถูกลบแล้ว" in removed
    assert "ข่าวลือ" not in removed
    # The key events of the updates the page holds: the newly pinned, not the new one.
    key_events = data["key_events"]
    assert key_events["version"] != key_version
    assert "ปิดถนนราชดำเนิน" in key_events["html"] and "นายกฯ" not in key_events["html"]

    # A page opened now shows what the poll brought, in the same versions.
    since, key_version, versions = page_state(client, article)
    assert versions == {fourth.pk: "", second.pk: second.version, first.pk: first.version}
    after = client.get(poll, {"since": since}).json()
    assert after["key_events"]["version"] == key_version
    assert "นายกฯ" in after["key_events"]["html"]
    english = client.get(f"/en{poll}", {"since": since}).json()
    assert "This update was removed." in english["changed"][0]["html"]


def test_a_change_of_an_update_answers_the_cached_poll_again(cached, editor):
    article = live_story()
    update = post(article, editor, "ก่อนแก้")
    poll = reverse("articles:live-poll", args=[article.pk]) + f"?since={update.pk}"
    cached.warm(poll)
    with cached.commit():
        live.update_edit(update=update, user=editor, body="<p>หลังแก้</p>")
    again = cached.get(poll)
    assert again["X-Page-Cache"] == "miss"
    assert "หลังแก้" in again.json()["changed"][0]["html"]
    with cached.commit():
        live.update_delete(update=update, user=editor)
    again = cached.get(poll)
    assert again["X-Page-Cache"] == "miss"
    assert "อัปเดตนี้ถูกลบแล้ว" in again.json()["changed"][0]["html"]


def test_a_conditional_poll_is_answered_304_without_a_query(
    cached, editor, django_assert_num_queries
):
    article = live_story()
    update = post(article, editor)
    poll = reverse("articles:live-poll", args=[article.pk]) + f"?since={update.pk}"
    cached.warm(poll)
    first = cached.get(poll)
    assert first.status_code == 200 and first.json()["count"] == 0
    assert set(first["Surrogate-Key"].split()) == {"all", f"live-{article.pk}"}
    assert "public" in first["Cache-Control"]
    with django_assert_num_queries(0):
        again = cached.get(poll, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    with django_assert_num_queries(0):
        assert cached.get(poll)["X-Page-Cache"] == "hit"


def test_posting_changes_the_story_its_cards_and_poll_and_no_other_story(cached, editor):
    article = live_story(title="น้ำท่วมหนัก")
    # Last edited two hours ago, so the cards' "updated" time can be seen to move.
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() - timedelta(hours=2))
    other = make_article(title="ข่าวอื่น", section=article.section)
    first = post(article, editor, "ก่อนหน้า")
    poll = reverse("articles:live-poll", args=[article.pk]) + f"?since={first.pk}"
    story, section = article.get_absolute_url(), article.section.get_absolute_url()
    cached.warm("/", story, section, other.get_absolute_url(), poll)
    with cached.commit():
        update = post(article, editor, "ล่าสุด: น้ำเริ่มลด")
    page = cached.get(story)
    assert page["X-Page-Cache"] == "miss" and update.pk in update_ids(page.content.decode())
    data = cached.get(poll)
    assert data["X-Page-Cache"] == "miss" and data.json()["count"] == 1
    article.refresh_from_db()
    assert article.modified_at == article.live_changed_at > article.updated_at
    # The card shows when the coverage last changed, not the story's own edit time.
    updated = timezone.localtime(article.live_changed_at).strftime("%H:%M")
    edited = timezone.localtime(article.updated_at).strftime("%H:%M")
    for url in ("/", section):
        response = cached.get(url)
        assert response["X-Page-Cache"] == "miss", url
        shown = card(response.content.decode(), article)
        assert f"{updated} น." in shown and f"{edited} น." not in shown  # "updated" moved
    assert cached.get(other.get_absolute_url())["X-Page-Cache"] == "hit"
    # Starting another story's coverage changes nothing here either.
    assert cached.get(story)["X-Page-Cache"] == "hit"
    with cached.commit():
        live.live_start(article=other, user=editor)
    assert cached.get(story)["X-Page-Cache"] == "hit"
    assert cached.get(poll)["X-Page-Cache"] == "hit"


def test_unpublishing_a_covered_story_takes_its_cached_poll_down(cached, editor):
    article = live_story()
    post(article, editor)
    poll = reverse("articles:live-poll", args=[article.pk])
    cached.warm(poll)
    with cached.commit():
        article.status = Article.Status.UNPUBLISHED
        article.save()
    assert cached.get(poll).status_code == 404
    now = timezone.now()
    leaving = live_story(unpublish_at=now + timedelta(minutes=5))
    assert live.next_end(now) == leaving.unpublish_at
    assert live.keys_ending(now, now + timedelta(minutes=6)) == {
        f"article-{leaving.pk}",
        f"headline-{leaving.pk}",
        f"live-{leaving.pk}",
    }


def test_editors_read_the_audit_trail_of_updates_and_reporters_do_not(client, editor, reporter):
    article = live_story(writers=[reporter])
    update = post(article, reporter, "ข้อความเดิมก่อนลบ")
    live.update_delete(update=update, user=editor)
    trail = reverse("admin:articles_liveupdaterevision_changelist")
    client.force_login(reporter)
    assert client.get(trail).status_code == 403
    client.force_login(editor)
    html = client.get(trail).content.decode()
    assert html.count("ข้อความเดิมก่อนลบ") == 2  # posted, then deleted: both kept
    assert "ลบ" in html and article.title in html
    assert client.get(reverse("admin:articles_liveupdaterevision_add")).status_code == 403
