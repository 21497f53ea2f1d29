"""The story's lead image in a real Chromium: chosen from thumbnails, uploaded without
leaving the story, and its focal point clicked, which moves the crop of the card."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as Picture
from playwright.sync_api import expect

from articles.models import Article, Image
from articles.renditions import generate_renditions, rendition_name
from tests.browser.conftest import csp_violations, log_in
from tests.factories import jpeg_bytes, make_article, make_image, make_member, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RED, BLUE = (220, 20, 20), (20, 40, 220)


def portrait_with_face_at_top() -> Image:
    """A tall 600 × 1200 photo, blue, with a red "face" in its top tenth."""
    picture = Picture.new("RGB", (600, 1200), BLUE)
    picture.paste(RED, (0, 0, 600, 120))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG")
    image = Image.objects.create(
        file=ContentFile(buffer.getvalue(), name="portrait.jpg"),
        alt_text="ผู้ว่าฯ ยืนหน้าศาลาว่าการ",
        caption="ผู้ว่าฯ ที่ศาลาว่าการ กทม.",
    )
    generate_renditions(image)
    return image


def redness(name: str) -> float:
    with default_storage.open(name, "rb") as handle:
        data = Picture.open(handle).convert("RGB").tobytes()
    pixels = list(zip(data[0::3], data[1::3], data[2::3], strict=True))
    return sum(1 for r, _g, b in pixels if r > 150 and b < 100) / len(pixels)


def assert_accessible_within(page, selector: str) -> None:
    results = Axe().run(page, context=selector)
    assert results.violations_count == 0, results.generate_snapshot()


def assert_clean(page, refused_uploads: int = 0) -> None:
    """No policy violation and no script error; Chromium logs each refused upload (a
    400 answer, which the dialog shows) as a failed load, and those are expected."""
    assert csp_violations(page) == []
    refused = "the server responded with a status of 400"
    assert [text for text in page.console_errors if refused not in text] == []
    assert len([text for text in page.console_errors if refused in text]) == refused_uploads


def open_story(page, story: Article, username: str = "reporter1") -> None:
    url = f"/admin/articles/article/{story.pk}/change/"
    log_in(page, username, url)
    page.locator(".lead-image__actions").wait_for()


def test_a_reporter_picks_the_lead_image_from_thumbnails(page):
    reporter = make_member("reporter1", "Reporter")
    for colour, caption in (("seagreen", "ตลาดน้ำดำเนินสะดวก"), ("orange", "รถติดสุขุมวิท")):
        make_image(
            file=ContentFile(jpeg_bytes(640, 480, colour), name=f"{colour}.jpg"),
            alt_text=f"ภาพ{caption}",
            caption=caption,
        )
    wanted = Image.objects.get(caption="ตลาดน้ำดำเนินสะดวก")
    story = make_article(
        title="ตลาดน้ำคึกคัก", status=Article.Status.DRAFT, created_by=reporter, section=make_section()
    )
    open_story(page, story)

    # With script, the plain <select> gives way to the picker.
    expect(page.locator("#id_lead_image")).to_be_hidden()
    expect(page.locator(".field-lead_image .lead-image__current")).to_be_hidden()
    page.get_by_role("button", name="เลือกจากคลังภาพ…").click()
    dialog = page.get_by_role("dialog", name="เลือกภาพหลัก")
    expect(dialog).to_be_visible()
    thumbnails = dialog.locator(".lead-image-grid__item")
    expect(thumbnails).to_have_count(2)
    expect(dialog.locator(".lead-image-dialog__status")).to_have_text("หน้า 1 จาก 1 (2 ภาพ)")
    # Square crops around the focal point, loaded.
    for index in range(2):
        picture = thumbnails.nth(index).locator("img")
        assert re.search(r"-1x1-f500x500-\d+\.jpg$", picture.get_attribute("src"))
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
        )
    assert_accessible_within(page, "dialog[open]")

    dialog.get_by_label("ค้นหาจากคำบรรยายภาพ ข้อความแทนภาพ และเครดิต").fill("ตลาดน้ำ")
    dialog.get_by_role("button", name="ค้นหา", exact=True).click()
    expect(thumbnails).to_have_count(1)
    thumbnails.first.click()

    expect(dialog).to_be_hidden()
    current = page.locator(".field-lead_image .lead-image__current")
    expect(current.locator(".lead-image__label")).to_have_text("ตลาดน้ำดำเนินสะดวก")
    expect(current.locator(".focal-point__image")).to_have_attribute(
        "src", re.compile(rf"/media/renditions/{wanted.pk}/.+-640\.jpg$")
    )
    expect(page.locator(".field-lead_image .lead-image__status")).to_contain_text(
        "ตลาดน้ำดำเนินสะดวก"
    )
    assert page.locator("#id_lead_image").input_value() == str(wanted.pk)
    assert_accessible_within(page, ".field-lead_image")

    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")
    story.refresh_from_db()
    assert story.lead_image == wanted
    assert_clean(page)


def test_a_reporter_uploads_a_picture_without_leaving_the_story(page, tmp_path):
    reporter = make_member("reporter1", "Reporter")
    story = make_article(
        title="ข่าวเดิม", status=Article.Status.DRAFT, created_by=reporter, section=make_section()
    )
    open_story(page, story)
    page.fill("#id_title", "น้ำท่วมถนนพระราม 2")  # typed, not saved: must survive the upload

    page.get_by_role("button", name="อัปโหลดภาพใหม่…").click()
    dialog = page.get_by_role("dialog", name="อัปโหลดภาพใหม่")
    expect(dialog).to_be_visible()
    assert_accessible_within(page, "dialog[open]")
    not_a_picture = tmp_path / "ข่าว.jpg"
    not_a_picture.write_text("<html>ไม่ใช่ภาพ</html>")
    dialog.get_by_label("ไฟล์ภาพ").set_input_files(str(not_a_picture))
    dialog.get_by_label("ข้อความแทนภาพ").fill("ถนนพระราม 2 น้ำท่วมสูง")
    dialog.get_by_role("button", name="อัปโหลดและใช้เป็นภาพหลัก").click()
    expect(dialog.locator(".errorlist")).to_have_text(
        "อัปโหลดได้เฉพาะภาพ JPEG, PNG, GIF หรือ WebP: ไฟล์นี้ไม่ใช่ภาพชนิดดังกล่าว"
    )
    expect(dialog.locator("[data-message]")).to_have_text("ยังไม่ได้อัปโหลดภาพ: ดูข้อความด้านล่าง")
    expect(dialog.get_by_label("ไฟล์ภาพ")).to_have_attribute("aria-invalid", "true")

    photo = tmp_path / "พระราม2.jpg"
    photo.write_bytes(jpeg_bytes(800, 600, "steelblue"))
    dialog.get_by_label("ไฟล์ภาพ").set_input_files(str(photo))
    dialog.get_by_label("ข้อความแทนภาพ").fill("")
    dialog.get_by_role("button", name="อัปโหลดและใช้เป็นภาพหลัก").click()
    expect(dialog.locator(".errorlist")).to_have_text("ต้องกรอกช่องนี้")
    assert not Image.objects.exists()

    dialog.get_by_label("ข้อความแทนภาพ").fill("ถนนพระราม 2 น้ำท่วมสูง")
    dialog.get_by_label("คำบรรยายภาพ").fill("น้ำท่วมพระราม 2 เช้านี้")
    dialog.get_by_label("เครดิตภาพ").fill("ทีมข่าว")
    dialog.get_by_role("button", name="อัปโหลดและใช้เป็นภาพหลัก").click()
    expect(dialog).to_be_hidden()

    uploaded = Image.objects.get()
    assert (uploaded.alt_text, uploaded.credit, uploaded.uploaded_by) == (
        "ถนนพระราม 2 น้ำท่วมสูง",
        "ทีมข่าว",
        reporter,
    )
    current = page.locator(".field-lead_image .lead-image__current")
    expect(current.locator(".lead-image__label")).to_have_text("น้ำท่วมพระราม 2 เช้านี้")
    assert page.locator("#id_lead_image").input_value() == str(uploaded.pk)
    assert page.input_value("#id_title") == "น้ำท่วมถนนพระราม 2"
    page.wait_for_function(
        "img => img.complete && img.naturalWidth === 640",
        arg=current.locator(".focal-point__image").element_handle(),
    )

    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")
    story.refresh_from_db()
    assert (story.title, story.lead_image) == ("น้ำท่วมถนนพระราม 2", uploaded)
    assert_clean(page, refused_uploads=2)


def test_clicking_the_face_moves_the_crop_of_the_card_and_the_social_card(page):
    editor = make_member("editor1", "Editor")
    image = portrait_with_face_at_top()
    old_card = rendition_name(image, 600, "jpg", "card")
    assert redness(old_card) == 0  # the centre crop: the face is cut off
    story = make_article(
        title="ผู้ว่าฯ แถลงข่าว",
        lead_image=image,
        created_by=editor,
        section=make_section(),
    )
    open_story(page, story, "editor1")

    picture = page.locator(".field-lead_image .focal-point__image")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
    )
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.5, "y": box["height"] * 0.05})
    focal_y = float(page.input_value("#id_lead_image_focal_y"))
    assert abs(focal_y - 0.05) < 0.01
    marker_top = page.eval_on_selector(".field-lead_image .focal-point__marker", "m => m.style.top")
    assert abs(float(marker_top.rstrip("%")) - 5) < 1
    expect(page.locator(".field-lead_image .focal-point__readout")).to_have_text(
        re.compile(r"จากขอบบน [45]%")
    )
    # The card preview now shows the top of the picture, as the crop will.
    position = page.eval_on_selector(
        ".field-lead_image .focal-point__crop--card img", "img => img.style.objectPosition"
    )
    assert position == "50% 0%"
    # The arrow keys move it too, a twentieth at a time.
    page.locator(".field-lead_image .focal-point__target").press("ArrowDown")
    assert abs(float(page.input_value("#id_lead_image_focal_y")) - (focal_y + 0.05)) < 0.001
    page.locator(".field-lead_image .focal-point__target").press("ArrowUp")
    assert_accessible_within(page, ".field-lead_image")

    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")
    image.refresh_from_db()
    assert abs(image.focal_y - 0.05) < 0.01 and image.focal_x == 0.5
    new_card = rendition_name(image, 600, "jpg", "card")
    assert new_card != old_card and redness(new_card) > 0.3

    # Readers' pages show the new crop: the card on the home page, og:image on the story.
    page.goto("/")
    card = page.locator(f'.card img[src*="/renditions/{image.pk}/"]').first
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=card.element_handle())
    assert re.search(r"-16x9-f500x\d+-\d+\.jpg$", card.get_attribute("src"))
    assert "f500x500" not in card.get_attribute("src")
    size = card.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert abs(size[0] / size[1] - 16 / 9) < 0.01
    page.goto(story.get_absolute_url())
    og_image = page.locator('meta[property="og:image"]').get_attribute("content")
    assert og_image.endswith(rendition_name(image, 600, "jpg", "social"))
    assert_clean(page)


def test_the_focal_point_is_clicked_in_the_image_admin_under_the_strict_policy(page):
    make_member("reporter1", "Reporter")
    image = portrait_with_face_at_top()
    log_in(page, "reporter1", f"/admin/articles/image/{image.pk}/change/")
    picture = page.locator(".field-focal_point .focal-point__image")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
    )
    expect(page.locator(".field-focal_point .focal-point__crop")).to_have_count(3)
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.1})
    assert abs(float(page.input_value("#id_focal_x")) - 0.25) < 0.01
    assert abs(float(page.input_value("#id_focal_y")) - 0.1) < 0.01
    marker = page.locator(".field-focal_point .focal-point__marker")
    marker_box = marker.bounding_box()
    centre = (marker_box["x"] + marker_box["width"] / 2, marker_box["y"] + marker_box["height"] / 2)
    assert abs(centre[0] - (box["x"] + box["width"] * 0.25)) < 2
    assert abs(centre[1] - (box["y"] + box["height"] * 0.1)) < 2
    assert_clean(page)
    # axe-core itself applies inline styles, which this page's strict policy reports.
    assert_accessible_within(page, ".field-focal_point")
    page.console_errors.clear()

    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/image/")
    image.refresh_from_db()
    assert abs(image.focal_x - 0.25) < 0.01 and abs(image.focal_y - 0.1) < 0.01
    assert redness(rendition_name(image, 600, "jpg", "card")) > 0.3
    assert_clean(page)
