"""Autosave of the story form (articles/autosave.py): kept apart from the story, offered
back on the form, never saved over anyone's save."""

import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.autosave import KEEP_FOR, MAX_BYTES
from articles.models import Article, Autosave, Revision
from newsroom.thai_dates import THAI_MONTHS_ABBR
from tests.articles.test_admin import form_data
from tests.factories import make_article, make_member, make_section

pytestmark = pytest.mark.django_db


def save_url(article=None) -> str:
    if article is None:
        return reverse("admin:articles_article_autosave_new")
    return reverse("admin:articles_article_autosave", args=[article.pk])


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def post_json(client, url, payload, **extra):
    body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    return client.post(url, body, content_type="application/json", **extra)


def thai_when(value) -> str:
    """The banner's time, worked out here by hand: Bangkok time, Buddhist-era year."""
    local = timezone.localtime(value)
    month = THAI_MONTHS_ABBR[local.month - 1]
    return f"{local.day} {month} {(local.year + 543) % 100:02d} {local:%H:%M} น."


@pytest.fixture
def reporter(client):
    user = make_member("reporter1", "Reporter")
    user.first_name, user.last_name = "สมศรี", "ใจดี"
    user.save()
    client.force_login(user)
    return user


@pytest.fixture
def draft(reporter):
    article = make_article(title="ข่าวเดิม", body="<p>เนื้อข่าวเดิม</p>", status=Article.Status.DRAFT)
    Article.objects.filter(pk=article.pk).update(
        created_by=reporter, updated_at=timezone.now() - timedelta(hours=2)
    )
    article.refresh_from_db()
    return article


def autosave_at(article, user, minutes_ago: int, **kw) -> Autosave:
    kw.setdefault("data", {"title": "หัวข่าวใหม่", "standfirst": "", "body": "<p>ใหม่</p>"})
    kw.setdefault("based_on_version", article.version if article else None)
    return Autosave.objects.create(
        article=article,
        user=user,
        saved_at=timezone.now() - timedelta(minutes=minutes_ago),
        **kw,
    )


def offered_texts(page: str) -> dict:
    found = re.search(r'<script id="autosave-offers" type="application/json">(.*?)</script>', page)
    return json.loads(found.group(1))


