"""The focal point of a picture and the crops cut around it: the box arithmetic, the
files written for each shape, new names (and fresh pages) when the point moves, and
the story form's lead image: the library, the upload in place and the point sent
with the story."""

import io
import re
from fractions import Fraction

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as Picture

from articles.crops import crop_box, crop_size
from articles.models import Article, Image
from articles.renditions import (
    CROPS,
    crop_widths,
    generate_renditions,
    rendition_name,
    rendition_names,
)
from tests.factories import make_article, make_image, make_member, make_section, make_staff

pytestmark = pytest.mark.django_db

RED, BLUE = (220, 20, 20), (20, 40, 220)

# The story form's hidden inputs, as lead_image.js fills them in.
FOCAL = ("lead_image_focal_image", "lead_image_focal_x", "lead_image_focal_y")


def encoded(picture: Picture.Image, fmt: str = "JPEG") -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, fmt)
    return buffer.getvalue()


def portrait_with_face_at_top(size=(600, 1200)) -> bytes:
    """A tall photo, blue, with a red "face" in its top tenth."""
    picture = Picture.new("RGB", size, BLUE)
    picture.paste(RED, (0, 0, size[0], size[1] // 10))
    return encoded(picture)


def image_of(data: bytes, **kw) -> Image:
    kw.setdefault("alt_text", "ภาพข่าว")
    return Image.objects.create(file=ContentFile(data, name="photo.jpg"), **kw)


def opened(name: str) -> Picture.Image:
    with default_storage.open(name, "rb") as handle:
        picture = Picture.open(handle)
        picture.load()
    return picture


def redness(picture: Picture.Image) -> float:
    """The share of the picture's pixels that are the red "face"."""
    data = picture.convert("RGB").tobytes()
    pixels = list(zip(data[0::3], data[1::3], data[2::3], strict=True))
    return sum(1 for r, _g, b in pixels if r > 150 and b < 100) / len(pixels)


# The box arithmetic.


@pytest.mark.parametrize("size", [(1200, 675), (600, 1200), (1000, 1000), (1, 500), (3000, 7)])
@pytest.mark.parametrize("crop", ["card", "square", "social"])
def test_a_crop_stays_inside_the_picture_and_keeps_the_focal_point(size, crop):
    width, height = size
    ratio = CROPS[crop].ratio
    for x in (0, 0.001, 0.05, 0.3, 0.5, 0.77, 0.999, 1):
        for y in (0, 0.02, 0.5, 0.98, 1):
            left, top, right, bottom = crop_box(width, height, ratio, x, y)
            assert 0 <= left < right <= width and 0 <= top < bottom <= height, (x, y)
            assert left <= x * width <= right and top <= y * height <= bottom, (x, y)
            # As large as the shape allows: the full width or the full height.
            assert (right - left, bottom - top) == crop_size(width, height, ratio)
            assert right - left == width or bottom - top == height


def test_crop_size_is_the_largest_box_of_the_shape():
    assert crop_size(1920, 1080, Fraction(16, 9)) == (1920, 1080)
    assert crop_size(600, 1200, Fraction(16, 9)) == (600, 338)
    assert crop_size(2000, 1000, Fraction(1)) == (1000, 1000)
    assert crop_size(1600, 1200, Fraction(40, 21)) == (1600, 840)


def test_a_focal_point_near_an_edge_pushes_the_crop_against_that_edge():
    # A 16:9 card of a wide 2000 × 500 picture is 889 wide; centred on x = 0.02 it
    # would start at -404, so it starts at the left edge instead.
    assert crop_box(2000, 500, Fraction(16, 9), 0.02, 0.5) == (0, 0, 889, 500)
    assert crop_box(2000, 500, Fraction(16, 9), 0.98, 0.5) == (1111, 0, 2000, 500)
    assert crop_box(2000, 500, Fraction(16, 9), 0.5, 0.5) == (556, 0, 1445, 500)


def test_the_face_at_the_top_of_a_portrait_is_in_its_16_9_crop():
    width, height = 600, 1200
    face = (0.5, 0.05)
    left, top, right, bottom = crop_box(width, height, Fraction(16, 9), *face)
    assert (left, top, right, bottom) == (0, 0, 600, 338)
    assert top <= face[1] * height <= bottom
    # The centre crop, what the pictures had before, cuts the head off.
    _, centre_top, _, centre_bottom = crop_box(width, height, Fraction(16, 9), 0.5, 0.5)
    assert not centre_top <= face[1] * height <= centre_bottom


# The files.


def test_each_shape_is_written_at_each_width_with_its_exact_size():
    image = image_of(encoded(Picture.new("RGB", (1600, 1200), BLUE)), focal_x=0.3, focal_y=0.6)
    generate_renditions(image)
    expected = {
        "card": [(320, 180), (480, 270), (640, 360), (960, 540), (1280, 720), (1600, 900)],
        "square": [(160, 160), (320, 320), (640, 640), (1200, 1200)],
        "social": [(1200, 630)],
    }
    for crop, sizes in expected.items():
        assert [(w, round(w / CROPS[crop].ratio)) for w in crop_widths(image, crop)] == sizes
        formats = ("webp", "jpg") if crop != "social" else ("jpg",)
        for width, height in sizes:
            for fmt in formats:
                name = rendition_name(image, width, fmt, crop)
                assert re.search(rf"-{CROPS[crop].label}-f300x600-{width}\.{fmt}$", name)
                assert opened(name).size == (width, height), name


def test_the_crops_of_a_portrait_keep_the_face_the_centre_crop_lost():
    image = image_of(portrait_with_face_at_top(), focal_x=0.5, focal_y=0.05)
    generate_renditions(image)
    card = opened(rendition_name(image, 600, "jpg", "card"))
    assert card.size == (600, 338)
    # The face is the top 120 of 1200 pixels: over a third of a 338-high crop.
    assert redness(card) > 0.3
    assert redness(opened(rendition_name(image, 600, "webp", "square"))) > 0.15
    assert redness(opened(rendition_name(image, 600, "jpg", "social"))) > 0.3

    centred = image_of(portrait_with_face_at_top())
    generate_renditions(centred)
    assert redness(opened(rendition_name(centred, 600, "jpg", "card"))) == 0


def test_moving_the_focal_point_names_new_crops_and_keeps_the_whole_pictures():
    image = image_of(portrait_with_face_at_top())
    before = set(rendition_names(image))
    image.focal_y = 0.1
    after = set(rendition_names(image))
    whole = {name for name in before if not re.search(r"-f\d+x\d+-", name)}
    assert before & after == whole  # only the crops' names change
    assert len(after - before) == len(before - after) > 0
    assert all("-f500x100-" in name for name in after - before)


def test_the_command_writes_the_crops_and_a_second_run_writes_nothing():
    image = image_of(portrait_with_face_at_top(), focal_y=0.05)
    out = io.StringIO()
    call_command("generate_renditions", stdout=out, stderr=io.StringIO())
    assert f"{len(rendition_names(image))} files written" in out.getvalue()
    assert all(default_storage.exists(name) for name in rendition_names(image))
    assert redness(opened(rendition_name(image, 600, "jpg", "card"))) > 0.3
    out = io.StringIO()
    call_command("generate_renditions", stdout=out, stderr=io.StringIO())
    assert "1 image processed, 0 files written, 0 errors." in out.getvalue()


# Moving the point in the image admin: new files, and every page showing them fresh.


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_moving_the_point_in_the_admin_refreshes_the_story_and_the_cards(
    client, page_cache_on, django_capture_on_commit_callbacks
):
    image = image_of(portrait_with_face_at_top(), caption="ผู้ว่าฯ ลงพื้นที่")
    generate_renditions(image)
    story = make_article(title="ผู้ว่าฯ ตรวจน้ำท่วม", lead_image=image, section=make_section())
    old_card = rendition_name(image, 600, "jpg", "card")
    old_social = rendition_name(image, 600, "jpg", "social")
    page = client.get(story.get_absolute_url()).content.decode()
    assert f'<meta property="og:image" content="http://testserver/media/{old_social}">' in page
    assert '<meta property="og:image:width" content="600">' in page
    assert '<meta property="og:image:height" content="315">' in page
    assert old_card in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"

    editor = make_member("editor1", "Editor")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:articles_image_change", args=[image.pk]),
            {
                "alt_text": image.alt_text,
                "caption": image.caption,
                "credit": "",
                "focal_x": "0.5",
                "focal_y": "0.05",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()

    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.5, 0.05)
    new_card = rendition_name(image, 600, "jpg", "card")
    new_social = rendition_name(image, 600, "jpg", "social")
    assert "-f500x50-" in new_card and new_card != old_card
    assert redness(opened(new_card)) > 0.3 and redness(opened(new_social)) > 0.3
    page = client.get(story.get_absolute_url()).content.decode()
    assert f'content="http://testserver/media/{new_social}"' in page
    assert old_social not in page
    home = client.get("/").content.decode()
    assert new_card in home and old_card not in home


def test_a_focal_point_outside_the_picture_is_refused_and_nothing_changes(client):
    image = image_of(portrait_with_face_at_top(), caption="เดิม")
    client.force_login(make_member("editor1", "Editor"))
    response = client.post(
        reverse("admin:articles_image_change", args=[image.pk]),
        {
            "alt_text": "ข้อความใหม่",
            "caption": "ใหม่",
            "credit": "",
            "focal_x": "1.5",
            "focal_y": "0.5",
        },
    )
    assert response.status_code == 200
    assert "ค่านี้ต้องน้อยกว่าหรือเท่ากับ 1" in response.content.decode()
    image.refresh_from_db()
    assert (image.caption, image.focal_x) == ("เดิม", 0.5)


def test_the_image_form_shows_the_picture_to_click_and_the_crop_previews(client):
    image = image_of(portrait_with_face_at_top(), focal_x=0.25, focal_y=0.1)
    generate_renditions(image)
    client.force_login(make_member("reporter1", "Reporter"))
    page = client.get(reverse("admin:articles_image_change", args=[image.pk])).content.decode()
    assert 'data-focal-point data-x-input="id_focal_x" data-y-input="id_focal_y"' in page
    assert 'name="focal_x" value="0.25"' in page and 'name="focal_y" value="0.1"' in page
    assert page.count('class="focal-point__crop ') == 3
    assert "/static/articles/focal_point.js" in page
    assert 'style="' not in page.split('id="content"')[1]  # the marker is placed by script


# The story form's lead image.


@pytest.fixture
def reporter(client):
    user = make_member("reporter1", "Reporter")
    client.force_login(user)
    return user


def test_the_library_lists_thumbnails_newest_first_searches_and_pages(client, reporter):
    for n in range(30):
        make_image(alt_text=f"ภาพที่ {n}", caption="น้ำท่วมรามคำแหง" if n % 10 == 0 else "")
    url = reverse("admin:articles_article_lead_images")

    first = client.get(url).json()
    assert (first["count"], first["pages"], first["page"]) == (30, 2, 1)
    assert len(first["results"]) == 24 and first["has_next"] and not first["has_previous"]
    newest = first["results"][0]
    assert newest["label"] == "ภาพที่ 29"
    assert re.search(r"/media/renditions/\d+/[^/]+-1x1-f500x500-\d+\.jpg$", newest["thumbnail"])
    assert (newest["focal_x"], newest["focal_y"]) == (0.5, 0.5)
    second = client.get(url, {"page": 2}).json()
    assert [item["alt"] for item in second["results"]] == [f"ภาพที่ {n}" for n in range(5, -1, -1)]

    found = client.get(url, {"q": "รามคำแหง"}).json()
    assert [item["alt"] for item in found["results"]] == ["ภาพที่ 20", "ภาพที่ 10", "ภาพที่ 0"]
    assert client.get(url, {"q": "ภาพที่ 17"}).json()["count"] == 1
    assert client.get(url, {"q": "ไม่มีภาพนี้"}).json()["results"] == []


def test_the_library_and_the_upload_refuse_those_without_the_right(client):
    make_image()
    client.force_login(make_member("moderator1", "Moderator"))
    assert client.get(reverse("admin:articles_article_lead_images")).status_code == 403
    upload = SimpleUploadedFile("a.jpg", encoded(Picture.new("RGB", (40, 30))), "image/jpeg")
    response = client.post(
        reverse("admin:articles_article_lead_image_upload"), {"file": upload, "alt_text": "ภาพ"}
    )
    assert response.status_code == 403
    assert Image.objects.count() == 1


def test_a_user_who_may_see_but_not_add_pictures_cannot_upload(client):
    client.force_login(make_staff("viewer", perms=("articles.view_image", "articles.view_article")))
    assert client.get(reverse("admin:articles_article_lead_images")).status_code == 200
    upload = SimpleUploadedFile("a.jpg", encoded(Picture.new("RGB", (40, 30))), "image/jpeg")
    response = client.post(
        reverse("admin:articles_article_lead_image_upload"), {"file": upload, "alt_text": "ภาพ"}
    )
    assert response.status_code == 403
    assert response.json()["message"] == "คุณไม่มีสิทธิ์เพิ่มภาพในคลังภาพ"
    assert not Image.objects.exists()


def test_an_upload_in_place_is_checked_stored_and_returned(client, reporter):
    url = reverse("admin:articles_article_lead_image_upload")
    assert client.get(url).status_code == 405

    not_a_picture = SimpleUploadedFile("ข่าว.jpg", b"<html>not a picture</html>", "image/jpeg")
    response = client.post(url, {"file": not_a_picture, "alt_text": "ภาพข่าว"})
    assert response.status_code == 400
    data = response.json()
    assert data["message"] == "ยังไม่ได้อัปโหลดภาพ: ดูข้อความด้านล่าง"
    assert data["errors"] == {
        "file": ["อัปโหลดได้เฉพาะภาพ JPEG, PNG, GIF หรือ WebP: ไฟล์นี้ไม่ใช่ภาพชนิดดังกล่าว"]
    }

    picture = SimpleUploadedFile("a.jpg", portrait_with_face_at_top(), "image/jpeg")
    response = client.post(url, {"file": picture, "alt_text": "", "caption": "ไม่มีข้อความแทนภาพ"})
    assert response.status_code == 400
    assert response.json()["errors"] == {"alt_text": ["ต้องกรอกช่องนี้"]}
    assert not Image.objects.exists()

    picture = SimpleUploadedFile("ผู้ว่าฯ.jpg", portrait_with_face_at_top(), "image/jpeg")
    response = client.post(
        url,
        {"file": picture, "alt_text": "ผู้ว่าฯ ลงพื้นที่", "caption": "ที่คลองเตย", "credit": "ทีมข่าว"},
    )
    assert response.status_code == 201, response.content.decode()
    data = response.json()["image"]
    image = Image.objects.get()
    assert data["id"] == image.pk and data["label"] == "ที่คลองเตย"
    assert (image.alt_text, image.credit, image.uploaded_by) == ("ผู้ว่าฯ ลงพื้นที่", "ทีมข่าว", reporter)
    assert "ผู้ว่าฯ" not in image.file.name  # renamed, as every upload is
    assert all(default_storage.exists(name) for name in rendition_names(image))
    assert data["thumbnail"].endswith(rendition_name(image, 320, "jpg", "square"))


def test_an_upload_over_the_size_limit_is_refused_before_it_is_decoded(client, reporter, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    big = SimpleUploadedFile("big.jpg", portrait_with_face_at_top(), "image/jpeg")
    assert big.size > 1000
    response = client.post(
        reverse("admin:articles_article_lead_image_upload"), {"file": big, "alt_text": "ภาพ"}
    )
    assert response.status_code == 400
    [message] = response.json()["errors"]["file"]
    assert message.startswith("ไฟล์ภาพใหญ่เกินไป: อัปโหลดไฟล์ขนาดไม่เกิน 1000")
    assert not Image.objects.exists()


def test_the_upload_explains_itself_in_english_to_who_chose_english(client, reporter, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        reverse("admin:articles_article_lead_image_upload"),
        {"file": SimpleUploadedFile("x.jpg", b"nope", "image/jpeg"), "alt_text": ""},
    )
    assert response.status_code == 400
    assert response.json() == {
        "message": "The picture was not uploaded: see the messages below.",
        "errors": {
            "file": ["Upload a JPEG, PNG, GIF or WebP image: this file is not one."],
            "alt_text": ["This field is required."],
        },
    }


def story_form(client, article=None) -> str:
    url = (
        reverse("admin:articles_article_change", args=[article.pk])
        if article
        else reverse("admin:articles_article_add")
    )
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_story_form_shows_the_thumbnail_and_a_plain_select_of_recent_pictures(client, reporter):
    old = make_image(alt_text="ภาพเก่ามาก")
    for n in range(35):
        make_image(alt_text=f"ภาพใหม่ {n}")
    story = make_article(lead_image=old, status=Article.Status.DRAFT, created_by=reporter)
    page = story_form(client, story)
    select = re.search(r'<select name="lead_image".*?</select>', page, re.S).group(0)
    options = re.findall(r'<option value="(\d*)"', select)
    # The chosen one, then the 30 newest: a select that works without script.
    assert options[:2] == ["", str(old.pk)] and len(options) == 1 + 1 + 30
    assert re.search(rf'<option value="{old.pk}" selected>ภาพเก่ามาก</option>', select)
    assert "ภาพใหม่ 34" in select and "ภาพใหม่ 4<" not in select
    assert f'name="lead_image_focal_image" id="id_lead_image_focal_image" value="{old.pk}"' in page
    assert 'class="focal-point__image" src="/media/renditions/' in page
    assert "/static/articles/lead_image.js" in page and "select2" not in select


def story_post(client, story, **fields) -> dict:
    from tests.articles.test_admin import form_data

    response = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    return form_data(response, section=str(story.section_id), **fields)


def test_the_focal_point_clicked_in_the_story_form_is_saved_with_the_story(
    client, reporter, django_capture_on_commit_callbacks
):
    image = image_of(portrait_with_face_at_top())
    generate_renditions(image)
    story = make_article(lead_image=image, status=Article.Status.DRAFT, created_by=reporter)
    data = story_post(client, story, title="ข่าวพร้อมภาพ", lead_image=str(image.pk))
    data.update(dict(zip(FOCAL, [str(image.pk), "0.5", "0.04999"], strict=True)))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:articles_article_change", args=[story.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.5, 0.05)
    assert redness(opened(rendition_name(image, 600, "jpg", "card"))) > 0.3


def test_a_point_sent_for_another_picture_or_outside_it_is_ignored(client, reporter):
    image, other = image_of(portrait_with_face_at_top()), make_image()
    story = make_article(lead_image=other, status=Article.Status.DRAFT, created_by=reporter)
    for sent in (
        [str(other.pk), "0.2", "0.2"],
        [str(image.pk), "nan", "0.2"],
        [str(image.pk), "2", "0"],
    ):
        # The <select> changed without script: the point the form still holds is the
        # old picture's, and must not land on the new one.
        data = story_post(client, story, title="ข่าว", lead_image=str(image.pk))
        data.update(dict(zip(FOCAL, sent, strict=True)))
        response = client.post(reverse("admin:articles_article_change", args=[story.pk]), data)
        assert response.status_code == 302
        image.refresh_from_db()
        other.refresh_from_db()
        assert (image.focal_x, image.focal_y) == (0.5, 0.5)
        assert (other.focal_x, other.focal_y) == (0.5, 0.5)
        story.refresh_from_db()
        assert story.lead_image == image
        story.lead_image = other
        story.save()


def test_without_the_right_to_change_pictures_the_point_is_not_moved(client):
    user = make_staff(
        "writer",
        perms=(
            "articles.add_article",
            "articles.change_article",
            "articles.view_article",
            "articles.view_image",
            "articles.view_section",
        ),
    )
    client.force_login(user)
    image = image_of(portrait_with_face_at_top())
    story = make_article(lead_image=image, status=Article.Status.DRAFT, created_by=user)
    page = story_form(client, story)
    assert "data-editable" not in page and "Set the focal point" not in page
    data = story_post(client, story, title="ข่าว", lead_image=str(image.pk))
    data.update(dict(zip(FOCAL, [str(image.pk), "0.1", "0.1"], strict=True)))
    response = client.post(reverse("admin:articles_article_change", args=[story.pk]), data)
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.5, 0.5)


def test_a_story_form_shown_again_keeps_the_point_clicked(client, reporter):
    image = image_of(portrait_with_face_at_top())
    story = make_article(lead_image=image, status=Article.Status.DRAFT, created_by=reporter)
    data = story_post(client, story, title="", lead_image=str(image.pk))  # no headline
    data.update(dict(zip(FOCAL, [str(image.pk), "0.3", "0.1"], strict=True)))
    response = client.post(reverse("admin:articles_article_change", args=[story.pk]), data)
    assert response.status_code == 200  # shown again with the error
    page = response.content.decode()
    assert 'name="lead_image_focal_x" id="id_lead_image_focal_x" value="0.3"' in page
    assert 'name="lead_image_focal_y" id="id_lead_image_focal_y" value="0.1"' in page
    image.refresh_from_db()
    assert image.focal_y == 0.5
