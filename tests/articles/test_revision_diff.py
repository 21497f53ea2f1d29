"""Comparing two revisions of a story: word by word (Thai segmented), escaped, with the
status, times and bylines of each revision and the status changes between them."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from articles.models import Article, Revision, StatusChange
from articles.revision_diff import SHORT_LINE, body_text, diff_text, render
from articles.services import revision_record
from tests.factories import make_article, make_member, make_person, make_staff

pytestmark = pytest.mark.django_db

BANGKOK = ZoneInfo("Asia/Bangkok")


def bangkok(*args) -> datetime:
    return datetime(*args, tzinfo=BANGKOK)


def snapshot(**fields) -> dict:
    """A snapshot as article_snapshot makes it today; tests override what they compare."""
    return {
        "title": "ข่าวทดสอบ",
        "standfirst": "",
        "body": "<p>ย่อหน้าแรก</p>",
        "section": None,
        "status": "draft",
        "published_at": None,
        "unpublish_at": None,
        "bylines": [],
        "tags": [],
    } | fields


def two_revisions(article, before: dict, after: dict, *, user=None):
    older = Revision.objects.create(
        article=article, created_by=user, created_at=bangkok(2025, 9, 12, 9, 0), snapshot=before
    )
    newer = Revision.objects.create(
        article=article, created_by=user, created_at=bangkok(2025, 9, 12, 11, 30), snapshot=after
    )
    return older, newer


def compare_page(client, user, article, older, newer):
    client.force_login(user)
    url = reverse("admin:articles_article_revisions", args=[article.pk])
    return client.get(url, {"r": [older.pk, newer.pk]})


def row(page, field: str) -> dict:
    return next(r for r in page.context["comparison"].rows if r["field"] == field)


@pytest.fixture
def editor():
    return make_member("editor", "Editor")


class TestWords:
    def test_one_thai_word_changed_in_a_long_sentence_marks_only_that_word(self):
        ops = diff_text("รัฐบาลประกาศมาตรการช่วยเหลือน้ำท่วม", "รัฐบาลประกาศมาตรการช่วยเหลือภัยแล้ง")
        assert ops == [
            ("=", "รัฐบาลประกาศมาตรการช่วยเหลือ"),
            ("-", "น้ำท่วม"),
            ("+", "ภัยแล้ง"),
        ]
        assert render(ops) == ("รัฐบาลประกาศมาตรการช่วยเหลือ<del>น้ำท่วม</del><ins>ภัยแล้ง</ins>")

    def test_one_thai_word_in_a_long_paragraph_of_a_long_body(self):
        sentence = "ผู้ว่าราชการกรุงเทพมหานครลงพื้นที่ตรวจสอบการระบายน้ำในเขตบางนา "
        before = "\n\n".join([sentence * 5] * 20)
        after = before.replace("บางนา", "บางกะปิ", 1)
        ops = diff_text(before, after)
        assert [op for op in ops if op[0] != "="] == [("-", "บางนา"), ("+", "บางกะปิ")]
        assert "".join(text for kind, text in ops if kind != "+") == before
        assert "".join(text for kind, text in ops if kind != "-") == after

    def test_an_english_word_changed(self):
        ops = diff_text(
            "The governor opened the bridge on Monday.",
            "The governor opened the bridge on Tuesday.",
        )
        assert ops == [
            ("=", "The governor opened the bridge on "),
            ("-", "Monday"),
            ("+", "Tuesday"),
            ("=", "."),
        ]

    def test_neighbouring_changed_words_read_as_one_change(self):
        ops = diff_text("one two three four", "one five six four")
        assert ops == [("=", "one "), ("-", "two three"), ("+", "five six"), ("=", " four")]

    def test_a_paragraph_added_is_one_insertion_and_the_others_are_kept(self):
        before = body_text("<p>ย่อหน้าแรกของข่าว</p><p>ย่อหน้าสุดท้าย</p>")
        after = body_text("<p>ย่อหน้าแรกของข่าว</p><p>ย่อหน้าใหม่ที่เพิ่มเข้ามา</p><p>ย่อหน้าสุดท้าย</p>")
        ops = diff_text(before, after)
        assert ops == [
            ("=", "ย่อหน้าแรกของข่าว\n\n"),
            ("+", "ย่อหน้าใหม่ที่เพิ่มเข้ามา\n\n"),
            ("=", "ย่อหน้าสุดท้าย"),
        ]

    def test_a_rewritten_paragraph_is_shown_whole_out_and_in(self):
        before = "The council met on Monday to go through the budget for 2026, line by line, again."
        after = "Flood water reached the market by noon, and traders carried their stock upstairs."
        assert min(len(before), len(after)) >= SHORT_LINE
        assert diff_text(before, after) == [("-", before), ("+", after)]

    def test_the_body_is_compared_as_the_text_a_reader_sees(self):
        html = (
            "<p>Hello <b>world</b>\n  again</p><p>line one<br>line two</p>"
            '<ul><li>first</li><li>second</li></ul><img src="/x.jpg" alt="the bridge">'
            "<script>alert(1)</script><p>ใช้แท็ก &lt;script&gt;</p>"
        )
        assert body_text(html) == (
            "Hello world again\n\nline one\nline two\n\nfirst\n\nsecond\n\n"
            "[ภาพ: the bridge]\n\nใช้แท็ก <script>"
        )

    def test_a_long_story_rewritten_costs_a_bounded_amount_of_segmenting(self):
        from articles.revision_diff import SEGMENT_BUDGET, Budget

        before = " ".join(["รัฐบาลประกาศมาตรการช่วยเหลือน้ำท่วม"] * 3000)
        after = " ".join(["ผู้ว่าราชการจังหวัดลงพื้นที่เยี่ยมประชาชน"] * 3000)
        budget = Budget()
        ops = diff_text(before, after, budget)
        assert budget.segment_chars >= 0 and budget.segment_chars <= SEGMENT_BUDGET
        assert "".join(text for kind, text in ops if kind != "+") == before
        assert "".join(text for kind, text in ops if kind != "-") == after


class TestComparePage:
    def test_fields_are_diffed_word_by_word_and_escaped(self, client, editor):
        article = make_article(title="ข่าว")
        older, newer = two_revisions(
            article,
            snapshot(
                title="รัฐบาลประกาศมาตรการช่วยเหลือน้ำท่วม",
                body="<p>ใช้แท็ก &lt;script&gt;alert(1)&lt;/script&gt; ในข่าว</p>",
            ),
            snapshot(
                title="รัฐบาลประกาศมาตรการช่วยเหลือภัยแล้ง",
                body=(
                    "<p>ใช้แท็ก &lt;script&gt;alert(2)&lt;/script&gt; ในข่าว</p>"
                    "<script>alert(3)</script><p>&lt;b&gt;ตัวหนา&lt;/b&gt;</p>"
                ),
            ),
        )
        page = compare_page(client, editor, article, older, newer)
        assert page.status_code == 200
        content = page.content.decode()
        assert "รัฐบาลประกาศมาตรการช่วยเหลือ<del>น้ำท่วม</del><ins>ภัยแล้ง</ins>" in str(
            row(page, "title")["diff"]
        )
        body = str(row(page, "body")["diff"])
        assert "&lt;script&gt;alert(<del>1</del><ins>2</ins>)&lt;/script&gt;" in body
        assert "<ins>\n\n&lt;b&gt;ตัวหนา&lt;/b&gt;</ins>" in body
        assert "alert(3)" not in content  # a script's code is not text a reader sees
        assert "<script>alert" not in content and "<b>ตัวหนา" not in content
        assert 'href="/static/articles/css/revisions.css"' in content
        assert "<del>ข้อความที่ลบ</del>" in content and "<ins>ข้อความที่เพิ่ม</ins>" in content

    def test_a_byline_role_change_marks_the_role(self, client, editor):
        article = make_article()
        writer = {"person": 1, "name": "สมชาย ใจดี", "role": "ผู้สื่อข่าว"}
        photographer = {"person": 2, "name": "สมหญิง รักงาน", "role": ""}
        older, newer = two_revisions(
            article,
            snapshot(bylines=[writer, photographer]),
            snapshot(bylines=[writer | {"role": "ช่างภาพ"}, photographer]),
        )
        page = compare_page(client, editor, article, older, newer)
        bylines = row(page, "bylines")
        assert bylines["changed"]
        assert str(bylines["diff"]) == (
            "สมชาย ใจดี (<del>ผู้สื่อข่าว</del><ins>ช่างภาพ</ins>)\nสมหญิง รักงาน"
        )

    def test_status_section_and_times_of_each_revision(self, client, editor):
        article = make_article()
        older, newer = two_revisions(
            article,
            snapshot(status="draft", section=article.section_id),
            snapshot(
                status="published",
                section=article.section_id,
                published_at="2025-09-12T03:00:00+00:00",
                unpublish_at="2025-10-01T17:00:00+00:00",
            ),
            user=editor,
        )
        page = compare_page(client, editor, article, older, newer)
        assert str(row(page, "status")["diff"]) == "<del>ฉบับร่าง</del><ins>เผยแพร่แล้ว</ins>"
        assert str(row(page, "section")["diff"]) == article.section.name
        assert not row(page, "section")["changed"]
        # Bangkok time, Buddhist era: 10:00 on 12 Sept 2568, midnight on 2 Oct 2568.
        published, unpublish = row(page, "published_at"), row(page, "unpublish_at")
        assert str(published["diff"]) == "<del>—</del><ins>12 ก.ย. 68 10:00 น.</ins>"
        assert str(unpublish["diff"]) == "<del>—</del><ins>2 ต.ค. 68 00:00 น.</ins>"
        content = page.content.decode()
        # Each revision listed and summed up with who saved it, when, and its status.
        assert "12 ก.ย. 68 09:00 น." in content and "12 ก.ย. 68 11:30 น." in content
        summary = [(end["by"], end["when"], end["status"]) for end in page.context["revisions"]]
        assert summary == [
            ("editor", "12 ก.ย. 68 11:30 น.", "เผยแพร่แล้ว"),
            ("editor", "12 ก.ย. 68 09:00 น.", "ฉบับร่าง"),
        ]

    def test_an_old_snapshot_without_status_or_times_renders_with_dashes(self, client, editor):
        article = make_article()
        old_style = {
            "title": "ข่าวเก่า",
            "standfirst": "",
            "body": "<p>เนื้อหา</p>",
            "section": article.section_id,
            "bylines": [{"person": 1, "name": "คนเขียน", "role": ""}],
            "tags": ["การเมือง"],
        }
        older, newer = two_revisions(article, old_style, old_style | {"title": "ข่าวเก่าแก้"})
        page = compare_page(client, editor, article, older, newer)
        assert page.status_code == 200
        for field in ("status", "published_at", "unpublish_at"):
            assert str(row(page, field)["diff"]) == "—" and not row(page, field)["changed"]
        assert str(row(page, "title")["diff"]) == "ข่าวเก่า<ins>แก้</ins>"
        assert [end["status"] for end in page.context["revisions"]] == ["—", "—"]
        assert "ไม่มีการเปลี่ยนสถานะระหว่างสองฉบับนี้" in page.content.decode()

    def test_status_changes_between_the_two_revisions_with_buddhist_era_times(self, client, editor):
        reporter = make_member("reporter", "Reporter")
        reporter.first_name, reporter.last_name = "มานี", "มีนา"
        reporter.save()
        article = make_article()
        older, newer = two_revisions(article, snapshot(), snapshot(status="published"))

        def change(when, from_status, to_status, user, note=""):
            StatusChange.objects.create(
                article=article,
                from_status=from_status,
                to_status=to_status,
                changed_by=user,
                changed_at=when,
                note=note,
            )

        change(bangkok(2025, 9, 12, 8, 59), "", "draft", reporter, "ก่อนฉบับแรก")
        change(bangkok(2025, 9, 12, 9, 45), "draft", "review", reporter, "ส่งให้ตรวจ")
        change(bangkok(2025, 9, 12, 11, 29), "review", "published", editor)
        change(bangkok(2025, 9, 12, 12, 0), "published", "unpublished", editor, "หลังฉบับหลัง")
        page = compare_page(client, editor, article, older, newer)
        changes = page.context["comparison"].status_changes
        assert [(c["from"], c["to"], c["by"], c["when"], c["note"]) for c in changes] == [
            ("ฉบับร่าง", "รอตรวจ", "มานี มีนา", "12 ก.ย. 68 09:45 น.", "ส่งให้ตรวจ"),
            ("รอตรวจ", "เผยแพร่แล้ว", "editor", "12 ก.ย. 68 11:29 น.", ""),
        ]
        content = page.content.decode()
        assert "ฉบับร่าง → รอตรวจ" in content and "ส่งให้ตรวจ" in content
        assert "ก่อนฉบับแรก" not in content and "หลังฉบับหลัง" not in content

    def test_in_english_the_page_speaks_english_and_gregorian(self, client, editor):
        article = make_article()
        older, newer = two_revisions(article, snapshot(), snapshot(status="review"))
        client.cookies["newsroom_language"] = "en"
        page = compare_page(client, editor, article, older, newer)
        content = page.content.decode()
        assert "12 Sep 2025 11:30" in content and "What changed" in content
        assert str(row(page, "status")["diff"]) == "<del>Draft</del><ins>In review</ins>"

    def test_a_user_without_view_permission_is_refused(self, client):
        article = make_article()
        older, newer = two_revisions(article, snapshot(), snapshot(title="หัวข่าวลับเฉพาะ"))
        page = compare_page(client, make_staff("outsider"), article, older, newer)
        assert page.status_code == 403
        assert "หัวข่าวลับเฉพาะ" not in page.content.decode()

    def test_a_save_keeps_the_times_the_compare_shows(self, editor):
        article = make_article(
            bylines=[make_person(name="คนเขียน")],
            unpublish_at=bangkok(2025, 10, 1, 18, 0),
        )
        saved = revision_record(article=article, user=editor).snapshot
        assert saved["status"] == Article.Status.PUBLISHED
        assert datetime.fromisoformat(saved["unpublish_at"]) == bangkok(2025, 10, 1, 18, 0)
        assert datetime.fromisoformat(saved["published_at"]) == article.published_at