class TestEndpoint:
    def test_keeps_the_text_apart_and_leaves_the_story_untouched(self, client, reporter, draft):
        before = Article.objects.values().get(pk=draft.pk)
        payload = {
            "data": {"title": "หัวข่าวที่พิมพ์ค้างไว้", "standfirst": "โปรย", "body": "<p>ร่าง</p>"},
            "based_on_version": draft.version,
        }
        response = post_json(client, save_url(draft), payload)
        assert response.status_code == 200
        assert "บันทึกอัตโนมัติ" in response.json()["message"]

        row = Autosave.objects.get()
        assert (row.article, row.user, row.based_on_version) == (draft, reporter, 1)
        assert row.data == payload["data"]
        assert Article.objects.values().get(pk=draft.pk) == before

    def test_one_row_per_story_and_writer_holding_the_latest_text(self, client, reporter, draft):
        for title in ["ร่างแรก", "ร่างที่สอง"]:
            body = {"data": {"title": title}, "based_on_version": 1}
            assert post_json(client, save_url(draft), body).status_code == 200
        row = Autosave.objects.get()
        assert row.data == {"title": "ร่างที่สอง", "standfirst": "", "body": ""}

    def test_a_new_story_is_kept_as_the_writers_new_story(self, client, reporter):
        payload = {"data": {"title": "ข่าวใหม่ยังไม่บันทึก"}, "based_on_version": None}
        for _ in range(2):
            assert post_json(client, save_url(), payload).status_code == 200
        row = Autosave.objects.get()
        assert (row.article, row.user, row.data["title"]) == (None, reporter, "ข่าวใหม่ยังไม่บันทึก")

    def test_the_body_is_cleaned_like_a_story_body(self, client, reporter, draft):
        body = '<p onclick="x()">ข้อความ</p><script>alert(1)</script>'
        assert post_json(client, save_url(draft), {"data": {"body": body}}).status_code == 200
        assert Autosave.objects.get().data["body"] == "<p>ข้อความ</p>"

    def test_a_reporter_may_not_autosave_someone_elses_story(self, client, reporter):
        others = make_article(status=Article.Status.DRAFT)
        response = post_json(client, save_url(others), {"data": {"title": "แอบแก้"}})
        assert response.status_code == 403
        assert not Autosave.objects.exists()

    def test_a_reporter_may_not_autosave_their_published_story(self, client, reporter, draft):
        Article.objects.filter(pk=draft.pk).update(
            status=Article.Status.PUBLISHED, published_at=timezone.now()
        )
        assert post_json(client, save_url(draft), {"data": {"title": "x"}}).status_code == 403
        assert not Autosave.objects.exists()

    def test_a_moderator_may_not_autosave_a_new_story(self, client):
        client.force_login(make_member("mod", "Moderator"))
        assert post_json(client, save_url(), {"data": {"title": "x"}}).status_code == 403
        assert not Autosave.objects.exists()

    def test_an_unknown_story_is_not_found(self, client, reporter):
        url = reverse("admin:articles_article_autosave", args=[987654])
        assert post_json(client, url, {"data": {"title": "x"}}).status_code == 404

    def test_the_csrf_token_is_required(self, reporter, draft):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(reporter)
        payload = {"data": {"title": "ร่าง"}, "based_on_version": 1}
        assert post_json(browser, save_url(draft), payload).status_code == 403
        assert not Autosave.objects.exists()

        browser.get(change_url(draft))  # sets the CSRF cookie, as opening the form does
        token = browser.cookies["csrftoken"].value
        response = post_json(browser, save_url(draft), payload, HTTP_X_CSRFTOKEN=token)
        assert response.status_code == 200
        assert Autosave.objects.get().data["title"] == "ร่าง"

    def test_a_payload_over_the_limit_is_refused(self, client, reporter, draft):
        payload = {"data": {"body": "<p>" + "ก" * (MAX_BYTES // 3) + "</p>"}}
        response = post_json(client, save_url(draft), payload)
        assert response.status_code == 413
        assert "ยาวเกิน" in response.json()["error"]
        assert not Autosave.objects.exists()

    @pytest.mark.parametrize(
        "payload",
        [
            "{not json",
            b"\xff\xfe",
            "[]",
            {"data": "หัวข่าว"},
            {"data": {"title": ["list"]}},
            {"data": {"status": "published"}},
            {"data": {"title": "x"}, "based_on_version": "1"},
            {"data": {"title": "x"}, "based_on_version": 0},
        ],
    )
    def test_malformed_input_is_a_bad_request(self, client, reporter, draft, payload):
        response = post_json(client, save_url(draft), payload)
        assert response.status_code == 400
        assert response.json()["error"]
        assert not Autosave.objects.exists()

    def test_only_post_is_answered(self, client, reporter, draft):
        assert client.get(save_url(draft)).status_code == 405

    def test_discard_forgets_only_the_users_own_autosave(self, client, reporter, draft):
        editor = make_member("editor1", "Editor")
        autosave_at(draft, reporter, 5)
        theirs = autosave_at(draft, editor, 3)
        url = reverse("admin:articles_article_autosave_discard", args=[draft.pk])
        assert client.post(url).status_code == 204
        assert list(Autosave.objects.all()) == [theirs]


class TestNormalSave:
    def test_saving_the_story_deletes_the_writers_autosave_only(self, client, reporter, draft):
        editor = make_member("editor1", "Editor")
        autosave_at(draft, reporter, 5)
        autosave_at(draft, editor, 4)
        response = client.get(change_url(draft))
        data = form_data(response, title="หัวข่าวที่บันทึก", section=draft.section_id, body="<p>x</p>")
        assert client.post(change_url(draft), data).status_code == 302

        assert list(Autosave.objects.values_list("user__username", flat=True)) == ["editor1"]
        # The editor's autosave is older than this save now: still offered (never lose a
        # draft), marked as overtaken by the reporter's save.
        client.force_login(editor)
        page = client.get(change_url(draft)).text
        assert "data-autosave=" in page
        assert "autosave-offer--stale" in page

    def test_saving_a_new_story_deletes_the_new_story_autosave(self, client, reporter):
        autosave_at(None, reporter, 5)
        add = reverse("admin:articles_article_add")
        data = form_data(client.get(add), title="ข่าวใหม่", section=make_section().pk)
        assert client.post(add, data).status_code == 302
        assert Article.objects.get().title == "ข่าวใหม่"
        assert not Autosave.objects.exists()

    def test_a_refused_save_keeps_the_autosave_and_offers_nothing(self, client, reporter, draft):
        autosave_at(draft, reporter, 5)
        data = form_data(client.get(change_url(draft)), title="", section=draft.section_id)
        response = client.post(change_url(draft), data)
        assert response.status_code == 200  # the form again, with the error
        assert Autosave.objects.count() == 1
        # The form holds the text just sent, so it offers no other and says so to the script.
        assert "data-unsaved" in response.text
        assert "data-autosave=" not in response.text


class TestBanner:
    def test_offers_another_writers_autosave_with_the_buddhist_era_time_and_name(
        self, client, reporter, draft
    ):
        row = autosave_at(draft, reporter, 20)
        editor = make_member("editor1", "Editor")
        client.force_login(editor)
        page = client.get(change_url(draft)).text
        assert f'data-autosave="{row.pk}"' in page
        assert f"กู้คืนข้อความที่ สมศรี ใจดี เขียนค้างไว้ ซึ่งบันทึกอัตโนมัติเมื่อ {thai_when(row.saved_at)}" in page
        assert "ข้อความนี้เขียนก่อน" not in page  # not stale: nobody saved since
        # The text to restore travels as JSON data, never as script.
        assert offered_texts(page) == {str(row.pk): row.data}

    def test_offers_the_writer_their_own_autosave(self, client, reporter, draft):
        row = autosave_at(draft, reporter, 20)
        page = client.get(change_url(draft)).text
        assert f"กู้คืนข้อความที่คุณเขียนค้างไว้ ซึ่งบันทึกอัตโนมัติเมื่อ {thai_when(row.saved_at)}" in page
        assert "data-own" in page

    def test_in_english_the_time_is_gregorian(self, client, reporter, draft):
        row = autosave_at(draft, reporter, 20)
        client.cookies["newsroom_language"] = "en"
        page = client.get(change_url(draft)).text
        local = timezone.localtime(row.saved_at)
        expected = f"{local.day} {local:%b %Y %H:%M}"
        assert f"Restore the text you were writing, autosaved at {expected}?" in page

    def test_an_autosave_written_before_someone_elses_save_says_so(self, client, reporter, draft):
        editor = make_member("editor1", "Editor")
        editor.first_name = "บรรณาธิการ"
        editor.save()
        # The reporter opened version 1; the editor saved version 2 half an hour ago;
        # the reporter kept typing on the old copy and it was autosaved ten minutes ago.
        Article.objects.filter(pk=draft.pk).update(version=2, title="ข่าวที่บรรณาธิการแก้")
        saved = Revision.objects.create(
            article=draft,
            created_by=editor,
            created_at=timezone.now() - timedelta(minutes=30),
            snapshot={},
        )
        autosave_at(draft, reporter, 10, based_on_version=1)
        page = client.get(change_url(draft)).text
        assert "autosave-offer--stale" in page
        assert f"ข้อความนี้เขียนก่อนที่ บรรณาธิการ บันทึกข่าวเมื่อ {thai_when(saved.created_at)}" in page
        assert "เปรียบเทียบกันก่อนบันทึก" in page

    def test_an_autosave_overtaken_by_someone_elses_save_is_offered_as_stale(
        self, client, reporter, draft
    ):
        row = autosave_at(draft, reporter, 60)
        Autosave.objects.filter(pk=row.pk).update(based_on_version=draft.version)
        editor = make_member("editor1", "Editor")
        Article.objects.filter(pk=draft.pk).update(version=draft.version + 1)
        Revision.objects.create(
            article=draft, created_by=editor, created_at=timezone.now(), snapshot={}
        )
        page = client.get(change_url(draft)).text
        assert f'data-autosave="{row.pk}"' in page
        assert "autosave-offer--stale" in page

    def test_an_autosave_saying_what_the_story_says_is_not_offered(self, client, reporter, draft):
        data = {"title": draft.title, "standfirst": draft.standfirst, "body": draft.body}
        autosave_at(draft, reporter, 5, data=data)
        assert "data-autosave=" not in client.get(change_url(draft)).text

    def test_the_add_page_offers_only_the_users_own_new_story(self, client, reporter):
        mine = autosave_at(None, reporter, 5, data={"title": "ข่าวใหม่ของฉัน"})
        other = make_member("reporter2", "Reporter")
        autosave_at(None, other, 5, data={"title": "ข่าวใหม่ของคนอื่น"})
        page = client.get(reverse("admin:articles_article_add")).text
        assert f'data-autosave="{mine.pk}"' in page
        assert offered_texts(page) == {str(mine.pk): {"title": "ข่าวใหม่ของฉัน"}}

    def test_autosaves_past_their_time_are_deleted_when_a_form_is_opened(
        self, client, reporter, draft
    ):
        autosave_at(draft, reporter, int((KEEP_FOR + timedelta(minutes=1)).total_seconds() / 60))
        recent = autosave_at(None, reporter, 5)
        client.get(reverse("admin:articles_article_add"))
        assert list(Autosave.objects.all()) == [recent]
