"""Blogger backups in both schemas become articles, people, tags, sections, comments."""

from datetime import UTC, datetime

import pytest

from articles.models import Article, Section, Tag
from comments.models import Comment
from people.models import Person
from tests.factories import make_person

from . import exports

pytestmark = pytest.mark.django_db


def article(title: str) -> Article:
    return Article.objects.get(title=title)


def test_post_statuses_dates_and_trash(run_import):
    out, _err = run_import("import_blogger", exports.blogger_2018())
    published = article("น้ำท่วมถนนสุขุมวิท")
    assert published.status == Article.Status.PUBLISHED
    # 15:30 at +07:00 is 08:30 UTC: the offset is kept, not read as local or UTC.
    assert published.published_at == datetime(2022, 9, 12, 8, 30, tzinfo=UTC)
    assert published.created_at == published.published_at
    assert article("ร่าง: สะพานใหม่").status == Article.Status.DRAFT
    assert article("ร่าง: สะพานใหม่").published_at is None
    scheduled = article("ข่าวล่วงหน้า")
    assert scheduled.status == Article.Status.PUBLISHED
    assert scheduled in Article.objects.scheduled()
    assert scheduled not in Article.objects.published()
    assert not Article.objects.filter(title="ข่าวที่ลบแล้ว").exists()
    assert "trashed: 1" in out
    assert "Scheduled 1" in out and "Draft 1" in out


def test_author_matches_existing_person_without_title(run_import):
    somchai = make_person(title="นาย", name="สมชาย ใจดี")
    run_import("import_blogger", exports.blogger_2018())
    assert [b.person for b in article("น้ำท่วมถนนสุขุมวิท").bylines.all()] == [somchai]
    # No second สมชาย; the page's author is new, made once.
    assert Person.objects.filter(name="สมชาย ใจดี").count() == 1
    assert Person.objects.filter(name="กองบรรณาธิการ", title="").count() == 1


def test_new_author_keeps_title_apart(run_import):
    run_import("import_blogger", exports.blogger_legacy())
    person = Person.objects.get(name="พิมพ์ใจ ขยันเขียน")
    assert person.title == "นางสาว"


def test_labels_become_thai_tags_or_mapped_sections(run_import):
    run_import("import_blogger", exports.blogger_2018(), "--section", "ข่าวกทม.=ข่าวกรุงเทพฯ")
    story = article("น้ำท่วมถนนสุขุมวิท")
    assert story.section.name == "ข่าวกรุงเทพฯ"
    assert list(story.tags.names()) == ["น้ำท่วม"]
    # The custom Tag keeps the tone mark and vowel that taggit's slugify drops.
    assert Tag.objects.get(name="น้ำท่วม").slug == "น้ำท่วม"
    assert article("ร่าง: สะพานใหม่").section.name == "Archive"


def test_standfirst_from_meta_description(run_import):
    run_import("import_blogger", exports.blogger_2018())
    assert article("น้ำท่วมถนนสุขุมวิท").standfirst == "น้ำท่วมสุขุมวิทหลังฝนตกหนัก"


def test_body_cleaned_keeps_youtube_drops_script_and_other_iframes(run_import):
    run_import("import_blogger", exports.blogger_2018())
    body = article("น้ำท่วมถนนสุขุมวิท").body
    assert 'src="https://www.youtube.com/embed/abc123"' in body
    assert "evil.example" not in body
    assert "<script" not in body and "alert" not in body
    assert "ระดับน้ำสูง" in body
    # Without --media-dir the picture stays where it was.
    assert 'src="https://blogger.googleusercontent.com/img/b/x/s1600/flood.jpg"' in body


def test_pages_in_their_own_section_or_skipped(run_import):
    run_import("import_blogger", exports.blogger_2018(), "--pages-section", "หน้าเว็บ")
    assert article("เกี่ยวกับเรา").section == Section.objects.get(name="หน้าเว็บ")


def test_skip_pages(run_import):
    out, _err = run_import("import_blogger", exports.blogger_2018(), "--skip-pages")
    assert not Article.objects.filter(title="เกี่ยวกับเรา").exists()
    assert "page (--skip-pages): 1" in out


def test_comments_keep_author_time_text_and_threading(run_import):
    run_import("import_blogger", exports.blogger_2018())
    story = article("น้ำท่วมถนนสุขุมวิท")
    first = Comment.objects.get(body="น้ำท่วมถึงเข่าแล้วครับ")
    reply = Comment.objects.get(name="นายสมชาย ใจดี")
    assert first.article == story and first.status == Comment.Status.APPROVED
    assert first.name == "ผู้อ่าน"
    assert first.created_at == datetime(2022, 9, 12, 11, 0, tzinfo=UTC)
    assert reply.parent == first
    assert reply.body == "ขอบคุณที่แจ้งครับ"  # HTML of the old comment becomes plain text
    thread = Comment.objects.thread(story)
    assert [c.pk for c in thread] == [first.pk]
    assert [c.pk for c in thread[0].thread_replies] == [reply.pk]
    # Spam and trash are left out by default.
    assert Comment.objects.count() == 2


def test_keep_spam_keeps_spam_and_trash_as_spam(run_import):
    run_import("import_blogger", exports.blogger_2018(), "--keep-spam")
    spam = Comment.objects.filter(status=Comment.Status.SPAM)
    assert sorted(spam.values_list("body", flat=True)) == ["ยาลดน้ำหนัก", "ลบแล้ว"]
    assert not Comment.objects.visible().filter(status=Comment.Status.SPAM).exists()


def test_legacy_schema(run_import):
    out, _err = run_import("import_blogger", exports.blogger_legacy())
    post = article("ผู้ว่าฯ ประชุมเรื่องน้ำท่วม")
    assert post.status == Article.Status.PUBLISHED
    assert list(post.tags.names()) == ["การเมือง"]
    assert article("ร่างข่าว").status == Article.Status.DRAFT
    assert article("ติดต่อเรา").section.name == "Pages"
    assert not Article.objects.filter(title__startswith="Template").exists()
    first = Comment.objects.get(name="มะลิ")
    reply = Comment.objects.get(name="Anonymous")
    assert first.article == post and reply.parent == first
    # Doubly escaped markup in an old comment is what the reader typed: kept as text.
    assert first.body == "เห็นด้วยค่ะ <b>มาก</b>"
    # Blogger's placeholder address is no address: it must not join strangers' histories.
    assert first.email == ""
    assert "Posts: created 2" in out
