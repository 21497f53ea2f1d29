"""A story's revisions compared in Chromium, at desk and phone width: insertions and
deletions look different (not by colour alone), the page fits, axe finds nothing."""

import pytest

from articles.models import Revision
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, csp_violations
from tests.factories import make_article, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_compares_two_revisions(page):
    article = make_article(title="รัฐบาลประกาศมาตรการช่วยเหลือภัยแล้ง")
    editor = make_member("editor", "Editor")
    base = {
        "standfirst": "",
        "section": article.section_id,
        "published_at": None,
        "unpublish_at": None,
        "tags": ["ภัยแล้ง"],
    }
    Revision.objects.create(
        article=article,
        created_by=editor,
        snapshot=base
        | {
            "title": "รัฐบาลประกาศมาตรการช่วยเหลือน้ำท่วม",
            "body": "<p>ย่อหน้าแรก</p><p>" + "ผู้ว่าราชการจังหวัดลงพื้นที่" * 20 + "</p>",
            "status": "draft",
            "bylines": [{"person": 1, "name": "สมชาย ใจดี", "role": "ผู้สื่อข่าว"}],
        },
    )
    Revision.objects.create(
        article=article,
        created_by=editor,
        snapshot=base
        | {
            "title": "รัฐบาลประกาศมาตรการช่วยเหลือภัยแล้ง",
            "body": "<p>ย่อหน้าแรก</p><p>ย่อหน้าใหม่</p><p>" + "ผู้ว่าราชการจังหวัดลงพื้นที่" * 20 + "</p>",
            "status": "review",
            "bylines": [{"person": 1, "name": "สมชาย ใจดี", "role": "ช่างภาพ"}],
        },
    )
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-test-password-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/articles/article/{article.pk}/revisions/")

    title = page.locator(".revision-field-title .revision-text")
    assert title.locator("del").inner_text() == "น้ำท่วม"
    assert title.locator("ins").inner_text() == "ภัยแล้ง"
    styles = page.evaluate(
        """() => ['del', 'ins'].map(tag => {
            const style = getComputedStyle(document.querySelector('.revision-compare ' + tag));
            return [style.textDecorationLine, style.backgroundColor, style.color];
        })"""
    )
    (del_line, del_background, del_colour), (ins_line, ins_background, ins_colour) = styles
    assert del_line == "line-through" and ins_line == "underline"
    assert del_background != ins_background and del_colour != ins_colour
    assert page.locator(".revision-legend del").is_visible()
    assert page.locator(".revision-legend ins").is_visible()
    assert_accessible(page)

    page.set_viewport_size({"width": 375, "height": 740})
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
    assert csp_violations(page) == [] and page.console_errors == []
