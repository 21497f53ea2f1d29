"""Never lose a draft: the story form autosaves, offers the text back, and asks before
leaving unsaved changes (articles/static/articles/autosave.js,
newsroom/static/newsroom/js/unsaved_changes.js)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Autosave
from tests.browser.conftest import csp_violations, log_in
from tests.factories import make_article, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AUTOSAVED = "บันทึกอัตโนมัติเมื่อ"  # the status line after each autosave
OFFER = "[data-autosave]"


def open_draft(page, username: str = "reporter1", role: str = "Reporter"):
    user = make_member(username, role)
    article = make_article(title="ข่าวเดิม", body="<p>เนื้อข่าวเดิม</p>", status=Article.Status.DRAFT)
    Article.objects.filter(pk=article.pk).update(created_by=user)
    log_in(page, username, f"/admin/articles/article/{article.pk}/change/")
    return user, article


def type_story(page, title: str, body: str) -> None:
    page.fill("#id_title", title)
    editor = page.locator(".field-body .ck-editor__editable")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(body)


def editor_text(page) -> str:
    return page.evaluate("window.editors.id_body.getData()")


def assert_banner_accessible(page) -> None:
    """axe finds nothing in the banner (the rest of the story form is not this test's)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context="#autosave")
    assert results.violations_count == 0, results.generate_snapshot()


def wait_for_autosave(page, **filters) -> Autosave:
    """The server has the row (a leaving page's request may land just after it left)."""
    for _ in range(150):
        row = Autosave.objects.filter(**filters).first()
        if row is not None:
            return row
        page.wait_for_timeout(100)
    raise AssertionError(f"no autosave matching {filters}")


def test_typed_text_is_autosaved_and_restored_after_a_reload(page):
    _, article = open_draft(page)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))

    type_story(page, "ผู้ว่าฯ ลงพื้นที่น้ำท่วม", "ฝนตกหนักตั้งแต่เช้า น้ำท่วมขังหลายจุด")
    expect(page.locator(".autosave-status")).to_contain_text(AUTOSAVED)
    row = Autosave.objects.get(article=article)
    assert row.data["title"] == "ผู้ว่าฯ ลงพื้นที่น้ำท่วม"
    assert "ฝนตกหนักตั้งแต่เช้า น้ำท่วมขังหลายจุด" in row.data["body"]
    article.refresh_from_db()
    assert (article.title, article.version) == ("ข่าวเดิม", 1)  # the story is untouched

    page.reload()
    assert dialogs == ["beforeunload"]  # the form had unsaved changes
    offer = page.locator(OFFER)
    expect(offer).to_contain_text("กู้คืนข้อความที่คุณเขียนค้างไว้ ซึ่งบันทึกอัตโนมัติเมื่อ")
    expect(offer).to_contain_text(" น.")
    expect(page.locator("#id_title")).to_have_value("ข่าวเดิม")
    assert_banner_accessible(page)

    offer.get_by_role("button", name="กู้คืน").click()
    expect(page.locator(OFFER)).to_have_count(0)
    expect(page.locator(".autosave-status")).to_contain_text("อยู่ในแบบฟอร์มแล้ว")
    expect(page.locator("#id_title")).to_have_value("ผู้ว่าฯ ลงพื้นที่น้ำท่วม")
    expect(page.locator(".field-body .ck-editor__editable")).to_contain_text(
        "ฝนตกหนักตั้งแต่เช้า น้ำท่วมขังหลายจุด"
    )
    assert "ฝนตกหนักตั้งแต่เช้า น้ำท่วมขังหลายจุด" in editor_text(page)
    article.refresh_from_db()
    assert article.title == "ข่าวเดิม"  # restoring saves nothing
    assert csp_violations(page) == []


def test_a_new_story_is_offered_back_on_the_next_add_page_after_the_tab_closed(page):
    make_member("reporter1", "Reporter")
    log_in(page, "reporter1", "/admin/articles/article/add/")
    type_story(page, "ข่าวใหม่ที่ยังไม่บันทึก", "ย่อหน้าแรกของข่าวใหม่")
    expect(page.locator(".autosave-status")).to_contain_text(AUTOSAVED)
    context = page.context
    page.close()

    again = context.new_page()
    again.goto("/admin/articles/article/add/")
    offer = again.locator(OFFER)
    expect(offer).to_contain_text("กู้คืนข้อความที่คุณเขียนค้างไว้")
    offer.get_by_role("button", name="กู้คืน").click()
    expect(again.locator("#id_title")).to_have_value("ข่าวใหม่ที่ยังไม่บันทึก")
    expect(again.locator(".field-body .ck-editor__editable")).to_contain_text("ย่อหน้าแรกของข่าวใหม่")
    assert not Article.objects.exists()


