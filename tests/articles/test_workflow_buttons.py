"""The story form's workflow buttons, pressed over HTTP by each role.

Each button is a submit button of the form (``_workflow``), so a press saves the edits
with the move; a refusal shows the form again with the text kept and nothing saved.
"""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, StatusChange
from newsroom.thai_dates import long_thai_date, thai_time
from tests.articles.test_admin import form_data
from tests.articles.test_workflow import post_change
from tests.factories import make_article, make_member

pytestmark = pytest.mark.django_db

STATUS = Article.Status
BUTTONS = ("submit", "publish", "schedule", "send_back", "unpublish")


@pytest.fixture
def reporter():
    user = make_member("reporter", "Reporter")
    user.first_name, user.last_name = "สมหญิง", "ใจดี"
    user.save()
    return user


@pytest.fixture
def editor():
    return make_member("editor", "Editor")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def thai_moment(value) -> str:
    return f"{long_thai_date(value)} เวลา {thai_time(value)}"


def press(client, article, button, **fields):
    """Open the story's form and press a workflow button with these edits."""
    return post_change(client, article, _workflow=button, **fields)


def message_of(response) -> str:
    [message] = list(get_messages(response.wsgi_request))
    return str(message)


def buttons_on(page) -> set[str]:
    content = page.content.decode()
    return {b for b in BUTTONS if f'name="_workflow" value="{b}"' in content}


def assert_refused(response, article, *, text: str, kept: str = "") -> None:
    """Shown again with the message and the writer's text; nothing saved or recorded."""
    assert response.status_code == 200
    content = response.content.decode()
    assert text in content
    if kept:
        assert kept in content
    before = (article.status, article.title, article.published_at, article.review_note)
    article.refresh_from_db()
    assert (article.status, article.title, article.published_at, article.review_note) == before
    assert not StatusChange.objects.exists()


class TestButtonsShown:
    def test_a_reporter_sees_only_submit_on_their_draft(self, client, reporter):
        article = make_article(status=STATUS.DRAFT, created_by=reporter)
        client.force_login(reporter)
        page = client.get(change_url(article))
        assert buttons_on(page) == {"submit"}
        assert 'name="status"' not in page.content.decode()  # no status menu

    def test_a_reporter_has_no_button_once_the_story_is_in_review(self, client, reporter):
        article = make_article(status=STATUS.IN_REVIEW, created_by=reporter)
        client.force_login(reporter)
        assert buttons_on(client.get(change_url(article))) == set()

    @pytest.mark.parametrize(
        ("status", "publish_in", "expected"),
        [
            (STATUS.DRAFT, None, {"submit", "publish", "schedule"}),
            (STATUS.IN_REVIEW, None, {"publish", "schedule", "send_back"}),
            (STATUS.PUBLISHED, timedelta(days=1), {"publish", "schedule", "unpublish"}),
            (STATUS.PUBLISHED, timedelta(hours=-1), {"unpublish"}),
            (STATUS.UNPUBLISHED, None, {"publish", "schedule"}),
        ],
    )
    def test_an_editor_sees_the_buttons_the_story_allows(
        self, client, editor, status, publish_in, expected
    ):
        published_at = timezone.now() + publish_in if publish_in else None
        article = make_article(status=status, published_at=published_at)
        client.force_login(editor)
        assert buttons_on(client.get(change_url(article))) == expected

    def test_the_status_line_says_who_moved_the_story_last_and_when(self, client, reporter):
        article = make_article(status=STATUS.DRAFT, created_by=reporter)
        client.force_login(reporter)
        press(client, article, "submit")
        change = StatusChange.objects.get()
        line = client.get(change_url(article)).content.decode().split('class="readonly"')[1]
        line = line.split("</div>")[0]
        assert "รอตรวจ · เปลี่ยนล่าสุดโดย สมหญิง ใจดี เมื่อ" in line
        assert thai_moment(change.changed_at) in line and "พ.ศ." in line


