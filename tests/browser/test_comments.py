"""Comments in a real Chromium: a reader posts, a moderator approves by keyboard, a second
reader replies and reports; hostile comments run no script on the story or the queue."""

import pytest

from comments.models import Comment, CommentReport
from tests.browser.conftest import assert_accessible, csp_violations, log_in, new_page
from tests.factories import make_article, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Status = Comment.Status
PASSWORD = "a-test-password-1"


@pytest.fixture(autouse=True)
def _instant_forms(settings):
    settings.COMMENTS_MIN_SECONDS = 0  # Playwright types faster than the bot timer allows


def test_post_moderate_by_keyboard_read_reply_and_report(browser, live_server, page):
    article = make_article(title="ข่าวทดสอบความคิดเห็น")
    make_staff("moderator", perms=("comments.moderate_comment",))
    url = article.get_absolute_url()

    # A reader posts a Thai comment and sees it waiting, without a reload.
    page.goto(url)
    assert_accessible(page)
    page.fill("#comment-name", "สมหญิง")
    page.fill("#comment-email", "somying@example.com")
    page.fill("#comment-body", "ขอบคุณสำหรับข่าวครับ\nติดตามอยู่")
    page.click("button.comment-form__submit")
    page.wait_for_selector("#comments-own .comment--own")
    assert page.locator("#comments-own .comment--own").count() == 1
    # One confirmation, beside the comment; the heading no longer says "no comments".
    assert page.get_by_text("กำลังรอผู้ดูแลตรวจ").count() == 1, page.inner_text("#comments")
    assert page.inner_text("[data-comments-status]") == ""
    assert page.inner_text("#comments-heading") == "ยังไม่มีความคิดเห็นที่เผยแพร่"
    assert page.url.endswith(url)
    assert Comment.objects.get().status == Status.PENDING

    # A moderator approves it in the queue with the keyboard.
    desk, moderator = new_page(browser, live_server)
    log_in(moderator, "moderator")
    moderator.goto("/admin/comments/comment/")
    moderator.wait_for_selector("#result_list tr.is-current")
    assert "ขอบคุณสำหรับข่าวครับ" in moderator.inner_text("#result_list tr.is-current")
    with moderator.expect_navigation():
        moderator.keyboard.press("a")
    assert Comment.objects.get().status == Status.APPROVED

    # The reader reloads and sees it published.
    page.reload()
    thread = page.locator(".comment-list .comment")
    assert thread.count() == 1
    assert "ขอบคุณสำหรับข่าวครับ" in thread.first.inner_text()
    assert page.locator("#comments-own").is_hidden()

    # A second reader replies to it and reports it.
    other, second = new_page(browser, live_server)
    second.goto(url)
    second.click(".comment__reply")
    assert second.locator("[data-comments-replying]").is_visible()
    second.fill("#comment-name", "สมศักดิ์")
    second.fill("#comment-email", "somsak@example.com")
    second.fill("#comment-body", "เห็นด้วยครับ")
    second.click("button.comment-form__submit")
    second.wait_for_selector("#comments-own .comment--own")
    reply = Comment.objects.get(name="สมศักดิ์")
    assert reply.parent == Comment.objects.get(name="สมหญิง")

    second.click(".comment__report")
    second.check("input[name=reason][value=abuse]")
    second.click("form.report-form button[type=submit]")
    second.wait_for_selector(".comments__notice")
    assert CommentReport.objects.get().reason == "abuse"

    # The moderator sees it in Reported; the reply waits in Pending, and is rejected
    # with the keyboard: r, then the number of the reason.
    moderator.goto("/admin/comments/comment/?queue=reported")
    assert "ขอบคุณสำหรับข่าวครับ" in moderator.inner_text("#result_list")
    moderator.goto("/admin/comments/comment/?queue=pending")
    moderator.wait_for_selector("#result_list tr.is-current")
    moderator.keyboard.press("r")
    moderator.wait_for_selector("dialog.moderation-reasons")
    with moderator.expect_navigation():
        moderator.keyboard.press("1")
    reply.refresh_from_db()
    assert reply.status == Status.REJECTED

    for tab in (page, second, moderator):
        assert csp_violations(tab) == []
    assert page.console_errors == [] and second.console_errors == []
    desk.close()
    other.close()


