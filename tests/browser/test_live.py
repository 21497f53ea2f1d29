"""Live coverage in Chromium: a reader has the live story open while a reporter posts
from the desk in another browser; the reader is told "1 new update" (in Thai), and the
update appears only when asked for. Without JavaScript the desk still posts and a reload
shows the update. No Content-Security-Policy violation anywhere."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import live
from articles.models import Byline, LiveUpdate
from tests.browser.conftest import assert_accessible, csp_violations, log_in, new_page
from tests.factories import make_article, make_member, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ONE_NEW = "อัปเดตใหม่ 1 รายการ"


@pytest.fixture(autouse=True)
def _cached_and_quick(settings):
    # Readers get the page and the poll from the page cache, as in production; the
    # poll comes every second so the test does not wait for the usual interval.
    settings.PAGE_CACHE_SECONDS = 300
    settings.LIVE_POLL_SECONDS = 1
    settings.LIVE_DESK_POLL_SECONDS = 1


def live_story(reporter):
    article = make_article(
        title="น้ำท่วมกรุงเทพฯ: รายงานสด", live_since=timezone.now() - timedelta(hours=1)
    )
    person = make_person(name="สมหญิง ข่าวดี", user=reporter)
    Byline.objects.create(article=article, person=person)
    return article


def test_a_reader_is_told_of_a_new_update_and_reads_it_when_asking(browser, live_server, page):
    reporter = make_member("writer", "Reporter")
    article = live_story(reporter)
    first = live.update_post(article=article, user=reporter, body="<p>เริ่มรายงานสด</p>")
    page.goto(article.get_absolute_url())
    assert page.locator(".story__section .live-label").inner_text() == "สด"
    button = page.locator("[data-live-button]")
    assert button.is_hidden()
    reading = page.locator(f"#update-{first.pk}")
    where = reading.bounding_box()

    desk_context, desk = new_page(browser, live_server)
    log_in(desk, "writer")
    desk.goto(f"/admin/articles/article/{article.pk}/live/")
    desk.fill("#id_text", "ระดับน้ำที่ถนนพหลโยธินสูง 30 ซม.\nรถเล็กควรเลี่ยง")
    desk.get_by_role("button", name="โพสต์", exact=True).click()
    # Posted without leaving the page: the desk lists it, the text box is empty again.
    desk.locator(".live-desk-update", has_text="ระดับน้ำที่ถนนพหลโยธิน").wait_for()
    assert desk.locator("[data-live-desk-status]").inner_text() == "โพสต์แล้ว"
    assert desk.input_value("#id_text") == ""
    assert desk.url.endswith(f"/admin/articles/article/{article.pk}/live/")
    update = LiveUpdate.objects.latest("pk")

    # The reader is told, and nothing moves under the text until they ask.
    button.wait_for(state="visible")
    assert button.inner_text() == ONE_NEW
    assert page.locator("[data-live-news]").get_attribute("aria-live") == "polite"
    assert page.locator(f"#update-{update.pk}").count() == 0
    assert reading.bounding_box() == where  # the text being read has not moved
    button.click()
    shown = page.locator(f"#update-{update.pk}")
    assert "ระดับน้ำที่ถนนพหลโยธินสูง 30 ซม." in shown.inner_text()
    assert "สมหญิง ข่าวดี" in shown.inner_text()
    assert button.is_hidden()
    ids = page.locator("[data-live-list] > article").evaluate_all("els => els.map(e => e.id)")
    assert ids == [f"update-{update.pk}", f"update-{first.pk}"]  # newest first

    # A colleague's update reaches the reporter's desk by itself.
    editor = make_member("chief", "Editor")
    colleague = live.update_post(article=article, user=editor, body="<p>จากบรรณาธิการ</p>")
    desk.locator(f"#update-{colleague.pk}").wait_for()
    button.wait_for(state="visible")
    assert button.inner_text() == ONE_NEW

    assert csp_violations(page) == [] and csp_violations(desk) == []
    assert page.console_errors == [] and desk.console_errors == []
    # Last: axe itself applies inline styles, which the policy reports.
    assert_accessible(page)
    assert_accessible(desk)
    desk_context.close()


def test_a_colleagues_edit_pin_and_delete_reach_the_open_page(browser, live_server, page):
    reporter = make_member("writer", "Reporter")
    article = live_story(reporter)
    wrong, rumour, decision = (
        live.update_post(article=article, user=reporter, body=f"<p>{text}</p>")
        for text in ("ผู้บาดเจ็บ 3 ราย", "ข่าวลือว่าเขื่อนแตก", "ประกาศปิดโรงเรียน 20 แห่ง")
    )
    page.goto(article.get_absolute_url())
    page.locator(f"#update-{wrong.pk}").wait_for()
    assert page.locator(".live__key-events").count() == 0

    desk_context, desk = new_page(browser, live_server)
    desk.on("dialog", lambda dialog: dialog.accept())  # "delete this update?"
    log_in(desk, "writer")
    desk.goto(f"/admin/articles/article/{article.pk}/live/")
    desk.locator(f"#update-{wrong.pk}").get_by_role("link", name="แก้ไข").click()
    assert desk.input_value("#id_text") == "ผู้บาดเจ็บ 3 ราย"  # as typed, no tags
    desk.fill("#id_text", "ผู้บาดเจ็บ 4 ราย\n\nส่งโรงพยาบาลรามาธิบดี")
    desk.locator("input[type=submit]").click()
    desk.locator(f"#update-{rumour.pk}").get_by_role("button", name="ลบ").click()
    desk.wait_for_load_state()
    desk.locator(f"#update-{decision.pk}").get_by_role("button", name="ปักหมุดเป็นเหตุการณ์สำคัญ").click()
    desk.locator(f"#update-{decision.pk} .live-desk-update__key").wait_for()

    # The reader's open page, after a poll: each change where the update stands.
    edited = page.locator(f"#update-{wrong.pk} .live-update__body p")
    edited.nth(1).wait_for()
    assert edited.all_inner_texts() == ["ผู้บาดเจ็บ 4 ราย", "ส่งโรงพยาบาลรามาธิบดี"]
    removed = page.locator(f"#update-{rumour.pk}")
    removed.filter(has_text="อัปเดตนี้ถูกลบแล้ว").wait_for()
    assert "เขื่อน" not in page.locator("[data-live-list]").inner_text()
    key_events = page.locator(".live__key-events")
    key_events.wait_for()
    assert "ประกาศปิดโรงเรียน 20 แห่ง" in key_events.inner_text()
    assert page.locator(f"#update-{decision.pk}.live-update--key").count() == 1
    ids = page.locator("[data-live-list] > *").evaluate_all("els => els.map(e => e.id)")
    assert ids == [f"update-{decision.pk}", f"update-{rumour.pk}", f"update-{wrong.pk}"]
    assert page.locator("[data-live-button]").is_hidden()  # nothing new to announce

    assert csp_violations(page) == [] and csp_violations(desk) == []
    assert page.console_errors == [] and desk.console_errors == []
    assert_accessible(page)
    desk_context.close()


def test_without_javascript_the_desk_posts_and_a_reload_shows_the_update(browser, live_server):
    reporter = make_member("writer", "Reporter")
    article = live_story(reporter)
    reader_context, reader = new_page(browser, live_server, java_script_enabled=False)
    reader.goto(article.get_absolute_url())
    assert reader.locator("[data-live-button]").is_hidden()

    desk_context, desk = new_page(browser, live_server, java_script_enabled=False)
    log_in(desk, "writer")
    desk.goto(f"/admin/articles/article/{article.pk}/live/")
    desk.fill("#id_text", "ศูนย์พักพิงเปิดที่โรงเรียนวัดสุทธิวราราม")
    desk.get_by_role("button", name="โพสต์", exact=True).click()
    desk.wait_for_load_state()
    assert "อัปเดตของคุณขึ้นในข่าวแล้ว" in desk.locator(".messagelist").inner_text()
    assert "ศูนย์พักพิงเปิดที่โรงเรียนวัดสุทธิวราราม" in desk.locator("[data-live-desk-updates]").inner_text()

    reader.reload()
    update = LiveUpdate.objects.get()
    assert "ศูนย์พักพิงเปิดที่โรงเรียนวัดสุทธิวราราม" in reader.locator(f"#update-{update.pk}").inner_text()
    assert csp_violations(reader) == [] and csp_violations(desk) == []
    reader_context.close()
    desk_context.close()
