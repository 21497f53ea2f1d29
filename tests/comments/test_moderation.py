"""Moderators decide in the admin queue; every decision is recorded and can be undone."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from comments import services
from comments.models import Comment, CommentReport, ModerationDecision
from tests.comments.helpers import make_comment
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db

Status = Comment.Status
Reason = ModerationDecision.Reason
QUEUE = "/admin/comments/comment/"


@pytest.fixture
def moderator():
    return make_staff("mod", perms=("comments.moderate_comment",))


@pytest.fixture
def mod_client(moderator):
    client = Client()
    client.force_login(moderator)
    return client


def act(client, action, comments, **extra):
    return client.post(
        QUEUE + "?queue=all",
        {"action": action, "_selected_action": [c.pk for c in comments], "index": 0, **extra},
    )


class TestServices:
    def test_each_decision_records_who_when_from_what_to_what_and_why(self, moderator):
        comment = make_comment(make_article(), status=Status.PENDING)
        decision = services.comment_moderate(
            comment=comment, moderator=moderator, action="reject", reason=Reason.ABUSE
        )
        comment.refresh_from_db()
        assert comment.status == Status.REJECTED
        assert comment.moderated_by == moderator and comment.moderated_at is not None
        assert (decision.from_status, decision.to_status, decision.reason) == (
            Status.PENDING,
            Status.REJECTED,
            Reason.ABUSE,
        )
        assert decision.moderator == moderator

    def test_rejecting_needs_a_reason_from_the_list(self, moderator):
        comment = make_comment(make_article(), status=Status.PENDING)
        for reason in ("", "because", Reason.APPROVED):
            with pytest.raises(ValidationError):
                services.comment_moderate(
                    comment=comment, moderator=moderator, action="reject", reason=reason
                )

    def test_undo_steps_back_one_decision_at_a_time(self, moderator):
        comment = make_comment(make_article(), status=Status.PENDING)
        services.comment_moderate(comment=comment, moderator=moderator, action="approve")
        services.comment_moderate(
            comment=comment, moderator=moderator, action="reject", reason=Reason.OFF_TOPIC
        )
        services.comment_undo(comment=comment, moderator=moderator)
        comment.refresh_from_db()
        assert comment.status == Status.APPROVED
        services.comment_undo(comment=comment, moderator=moderator)
        comment.refresh_from_db()
        assert comment.status == Status.PENDING and comment.moderated_by is None
        with pytest.raises(ValidationError):
            services.comment_undo(comment=comment, moderator=moderator)
        assert comment.decisions.filter(reason=Reason.UNDO).count() == 2

    def test_undo_reopens_the_reports_that_decision_resolved(self, moderator):
        comment = make_comment(make_article())
        CommentReport.objects.create(comment=comment, reason="abuse", reporter="r1")
        services.comment_moderate(comment=comment, moderator=moderator, action="approve")
        assert not Comment.objects.reported().exists()
        services.comment_undo(comment=comment, moderator=moderator)
        assert list(Comment.objects.reported()) == [comment]

    def test_a_rules_decision_can_be_undone_too(self, moderator, client):
        from tests.comments.helpers import post_comment

        article = make_article()
        post_comment(client, article, website="bot")
        comment = Comment.objects.get()
        services.comment_undo(comment=comment, moderator=moderator)
        comment.refresh_from_db()
        assert comment.status == Status.PENDING

    def test_people_without_the_permission_cannot_moderate(self):
        comment = make_comment(make_article(), status=Status.PENDING)
        reporter = make_staff("reporter", perms=("articles.add_article", "comments.view_comment"))
        with pytest.raises(PermissionDenied):
            services.comment_moderate(comment=comment, moderator=reporter, action="approve")
        with pytest.raises(PermissionDenied):
            services.comment_undo(comment=comment, moderator=reporter)


class TestQueue:
    def test_the_queue_opens_on_pending_oldest_first(self, mod_client):
        article = make_article(title="ข่าวน้ำท่วม")
        first = make_comment(article, status=Status.PENDING, body="รอก่อน")
        make_comment(article, status=Status.PENDING, body="รอทีหลัง")
        make_comment(article, status=Status.APPROVED, body="อนุมัติแล้ว")
        html = mod_client.get(QUEUE).content.decode()
        assert '<li class="selected">\n    <a href="?queue=pending">' in html
        assert html.index("รอก่อน") < html.index("รอทีหลัง")
        assert "อนุมัติแล้ว</div>" not in html
        assert "ข่าวน้ำท่วม" in html  # the story
        assert f'data-comment="{first.pk}"' in html
        assert "moderation.js" in html

    @pytest.mark.parametrize("queue", ["pending", "approved", "rejected", "spam"])
    def test_each_status_queue_shows_its_comments_only(self, mod_client, queue):
        article = make_article()
        for status in Status.values:
            make_comment(article, status=status, body=f"ความเห็น-{status}")
        html = mod_client.get(f"{QUEUE}?queue={queue}").content.decode()
        for status in Status.values:
            assert (f"ความเห็น-{status}" in html) == (status == queue)

    def test_the_reported_queue_shows_approved_comments_with_open_reports(self, mod_client):
        article = make_article()
        reported = make_comment(article, body="ถูกรายงาน")
        make_comment(article, body="ไม่มีใครรายงาน")
        CommentReport.objects.create(comment=reported, reason="abuse", reporter="a")
        CommentReport.objects.create(comment=reported, reason="spam", reporter="b")
        html = mod_client.get(f"{QUEUE}?queue=reported").content.decode()
        assert "ถูกรายงาน" in html and "ไม่มีใครรายงาน" not in html
        assert "รายงาน 2 ครั้ง" in html  # the reasons it is held

    def test_rows_show_the_full_comment_why_it_was_held_and_the_history(self, mod_client):
        article = make_article()
        long_body = "ยาวมาก " * 200 + "<script>alert(1)</script>"
        make_comment(article, email="x@example.com", status=Status.REJECTED, body="เก่า 1")
        make_comment(article, email="x@example.com", status=Status.APPROVED, body="เก่า 2")
        current = make_comment(
            article,
            email="x@example.com",
            status=Status.PENDING,
            body=long_body,
            flags=[Comment.Flag.LINKS, Comment.Flag.SUSPECT_WORD],
        )
        html = mod_client.get(f"{QUEUE}?queue=pending").content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<script>alert(1)" not in html
        assert ("ยาวมาก " * 200).strip() in html
        assert "มีลิงก์มาก" in html and "มีคำที่น่าสงสัย" in html
        assert "อนุมัติแล้ว 1, ไม่อนุมัติ 1" in html
        history = mod_client.get(f"{QUEUE}?queue=all&commenter={current.pk}").content.decode()
        assert "เก่า 1" in history and "เก่า 2" in history

    def test_history_follows_the_email_never_the_shared_address(self, mod_client):
        article = make_article()
        shared = "a" * 64  # one hashed address: a mobile carrier's, shared by strangers
        make_comment(article, email="troll@example.com", ip_hash=shared, status=Status.REJECTED)
        make_comment(article, email="troll@example.com", ip_hash="b" * 64, status=Status.SPAM)
        newcomer = make_comment(
            article, email="new@example.com", ip_hash=shared, status=Status.PENDING, body="ใหม่"
        )
        troll = make_comment(
            article, email="troll@example.com", ip_hash="c" * 64, status=Status.PENDING
        )
        response = mod_client.get(f"{QUEUE}?queue=pending")
        rows = {row.pk: row for row in response.context["cl"].result_list}
        assert (rows[newcomer.pk].history_rejected, rows[newcomer.pk].history_spam) == (0, 0)
        assert (rows[troll.pk].history_rejected, rows[troll.pk].history_spam) == (1, 1)
        listed = mod_client.get(f"{QUEUE}?queue=all&commenter={newcomer.pk}")
        assert [c.pk for c in listed.context["cl"].result_list] == [newcomer.pk]

    def test_comments_without_email_or_address_share_no_history(self, mod_client):
        """Imported comments carry neither: they are not one prolific commenter."""
        article = make_article()
        for n in range(3):
            make_comment(article, email="", ip_hash="", status=Status.SPAM, body=f"นำเข้า {n}")
        make_comment(article, email="", ip_hash="", status=Status.PENDING, body="รอตรวจ")
        response = mod_client.get(f"{QUEUE}?queue=pending")
        (row,) = response.context["cl"].result_list
        assert (row.history_spam, row.history_approved) == (0, 0)

    def test_approve_reject_and_spam_in_bulk(self, mod_client, moderator):
        article = make_article()
        a, b, c, d = (make_comment(article, status=Status.PENDING) for _ in range(4))
        act(mod_client, "approve_selected", [a, b])
        act(mod_client, "reject_selected", [c], reason=Reason.PERSONAL)
        act(mod_client, "spam_selected", [d])
        statuses = dict(Comment.objects.values_list("pk", "status"))
        assert statuses == {
            a.pk: Status.APPROVED,
            b.pk: Status.APPROVED,
            c.pk: Status.REJECTED,
            d.pk: Status.SPAM,
        }
        assert ModerationDecision.objects.filter(moderator=moderator).count() == 4
        assert ModerationDecision.objects.get(comment=c).reason == Reason.PERSONAL

    def test_reject_without_a_reason_changes_nothing(self, mod_client):
        comment = make_comment(make_article(), status=Status.PENDING)
        act(mod_client, "reject_selected", [comment])
        comment.refresh_from_db()
        assert comment.status == Status.PENDING

    def test_undo_from_the_queue(self, mod_client):
        comment = make_comment(make_article(), status=Status.PENDING)
        act(mod_client, "approve_selected", [comment])
        act(mod_client, "undo_selected", [comment])
        comment.refresh_from_db()
        assert comment.status == Status.PENDING

    def test_the_change_page_shows_the_record_and_edits_nothing(self, mod_client, moderator):
        comment = make_comment(make_article(), status=Status.PENDING)
        services.comment_moderate(comment=comment, moderator=moderator, action="approve")
        page = mod_client.get(f"{QUEUE}{comment.pk}/change/")
        assert page.status_code == 200
        assert "mod" in page.content.decode()
        mod_client.post(f"{QUEUE}{comment.pk}/change/", {"status": "spam", "body": "แก้"})
        comment.refresh_from_db()
        assert comment.status == Status.APPROVED and comment.body != "แก้"


class TestBotHeld:
    """Comments a bot check caught were answered "awaiting review": the queue shows them."""

    def test_the_default_queue_shows_bot_held_comments_marked_as_such(self, mod_client, client):
        from tests.comments.helpers import post_comment

        article = make_article()
        post_comment(client, article, website="http://spam.example", body="กับดักบอต")
        post_comment(Client(), article, token="forged", body="รหัสปลอม")
        html = mod_client.get(QUEUE).content.decode()
        assert "กับดักบอต" in html and "รหัสปลอม" in html
        assert "ระบบตรวจบอตกักไว้: กรอกช่องดักบอต" in html
        assert "ระบบตรวจบอตกักไว้: รหัสแบบฟอร์มไม่ถูกต้อง" in html
        assert 'class="moderation__bot"' in html

    def test_a_too_fast_comment_is_pending_and_labelled(self, mod_client, client, settings):
        from tests.comments.helpers import post_comment

        settings.COMMENTS_MIN_SECONDS = 60
        post_comment(client, make_article(), body="พิมพ์เร็ว")
        html = mod_client.get(QUEUE).content.decode()
        assert "พิมพ์เร็ว" in html and "ระบบตรวจบอตกักไว้: ส่งเร็วเกินไป" in html

    def test_the_label_in_english(self):
        from django.contrib.admin.sites import site
        from django.utils import translation

        comment = make_comment(
            make_article(), status=Status.SPAM, flags=[Comment.Flag.TOO_FAST, "bad_token"]
        )
        with translation.override("en"):
            html = str(site._registry[Comment].held_because(comment))
        assert "Held by bot check: too fast / bad token" in html

    def test_once_a_moderator_decides_it_leaves_the_queue(self, mod_client, moderator, client):
        from tests.comments.helpers import post_comment

        post_comment(client, make_article(), website="x", body="บอตจริง")
        comment = Comment.objects.get()
        services.comment_moderate(comment=comment, moderator=moderator, action="spam")
        assert "บอตจริง" not in mod_client.get(QUEUE).content.decode()
        assert "บอตจริง" in mod_client.get(QUEUE + "?queue=spam").content.decode()

    def test_spam_without_a_bot_flag_stays_out_of_the_default_queue(self, mod_client):
        make_comment(make_article(), status=Status.SPAM, body="สแปมเก่า")
        assert "สแปมเก่า" not in mod_client.get(QUEUE).content.decode()

    def test_the_policy_can_keep_them_in_the_spam_queue_only(self, mod_client, client):
        from comments.models import CommentPolicy
        from tests.comments.helpers import post_comment

        CommentPolicy.objects.create(pk=1, queue_includes_bot_held=False)
        post_comment(client, make_article(), website="x", body="บอตจริง")
        html = mod_client.get(QUEUE).content.decode()
        assert "บอตจริง" not in html
        assert "บอตจริง" in mod_client.get(QUEUE + "?queue=spam").content.decode()

    def test_the_setting_is_edited_with_the_rules(self):
        from comments.models import CommentPolicy

        client = Client()
        client.force_login(make_staff("chief", is_superuser=True))
        page = client.get("/admin/comments/commentpolicy/", follow=True)
        assert 'name="queue_includes_bot_held"' in page.content.decode()
        data = {
            "banned_words": "",
            "suspect_words": "",
            "max_links": 2,
            "auto_approve_after": 0,
            "recent_days": 90,
            "duplicate_hours": 24,
            "close_after_days": 30,
        }  # the box left unticked
        response = client.post("/admin/comments/commentpolicy/1/change/", data)
        assert response.status_code == 302
        assert CommentPolicy.load().queue_includes_bot_held is False


class TestRowButtons:
    """Approve, reject or spam one row with a button: the queue on a phone."""

    def decide(self, client, comment, decision, **extra):
        return client.post(
            f"{QUEUE}{comment.pk}/decide/",
            {"decision": decision, **extra},
            HTTP_REFERER=f"http://testserver{QUEUE}?queue=pending",
        )

    def test_each_row_has_buttons_sent_with_the_pages_csrf_token(self, moderator):
        import re

        comment = make_comment(make_article(), status=Status.PENDING, body="รอตรวจ")
        client = Client(enforce_csrf_checks=True)
        client.force_login(moderator)
        html = client.get(QUEUE).content.decode()
        url = f"{QUEUE}{comment.pk}/decide/"
        assert f'formaction="{url}" name="decision" value="approve"' in html
        assert f'name="reason-{comment.pk}"' in html
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        assert client.post(url, {"decision": "approve"}).status_code == 403  # no token
        response = client.post(
            url,
            {"decision": "approve", "csrfmiddlewaretoken": token},
            HTTP_REFERER=f"http://testserver{QUEUE}?queue=pending",
        )
        assert response.status_code == 302
        assert response["Location"] == f"http://testserver{QUEUE}?queue=pending"
        comment.refresh_from_db()
        assert comment.status == Status.APPROVED
        assert comment.decisions.get().moderator == moderator
        page = client.get(response["Location"]).content.decode()
        assert f"ความคิดเห็น #{comment.pk}: อนุมัติแล้ว" in page

    def test_reject_takes_the_rows_reason_and_spam_needs_none(self, mod_client):
        article = make_article()
        first, second = (make_comment(article, status=Status.PENDING) for _ in range(2))
        self.decide(mod_client, first, "reject", **{f"reason-{first.pk}": Reason.ABUSE})
        self.decide(mod_client, second, "spam", **{f"reason-{first.pk}": Reason.ABUSE})
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.status, first.moderation_reason) == (Status.REJECTED, Reason.ABUSE)
        assert second.status == Status.SPAM

    def test_reject_without_a_reason_changes_nothing_and_says_why(self, mod_client):
        comment = make_comment(make_article(), status=Status.PENDING)
        response = self.decide(mod_client, comment, "reject")
        comment.refresh_from_db()
        assert comment.status == Status.PENDING
        assert "เลือกเหตุผล" in mod_client.get(response["Location"]).content.decode()

    def test_an_outside_referer_is_not_followed(self, mod_client):
        comment = make_comment(make_article(), status=Status.PENDING)
        response = mod_client.post(
            f"{QUEUE}{comment.pk}/decide/",
            {"decision": "approve"},
            HTTP_REFERER="https://evil.example/",
        )
        assert response["Location"] == QUEUE

    def test_get_does_nothing(self, mod_client):
        comment = make_comment(make_article(), status=Status.PENDING)
        assert mod_client.get(f"{QUEUE}{comment.pk}/decide/?decision=approve").status_code == 405
        comment.refresh_from_db()
        assert comment.status == Status.PENDING

    @pytest.mark.parametrize(
        "perms",
        [
            ("articles.add_article", "articles.change_article"),  # a reporter
            ("comments.view_comment", "comments.change_comment"),  # reads the queue only
        ],
    )
    def test_without_the_moderate_permission_refused_and_not_offered(self, perms):
        comment = make_comment(make_article(), status=Status.PENDING)
        client = Client()
        client.force_login(make_staff("someone", perms=perms))
        page = client.get(QUEUE)
        assert "/decide/" not in page.content.decode()
        assert self.decide(client, comment, "approve").status_code == 403
        comment.refresh_from_db()
        assert comment.status == Status.PENDING and not comment.decisions.exists()


class TestPermissions:
    def test_a_moderator_needs_no_other_permission(self, mod_client):
        assert mod_client.get(QUEUE + "?queue=pending").status_code == 200
        assert "comments" in mod_client.get("/admin/").content.decode()

    def test_reporters_cannot_see_the_queue_or_act(self):
        comment = make_comment(make_article(), status=Status.PENDING)
        reporter = make_staff("reporter", perms=("articles.add_article", "articles.change_article"))
        client = Client()
        client.force_login(reporter)
        assert client.get(QUEUE + "?queue=pending").status_code == 403
        assert act(client, "approve_selected", [comment]).status_code == 403
        comment.refresh_from_db()
        assert comment.status == Status.PENDING

    def test_view_or_change_permission_alone_reads_the_queue_but_cannot_act(self):
        comment = make_comment(make_article(), status=Status.PENDING, body="รอตรวจอยู่")
        staff = make_staff("editor", perms=("comments.view_comment", "comments.change_comment"))
        client = Client()
        client.force_login(staff)
        page = client.get(QUEUE)
        assert page.status_code == 200 and "รอตรวจอยู่" in page.content.decode()
        assert "approve_selected" not in page.content.decode()
        act(client, "approve_selected", [comment])
        comment.refresh_from_db()
        assert comment.status == Status.PENDING

    def test_the_rules_are_edited_by_whoever_may_change_them(self):
        editor = make_staff("chief", is_superuser=True)
        client = Client()
        client.force_login(editor)
        response = client.get("/admin/comments/commentpolicy/", follow=True)
        assert response.status_code == 200
        assert "คำต้องห้าม" in response.content.decode()
        moderator_only = Client()
        moderator_only.force_login(make_staff("m2", perms=("comments.moderate_comment",)))
        assert moderator_only.get("/admin/comments/commentpolicy/").status_code == 403
