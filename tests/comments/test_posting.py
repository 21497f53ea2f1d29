"""Readers post, see their own waiting comment, read the thread, report; the rules hold."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.forms import make_token
from comments.models import Comment, CommentPolicy, CommentReport, ModerationDecision
from tests.comments.helpers import THAI_BODY, form_data, make_comment, post_comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db

Status = Comment.Status
Flag = Comment.Flag


def story(client, article, **params):
    return client.get(article.get_absolute_url(), params).content.decode()


def set_policy(**fields) -> CommentPolicy:
    policy, _ = CommentPolicy.objects.get_or_create(pk=1)
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.save()
    return policy


class TestPosting:
    def test_a_comment_is_stored_pending_and_the_reader_goes_back_to_the_story(self, client):
        article = make_article()
        response = post_comment(client, article)
        assert response.status_code == 302
        assert response["Location"] == f"{article.get_absolute_url()}#comment-form"
        comment = Comment.objects.get()
        assert comment.status == Status.PENDING
        assert comment.body == THAI_BODY
        assert comment.email == "somchai@example.com"

    def test_the_author_sees_their_waiting_comment_and_no_one_else_does(self, client):
        article = make_article()
        post_comment(client, article)
        html = story(client, article)
        assert "ข่าวนี้ดีมากครับ" in html
        assert "comment--own" in html
        assert "รอผู้ดูแลตรวจ" in html  # "waiting for a moderator", in Thai
        assert "ข่าวนี้ดีมากครับ" not in story(Client(), article)

    def test_the_waiting_message_follows_the_readers_language(self, client):
        article = make_article()
        response = post_comment(client, article, language="en")
        assert response.status_code == 302
        assert response["Location"].startswith(f"/en{article.get_absolute_url()}#")
        assert "waiting for a moderator" in client.get(response["Location"]).content.decode()

    def test_fetch_gets_json_with_the_waiting_message_and_the_comment(self, client):
        article = make_article()
        response = post_comment(client, article, json=True)
        assert response.status_code == 200
        data = response.json()
        assert data["ok"] is True and data["status"] == "pending"
        assert "ผู้ดูแล" in data["message"]
        assert "ข่าวนี้ดีมากครับ<br>ขอบคุณทีมข่าว" in data["html"]

    def test_the_heading_above_the_readers_waiting_comment(self, client):
        article = make_article()
        post_comment(client, article)
        own = story(client, article)
        assert "ยังไม่มีความคิดเห็นที่เผยแพร่</h2>" in own  # not "no comments" above it
        assert own.count("กำลังรอผู้ดูแลตรวจ") == 1  # one confirmation
        assert "ไม่มีความคิดเห็น</h2>" in story(Client(), article)  # others: no comments

    def test_once_approved_the_comment_is_in_the_thread_for_everyone(self, client):
        article = make_article()
        post_comment(client, article)
        Comment.objects.update(status=Status.APPROVED)
        html = story(Client(), article)
        assert "ข่าวนี้ดีมากครับ<br>ขอบคุณทีมข่าว" in html  # line breaks kept
        assert "1 ความคิดเห็น" in html
        own = story(client, article)
        assert "comment--own" not in own
        assert re.search(r'id="comments-own"[^>]* hidden', own)
        assert "comments:pending" not in client.session  # the page is cacheable again

    def test_errors_show_the_form_again_with_the_text_kept(self, client):
        article = make_article()
        response = post_comment(client, article, email="not-an-email")
        assert response.status_code == 400
        html = response.content.decode()
        assert "ข่าวนี้ดีมากครับ" in html  # in the textarea
        assert 'aria-invalid="true"' in html
        assert "อีเมล" in html  # the Thai label and message
        assert "__newsroom_csrf_token__" not in html
        assert Comment.objects.count() == 0

    def test_errors_in_english_for_an_english_reader(self, client):
        article = make_article()
        html = post_comment(client, article, language="en", body="   ").content.decode()
        assert "This field is required." in html

    def test_json_errors(self, client):
        article = make_article()
        response = post_comment(client, article, json=True, name="")
        assert response.status_code == 400
        assert "name" in response.json()["errors"]

    def test_long_comments_are_refused(self, client, settings):
        settings.COMMENTS_MAX_LENGTH = 50
        article = make_article()
        assert post_comment(client, article, body="ก" * 51).status_code == 400
        assert post_comment(client, article, body="ก" * 50).status_code == 302

    def test_email_and_address_are_never_shown_and_the_address_is_stored_hashed(self, client):
        article = make_article()
        post_comment(client, article, ip="198.51.100.23")
        comment = Comment.objects.get()
        assert comment.ip_hash and "198.51.100.23" not in comment.ip_hash
        Comment.objects.update(status=Status.APPROVED)
        html = story(Client(), article)
        assert "somchai@example.com" not in html
        assert "198.51.100.23" not in html

    def test_links_are_not_clickable(self, client):
        article = make_article()
        make_comment(article, body="ดูที่ https://example.com/x")
        html = story(client, article)
        assert "https://example.com/x" in html
        assert 'href="https://example.com/x"' not in html


class TestThread:
    def test_oldest_first_with_one_level_of_replies_and_buddhist_era_time(self, client):
        article = make_article()
        first = make_comment(article, body="ความเห็นแรก")
        make_comment(article, body="ความเห็นที่สอง")
        make_comment(article, body="คำตอบ", parent=first)
        make_comment(article, body="ยังไม่อนุมัติ", status=Status.PENDING)
        html = story(client, article)
        assert html.index("ความเห็นแรก") < html.index("คำตอบ") < html.index("ความเห็นที่สอง")
        assert "comment-list--replies" in html
        assert "ยังไม่อนุมัติ" not in html
        year = str(timezone.localtime().year + 543)[-2:]
        assert re.search(rf"\d+ \S+ {year} \d\d:\d\d น\.", html)

    def test_the_count_heading(self, client):
        article = make_article()
        assert "ไม่มีความคิดเห็น" in story(client, article)
        for _ in range(3):
            make_comment(article)
        assert "3 ความคิดเห็น" in story(client, article)

    def test_a_reply_goes_to_the_approved_comment_and_stays_one_level_deep(self, client):
        article = make_article()
        top = make_comment(article)
        reply = make_comment(article, parent=top)
        post_comment(client, article, parent=str(reply.pk))
        assert Comment.objects.latest("pk").parent == top

    def test_replying_to_a_comment_that_is_not_published_is_refused(self, client):
        article = make_article()
        hidden = make_comment(article, status=Status.PENDING)
        other_story = make_comment(make_article())
        for parent in (hidden, other_story):
            assert post_comment(client, article, parent=str(parent.pk)).status_code == 400

    def test_the_reply_link_fills_the_form_without_script(self, client):
        article = make_article()
        top = make_comment(article, name="คุณแดง")
        html = story(client, article, reply=top.pk)
        assert f'name="parent" value="{top.pk}"' in html
        assert "<bdi data-comments-reply-name>คุณแดง</bdi>" in html


class TestClosing:
    def test_an_editor_closes_comments_and_approved_ones_stay_visible(self, client):
        article = make_article(comments_enabled=False)
        make_comment(article, body="ความเห็นเก่า")
        html = story(client, article)
        assert "ความเห็นเก่า" in html
        assert "comment-form" not in html
        assert "ปิดรับความคิดเห็น" in html
        assert post_comment(client, article).status_code == 400
        assert Comment.objects.count() == 1

    def test_comments_close_a_configured_number_of_days_after_publication(self, client):
        set_policy(close_after_days=7)
        old = make_article(published_at=timezone.now() - timedelta(days=8))
        recent = make_article(published_at=timezone.now() - timedelta(days=6))
        assert "comment-form" not in story(client, old)
        assert post_comment(client, old).status_code == 400
        assert post_comment(client, recent).status_code == 302

    def test_zero_days_means_never(self, client):
        set_policy(close_after_days=0)
        ancient = make_article(published_at=timezone.now() - timedelta(days=3650))
        assert post_comment(client, ancient).status_code == 302


class TestBotTraps:
    """Caught bots get the reader's answer; their comments are kept as spam."""

    def assert_same_answer_as_a_reader(self, response, article):
        assert response.status_code == 302
        assert response["Location"].endswith("#comment-form")

    def test_the_honeypot(self, client):
        article = make_article()
        response = post_comment(client, article, website="http://spam.example")
        self.assert_same_answer_as_a_reader(response, article)
        comment = Comment.objects.get()
        assert comment.status == Status.SPAM and comment.flags == [Flag.HONEYPOT]
        assert ModerationDecision.objects.get().reason == ModerationDecision.Reason.BOT

    def test_too_fast_alone_holds_the_comment_for_a_moderator(self, client, settings):
        settings.COMMENTS_MIN_SECONDS = 60
        article = make_article()
        self.assert_same_answer_as_a_reader(post_comment(client, article), article)
        comment = Comment.objects.get()
        assert comment.status == Status.PENDING
        assert comment.flags[0] == Flag.TOO_FAST
        assert not ModerationDecision.objects.exists()  # no rule decided: a person will

    def test_too_fast_holds_even_a_trusted_commenter(self, client, settings):
        set_policy(auto_approve_after=1)
        article = make_article()
        make_comment(article, email="somchai@example.com")
        settings.COMMENTS_MIN_SECONDS = 60
        post_comment(client, article)
        comment = Comment.objects.latest("pk")
        assert comment.status == Status.PENDING and Flag.TOO_FAST in comment.flags

    def test_too_fast_with_a_banned_word_is_still_refused(self, client, settings):
        set_policy(banned_words="ควย")
        settings.COMMENTS_MIN_SECONDS = 60
        response = post_comment(client, make_article(), body="มึงมันควยจริงๆ")
        assert response.status_code == 400
        comment = Comment.objects.get()
        assert comment.status == Status.REJECTED
        assert comment.flags == [Flag.TOO_FAST, Flag.BANNED_WORD]

    def test_too_fast_with_the_honeypot_is_spam(self, client, settings):
        settings.COMMENTS_MIN_SECONDS = 60
        article = make_article()
        self.assert_same_answer_as_a_reader(post_comment(client, article, website="x"), article)
        comment = Comment.objects.get()
        assert comment.status == Status.SPAM
        assert set(comment.flags) == {Flag.HONEYPOT, Flag.TOO_FAST}

    @pytest.mark.parametrize("token", ["", "garbage", "1:abc:def"])
    def test_a_forged_or_missing_token(self, client, token):
        article = make_article()
        self.assert_same_answer_as_a_reader(post_comment(client, article, token=token), article)
        assert Comment.objects.get().flags == [Flag.BAD_TOKEN]

    def test_a_token_from_another_story(self, client):
        article = make_article()
        response = post_comment(client, article, token=make_token(make_article()))
        self.assert_same_answer_as_a_reader(response, article)
        assert Comment.objects.get().status == Status.SPAM

    def test_the_json_answer_is_the_same_too(self, client):
        article = make_article()
        bot = post_comment(client, article, json=True, website="x").json()
        reader = post_comment(Client(), article, json=True, body="อีกความเห็น").json()
        assert bot["status"] == reader["status"] == "pending"
        assert bot["message"] == reader["message"]

    def test_an_expired_form_asks_to_send_again_with_the_text_kept(self, client, settings):
        settings.COMMENTS_FORM_MAX_AGE = -1
        article = make_article()
        response = post_comment(client, article)
        assert response.status_code == 400
        assert "ข่าวนี้ดีมากครับ" in response.content.decode()


