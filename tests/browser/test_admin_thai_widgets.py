"""What the admin's scripts draw is Thai too: the calendar and clock, the selector of a
many-to-many field, the autocomplete, the action counter and the story editor.

Their text comes from the admin's script catalogue (admin:jsi18n, which reads
locale_thirdparty/th/LC_MESSAGES/djangojs.po), from select2's and CKEditor's own Thai,
and from newsroom/static/newsroom/js/calendar_era.js. Each widget is opened in Chromium
and what it shows is read as a person would see it (tests/thai_ui.py finds English).
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article
from tests.browser.conftest import assert_accessible, csp_violations, log_in
from tests.factories import make_article, make_member, make_person, make_section, make_staff
from tests.thai_ui import english_words

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Text a person sees in the elements matching a selector: its text nodes (as written,
#: before CSS capitals) that are rendered, or all of them for widgets that hide labels
#: visually but give them to screen readers; and the attributes shown as tips or read
#: out. Text marked as another language (the desk's "English" switch) is left out.
SHOWN_TEXT = """([selector, all]) => {
    const found = [];
    const foreign = (element) => {
        const marked = element.closest('[lang]');
        return marked && !marked.lang.startsWith('th');
    };
    const attributes = ['title', 'placeholder', 'aria-label', 'alt', 'data-cke-tooltip-text'];
    for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const parent = node.parentElement;
            if (!node.data.trim() || parent.closest('script, style, textarea') || foreign(parent)) {
                continue;
            }
            if (all || parent.checkVisibility()) {
                found.push(node.data.trim());
            }
        }
        for (const element of [root, ...root.querySelectorAll('*')]) {
            if (foreign(element)) {
                continue;
            }
            for (const name of attributes) {
                const value = element.getAttribute(name);
                if (value) found.push(value);
            }
            if (element.matches('input[type=submit], input[type=button]')) {
                found.push(element.value);
            }
        }
    }
    return found;
}"""


def shown(page, selector: str, *, hidden_labels: bool = False) -> list[str]:
    return page.evaluate(SHOWN_TEXT, [selector, hidden_labels])


def assert_thai(texts: list[str], where: str, allowed=()) -> None:
    assert any(re.search(r"[\u0e00-\u0e7f]", text) for text in texts), f"{where}: {texts}"
    found = english_words(texts, allowed)
    assert not found, f"{where}: " + "; ".join(f"{w!r} in “{t}”" for w, t in found.items())


def test_the_story_forms_calendar_clock_autocomplete_and_editor_are_thai(page):
    make_member("malee", "Editor")
    article = make_article(
        title="สภาผ่านงบประมาณปีหน้า",
        status=Article.Status.DRAFT,
        section=make_section(name="การเมือง"),
        published_at=timezone.now() + timedelta(days=1),
        bylines=[make_person(name="สมชาย ใจดี")],
    )
    log_in(page, "malee", f"/admin/articles/article/{article.pk}/change/")
    page.locator(".field-body .ck-editor__editable").wait_for()

    # The date box's hint, and the shortcuts the calendar script adds beside the boxes.
    hint = page.locator("#id_published_at_0_era")
    assert hint.inner_text() == "วว/ดด/ปปปป ปี ค.ศ. (ใส่ปี พ.ศ. ก็ได้)"
    assert_thai(shown(page, ".field-published_at"), "the publish time's boxes")

    page.click(".field-published_at .date-icon")
    calendar = page.locator(".calendarbox").first
    calendar.wait_for()
    caption = calendar.locator("caption").inner_text()
    year = (timezone.localdate() + timedelta(days=1)).year
    assert re.fullmatch(rf"\S+ {year} \(พ.ศ. {year + 543}\)", caption), caption
    assert_thai(shown(page, ".calendarbox"), "the calendar")
    assert "อา" in calendar.inner_text()  # the weekdays' heads
    calendar.locator(".calendarnav-next").click()
    assert "(พ.ศ. " in calendar.locator("caption").inner_text()  # still, month after month
    calendar.get_by_text("ยกเลิก").click()

    page.click(".field-published_at .clock-icon")
    clock = page.locator(".clockbox").first
    clock.wait_for()
    assert_thai(shown(page, ".clockbox"), "the clock")
    assert {"ตอนนี้", "เที่ยงคืน", "เที่ยงวัน"} <= set(clock.inner_text().split("\n"))
    clock.get_by_text("ยกเลิก").click()

    page.click(".field-people .select2-selection")
    page.fill(".select2-search__field", "ไม่มีใครชื่อนี้")
    message = page.locator(".select2-results__message")
    message.wait_for()
    assert_thai([message.inner_text()], "the autocomplete")

    # CKEditor: its buttons' names are hidden text and tips, read out to screen readers.
    assert_thai(shown(page, ".field-body .ck-editor", hidden_labels=True), "the editor")
    page.keyboard.press("Escape")
    # And everything else on the page, as it stands now.
    assert_thai(shown(page, "body"), "the story form", {"malee"})
    assert csp_violations(page) == []
    assert page.console_errors == []

    # A page an editor may not open says so in Thai (not Django's "403 Forbidden").
    refused = page.goto("/admin/auth/user/")
    assert refused.status == 403
    assert page.locator("h1").inner_text() == "คุณเปิดหน้านี้ไม่ได้"
    assert_thai(shown(page, "body"), "the refusal")
    assert_accessible(page)


def test_the_selector_and_the_action_counter_are_thai(page):
    make_staff("chief", is_superuser=True)
    editors = make_member("malee", "Editor").groups.get()
    make_article(title="ข่าวหนึ่ง")
    make_article(title="ข่าวสอง")
    log_in(page, "chief", f"/admin/auth/group/{editors.pk}/change/")

    selector = page.locator(".selector").first
    selector.wait_for()
    texts = shown(page, ".selector")
    assert_thai(texts, "the permissions selector", {"Editor"})
    assert "สิทธิ์ที่เลือกได้" in selector.inner_text()
    chosen = Group.objects.get(pk=editors.pk).permissions.count()
    page.fill("#id_permissions_input", "ข่าว")  # filtering the available list
    assert page.locator("#id_permissions_from option").count() > 0
    assert page.locator("#id_permissions_to option").count() == chosen

    page.goto("/admin/articles/article/")
    counter = page.locator(".action-counter")
    assert counter.inner_text() == "เลือกแล้ว 0 จาก 2 รายการ"
    page.locator("input.action-select").first.check()
    assert counter.inner_text() == "เลือกแล้ว 1 จาก 2 รายการ"
    assert_thai(shown(page, "body"), "the story list", {"chief"})
    assert csp_violations(page) == []
    assert page.console_errors == []
