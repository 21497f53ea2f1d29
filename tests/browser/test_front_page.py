"""An editor chooses the home page's lead and orders its top stories on the desk's board."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from tests.browser.conftest import assert_accessible, csp_violations
from tests.factories import make_article, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOARD = "/admin/articles/frontpagepick/"


def choose(page, search: str, title: str, place: str) -> None:
    page.click(".field-article .select2-selection")
    page.fill(".select2-search__field", search)
    page.click(f".select2-results__option >> text={title}")
    page.select_option("#id_position", place)
    page.click("input[type=submit].default")
    page.wait_for_url(f"**{BOARD}")
    assert page.locator(".messagelist .success").count() == 1


def test_an_editor_chooses_the_lead_and_orders_the_top_stories(page):
    make_member("chief", "Editor")
    now = timezone.now()
    make_article(title="ผู้ว่าฯ เปิดอุโมงค์ระบายน้ำ", published_at=now - timedelta(hours=6))
    make_article(title="รถไฟฟ้าสายใหม่ทดลองวิ่ง", published_at=now - timedelta(hours=5))
    make_article(title="ตลาดน้ำคึกคักวันหยุด", published_at=now - timedelta(hours=4))
    make_article(title="ข่าวใหม่ล่าสุดของวัน", published_at=now - timedelta(minutes=5))

    page.goto(f"/admin/login/?next={BOARD}")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "a-test-password-1")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{BOARD}")

    choose(page, "อุโมงค์", "ผู้ว่าฯ เปิดอุโมงค์ระบายน้ำ", "1")
    choose(page, "รถไฟฟ้า", "รถไฟฟ้าสายใหม่ทดลองวิ่ง", "2")
    choose(page, "ตลาดน้ำ", "ตลาดน้ำคึกคักวันหยุด", "3")
    # The third top story goes above the second.
    page.locator('tr[data-position="3"] button', has_text="เลื่อนขึ้น").click()
    page.wait_for_url(f"**{BOARD}")
    assert "ตลาดน้ำคึกคักวันหยุด" in page.locator('tr[data-position="2"]').inner_text()
    assert "รถไฟฟ้าสายใหม่ทดลองวิ่ง" in page.locator('tr[data-position="3"]').inner_text()

    # An end time typed in the Buddhist era is read back as one.
    year = timezone.localdate().year + 1
    page.fill("#id_expires_at_0", f"31/12/{year + 543}")
    page.fill("#id_expires_at_1", "18:00")
    readout = page.locator("#expiry-readout")
    readout.wait_for()
    assert f"พ.ศ. {year + 543}" in readout.inner_text()
    assert "31 ธันวาคม" in readout.inner_text()
    assert csp_violations(page) == [] and page.console_errors == []
    # Last: axe itself applies styles the policy refuses. The admin's own widgets have
    # findings of their own; the board's table is checked alone.
    board = Axe().run(page, context="#content-main > table")
    assert board.violations_count == 0, board.generate_snapshot()
    page.console_errors.clear()

    page.click("text=ดูหน้าแรกของเว็บไซต์")
    page.wait_for_url("**/")
    lead = page.locator(".card--lead .card__title")
    assert lead.inner_text() == "ผู้ว่าฯ เปิดอุโมงค์ระบายน้ำ"
    top = page.locator("#top-stories + .card-grid .card__title").all_inner_texts()
    assert top == ["ตลาดน้ำคึกคักวันหยุด", "รถไฟฟ้าสายใหม่ทดลองวิ่ง"]
    assert page.get_by_text("ข่าวใหม่ล่าสุดของวัน").count() == 1  # below, automatic
    assert csp_violations(page) == [] and page.console_errors == []
    assert_accessible(page)
