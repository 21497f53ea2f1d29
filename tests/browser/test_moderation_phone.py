"""The moderation queue on a phone (375×740) in Chromium: it fits the screen, each row's
buttons can be tapped, Approve on a row approves that comment, and readers' text that is
hard to lay out (long Thai without spaces, stacked combining marks) stays in its row."""

import io

import pytest
from PIL import Image, ImageChops

from comments.models import Comment
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, csp_violations
from tests.factories import make_article, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Status = Comment.Status
PHONE = {"width": 375, "height": 740}

SHORT_THAI = "ขอบคุณสำหรับข่าวดีๆ ครับ ติดตามอยู่เสมอ"
LONG_THAI = "กรุงเทพมหานครประกาศปิดถนนหลายสายเพื่อซ่อมท่อระบายน้ำก่อนฤดูฝน" * 10


# "Zalgo": every letter carries thirty combining marks, which stack far above and below
# the line unless something clips them.
def zalgo(text: str, marks: int) -> str:
    return "".join(
        letter + "".join(chr(0x0300 + (i * 7 + k) % 0x70) for k in range(marks))
        for i, letter in enumerate(text)
    )


ZALGO = zalgo("ZALGO ข่าวปลอม", 30)


@pytest.fixture
def phone(browser, live_server):
    """A phone's browser: narrow, touch, the page's own viewport meta honoured."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="th-TH",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda m: m.type == "error" and tab.console_errors.append(m.text))
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    yield tab
    context.close()


def box(page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


def row_of(comment: Comment) -> str:
    return f'#result_list tbody tr:has([data-comment="{comment.pk}"])'


def ink_outside(page, selector: str) -> int:
    """How many pixels of the screen change, outside the element's own box, when the
    element's text is hidden: the ink that escapes it (0 when its text is clipped)."""
    element = page.locator(selector)
    element.scroll_into_view_if_needed()
    shown = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    element.evaluate("e => { e.style.visibility = 'hidden'; }")
    hidden = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    element.evaluate("e => { e.style.visibility = ''; }")
    inside = element.bounding_box()
    scale = shown.width / PHONE["width"]
    difference = ImageChops.difference(shown, hidden).convert("L").point(lambda v: 255 if v else 0)
    # Blank the element's own box (a pixel of margin for anti-aliasing): what it draws
    # there is its business.
    left, top = (inside["x"] - 1) * scale, (inside["y"] - 1) * scale
    right = (inside["x"] + inside["width"] + 1) * scale
    bottom = (inside["y"] + inside["height"] + 1) * scale
    difference.paste(0, (int(left), int(top), int(right + 0.999), int(bottom + 0.999)))
    return sum(difference.histogram()[1:])


def test_a_moderator_works_the_queue_on_a_phone(phone):
    article = make_article(title="ข่าวน้ำท่วมกรุงเทพฯ")
    comments = {
        key: Comment.objects.create(
            article=article,
            name=name,
            email=f"{key}@example.com",
            body=body,
            status=Status.PENDING,
        )
        for key, name, body in [
            ("short", "สมหญิง", SHORT_THAI),
            ("thai", "สมชาย", LONG_THAI),
            ("zalgo", zalgo("Zalg", 15), ZALGO),  # the name too: a reader chooses it
            ("latin", "Link", "https://example.com/" + "averyveryverylongpath" * 12),
        ]
    }
    make_member("moderator", "Moderator")

    page = phone
    page.goto("/admin/login/")
    page.fill("#id_username", "moderator")
    page.fill("#id_password", "a-test-password-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto("/admin/comments/comment/")
    page.wait_for_selector("#result_list tr.is-current")
    assert page.locator("#result_list tbody tr").count() == 4

    # The queue fits the phone: no sideways scroll of the page or of the list.
    assert_no_horizontal_scroll(page)
    results = page.eval_on_selector(".results", "e => e.scrollWidth - e.clientWidth")
    assert results <= 0, f"the list scrolls sideways by {results}px"
    table = box(page, "#result_list")
    assert table["x"] >= 0 and table["x"] + table["width"] <= PHONE["width"] + 0.5

    # Every row, and every reader's text, stays inside the table and the screen.
    for key, comment in comments.items():
        row = box(page, row_of(comment))
        body = box(page, f"{row_of(comment)} .moderation__body")
        assert row["x"] + row["width"] <= table["x"] + table["width"] + 0.5, key
        assert body["x"] >= row["x"] - 0.5, key
        assert body["x"] + body["width"] <= row["x"] + row["width"] + 0.5, key
        assert body["y"] >= row["y"] - 0.5, key
        assert body["y"] + body["height"] <= row["y"] + row["height"] + 0.5, key
        overflow = page.eval_on_selector(
            f"{row_of(comment)} .moderation__body", "e => e.scrollWidth - e.clientWidth"
        )
        assert overflow <= 0, f"{key}: its text is {overflow}px wider than its box"

    # Combining marks and long Thai are clipped: none of their ink falls outside the box.
    for key in ("zalgo", "thai"):
        assert ink_outside(page, f"{row_of(comments[key])} .moderation__body") == 0, key
    assert ink_outside(page, f"{row_of(comments['zalgo'])} .moderation__comment") == 0

    # Thai breaks between words, not a syllable a line: a short sentence takes at most
    # three lines, and the long Thai text has a column wide enough to read.
    short = page.eval_on_selector(
        f"{row_of(comments['short'])} .moderation__body",
        """e => {
            const style = getComputedStyle(e);
            const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
            return [e.getBoundingClientRect().height, parseFloat(style.lineHeight), padding];
        }""",
    )
    height, line_height, padding = short
    assert height - padding <= 3 * line_height + 1, f"{height}px for {line_height}px lines"
    assert box(page, f"{row_of(comments['thai'])} .moderation__body")["width"] >= 200

    # Each row's buttons are big enough and nothing covers them.
    buttons = page.locator(f"{row_of(comments['short'])} .moderation__decide :is(button, select)")
    assert buttons.count() == 4  # approve, the reason to reject with, reject, spam
    for n in range(buttons.count()):
        button = buttons.nth(n)
        button.scroll_into_view_if_needed()
        size = button.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24, button.inner_text()
        assert size["x"] >= 0 and size["x"] + size["width"] <= PHONE["width"]
        on_top = button.evaluate(
            """e => {
                const r = e.getBoundingClientRect();
                return e.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
            }"""
        )
        assert on_top, f"{button.inner_text()} is covered"

    assert_accessible(page)

    # Approve, tapped on the short comment's row: that comment is approved, the others
    # wait, and its row leaves the pending queue.
    approve = page.locator(f"{row_of(comments['short'])} button[value=approve]")
    with page.expect_navigation():
        approve.tap()
    page.wait_for_selector("#result_list")
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert statuses.pop(comments["short"].pk) == Status.APPROVED
    assert set(statuses.values()) == {Status.PENDING}
    assert page.locator(row_of(comments["short"])).count() == 0
    assert page.locator("#result_list tbody tr").count() == 3
    assert f"#{comments['short'].pk}" in page.inner_text(".messagelist")
    assert_no_horizontal_scroll(page)

    assert csp_violations(page) == []
    assert page.console_errors == []