class TestWordsLinksAndDuplicates:
    def test_a_banned_word_is_refused_with_a_message_and_recorded_as_rejected(self, client):
        set_policy(banned_words="ควย\n")
        article = make_article()
        response = post_comment(client, article, body="มึงมันควยจริงๆ")
        assert response.status_code == 400
        assert "มึงมันควยจริงๆ" in response.content.decode()
        comment = Comment.objects.get()
        assert comment.status == Status.REJECTED and comment.flags == [Flag.BANNED_WORD]

    def test_a_suspect_word_holds_and_flags(self, client):
        set_policy(suspect_words="พนัน\n")
        article = make_article()
        post_comment(client, article, body="เว็บพนันออนไลน์ดีที่สุด")
        assert Flag.SUSPECT_WORD in Comment.objects.get().flags

    def test_a_suspect_word_inside_a_longer_word_does_not_flag(self, client):
        set_policy(suspect_words="หี\n")
        post_comment(client, make_article(), body="หีบเพลงเสียงดีมาก")
        assert Flag.SUSPECT_WORD not in Comment.objects.get().flags

    def test_more_links_than_allowed_holds_and_flags(self, client):
        set_policy(max_links=2)
        article = make_article()
        post_comment(client, article, body="a.com b.com")
        post_comment(client, article, body="a.com b.com c.com", email="other@example.com")
        first, second = Comment.objects.order_by("pk")
        assert Flag.LINKS not in first.flags
        assert Flag.LINKS in second.flags

    def test_the_same_text_from_the_same_person_is_flagged_as_a_duplicate(self, client):
        article = make_article()
        post_comment(client, article, body="ข่าวดี มาก")
        post_comment(client, make_article(), body="ข่าวดีมาก!")
        post_comment(client, article, body="ข่าวดีมาก", email="x@example.com", ip="192.0.2.1")
        first, second, stranger = Comment.objects.order_by("pk")
        assert Flag.DUPLICATE not in first.flags
        assert Flag.DUPLICATE in second.flags
        assert Flag.DUPLICATE not in stranger.flags

    def test_duplicates_older_than_the_window_are_not_flagged(self, client):
        set_policy(duplicate_hours=1)
        article = make_article()
        old = make_comment(article, email="somchai@example.com", body="ข่าวดีมาก")
        Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=2))
        post_comment(client, article, body="ข่าวดีมาก")
        assert Flag.DUPLICATE not in Comment.objects.latest("pk").flags


