"""The editorial workflow, driven over HTTP through the admin for each role."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from articles import preview
from articles.models import Article, Correction, Revision, StatusChange
from tests.articles.test_admin import add_inline_rows, form_data
from tests.factories import make_article, make_member, make_person

pytestmark = pytest.mark.django_db

STATUS = Article.Status


def member(role: str, username: str | None = None):
    return make_member(username or role.lower(), role)


@pytest.fixture
def reporter():
    return member("Reporter")


@pytest.fixture
def editor():
    return member("Editor")


@pytest.fixture
def moderator():
    return member("Moderator")


def as_user(client, user):
    client.force_login(user)
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def post_change(client, article, **fields):
    page = client.get(change_url(article))
    assert page.status_code == 200
    # form_data carries the times the page shows (a published story's publish time).
    values = {"title": article.title, "section": article.section_id}
    data = form_data(page, **(values | fields))
    return client.post(change_url(article), data)


def run_action(client, action, *articles):
    return client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [a.pk for a in articles]},
        follow=True,
    )


class TestRolesExist:
    def test_the_data_migration_made_the_three_roles(self):
        names = set(Group.objects.values_list("name", flat=True))
        assert {"Reporter", "Editor", "Moderator"} <= names
        editor = Group.objects.get(name="Editor")
        assert editor.permissions.filter(codename="publish_article").exists()
        assert (
            not Group.objects.get(name="Reporter")
            .permissions.filter(codename="publish_article")
            .exists()
        )


@pytest.mark.parametrize(
    ("role", "url_name", "expected"),
    [
        ("Reporter", "admin:articles_article_add", 200),
        ("Editor", "admin:articles_article_add", 200),
        ("Moderator", "admin:articles_article_add", 403),
        ("Reporter", "admin:articles_section_add", 403),
        ("Editor", "admin:articles_section_add", 200),
        ("Reporter", "admin:articles_advert_add", 403),
        ("Editor", "admin:articles_advert_add", 200),
        ("Reporter", "admin:people_person_add", 200),
        ("Moderator", "admin:people_person_add", 403),
        ("Reporter", "admin:comments_comment_changelist", 403),
        ("Editor", "admin:comments_comment_changelist", 200),
        ("Moderator", "admin:comments_comment_changelist", 200),
        ("Moderator", "admin:articles_article_changelist", 403),
    ],
)
def test_permission_matrix_of_pages(client, role, url_name, expected):
    as_user(client, member(role))
    assert client.get(reverse(url_name)).status_code == expected


def test_only_editors_may_delete_people(client):
    person = make_person()
    url = reverse("admin:people_person_delete", args=[person.pk])
    assert as_user(client, member("Reporter")).get(url).status_code == 403
    assert as_user(client, member("Editor")).get(url).status_code == 200


class TestReporter:
    def test_edits_own_draft(self, client, reporter):
        article = make_article(status=STATUS.DRAFT, created_by=reporter)
        response = post_change(as_user(client, reporter), article, title="แก้พาดหัวแล้ว")
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.title == "แก้พาดหัวแล้ว"

    def test_cannot_edit_someone_elses_draft(self, client, reporter):
        article = make_article(status=STATUS.DRAFT, created_by=member("Reporter", "other"))
        client = as_user(client, reporter)
        response = client.post(change_url(article), {"title": "ยึดข่าว"})
        assert response.status_code == 403
        article.refresh_from_db()
        assert article.title != "ยึดข่าว"

    def test_cannot_edit_own_story_once_published(self, client, reporter):
        article = make_article(created_by=reporter)  # published
        client = as_user(client, reporter)
        assert client.get(change_url(article)).status_code == 200  # read-only view
        assert client.post(change_url(article), {"title": "แก้หลังเผยแพร่"}).status_code == 403
        article.refresh_from_db()
        assert article.title != "แก้หลังเผยแพร่"

    def test_forged_publish_in_the_form_is_refused_with_a_message_and_nothing_changes(
        self, client, reporter
    ):
        article = make_article(status=STATUS.DRAFT, created_by=reporter, title="ร่างข่าว")
        response = post_change(
            as_user(client, reporter), article, title="เปลี่ยนแล้ว", _workflow="publish"
        )
        assert response.status_code == 200
        assert response.context["adminform"].form.non_field_errors()
        article.refresh_from_db()
        assert (article.status, article.title) == (STATUS.DRAFT, "ร่างข่าว")
        assert not StatusChange.objects.exists()

    def test_a_status_sent_with_the_form_is_ignored(self, client, reporter):
        """The status moves only by the workflow buttons, never by a posted field."""
        article = make_article(status=STATUS.DRAFT, created_by=reporter)
        response = post_change(as_user(client, reporter), article, status="published")
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.status == STATUS.DRAFT
        assert not StatusChange.objects.exists()

    def test_submits_for_review_and_the_move_is_audited(self, client, reporter):
        article = make_article(status=STATUS.DRAFT, created_by=reporter)
        response = post_change(as_user(client, reporter), article, _workflow="submit")
        assert response.status_code == 302
        change = StatusChange.objects.get()
        assert (change.from_status, change.to_status, change.changed_by) == (
            STATUS.DRAFT,
            STATUS.IN_REVIEW,
            reporter,
        )

    def test_publish_action_is_not_offered_and_refused_when_forged(self, client, reporter):
        article = make_article(status=STATUS.DRAFT, created_by=reporter)
        client = as_user(client, reporter)
        changelist = client.get(reverse("admin:articles_article_changelist")).content.decode()
        assert 'value="publish_now"' not in changelist
        assert 'value="submit_for_review"' in changelist
        run_action(client, "publish_now", article)
        article.refresh_from_db()
        assert article.status == STATUS.DRAFT

    def test_publish_fields_are_not_editable_by_a_reporter(self, client, reporter):
        article = make_article(status=STATUS.DRAFT, created_by=reporter)
        future = timezone.now() + timedelta(days=1)
        response = post_change(
            as_user(client, reporter),
            article,
            breaking_until_0=future.date().isoformat(),
            breaking_until_1="10:00:00",
        )
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.breaking_until is None


class TestEditor:
    def test_publishes_with_the_action_and_it_is_audited(self, client, editor):
        article = make_article(status=STATUS.IN_REVIEW)
        run_action(as_user(client, editor), "publish_now", article)
        article.refresh_from_db()
        assert article.status == STATUS.PUBLISHED and article.is_public
        assert StatusChange.objects.get().to_status == STATUS.PUBLISHED

    def test_sends_a_story_back_with_a_note_the_reporter_sees(self, client, editor, reporter):
        article = make_article(status=STATUS.IN_REVIEW, created_by=reporter)
        response = post_change(
            as_user(client, editor), article, _workflow="send_back", workflow_note="ขอแหล่งข่าวเพิ่ม"
        )
        assert response.status_code == 302
        page = as_user(client, reporter).get(change_url(article)).content.decode()
        assert "ขอแหล่งข่าวเพิ่ม" in page
        assert StatusChange.objects.get().note == "ขอแหล่งข่าวเพิ่ม"

    def test_schedules_a_story_which_appears_at_its_time(self, client, editor, monkeypatch):
        article = make_article(status=STATUS.IN_REVIEW)
        when = timezone.localtime() + timedelta(hours=2)
        response = post_change(
            as_user(client, editor),
            article,
            _workflow="schedule",
            workflow_when=when.strftime("%Y-%m-%dT%H:%M"),
        )
        assert response.status_code == 302
        assert not Article.objects.published().exists()
        assert list(Article.objects.scheduled()) == [article]
        later = timezone.now() + timedelta(hours=2, seconds=1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        assert list(Article.objects.published()) == [article]

    def test_unpublish_time_takes_a_story_down_by_itself(self, monkeypatch):
        now = timezone.now()
        article = make_article(unpublish_at=now + timedelta(minutes=5))
        assert list(Article.objects.published()) == [article]
        monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=5))
        assert not Article.objects.published().exists()

    def test_adds_a_correction_shown_on_the_page_and_in_json_ld(self, client, editor):
        article = make_article(title="ข่าวที่ต้องแก้")
        before = article.updated_at
        client = as_user(client, editor)
        page = client.get(change_url(article))
        data = form_data(
            page,
            title=article.title,
            section=article.section_id,
            published_at_0=timezone.localtime(article.published_at).date().isoformat(),
            published_at_1=timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        )
        now = timezone.localtime()
        add_inline_rows(
            data,
            page,
            "correction",
            [
                {
                    "text": "ชื่อผู้ให้สัมภาษณ์สะกดผิด แก้ไขแล้ว",
                    "created_at_0": now.date().isoformat(),
                    "created_at_1": now.strftime("%H:%M:%S"),
                }
            ],
        )
        response = client.post(change_url(article), data)
        assert response.status_code == 302, response.context["errors"]
        correction = Correction.objects.get()
        article.refresh_from_db()
        assert article.updated_at > before
        client.logout()
        story = client.get(article.get_absolute_url()).content.decode()
        assert "ชื่อผู้ให้สัมภาษณ์สะกดผิด แก้ไขแล้ว" in story.split('id="corrections-heading"')[1]
        ld = json.loads(story.split('<script type="application/ld+json">')[1].split("</script>")[0])
        news = ld[0] if isinstance(ld, list) else ld
        assert news["correction"][0]["text"] == correction.text


class TestStaleSave:
    def test_the_second_save_of_a_stale_copy_is_refused_and_keeps_the_text(self, client, editor):
        article = make_article(title="ต้นฉบับ")
        first, second = client, type(client)()
        as_user(first, editor)
        as_user(second, member("Editor", "editor2"))
        first_page, second_page = first.get(change_url(article)), second.get(change_url(article))
        common = {
            "section": article.section_id,
            "published_at_0": timezone.localtime(article.published_at).date().isoformat(),
            "published_at_1": timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        }
        assert (
            first.post(
                change_url(article), form_data(first_page, title="ฉบับแรก", **common)
            ).status_code
            == 302
        )
        response = second.post(
            change_url(article), form_data(second_page, title="ฉบับที่สอง", **common)
        )
        assert response.status_code == 200
        content = response.content.decode()
        assert "ฉบับที่สอง" in content  # the user's text is kept in the form
        assert response.context["adminform"].form.non_field_errors()
        article.refresh_from_db()
        assert article.title == "ฉบับแรก"


class TestRevisions:
    def test_every_save_keeps_a_revision_and_two_can_be_compared(self, client, editor):
        article = make_article(title="ฉบับหนึ่ง", bylines=[make_person(name="คนเขียน")])
        client = as_user(client, editor)
        post_change(
            client,
            article,
            title="ฉบับสอง",
            published_at_0=timezone.localtime(article.published_at).date().isoformat(),
            published_at_1=timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        )
        article.refresh_from_db()
        post_change(
            client,
            article,
            title="ฉบับสาม",
            published_at_0=timezone.localtime(article.published_at).date().isoformat(),
            published_at_1=timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        )
        revisions = list(article.revisions.order_by("created_at"))
        assert [r.snapshot["title"] for r in revisions] == ["ฉบับสอง", "ฉบับสาม"]
        assert revisions[0].created_by == editor
        url = reverse("admin:articles_article_revisions", args=[article.pk])
        page = client.get(url, {"r": [revisions[0].pk, revisions[1].pk]})
        rows = {row["field"]: row for row in page.context["comparison"].rows}
        assert rows["title"]["changed"] and rows["title"]["before"] == "ฉบับสอง"
        assert str(rows["title"]["diff"]) == "ฉบับ<del>สอง</del><ins>สาม</ins>"
        assert not rows["bylines"]["changed"] and "คนเขียน" in rows["bylines"]["after"]
        assert not rows["status"]["changed"] and str(rows["status"]["diff"]) == "เผยแพร่แล้ว"
        # Each row of the list says when (Buddhist era) and by whom it was saved.
        listed = page.context["revisions"]
        assert [row["by"] for row in listed] == ["editor", "editor"]
        year = str(timezone.localtime(revisions[1].created_at).year + 543)[-2:]
        assert listed[0]["when"].endswith(" น.") and f" {year} " in listed[0]["when"]

    def test_an_editor_restores_a_revision_with_its_bylines_and_tags(self, client, editor):
        writer, other = make_person(name="ผู้เขียนเดิม"), make_person(name="ผู้เขียนใหม่")
        article = make_article(title="เดิม", bylines=[writer])
        article.tags.add("เดิม")
        from articles.services import revision_record

        old = revision_record(article=article, user=editor)
        article.title = "ใหม่"
        article.save()
        article.bylines.all().delete()
        article.bylines.create(person=other)
        article.tags.set(["ใหม่"])
        client = as_user(client, editor)
        response = client.post(reverse("admin:articles_article_restore", args=[article.pk, old.pk]))
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.title == "เดิม"
        assert [b.person for b in article.bylines.all()] == [writer]
        assert list(article.tags.names()) == ["เดิม"]
        assert Revision.objects.filter(article=article).count() == 2

    def test_a_reporter_cannot_restore(self, client, reporter):
        article = make_article(title="เดิม", created_by=reporter, status=STATUS.DRAFT)
        from articles.services import revision_record

        old = revision_record(article=article, user=reporter)
        Article.objects.filter(pk=article.pk).update(title="ใหม่")
        as_user(client, reporter).post(
            reverse("admin:articles_article_restore", args=[article.pk, old.pk])
        )
        article.refresh_from_db()
        assert article.title == "ใหม่"


class TestPreview:
    def test_staff_preview_of_a_draft_is_marked_and_never_cached_or_indexed(self, client, reporter):
        article = make_article(status=STATUS.DRAFT, title="ร่างลับ", created_by=reporter)
        assert client.get(article.get_absolute_url()).status_code == 404
        response = as_user(client, reporter).get(
            reverse("admin:articles_article_preview", args=[article.pk])
        )
        content = response.content.decode()
        assert response.status_code == 200 and "ร่างลับ" in content
        assert 'class="preview-banner"' in content
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"]

    def test_signed_link_works_for_anyone_until_it_expires(self, client, editor, monkeypatch):
        article = make_article(status=STATUS.IN_REVIEW, title="ข่าวให้ทนายดู")
        as_user(client, editor)
        page = client.post(
            reverse("admin:articles_article_preview_link", args=[article.pk]), {"days": "1"}
        )
        link = page.context["link"]
        client.logout()
        path = link.split("testserver", 1)[1]
        response = client.get(path)
        assert response.status_code == 200 and "ข่าวให้ทนายดู" in response.content.decode()
        later = timezone.now() + timedelta(days=1, seconds=1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        assert client.get(path).status_code == 410

    def test_a_tampered_link_is_404(self, client):
        article = make_article(status=STATUS.DRAFT)
        other = make_article(status=STATUS.DRAFT)
        token = preview.make_token(
            article_id=article.pk, expires_at=timezone.now() + timedelta(days=1)
        )
        payload, rest = token.split(":", 1)
        forged = signing.dumps({"a": other.pk, "e": 9999999999}, salt="wrong")
        assert client.get(reverse("articles:preview", args=[forged])).status_code == 404
        assert (
            client.get(reverse("articles:preview", args=[payload + "x:" + rest])).status_code == 404
        )

    def test_reporters_cannot_make_preview_links(self, client, reporter):
        article = make_article(status=STATUS.DRAFT, created_by=reporter)
        response = as_user(client, reporter).post(
            reverse("admin:articles_article_preview_link", args=[article.pk]), {"days": "7"}
        )
        assert response.status_code == 403


class TestDesk:
    def test_the_desk_lists_what_needs_doing(self, client, editor):
        make_article(title="ร่างของฉัน", status=STATUS.DRAFT, created_by=editor)
        make_article(title="รอตรวจอยู่", status=STATUS.IN_REVIEW)
        make_article(title="ตั้งเวลาไว้", published_at=timezone.now() + timedelta(days=1))
        make_article(title="ข่าวเมื่อวาน", published_at=timezone.now() - timedelta(days=1))
        from comments.models import Comment

        story = make_article(title="มีความเห็น")
        Comment.objects.create(article=story, name="ก", email="a@example.com", body="รอ")
        page = as_user(client, editor).get(reverse("admin:index")).content.decode()
        for title in ["ร่างของฉัน", "รอตรวจอยู่", "ตั้งเวลาไว้"]:
            assert title in page
        assert 'class="desk-count"' in page and ">1</" in page.split('id="desk-comments"')[1]
        chart = page.split('<svg class="desk-chart desk-chart-published"')[1].split("</svg>")[0]
        assert chart.count('class="published"') == 30
        assert "<script" not in chart
