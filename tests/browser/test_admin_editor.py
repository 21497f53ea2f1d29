"""A staff user writes a Thai draft with an image in the real CKEditor 5."""

import re

import pytest
from django.core.files.storage import default_storage

from articles.models import Article
from tests.browser.conftest import csp_violations, log_in
from tests.factories import jpeg_bytes, make_section, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK_PERMISSIONS = (
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.add_byline",
    "articles.change_byline",
    "articles.add_taggedarticle",
    "articles.change_taggedarticle",
    "articles.view_section",
    "articles.view_image",
    "people.view_person",
    "people.view_organisation",
    "articles.view_tag",
)


def test_staff_user_saves_a_thai_draft_with_an_uploaded_image(page, tmp_path):
    make_staff("reporter1", perms=DESK_PERMISSIONS)
    make_section(name="ข่าวกรุงเทพฯ")
    log_in(page, "reporter1", "/admin/articles/article/add/")

    page.fill("#id_title", "ผู้ว่าฯ ตรวจคลองหลังฝนตกหนัก")
    page.click(".field-section .select2-selection")
    page.fill(".select2-search__field", "กรุงเทพ")
    page.click(".select2-results__option >> text=ข่าวกรุงเทพฯ")

    editor = page.locator(".field-body .ck-editor__editable")
    editor.click()
    page.keyboard.type("ฝนตกหนักตั้งแต่เช้า น้ำท่วมขังหลายจุด")
    image = tmp_path / "คลอง.jpg"
    image.write_bytes(jpeg_bytes(320, 200))
    page.locator(".field-body input[type=file]").first.set_input_files(str(image))
    page.locator(".ck-editor__editable img[src*='/media/editor/']").wait_for()

    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")
    assert page.locator(".messagelist .success").count() == 1

    article = Article.objects.get()
    assert article.title == "ผู้ว่าฯ ตรวจคลองหลังฝนตกหนัก"
    assert article.status == Article.Status.DRAFT
    assert article.section.name == "ข่าวกรุงเทพฯ"
    assert "ฝนตกหนักตั้งแต่เช้า น้ำท่วมขังหลายจุด" in article.body
    src = re.search(r'<img[^>]+src="/media/(editor/[^"]+)"', article.body)
    assert src, article.body
    assert default_storage.exists(src.group(1))
    assert "คลอง" not in src.group(1)  # stored under a generated name
    assert csp_violations(page) == []
