"""WordPress exports (WXR 1.0 to 1.2, in http or https namespaces) become articles,
comments and redirects."""

from datetime import UTC, datetime

import pytest

from articles.models import Article
from comments.models import Comment
from comments.services import hash_value
from imports.models import Redirect

from . import exports

pytestmark = pytest.mark.django_db


def article(title: str) -> Article:
    return Article.objects.get(title=title)


@pytest.mark.parametrize(
    ("version", "scheme"), [("1.2", "http"), ("1.2", "https"), ("1.1", "http"), ("1.0", "http")]
)
def test_statuses_and_types(run_import, version, scheme):
    """Read by the elements' local names whatever the namespace's version and scheme
    (a published export writes https://wordpress.org/export/1.2/)."""
    out, _err = run_import("import_wordpress", exports.wxr(version, scheme=scheme))
    story = article("ฝุ่น PM2.5 เกินมาตรฐาน")
    assert story.status == Article.Status.PUBLISHED
    assert story.published_at == datetime(2022, 9, 12, 8, 30, tzinfo=UTC)  # post_date_gmt
    assert article("ร่างข่าว").status == Article.Status.DRAFT
    assert article("ข่าวล่วงหน้า") in Article.objects.scheduled()
    assert article("ข่าวส่วนตัว").status == Article.Status.UNPUBLISHED
    assert article("ข่าวรอตรวจ").status == Article.Status.IN_REVIEW
    assert not Article.objects.filter(title__in=["ข่าวในถังขยะ", "ภาพ"]).exists()
    assert article("เกี่ยวกับเรา").section.name == "Pages"
    assert "trashed: 1" in out and "WordPress item of type attachment: 1" in out


def test_author_categories_tags_and_standfirst(run_import):
    run_import("import_wordpress", exports.wxr(), "--section", "สิ่งแวดล้อม")
    story = article("ฝุ่น PM2.5 เกินมาตรฐาน")
    assert [str(b.person) for b in story.bylines.all()] == ["นายสมชาย ใจดี"]
    assert story.section.name == "สิ่งแวดล้อม"
    assert list(story.tags.names()) == ["ฝุ่น"]
    assert story.standfirst == "ค่าฝุ่นสูงทั่วกรุง"  # the excerpt
    assert article("ข่าวส่วนตัว").standfirst == "คำอธิบายจาก Yoast"  # no excerpt: Yoast's


def test_category_not_mapped_is_a_tag(run_import):
    run_import("import_wordpress", exports.wxr())
    assert sorted(article("ฝุ่น PM2.5 เกินมาตรฐาน").tags.names()) == ["ฝุ่น", "สิ่งแวดล้อม"]


def test_body_paragraphs_embeds_and_cleaning(run_import):
    run_import("import_wordpress", exports.wxr())
    body = article("ฝุ่น PM2.5 เกินมาตรฐาน").body
    assert body.startswith("<p>ย่อหน้าแรก</p><p>ย่อหน้าที่สอง")
    assert "<br>บรรทัดใหม่" in body
    assert 'src="https://www.youtube.com/embed/abc123"' in body  # a bare YouTube link
    assert "evil.example" not in body and "<script" not in body


def test_comments(run_import):
    out, _err = run_import("import_wordpress", exports.wxr())
    first = Comment.objects.get(body="หายใจไม่ออกเลย")
    reply = Comment.objects.get(body="จริงครับ")
    assert reply.parent == first
    assert first.status == Comment.Status.APPROVED
    assert Comment.objects.get(body="รอตรวจ").status == Comment.Status.PENDING
    assert first.created_at == datetime(2022, 9, 12, 12, 0, tzinfo=UTC)
    # Filled as comment_post fills them, so the moderators' history finds the reader.
    assert first.email == "reader@example.com"
    assert first.ip_hash == hash_value("ip", "203.0.113.9")
    assert set(Comment.objects.by_commenter(email="reader@example.com")) == {
        first,
        reply,
        Comment.objects.get(body="รอตรวจ"),
    }
    assert not Comment.objects.filter(body__in=["buy pills", "ping"]).exists()
    assert "pingback or trackback: 1" in out


def test_old_addresses(run_import):
    run_import("import_wordpress", exports.wxr())
    story = article("ฝุ่น PM2.5 เกินมาตรฐาน")
    # The permalink is stored decoded, as request.path gives it.
    assert Redirect.objects.get(old_path="/2022/09/ฝุ่น/").article == story
    assert Redirect.objects.get(old_path="/?p=12").article == story
    assert Redirect.objects.get(old_path="/?page_id=19").article == article("เกี่ยวกับเรา")
    assert Redirect.objects.get(old_path="/about/").article == article("เกี่ยวกับเรา")


def test_wxr_1_0_tags_and_post_formats(run_import):
    """WXR 1.0 names tags ``domain="tag"``; post formats are WordPress's, not subjects."""
    item = exports.wxr_item(
        30,
        title="ข่าวรุ่นเก่า",
        categories=(
            ("category", "การเมือง"),
            ("tag", "เลือกตั้ง"),
            ("post_format", "post-format-video"),
        ),
    )
    run_import("import_wordpress", exports.wxr("1.0", items=item), "--section", "การเมือง")
    story = article("ข่าวรุ่นเก่า")
    assert story.section.name == "การเมือง"
    assert list(story.tags.names()) == ["เลือกตั้ง"]