def test_text_typed_just_before_leaving_is_kept(page):
    _, article = open_draft(page)
    page.on("dialog", lambda dialog: dialog.accept())
    type_story(page, "หัวข่าวสุดท้าย", "พิมพ์แล้วออกจากหน้าทันที")
    # Away at once, before the pause would have sent it: the leaving page sends it.
    page.goto("/admin/")
    row = wait_for_autosave(page, article=article, data__title="หัวข่าวสุดท้าย")
    assert "พิมพ์แล้วออกจากหน้าทันที" in row.data["body"]


def test_leaving_with_unsaved_changes_asks_first(page):
    open_draft(page)
    change_url = page.url
    dialogs = []

    # Clicked but unchanged: leaving asks nothing.
    page.click("#id_title")
    page.click("#content-main .object-tools a:has-text('ฉบับแก้ไข')")
    page.wait_for_url("**/revisions/")
    assert dialogs == []

    page.goto(change_url)
    page.locator(".field-body .ck-editor__editable").click()
    page.keyboard.type("ข้อความที่ยังไม่บันทึก")

    # Staying on the page keeps the text.
    page.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.click("#content-main .object-tools a:has-text('ฉบับแก้ไข')")
    expect(page.locator(".field-body .ck-editor__editable")).to_contain_text("ข้อความที่ยังไม่บันทึก")
    assert dialogs == ["beforeunload"]
    assert page.url == change_url

    page.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.click("#content-main .object-tools a:has-text('ฉบับแก้ไข')")
    page.wait_for_url("**/revisions/")
    assert dialogs == ["beforeunload", "beforeunload"]
    assert csp_violations(page) == []


def test_saving_normally_asks_nothing_and_clears_the_autosave(page):
    user, article = open_draft(page)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    type_story(page, "หัวข่าวที่บันทึกแล้ว", "เนื้อข่าวที่บันทึกแล้ว")
    expect(page.locator(".autosave-status")).to_contain_text(AUTOSAVED)
    assert Autosave.objects.filter(article=article, user=user).exists()
    # More typing, saved at once: the page being left must not autosave it after the save.
    page.keyboard.type(" ต่อท้าย")

    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    page.reload()  # one more round trip, after any request the old page might have sent
    assert dialogs == []
    article.refresh_from_db()
    assert article.title == "หัวข่าวที่บันทึกแล้ว"
    assert "เนื้อข่าวที่บันทึกแล้ว ต่อท้าย" in article.body
    assert not Autosave.objects.exists()
    expect(page.locator(OFFER)).to_have_count(0)
    assert csp_violations(page) == []


def test_an_editor_is_offered_the_reporters_autosave_and_warned_it_is_older(
    page, browser, live_server
):
    reporter, article = open_draft(page)
    type_story(page, "ฉบับของนักข่าว", "นักข่าวเขียนค้างไว้")
    expect(page.locator(".autosave-status")).to_contain_text(AUTOSAVED)

    # The editor saved the story meanwhile: the reporter's text is on an older version.
    editor_user = make_member("editor1", "Editor")
    editor_user.first_name = "บรรณาธิการ"
    editor_user.save()
    Article.objects.filter(pk=article.pk).update(version=2, title="ฉบับของบรรณาธิการ")
    article.revisions.create(
        created_by=editor_user,
        created_at=Autosave.objects.get().saved_at - timezone.timedelta(minutes=1),
        snapshot={},
    )

    context = browser.new_context(base_url=live_server.url, locale="th-TH")
    editor_page = context.new_page()
    log_in(editor_page, "editor1", f"/admin/articles/article/{article.pk}/change/")
    offer = editor_page.locator(OFFER)
    expect(offer).to_contain_text(f"กู้คืนข้อความที่ {reporter.username} เขียนค้างไว้")
    expect(offer).to_contain_text("ข้อความนี้เขียนก่อนที่ บรรณาธิการ บันทึกข่าวเมื่อ")
    # Discarding someone else's autosave only hides it here.
    offer.get_by_role("button", name="ทิ้ง").click()
    expect(editor_page.locator(OFFER)).to_have_count(0)
    expect(editor_page.locator("#id_title")).to_have_value("ฉบับของบรรณาธิการ")
    assert Autosave.objects.filter(user=reporter).exists()
    context.close()
