"""After a Blogger import, an old Blogger address opens the new story with its comments."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from articles.models import Article
from tests.browser.conftest import assert_accessible, csp_violations
from tests.imports import exports

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_old_blogger_address_opens_the_story_with_its_comments(page, live_server, tmp_path):
    path: Path = exports.write(tmp_path, exports.blogger_2018())
    with translation.override("en"):
        call_command("import_blogger", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    story = Article.objects.get(title="น้ำท่วมถนนสุขุมวิท")

    response = page.goto("/2022/09/blog-post_12.html?m=1")
    assert response.ok
    assert page.url == live_server.url + story.get_absolute_url().replace(
        story.slug, page.url.rsplit("/", 2)[-2]
    )
    assert f"/news/{story.pk}/" in page.url
    assert page.locator("h1").inner_text() == "น้ำท่วมถนนสุขุมวิท"
    comments = page.locator("#comments")
    assert "น้ำท่วมถึงเข่าแล้วครับ" in comments.inner_text()
    assert "ขอบคุณที่แจ้งครับ" in comments.inner_text()
    assert "ยาลดน้ำหนัก" not in page.content()  # spam stays out
    assert page.locator('iframe[src="https://www.youtube.com/embed/abc123"]').count() == 1
    assert csp_violations(page) == []
    assert_accessible(page)