HOSTILE_NAMES = ['"><img src=x onerror="window.__pwned=1">', "<script>window.__pwned=1</script>"]
HOSTILE_BODIES = [
    "<script>window.__pwned=1;alert(1)</script>",
    '<img src=x onerror="window.__pwned=1">',
    '<a href="javascript:window.__pwned=1">คลิกเลย</a>',
    "<svg onload=window.__pwned=1></svg>",
    "\u202eกลับด้าน <iframe src=javascript:alert(1)>",
]


def test_hostile_comments_run_no_script_on_the_story_or_in_the_queue(browser, live_server, page):
    article = make_article()
    for n, body in enumerate(HOSTILE_BODIES):
        for status in (Status.APPROVED, Status.PENDING):
            Comment.objects.create(
                article=article,
                name=HOSTILE_NAMES[n % 2],
                email="evil@example.com",
                body=body,
                status=status,
            )
    make_staff("chief", is_superuser=True)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator(".comment-list :is(img, script, svg, iframe)").count() == 0
    assert "<script>window.__pwned=1;alert(1)</script>" in page.inner_text(".comment-list")

    log_in(page, "chief")
    for queue in ("approved", "pending"):
        page.goto(f"/admin/comments/comment/?queue={queue}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.locator("#result_list img, #result_list svg, #result_list iframe").count() == 0
    # j and k move through the queue.
    rows = page.locator("#result_list tbody tr")
    assert rows.nth(0).get_attribute("class") and "is-current" in rows.nth(0).get_attribute("class")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert "is-current" in rows.nth(1).get_attribute("class")
    assert "is-current" not in (rows.nth(0).get_attribute("class") or "")
    assert dialogs == []
    assert csp_violations(page) == []


def test_a_comment_from_a_page_served_out_of_the_cache(browser, live_server, page, settings):
    """The story page is the same for everyone and holds no token; the reader's tokens
    are fetched when they start writing, and the comment goes through."""
    settings.PAGE_CACHE_SECONDS = 300
    article = make_article(title="ข่าวในแคช")
    url = article.get_absolute_url()
    first, other_reader = new_page(browser, live_server)
    other_reader.goto(url)  # rendered and stored
    first.close()

    response = page.goto(url)
    assert "private" not in response.headers.get("cache-control", "")
    form = page.locator("#comment-form")
    assert form.locator("input[name=csrfmiddlewaretoken]").input_value() == ""
    assert form.locator("input[name=token]").input_value() == ""
    with page.expect_response(lambda r: "/comments/token/" in r.url) as fetched:
        page.fill("#comment-name", "สมหญิง")
    assert fetched.value.headers["cache-control"] == "private, no-store"
    page.fill("#comment-email", "somying@example.com")
    page.fill("#comment-body", "ส่งจากหน้าที่แคชไว้")
    assert form.locator("input[name=token]").input_value() != ""
    page.click("button.comment-form__submit")
    page.wait_for_selector("#comments-own .comment--own")
    comment = Comment.objects.get()
    assert comment.status == Status.PENDING and comment.body == "ส่งจากหน้าที่แคชไว้"
    assert not {"too_fast", "bad_token"} & set(comment.flags)
    assert page.console_errors == []


def test_without_javascript_the_form_comes_back_filled_in_and_then_goes(browser, live_server):
    article = make_article(title="ข่าวสำหรับผู้อ่านที่ปิดสคริปต์")
    context = browser.new_context(
        base_url=live_server.url, locale="th-TH", java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.goto(article.get_absolute_url())
    tab.fill("#comment-name", "สมศักดิ์")
    tab.fill("#comment-email", "somsak@example.com")
    tab.fill("#comment-body", "ไม่มีสคริปต์ก็ส่งได้")
    with tab.expect_navigation():
        tab.click("button.comment-form__submit")
    assert "กรุณาตรวจความคิดเห็นของคุณ" in tab.inner_text(".comment-form__errors")
    assert tab.input_value("#comment-body") == "ไม่มีสคริปต์ก็ส่งได้"
    assert tab.input_value("#comment-name") == "สมศักดิ์"
    assert Comment.objects.count() == 0  # nothing saved yet

    with tab.expect_navigation():
        tab.click("button.comment-form__submit")
    assert tab.url.endswith(f"{article.get_absolute_url()}#comment-form")
    assert "รอผู้ดูแลตรวจ" in tab.inner_text("#comments-own")
    comment = Comment.objects.get()
    assert comment.status == Status.PENDING and comment.body == "ไม่มีสคริปต์ก็ส่งได้"
    assert not {"too_fast", "bad_token"} & set(comment.flags)
    context.close()