class TestTrust:
    def history(self, article, statuses, email="somchai@example.com"):
        for n, status in enumerate(statuses):
            make_comment(article, email=email, status=status, body=f"เก่า {n}")

    def test_a_new_commenter_is_flagged(self, client):
        post_comment(client, make_article())
        assert Flag.NEW_COMMENTER in Comment.objects.get().flags

    def test_auto_approval_is_off_by_default(self, client):
        article = make_article()
        self.history(article, [Status.APPROVED] * 5)
        post_comment(client, article)
        assert Comment.objects.latest("pk").status == Status.PENDING

    def test_a_trusted_commenter_is_published_at_once(self, client):
        set_policy(auto_approve_after=3)
        article = make_article()
        self.history(article, [Status.APPROVED] * 3)
        response = post_comment(client, article)
        comment = Comment.objects.latest("pk")
        assert comment.status == Status.APPROVED
        assert response["Location"].endswith(f"#comment-{comment.pk}")
        decision = comment.decisions.get()
        assert decision.moderator is None and decision.reason == ModerationDecision.Reason.TRUSTED

    def test_not_enough_approved_or_a_recent_rejection_means_no_trust(self, client):
        set_policy(auto_approve_after=3)
        article = make_article()
        self.history(article, [Status.APPROVED] * 2)
        post_comment(client, article, body="หนึ่ง")
        self.history(article, [Status.APPROVED, Status.REJECTED])
        post_comment(client, article, body="สอง")
        assert set(
            Comment.objects.filter(body__in=["หนึ่ง", "สอง"]).values_list("status", flat=True)
        ) == {Status.PENDING}

    def test_a_trusted_commenter_is_still_held_for_a_suspect_word_or_links(self, client):
        set_policy(auto_approve_after=1, suspect_words="พนัน")
        article = make_article()
        self.history(article, [Status.APPROVED])
        post_comment(client, article, body="เว็บพนัน")
        assert Comment.objects.latest("pk").status == Status.PENDING

    def test_a_commenter_mostly_rejected_recently_is_always_held(self, client):
        set_policy(auto_approve_after=1)
        article = make_article()
        self.history(article, [Status.APPROVED, Status.REJECTED, Status.SPAM])
        post_comment(client, article)
        comment = Comment.objects.latest("pk")
        assert comment.status == Status.PENDING
        assert Flag.POOR_HISTORY in comment.flags

    def test_a_stranger_behind_the_same_address_does_not_inherit_a_record(self):
        """Mobile networks put many readers behind one address (carrier-grade NAT)."""
        set_policy(auto_approve_after=1)
        article = make_article()
        shared = "203.0.113.7"
        post_comment(Client(), article, email="troll@example.com", body="หนึ่ง", ip=shared)
        post_comment(Client(), article, email="troll@example.com", body="สอง", ip=shared)
        Comment.objects.update(status=Status.REJECTED)
        make_comment(article, email="newcomer@example.com", body="เคยได้รับอนุมัติ")
        post_comment(Client(), article, email="newcomer@example.com", body="สาม", ip=shared)
        comment = Comment.objects.latest("pk")
        assert Flag.POOR_HISTORY not in comment.flags
        assert comment.status == Status.APPROVED  # trusted by their own record
        post_comment(Client(), article, email="first@example.com", body="หนึ่ง", ip=shared)
        first = Comment.objects.latest("pk")
        assert Flag.POOR_HISTORY not in first.flags and Flag.DUPLICATE not in first.flags
        assert Flag.NEW_COMMENTER in first.flags

    def test_the_same_email_keeps_its_record_from_another_address(self):
        set_policy(auto_approve_after=1)
        article = make_article()
        make_comment(article, email="troll@example.com", status=Status.APPROVED)
        for body in ("หนึ่ง", "สอง"):
            post_comment(Client(), article, email="troll@example.com", body=body, ip="203.0.113.7")
        Comment.objects.filter(body__in=["หนึ่ง", "สอง"]).update(status=Status.REJECTED)
        post_comment(Client(), article, email="Troll@Example.com", body="สาม", ip="198.51.100.9")
        comment = Comment.objects.latest("pk")
        assert Flag.POOR_HISTORY in comment.flags and comment.status == Status.PENDING