class TestReporter:
    def test_submits_their_draft_with_its_edits(self, client, reporter):
        article = make_article(status=STATUS.DRAFT, created_by=reporter, title="ร่างแรก")
        client.force_login(reporter)
        response = press(client, article, "submit", title="พาดหัวที่แก้แล้ว", body="<p>เนื้อใหม่</p>")
        assert response.status_code == 302
        assert response["Location"] == change_url(article)
        article.refresh_from_db()
        assert article.status == STATUS.IN_REVIEW
        assert (article.title, article.body) == ("พาดหัวที่แก้แล้ว", "<p>เนื้อใหม่</p>")
        change = StatusChange.objects.get()
        assert (change.from_status, change.to_status, change.changed_by) == (
            STATUS.DRAFT,
            STATUS.IN_REVIEW,
            reporter,
        )
        revision = article.revisions.get()
        assert revision.snapshot["title"] == "พาดหัวที่แก้แล้ว"
        assert revision.snapshot["status"] == STATUS.IN_REVIEW
        assert message_of(response) == (
            f"ส่ง “พาดหัวที่แก้แล้ว” ให้บรรณาธิการตรวจแล้ว เมื่อ{thai_moment(change.changed_at)}"
        )

    def test_submits_a_new_story_from_the_add_form(self, client, reporter):
        client.force_login(reporter)
        add = reverse("admin:articles_article_add")
        page = client.get(add)
        assert buttons_on(page) == {"submit"}
        section = make_article().section
        response = client.post(
            add, form_data(page, title="ข่าวใหม่ส่งเลย", section=section.pk, _workflow="submit")
        )
        assert response.status_code == 302
        article = Article.objects.get(title="ข่าวใหม่ส่งเลย")
        assert (article.status, article.created_by) == (STATUS.IN_REVIEW, reporter)
        change = StatusChange.objects.get(article=article)
        assert (change.from_status, change.to_status) == ("", STATUS.IN_REVIEW)

    @pytest.mark.parametrize("button", ["publish", "schedule", "send_back", "unpublish"])
    def test_an_editors_button_pressed_by_a_reporter_is_refused(self, client, reporter, button):
        article = make_article(status=STATUS.DRAFT, created_by=reporter, title="ร่างของฉัน")
        client.force_login(reporter)
        later = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT09:00")
        response = press(
            client,
            article,
            button,
            title="พาดหัวที่ยังไม่บันทึก",
            workflow_when=later,
            workflow_note="บันทึก",
        )
        assert_refused(response, article, text="เฉพาะบรรณาธิการเท่านั้นที่ทำ", kept="พาดหัวที่ยังไม่บันทึก")

    def test_cannot_submit_someone_elses_draft(self, client, reporter):
        article = make_article(
            status=STATUS.DRAFT, created_by=make_member("other", "Reporter"), title="ของคนอื่น"
        )
        client.force_login(reporter)
        page = client.get(reverse("admin:articles_article_add"))  # any form, for its fields
        data = form_data(page, title="ยึดข่าว", section=article.section_id, _workflow="submit")
        response = client.post(change_url(article), data)
        assert response.status_code == 403
        article.refresh_from_db()
        assert (article.status, article.title) == (STATUS.DRAFT, "ของคนอื่น")
        assert not StatusChange.objects.exists()

    def test_an_unknown_button_is_refused(self, client, reporter):
        article = make_article(status=STATUS.DRAFT, created_by=reporter)
        client.force_login(reporter)
        response = press(client, article, "delete_everything")
        assert_refused(response, article, text="ไม่มีขั้นตอนงานนี้")


