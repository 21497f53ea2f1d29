"""axe-core finds nothing on the desk pages the newsroom added or changed, each checked
whole (not one part of it), in Thai, by the role that works there, at a desk (1280 px)
and on a phone (375 px): the story's add and change forms (lead image, bylines, tags,
names panel, autosave offer, workflow panel), two revisions compared, the preview link,
the front-page board, the desk, the comment queue, the image form with its focal point
and the list of stories.

The policy is checked before axe runs: axe-core applies inline styles of its own, which
the strict pages' Content-Security-Policy reports.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import services
from articles.models import Article, Autosave, FrontPagePick
from comments.models import Comment
from tests.browser.conftest import assert_accessible, csp_violations, log_in
from tests.factories import make_article, make_image, make_member, make_person, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
STORY_FORM_READY = ".field-body .ck-editor__editable"  # the editor is the last thing set up


def assert_clean_then_accessible(page) -> None:
    assert csp_violations(page) == [] and page.console_errors == [], page.url
    assert_accessible(page)
    page.console_errors.clear()  # axe's own styles, refused by the strict pages


def check_at_both_widths(page, path: str, ready: str = "#content-main") -> None:
    """Open the page at each width and run axe over all of it."""
    for viewport in (DESK, PHONE):
        page.set_viewport_size(viewport)
        response = page.goto(path)
        assert response.status == 200, path
        page.locator(ready).first.wait_for()
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == "th", path
        assert_clean_then_accessible(page)


@pytest.fixture
def story() -> Article:
    """A story in review with all the story form can show: a lead image, two bylines,
    tags, a known name for the names panel, two revisions, and text its reporter
    typed and did not save (the autosave offered to the editor)."""
    editor = make_member("editor", "Editor")
    reporter = make_member("reporter1", "Reporter")
    article = make_article(
        title="ชัชชาติ สิทธิพันธุ์ ลงพื้นที่น้ำท่วมบางเขน",
        standfirst="ผู้ว่าฯ กทม. ตรวจอุโมงค์ระบายน้ำ",
        body="<p>ชัชชาติ สิทธิพันธุ์ ผู้ว่าราชการกรุงเทพมหานคร ลงพื้นที่เขตบางเขน</p>",
        status=Article.Status.IN_REVIEW,
        section=make_section(name="ข่าวกรุงเทพฯ"),
        lead_image=make_image(caption="ผู้ว่าฯ ที่อุโมงค์ระบายน้ำ"),
        created_by=reporter,
        bylines=[make_person(name="สมชาย ใจดี"), make_person(name="สมหญิง รักดี")],
    )
    make_person(name="ชัชชาติ สิทธิพันธุ์")
    article.tags.add("น้ำท่วม", "กรุงเทพฯ")
    services.revision_record(article=article, user=reporter)
    Article.objects.filter(pk=article.pk).update(title="ชัชชาติ ตรวจน้ำท่วมบางเขน", version=2)
    article.refresh_from_db()
    services.revision_record(article=article, user=editor)
    Autosave.objects.create(
        article=article,
        user=reporter,
        data={"title": "ชัชชาติ ตรวจน้ำท่วม", "standfirst": "", "body": "<p>ร่าง</p>"},
        based_on_version=2,
    )
    return article


def test_the_story_form_is_accessible_with_all_its_panels(page, story):
    log_in(page, "editor")
    check_at_both_widths(page, f"/admin/articles/article/{story.pk}/change/", STORY_FORM_READY)
    for part in [
        "[data-autosave]",
        "#workflow-panel",
        "#names-panel-found li",
        ".field-lead_image .focal-point__image",
        ".field-tags",
        "#bylines-group tr.has_original",
    ]:
        assert page.locator(part).count() >= 1, part

    # Boxes that had no name: the date-and-time boxes, the autocompletes, the bylines'.
    expect(page.locator("#id_published_at_0")).to_have_accessible_name("เวลาเผยแพร่: วันที่:")
    expect(page.locator("#id_published_at_1")).to_have_accessible_name("เวลา:")
    section = page.locator(".field-section .select2-selection")
    expect(section).to_have_accessible_name("หมวดข่าว: ข่าวกรุงเทพฯ")
    people = page.locator(".field-people .select2-search__field")
    expect(people).to_have_accessible_name("บุคคลที่ถูกกล่าวถึง:")
    expect(page.locator("#id_bylines-0-role")).to_have_accessible_name("บทบาท")
    expect(page.locator("#id_bylines-0-DELETE")).to_have_accessible_name("ลบ")

    # The workflow's folded forms open, and a byline row added: the page is still clean.
    for summary in page.locator("#workflow-panel summary").all():
        summary.click()
    page.locator("#bylines-group .add-row a").click()
    added = page.locator("#bylines-2 .select2-selection")
    expect(added).to_have_accessible_name("บุคคล")
    assert_clean_then_accessible(page)


def test_a_new_story_with_an_autosave_offered_is_accessible(page):
    editor = make_member("editor", "Editor")
    Autosave.objects.create(
        article=None,
        user=editor,
        data={"title": "ข่าวใหม่ที่ยังไม่บันทึก", "standfirst": "", "body": "<p>ร่าง</p>"},
    )
    log_in(page, "editor")
    check_at_both_widths(page, "/admin/articles/article/add/", STORY_FORM_READY)
    assert page.locator("[data-autosave]").count() == 1
    assert page.locator("#workflow-panel").count() == 1


def test_the_story_pages_around_the_form_are_accessible(page, story):
    log_in(page, "editor")
    check_at_both_widths(page, f"/admin/articles/article/{story.pk}/revisions/")
    assert page.locator(".revision-compare ins").count() >= 1

    check_at_both_widths(page, f"/admin/articles/article/{story.pk}/preview-link/")
    page.get_by_role("button", name="สร้างลิงก์ดูตัวอย่าง").click()
    page.wait_for_load_state("networkidle")
    assert "/preview/" in page.input_value("#content-main input[readonly]")
    assert_clean_then_accessible(page)

    check_at_both_widths(page, "/admin/articles/article/")
    assert story.title in page.locator("#result_list").inner_text()

    check_at_both_widths(page, f"/admin/articles/image/{story.lead_image_id}/change/")
    assert page.locator(".field-focal_point .focal-point__image").count() == 1


def test_the_front_page_board_and_the_desk_are_accessible(page):
    make_member("editor", "Editor")
    lead = make_article(title="ผู้ว่าฯ เปิดอุโมงค์ระบายน้ำ")
    make_article(title="รถไฟฟ้าสายใหม่ทดลองวิ่ง")
    FrontPagePick.objects.create(
        article=lead, position=FrontPagePick.LEAD, expires_at=timezone.now() + timedelta(days=1)
    )
    log_in(page, "editor")
    check_at_both_widths(page, "/admin/articles/frontpagepick/")
    assert lead.title in page.locator(".front-page-board").inner_text()
    expect(page.locator(".field-article .select2-selection")).to_have_accessible_name("ข่าว:")
    expect(page.locator("#id_expires_at_0")).to_have_accessible_name("จนถึง: วันที่:")
    check_at_both_widths(page, "/admin/")


def test_the_comment_queue_and_the_desk_are_accessible_to_a_moderator(page):
    article = make_article(title="ข่าวน้ำท่วมกรุงเทพฯ")
    Comment.objects.create(
        article=article, name="สมหญิง", email="a@example.com", body="ขอบคุณสำหรับข่าวครับ"
    )
    Comment.objects.create(  # held by a bot check, marked as such in the queue
        article=article,
        name="บอท",
        email="b@example.com",
        body="ส่งเร็วเกินไป",
        flags=[Comment.Flag.TOO_FAST],
    )
    make_member("moderator", "Moderator")
    log_in(page, "moderator")
    check_at_both_widths(page, "/admin/comments/comment/", "#result_list")
    assert page.locator("#result_list tbody tr").count() == 2
    check_at_both_widths(page, "/admin/")
