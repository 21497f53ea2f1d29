"""A story's way through the desk in Chromium: write, submit, send back, fix, schedule,
appear on time, correct."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.browser.conftest import csp_violations, log_in
from tests.factories import jpeg_bytes, make_member, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-test-password-1"


def save(page) -> None:
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")
    assert page.locator(".messagelist .success").count() == 1, page.content()[:3000]


def press(page, value: str) -> None:
    """A workflow button: it saves the form with the move and comes back to the story."""
    with page.expect_navigation():
        page.click(f"button[name=_workflow][value={value}]")
    assert page.locator(".messagelist .success").count() == 1, page.content()[:3000]


def test_write_submit_send_back_fix_schedule_appear_and_correct(page, tmp_path):
    make_member("writer", "Reporter")
    make_member("chief", "Editor")
    make_section(name="ข่าวกรุงเทพฯ")
    title = "ชาวบ้านริมคลองเตรียมรับน้ำหลาก"

    # The reporter writes a Thai story with an image and submits it.
    log_in(page, "writer")
    page.goto("/admin/articles/article/add/")
    page.fill("#id_title", title)
    page.click(".field-section .select2-selection")
    page.fill(".select2-search__field", "กรุงเทพ")
    page.click(".select2-results__option >> text=ข่าวกรุงเทพฯ")
    page.locator(".field-body .ck-editor__editable").click()
    page.keyboard.type("ระดับน้ำในคลองสูงขึ้นต่อเนื่อง")
    image = tmp_path / "klong.jpg"
    image.write_bytes(jpeg_bytes(320, 200))
    page.locator(".field-body input[type=file]").first.set_input_files(str(image))
    page.locator(".ck-editor__editable img[src*='/media/editor/']").wait_for()
    assert page.locator("button[name=_workflow][value=publish]").count() == 0
    press(page, "submit")
    article = Article.objects.get()
    assert article.status == Article.Status.IN_REVIEW

    # The editor sends it back with a note.
    log_in(page, "chief")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.click("#workflow-send-back summary")
    page.fill("#id_workflow_note", "ขอความเห็นจากเขตด้วย")
    press(page, "send_back")

    # The reporter sees the note, fixes the story and resubmits.
    log_in(page, "writer")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    assert "ขอความเห็นจากเขตด้วย" in page.locator(".errornote").inner_text()
    page.locator(".field-body .ck-editor__editable").click()
    page.keyboard.press("End")
    page.keyboard.type(" ผู้อำนวยการเขตยืนยันว่าพร้อมรับมือ")
    press(page, "submit")

    # The editor schedules it a few seconds ahead.
    log_in(page, "chief")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.click("#workflow-schedule summary")
    # The picker takes seconds too when they are typed; the time must still be to come
    # when the form arrives, hence a margin for a busy machine.
    when = timezone.localtime() + timedelta(seconds=12)
    page.fill("#id_workflow_when", when.strftime("%Y-%m-%dT%H:%M:%S"))
    press(page, "schedule")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and not article.is_public

    # It is not on the home page until its time comes, then it is.
    reader = page.context.browser.new_page(base_url=page.url.split("/admin/")[0])
    reader.goto("/")
    assert title not in reader.content()
    reader.wait_for_timeout(max(0, (when - timezone.localtime()).total_seconds() * 1000) + 500)
    reader.reload()  # revalidates: a changed page has a new ETag
    reader.click(f"text={title}")
    assert "ผู้อำนวยการเขตยืนยันว่าพร้อมรับมือ" in reader.content()

    # The editor adds a correction; readers see it at the foot of the story.
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.click("#corrections-group .add-row a")
    page.fill("#corrections-group textarea[name$='-text']:visible", "แก้ชื่อเขตให้ถูกต้อง")
    today = timezone.localtime()
    page.fill("#corrections-group input[name$='-created_at_0']:visible", today.date().isoformat())
    page.fill("#corrections-group input[name$='-created_at_1']:visible", today.strftime("%H:%M:%S"))
    save(page)
    reader.reload()
    assert "แก้ชื่อเขตให้ถูกต้อง" in reader.locator(".corrections").inner_text()
    assert csp_violations(page) == []
    reader.close()