class TestReports:
    def report(self, client, comment, reason="abuse", json=False):
        headers = {"Accept": "application/json"} if json else {}
        return client.post(
            reverse("comments:report", args=[comment.pk]), {"reason": reason}, headers=headers
        )

    def test_the_report_page_and_a_report_with_a_reason(self, client):
        comment = make_comment(make_article(), body="ความเห็นหยาบคาย")
        page = client.get(reverse("comments:report", args=[comment.pk]))
        assert page.status_code == 200
        assert "ความเห็นหยาบคาย" in page.content.decode()
        response = self.report(client, comment)
        assert response.status_code == 302
        assert response["Location"].endswith(f"#comment-{comment.pk}")
        report = CommentReport.objects.get()
        assert report.reason == "abuse"
        assert "ขอบคุณ" in story(client, comment.article)  # the one-time notice
        assert "ขอบคุณ" not in story(client, comment.article)

    def test_once_per_comment_per_reader(self, client):
        comment = make_comment(make_article())
        assert self.report(client, comment, json=True).json()["created"] is True
        assert self.report(client, comment, json=True).json()["created"] is False
        self.report(Client(), comment)
        assert CommentReport.objects.count() == 2

    def test_only_published_comments_can_be_reported_and_a_reason_is_needed(self, client):
        article = make_article()
        hidden = make_comment(article, status=Status.PENDING)
        assert self.report(client, hidden).status_code == 404
        assert self.report(client, make_comment(article), reason="nonsense").status_code == 400
        assert CommentReport.objects.count() == 0