class TestEditor:
    def test_publishes_now_and_readers_see_it(self, client, editor):
        article = make_article(status=STATUS.IN_REVIEW, title="ข่าวพร้อมแล้ว")
        client.force_login(editor)
        response = press(client, article, "publish")
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.status == STATUS.PUBLISHED and article.is_public
        change = StatusChange.objects.get()
        assert (change.from_status, change.to_status) == (STATUS.IN_REVIEW, STATUS.PUBLISHED)
        assert message_of(response) == (
            f"เผยแพร่ “ข่าวพร้อมแล้ว” ทันทีแล้ว เมื่อ{thai_moment(change.changed_at)} ข่าวขึ้นเว็บไซต์แล้ว"
        )
        client.logout()
        assert "ข่าวพร้อมแล้ว" in client.get(article.get_absolute_url()).content.decode()

    def test_publish_now_brings_a_scheduled_story_forward(self, client, editor):
        article = make_article(published_at=timezone.now() + timedelta(days=2))
        client.force_login(editor)
        assert press(client, article, "publish").status_code == 302
        article.refresh_from_db()
        assert article.is_public and article.published_at <= timezone.now()

    def test_schedules_with_the_picker_and_the_message_gives_the_buddhist_era_time(
        self, client, editor
    ):
        article = make_article(status=STATUS.IN_REVIEW, title="ข่าวตั้งเวลา")
        client.force_login(editor)
        day = (timezone.localtime() + timedelta(days=2)).date()
        response = press(client, article, "schedule", workflow_when=f"{day.isoformat()}T09:00")
        assert response.status_code == 302
        article.refresh_from_db()
        local = timezone.localtime(article.published_at)
        assert (local.date(), local.hour, local.minute) == (day, 9, 0)
        assert article.status == STATUS.PUBLISHED and not article.is_public
        assert list(Article.objects.scheduled()) == [article]
        assert StatusChange.objects.get().to_status == STATUS.PUBLISHED
        assert message_of(response) == (
            f"“ข่าวตั้งเวลา” จะขึ้นเว็บไซต์เมื่อ{long_thai_date(day)} เวลา 09:00 น."
        )
        page = client.get(change_url(article)).content.decode()
        assert f"ตั้งเวลาเผยแพร่ไว้ {long_thai_date(day)} เวลา 09:00 น." in page  # status line
        assert f'value="{day.isoformat()}T09:00"' in page  # the picker shows the time set

    def test_a_buddhist_era_year_typed_in_the_picker_is_understood(self, client, editor):
        article = make_article(status=STATUS.IN_REVIEW)
        client.force_login(editor)
        day = (timezone.localtime() + timedelta(days=2)).date()
        typed = f"{day.year + 543}-{day:%m-%d}T18:30"
        assert press(client, article, "schedule", workflow_when=typed).status_code == 302
        article.refresh_from_db()
        local = timezone.localtime(article.published_at)
        assert (local.date(), local.hour, local.minute) == (day, 18, 30)

    def test_a_time_in_the_past_is_refused_with_the_text_kept(self, client, editor):
        article = make_article(status=STATUS.IN_REVIEW, title="ข่าวรอตรวจ")
        client.force_login(editor)
        past = timezone.localtime() - timedelta(hours=1)
        response = press(
            client,
            article,
            "schedule",
            title="พาดหัวใหม่ของบรรณาธิการ",
            workflow_when=past.strftime("%Y-%m-%dT%H:%M"),
        )
        assert_refused(response, article, text="เวลานี้ผ่านไปแล้ว", kept="พาดหัวใหม่ของบรรณาธิการ")
        assert f"({thai_moment(past)})" in response.content.decode()  # the time as read
        assert 'id="workflow-schedule" open' in response.content.decode()

    def test_scheduling_without_a_time_is_refused(self, client, editor):
        article = make_article(status=STATUS.IN_REVIEW)
        client.force_login(editor)
        response = press(client, article, "schedule", workflow_when="")
        assert_refused(response, article, text="กรอกทั้งวันที่และเวลา")

    def test_sends_back_with_a_note_the_reporter_sees(self, client, editor, reporter):
        article = make_article(status=STATUS.IN_REVIEW, created_by=reporter, title="ข่าวขาดแหล่ง")
        client.force_login(editor)
        response = press(client, article, "send_back", workflow_note="ขอแหล่งข่าวเพิ่มอีกหนึ่งราย")
        assert response.status_code == 302
        article.refresh_from_db()
        assert (article.status, article.review_note) == (STATUS.DRAFT, "ขอแหล่งข่าวเพิ่มอีกหนึ่งราย")
        change = StatusChange.objects.get()
        assert (change.to_status, change.note) == (STATUS.DRAFT, "ขอแหล่งข่าวเพิ่มอีกหนึ่งราย")
        assert message_of(response) == (
            "ส่ง “ข่าวขาดแหล่ง” กลับไปให้ สมหญิง ใจดี พร้อมบันทึกของคุณแล้ว "
            f"เมื่อ{thai_moment(change.changed_at)}"
        )
        client.force_login(reporter)
        page = client.get(change_url(article)).content.decode()
        note = page.split('<p class="errornote">')[1].split("</p>")[0]
        assert "บรรณาธิการส่งกลับ:" in note and "ขอแหล่งข่าวเพิ่มอีกหนึ่งราย" in note
        assert buttons_on(client.get(change_url(article))) == {"submit"}

    def test_sending_back_without_a_note_is_refused_with_the_text_kept(self, client, editor):
        article = make_article(status=STATUS.IN_REVIEW, title="ข่าวรอตรวจ")
        client.force_login(editor)
        response = press(
            client, article, "send_back", title="พาดหัวที่บรรณาธิการแก้", workflow_note="   "
        )
        assert_refused(
            response,
            article,
            text="เขียนบันทึกว่าผู้สื่อข่าวควรแก้อะไร",
            kept="พาดหัวที่บรรณาธิการแก้",
        )
        assert 'id="workflow-send-back" open' in response.content.decode()

    def test_unpublishes_and_the_story_leaves_the_site(self, client, editor):
        article = make_article(title="ข่าวที่ต้องถอด")
        assert client.get(article.get_absolute_url()).status_code == 200
        client.force_login(editor)
        response = press(client, article, "unpublish")
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.status == STATUS.UNPUBLISHED
        change = StatusChange.objects.get()
        assert (change.from_status, change.to_status) == (STATUS.PUBLISHED, STATUS.UNPUBLISHED)
        assert message_of(response) == (
            f"ยกเลิกการเผยแพร่ “ข่าวที่ต้องถอด” แล้ว เมื่อ{thai_moment(change.changed_at)} "
            "ข่าวนี้ไม่อยู่บนเว็บไซต์แล้ว"
        )
        client.logout()
        assert client.get(article.get_absolute_url()).status_code == 404

    def test_a_button_the_story_no_longer_allows_is_refused(self, client, editor):
        """Say another editor published it meanwhile: send back is not offered any more."""
        article = make_article(title="ข่าวเผยแพร่แล้ว")
        client.force_login(editor)
        response = press(client, article, "send_back", workflow_note="ส่งกลับ")
        assert_refused(response, article, text="ไม่ได้ เพราะข่าวนี้อยู่ในสถานะ “เผยแพร่แล้ว”")

    def test_a_button_pressed_on_a_stale_copy_is_refused(self, client, editor):
        """Someone saved the story after this editor opened it: nothing moves."""
        article = make_article(status=STATUS.IN_REVIEW, title="ข่าวที่มีคนแก้")
        client.force_login(editor)
        page = client.get(change_url(article))
        Article.objects.filter(pk=article.pk).update(version=article.version + 1)
        data = form_data(page, title="ฉบับเก่า", section=article.section_id, _workflow="publish")
        response = client.post(change_url(article), data)
        assert_refused(response, article, text="มีคนอื่นบันทึก", kept="ฉบับเก่า")

    def test_publishes_a_new_story_from_the_add_form(self, client, editor):
        client.force_login(editor)
        add = reverse("admin:articles_article_add")
        page = client.get(add)
        section = make_article().section
        response = client.post(
            add, form_data(page, title="ข่าวด่วนใหม่", section=section.pk, _workflow="publish")
        )
        assert response.status_code == 302
        article = Article.objects.get(title="ข่าวด่วนใหม่")
        assert article.is_public
        assert "ข่าวด่วนใหม่" in message_of(response)

    def test_the_message_is_english_with_a_common_era_time_for_english_users(
        self, client, editor, settings
    ):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        article = make_article(status=STATUS.IN_REVIEW, title="Flood story")
        client.force_login(editor)
        day = (timezone.localtime() + timedelta(days=2)).date()
        response = press(client, article, "schedule", workflow_when=f"{day.isoformat()}T09:00")
        assert message_of(response) == (
            f"“Flood story” will appear on the site on {day:%A} {day.day} {day:%B %Y}, 09:00."
        )


class TestViewOnSite:
    @pytest.mark.parametrize(
        ("status", "publish_in"),
        [
            (STATUS.DRAFT, None),
            (STATUS.IN_REVIEW, None),
            (STATUS.PUBLISHED, timedelta(days=1)),  # scheduled
            (STATUS.UNPUBLISHED, None),
        ],
    )
    def test_an_unpublished_story_opens_its_preview(self, client, editor, status, publish_in):
        published_at = timezone.now() + publish_in if publish_in else None
        article = make_article(status=status, published_at=published_at, title="ยังไม่ออก")
        client.force_login(editor)
        page = client.get(change_url(article))
        preview = reverse("admin:articles_article_preview", args=[article.pk])
        assert page.context["absolute_url"] == preview
        assert f'<a href="{preview}" class="viewsitelink">' in page.content.decode()
        assert "ยังไม่ออก" in client.get(preview).content.decode()

    def test_a_published_story_opens_its_public_page(self, client, editor):
        article = make_article(title="ออกแล้ว")
        client.force_login(editor)
        page = client.get(change_url(article))
        assert page.context["absolute_url"] == article.get_absolute_url()
        client.logout()
        assert "ออกแล้ว" in client.get(article.get_absolute_url()).content.decode()
