"""The workflow buttons in Chromium: a reporter submits with the button and reads the
Thai message; an editor schedules with the picker, reads the Buddhist-era time beside
it, and the message gives that time."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from articles.models import Article, StatusChange
from newsroom.thai_dates import long_thai_date
from tests.browser.conftest import csp_violations, log_in
from tests.factories import make_article, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def press(page, label: str) -> str:
    """Press a workflow button; the story's form comes back with the message."""
    with page.expect_navigation():
        page.get_by_role("button", name=label, exact=True).click()
    return page.locator(".messagelist .success").inner_text()


def assert_panel_accessible(page) -> None:
    results = Axe().run(page, context="#workflow-panel")
    assert results.violations_count == 0, results.generate_snapshot()


def test_a_reporter_submits_with_the_button_and_reads_the_thai_message(page):
    writer = make_member("writer", "Reporter")
    article = make_article(status=Article.Status.DRAFT, created_by=writer, title="ร่างข่าวน้ำ")
    log_in(page, "writer")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    assert page.locator("#id_status").count() == 0  # no status menu
    assert page.get_by_role("button", name="เผยแพร่ทันที").count() == 0  # an editor's
    assert_panel_accessible(page)

    page.fill("#id_title", "น้ำทะลักคันกั้นริมคลอง")  # an edit saved with the move
    message = press(page, "ส่งให้บรรณาธิการตรวจ")

    article.refresh_from_db()
    assert (article.status, article.title) == (Article.Status.IN_REVIEW, "น้ำทะลักคันกั้นริมคลอง")
    changed = timezone.localtime(StatusChange.objects.get().changed_at)
    assert message.startswith("ส่ง “น้ำทะลักคันกั้นริมคลอง” ให้บรรณาธิการตรวจแล้ว เมื่อ")
    assert f"{long_thai_date(changed)} เวลา {changed:%H:%M} น." in message
    assert "รอตรวจ · เปลี่ยนล่าสุดโดย writer" in page.locator(".field-workflow_status").inner_text()
    assert csp_violations(page) == []


def test_an_editor_schedules_with_the_picker_and_reads_the_buddhist_era_time(page):
    make_member("chief", "Editor")
    article = make_article(status=Article.Status.IN_REVIEW, title="ข่าวรอเวลา")
    log_in(page, "chief")
    page.goto(f"/admin/articles/article/{article.pk}/change/")

    day = (timezone.localtime() + timedelta(days=3)).date()
    be_time = f"{long_thai_date(day)} เวลา 07:45 น."
    page.locator("#workflow-schedule summary").click()
    assert_panel_accessible(page)
    page.fill("#id_workflow_when", f"{day.isoformat()}T07:45")
    reading = page.locator("#workflow-when-reading")
    assert reading.inner_text() == f"ตรงกับ{be_time}"  # read back live, Buddhist era
    message = press(page, "ตั้งเวลา")

    assert message == f"“ข่าวรอเวลา” จะขึ้นเว็บไซต์เมื่อ{be_time}"
    article.refresh_from_db()
    local = timezone.localtime(article.published_at)
    assert (local.date(), local.hour, local.minute) == (day, 7, 45)
    assert list(Article.objects.scheduled()) == [article]
    # Shown again, the picker (folded away) holds the time set and reads it back at once.
    assert page.input_value("#id_workflow_when") == f"{day.isoformat()}T07:45"
    assert reading.text_content() == f"ตรงกับ{be_time}"
    assert csp_violations(page) == []