def test_waiting_summary_counts_what_the_default_queue_shows_and_gives_the_oldest():
    assert Comment.objects.waiting_summary() == {"count": 0, "oldest": None}
    article = make_article()
    old = make_comment(article, status=Status.PENDING)
    make_comment(article, status=Status.PENDING)
    make_comment(article, status=Status.APPROVED)
    make_comment(article, status=Status.SPAM)  # a moderator's spam, long decided
    make_comment(article, status=Status.SPAM, flags=[Comment.Flag.BAD_TOKEN])  # a bot check's
    long_ago = timezone.now() - timedelta(hours=5)
    Comment.objects.filter(pk=old.pk).update(created_at=long_ago)
    assert Comment.objects.waiting_summary() == {"count": 3, "oldest": long_ago}
    CommentPolicy.objects.create(pk=1, queue_includes_bot_held=False)
    assert Comment.objects.waiting_summary()["count"] == 2


def test_posting_needs_the_csrf_token():
    article = make_article()
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("comments:post", args=[article.pk]), form_data(article))
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_the_readers_own_csrf_token_comes_from_the_token_endpoint():
    article = make_article()
    client = Client(enforce_csrf_checks=True)
    html = story(client, article)
    assert 'name="csrfmiddlewaretoken" value=""' in html  # the shared page holds none
    tokens = client.get(reverse("comments:token", args=[article.pk])).json()
    data = form_data(article, csrfmiddlewaretoken=tokens["csrf"], token=tokens["token"])
    response = client.post(reverse("comments:post", args=[article.pk]), data)
    assert response.status_code == 302
