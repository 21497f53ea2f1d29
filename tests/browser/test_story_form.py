"""The story form made for writing, in Chromium: a headline as wide as the form, the
names panel beside the text, tags typed in place, Enter that saves, and the story's
address following the headline."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles.models import Article, Tag
from tests.browser.conftest import assert_no_horizontal_scroll, csp_violations, log_in
from tests.factories import make_article, make_member, make_person, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_HEADLINE = (
    "ผู้ว่าราชการกรุงเทพมหานครลงพื้นที่ตรวจสอบระบบระบายน้ำในเขตลาดกระบัง "
    "หลังฝนตกหนักต่อเนื่องทั้งคืนจนน้ำท่วมขังถนนหลายสาย"
)
BODY = (
    "<p>นายชยพล ศรีเมือง ผู้อำนวยการสำนักการระบายน้ำ เปิดเผยว่าได้สั่งเดินเครื่องสูบน้ำ"
    "ทุกสถานี และส่งรถสูบน้ำเคลื่อนที่ไปประจำจุดเสี่ยงสิบสองจุด</p>"
)


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def assert_parts_accessible(page, *selectors: str) -> None:
    # The admin's own widgets (CKEditor, select2) have findings of their own: the parts
    # this form adds are checked alone.
    for selector in selectors:
        results = Axe().run(page, context=selector)
        assert results.violations_count == 0, f"{selector}\n{results.generate_snapshot()}"


def test_the_headline_spans_the_form_and_a_phone_has_no_sideways_scroll(page):
    make_member("editor", "Editor")
    article = make_article(title=LONG_HEADLINE, standfirst="ฝนตกหนักทั้งคืน", body=BODY)
    url = f"/admin/articles/article/{article.pk}/change/"
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "editor", url)

    column = box(page, "#content-main")
    for field in ("#id_title", "#id_standfirst"):
        assert box(page, field)["width"] >= 0.9 * column["width"], field
    assert page.input_value("#id_title") == LONG_HEADLINE
    assert_parts_accessible(page, ".story-head", ".field-tags", "#story-preview")

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    page.locator("#story-url:not([hidden])").wait_for()
    assert_no_horizontal_scroll(page)
    column = box(page, "#content-main")
    assert box(page, "#id_title")["width"] >= 0.9 * column["width"]
    assert csp_violations(page) == []
    assert page.console_errors == []


def test_the_names_panel_is_beside_the_text_and_above_the_buttons(page):
    make_member("editor", "Editor")
    make_person(title="นาย", name="ชยพล ศรีเมือง")
    article = make_article(title="สูบน้ำทุกสถานี", body=BODY)
    url = f"/admin/articles/article/{article.pk}/change/"
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "editor", url)
    page.locator('#names-panel-found button[name="_add_person"]').wait_for()

    panel, body = box(page, "#names-panel"), box(page, ".field-body .ck-editor")
    buttons = box(page, ".submit-row input[name=_save]")
    assert panel["y"] < buttons["y"]
    assert panel["x"] >= body["x"] + body["width"]  # to the right of the editor
    assert panel["y"] < body["y"] + body["height"]  # and level with it
    assert_parts_accessible(page, "#names-panel")

    # On a phone: under the text, still above the buttons.
    page.set_viewport_size({"width": 375, "height": 800})
    panel, body = box(page, "#names-panel"), box(page, ".field-body .ck-editor")
    buttons = box(page, ".submit-row input[name=_save]")
    assert body["y"] + body["height"] <= panel["y"] < buttons["y"]
    assert_no_horizontal_scroll(page)
    assert csp_violations(page) == []


def test_enter_in_the_headline_saves_with_save_not_the_panels_buttons(page):
    make_member("editor", "Editor")
    make_person(title="นาย", name="ชยพล ศรีเมือง")
    article = make_article(title="สูบน้ำทุกสถานี", body=BODY)
    url = f"/admin/articles/article/{article.pk}/change/"
    log_in(page, "editor", url)
    # The panel offers a submit button ("Add to this story") above the visible Save.
    page.locator('#names-panel-found button[name="_add_person"]').wait_for()

    page.click("#id_title")
    page.keyboard.press("End")
    page.keyboard.type(" แก้ไขแล้ว")
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/articles/article/")
    assert page.locator(".messagelist .success").count() == 1
    article.refresh_from_db()
    assert article.title == "สูบน้ำทุกสถานี แก้ไขแล้ว"
    assert not article.people.exists()  # Save, not "Add to this story"
    assert csp_violations(page) == []


def test_a_new_thai_tag_typed_with_enter_and_a_suggested_one_are_saved(page):
    make_member("reporter", "Reporter")
    make_section(name="ข่าวกรุงเทพฯ")
    covid = Tag.objects.create(name="โควิด-19")
    make_article().tags.add(covid)
    log_in(page, "reporter", "/admin/articles/article/add/")

    page.fill("#id_title", "ครม. ถกแผนรับมือน้ำท่วม")
    page.click(".field-section .select2-selection")
    page.fill(".select2-search__field", "กรุงเทพ")
    page.click(".select2-results__option >> text=ข่าวกรุงเทพฯ")

    page.click("#id_tags")
    page.keyboard.type("น้ำท่วมใหญ่")
    page.keyboard.press("Enter")  # a tag, not a save
    chips = page.locator(".field-tags .tag-chip")
    chips.filter(has_text="น้ำท่วมใหญ่").wait_for()
    assert page.url.endswith("/admin/articles/article/add/")

    page.keyboard.type("โควิด")
    page.locator('.tags-field__list [role="option"]', has_text="โควิด-19").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    chips.filter(has_text="โควิด-19").wait_for()
    page.keyboard.type("ครม., ")  # a comma ends a tag too
    chips.filter(has_text="ครม.").wait_for()
    page.keyboard.insert_text('"กรุงเทพฯ, ปริมณฑล",')  # pasted: quotes keep its comma
    chips.filter(has_text="กรุงเทพฯ, ปริมณฑล").wait_for()
    assert chips.count() == 4
    page.click('.tag-chip button[aria-label*="ครม."]')  # and a chip comes off again
    assert chips.count() == 3
    assert_parts_accessible(page, ".field-tags")

    page.click(".submit-row input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")
    article = Article.objects.get(title="ครม. ถกแผนรับมือน้ำท่วม")
    assert sorted(article.tags.names()) == ["กรุงเทพฯ, ปริมณฑล", "น้ำท่วมใหญ่", "โควิด-19"]
    assert Tag.objects.get(name="น้ำท่วมใหญ่").slug == "น้ำท่วมใหญ่"
    assert Tag.objects.count() == 3  # โควิด-19 is the existing tag
    assert csp_violations(page) == []
    assert page.console_errors == []


def test_the_address_and_search_preview_follow_the_headline_as_it_is_typed(page):
    make_member("reporter", "Reporter")
    log_in(page, "reporter", "/admin/articles/article/add/")

    address = page.locator("#story-url .story-url__value")
    page.click("#id_title")
    page.keyboard.type("ผู้ว่าฯ กทม. ลงพื้นที่")
    expect(address).to_have_text(re.compile(r"^http://[^/]+/news/…/ผู้ว่า-กทม-ลงพื้นที่/$"))
    page.keyboard.type("ตรวจน้ำท่วม")
    expect(address).to_have_text(re.compile(r"/news/…/ผู้ว่า-กทม-ลงพื้นที่ตรวจน้ำท่วม/$"))
    assert address.is_visible()
    expect(page.locator(".search-snippet__title")).to_have_text(
        re.compile(r"^ผู้ว่าฯ กทม\. ลงพื้นที่ตรวจน้ำท่วม \| ")
    )

    page.fill("#id_standfirst", "ฝนตกหนักทั้งคืน น้ำท่วมขังหลายจุด")
    page.locator(".search-snippet__description", has_text="ฝนตกหนักทั้งคืน").wait_for()
    page.locator(".social-card__description", has_text="ฝนตกหนักทั้งคืน").wait_for()
    assert csp_violations(page) == []
    assert page.console_errors == []
