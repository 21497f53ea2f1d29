"""Responsive renditions: their widths and names, the files written, the {% picture %}
and {% image_url %} tags, and the three places that write them (admin, command, demo)."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.template import Context, Template
from django.urls import reverse
from PIL import Image as Picture

from articles.models import Image
from articles.renditions import (
    fallback_format,
    generate_renditions,
    rendition_name,
    rendition_names,
    rendition_widths,
)
from tests.factories import make_image

pytestmark = pytest.mark.django_db


def encoded(size: tuple[int, int], fmt: str = "JPEG", mode: str = "RGB", color=None) -> bytes:
    """An image of `size` in `fmt`: a gradient, so that resizing has something to do."""
    picture = Picture.linear_gradient("L").resize(size).convert(mode)
    if color is not None:
        picture = Picture.new(mode, size, color)
    buffer = io.BytesIO()
    picture.save(buffer, fmt)
    return buffer.getvalue()


def image_of(size: tuple[int, int], *, name: str = "photo.jpg", **kw) -> Image:
    fmt = {"jpg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}[name.rsplit(".", 1)[1]]
    data = kw.pop("data", None) or encoded(size, fmt)
    kw.setdefault("alt_text", "ภาพข่าว")
    return Image.objects.create(file=ContentFile(data, name=name), **kw)


def transparent_png(size: tuple[int, int]) -> bytes:
    """Left half opaque red, right half fully transparent."""
    picture = Picture.new("RGBA", size, (0, 0, 0, 0))
    picture.paste((255, 0, 0, 255), (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def opened(name: str) -> Picture.Image:
    with default_storage.open(name, "rb") as handle:
        picture = Picture.open(handle)
        picture.load()
    return picture


def render(source: str, **context) -> str:
    return Template("{% load images %}" + source).render(Context(context))


def stored_files(settings) -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


# Widths and names: pure functions of the row.


def test_widths_are_the_standard_ones_below_the_original_plus_the_original():
    assert rendition_widths(Image(pk=1, width=1200, height=675)) == [320, 480, 640, 960, 1200]


def test_a_small_original_has_its_own_width_only():
    assert rendition_widths(Image(pk=1, width=300, height=200)) == [300]


def test_a_huge_original_is_capped_at_1920():
    widths = rendition_widths(Image(pk=1, width=4000, height=3000))
    assert widths == [320, 480, 640, 960, 1280, 1920]
    assert rendition_widths(Image(pk=1, width=1920, height=1080))[-1] == 1920


def test_an_image_of_unknown_width_has_no_renditions():
    assert rendition_widths(Image(pk=1, width=0, height=0)) == []


def test_names_follow_the_pk_and_the_file_stem_and_fallback_keeps_transparency():
    photo = Image(pk=7, file="images/2025/01/abc123.jpg", width=800, height=600)
    assert rendition_name(photo, 480, "webp") == "renditions/7/abc123-480.webp"
    assert rendition_name(photo, 480, "jpg") == "renditions/7/abc123-480.jpg"
    assert fallback_format(photo) == "jpg"
    assert fallback_format(Image(pk=8, file="images/x.png", width=9, height=9)) == "png"
    assert fallback_format(Image(pk=9, file="images/x.gif", width=9, height=9)) == "png"
    assert fallback_format(Image(pk=10, file="images/x.webp", width=9, height=9)) == "jpg"
    # A replaced file gets new names, so no cache can serve the old picture.
    replaced = Image(pk=7, file="images/2025/02/def456.jpg", width=800, height=600)
    assert not set(rendition_names(photo)) & set(rendition_names(replaced))


def test_an_unsaved_image_has_no_rendition_name():
    with pytest.raises(ValueError, match="saved"):
        rendition_name(Image(file="images/x.jpg", width=800, height=600), 320, "webp")


# Generating the files.


def test_generate_writes_webp_and_jpeg_at_each_width_keeping_the_aspect_ratio():
    image = image_of((1200, 675))
    # 10 of the whole picture; crops: 10 of the 16:9 card, 8 square, 1 social card.
    assert generate_renditions(image) == 29
    for width in [320, 480, 640, 960, 1200]:
        for fmt, pillow_format in (("webp", "WEBP"), ("jpg", "JPEG")):
            picture = opened(rendition_name(image, width, fmt))
            assert picture.format == pillow_format
            assert picture.width == width
            assert picture.height == round(675 * width / 1200)
            assert picture.mode == "RGB"
    assert opened(rendition_name(image, 640, "jpg")).info.get("progressive")


def test_a_transparent_png_keeps_its_alpha_in_png_and_webp():
    image = image_of((800, 400), name="logo.png", data=transparent_png((800, 400)))
    # 8 of the whole picture (320, 480, 640, 800); crops: 8 card, 6 square, 1 social.
    assert generate_renditions(image) == 23
    names = rendition_names(image)
    assert all(name.endswith((".webp", ".png")) for name in names)
    for fmt in ("png", "webp"):
        picture = opened(rendition_name(image, 320, fmt)).convert("RGBA")
        assert picture.size == (320, 160)
        assert picture.getpixel((40, 80))[3] == 255  # the opaque red half
        assert picture.getpixel((300, 80))[3] == 0  # the transparent half


def test_a_palette_gif_gets_png_and_webp_renditions():
    image = image_of((500, 250), name="chart.gif")
    assert generate_renditions(image) == 6 + 9  # the whole picture's and the crops'
    assert opened(rendition_name(image, 320, "png")).format == "PNG"
    assert opened(rendition_name(image, 500, "webp")).size == (500, 250)


def test_a_second_run_writes_nothing_and_force_writes_everything_again():
    image = image_of((1000, 500))
    assert generate_renditions(image) == 25
    name = rendition_name(image, 320, "webp")
    first = default_storage.get_modified_time(name)
    assert generate_renditions(image) == 0
    assert generate_renditions(image, force=True) == 25
    # Rewritten in place, not beside the old file under a new name.
    assert default_storage.get_modified_time(name) >= first
    assert sorted(default_storage.listdir(f"renditions/{image.pk}")[1]) == sorted(
        Path(name).name for name in rendition_names(image)
    )


def test_a_missing_rendition_is_written_again():
    image = image_of((700, 350))
    generate_renditions(image)
    default_storage.delete(rendition_name(image, 480, "jpg"))
    assert generate_renditions(image) == 1
    assert default_storage.exists(rendition_name(image, 480, "jpg"))


# The template tags.


def test_picture_renders_srcsets_sizes_dimensions_and_lazy_loading():
    image = image_of((1200, 675))
    html = render('{% picture image sizes="(min-width: 60em) 40em, 100vw" %}', image=image)
    webp = ", ".join(
        f"/media/renditions/{image.pk}/{Path(image.file.name).stem}-{w}.webp {w}w"
        for w in [320, 480, 640, 960, 1200]
    )
    jpeg = webp.replace(".webp", ".jpg")
    stem = Path(image.file.name).stem
    assert html == (
        f'<picture><source type="image/webp" srcset="{webp}" '
        f'sizes="(min-width: 60em) 40em, 100vw">'
        f'<img src="/media/renditions/{image.pk}/{stem}-960.jpg" srcset="{jpeg}" '
        f'sizes="(min-width: 60em) 40em, 100vw" width="1200" height="675" alt="ภาพข่าว" '
        f'loading="lazy" decoding="async"></picture>'
    )


def test_picture_eager_loads_at_once_and_takes_a_class():
    html = render(
        '{% picture image loading="eager" css_class="lead" %}', image=image_of((640, 480))
    )
    assert 'loading="eager"' in html
    assert 'class="lead"' in html
    assert 'sizes="100vw"' in html
    lazy = render("{% picture image %}", image=image_of((640, 480)))
    assert 'loading="lazy"' in lazy
    assert "class=" not in lazy


def test_picture_escapes_alt_text_sizes_and_class():
    image = image_of((640, 480), alt_text='ภาพ "><script>alert(1)</script>')
    html = render(
        "{% picture image sizes=sizes css_class=css %}",
        image=image,
        sizes='"><b>',
        css='x" onload="alert(2)',
    )
    assert "<script>" not in html
    assert "<b>" not in html
    assert 'onload="' not in html
    assert 'alt="ภาพ &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_picture_of_a_small_image_has_one_width_and_its_own_dimensions():
    image = image_of((300, 200))
    html = render("{% picture image %}", image=image)
    assert re.search(r'srcset="[^"]+-300\.webp 300w"', html)
    assert re.search(r'<img src="[^"]+-300\.jpg"', html)
    assert 'width="300" height="200"' in html


def test_picture_of_nothing_renders_nothing():
    assert render("{% picture image %}", image=None) == ""


def test_picture_costs_no_query_even_for_many_images(django_assert_num_queries):
    images = [make_image(), image_of((1200, 675)), image_of((400, 400), name="x.png")]
    fetched = list(Image.objects.filter(pk__in=[i.pk for i in images]))
    template = Template(
        "{% load images %}{% for image in images %}{% picture image %}"
        "{% image_url image 1280 %}{% endfor %}"
    )
    with django_assert_num_queries(0):
        html = template.render(Context({"images": fetched}))
    assert html.count("<picture>") == 3


def test_image_url_picks_the_widest_rendition_not_over_the_request():
    image = image_of((1200, 675))
    stem = Path(image.file.name).stem
    assert render("{% image_url image 1280 %}", image=image) == (
        f"/media/renditions/{image.pk}/{stem}-1200.jpg"
    )
    assert render("{% image_url image 700 %}", image=image).endswith(f"{stem}-640.jpg")
    assert render("{% image_url image 100 %}", image=image).endswith(f"{stem}-320.jpg")
    png = image_of((2400, 1200), name="map.png")
    assert render("{% image_url image 1280 %}", image=png).endswith("-1280.png")
    assert render("{% image_url image 1280 %}", image=None) == ""


# The three writers: the admin, the command, the demo loader.


def test_uploading_in_the_admin_writes_the_renditions(admin_client, settings):
    upload = SimpleUploadedFile("ถ่ายจากมือถือ.jpg", encoded((1000, 600)), "image/jpeg")
    response = admin_client.post(
        reverse("admin:articles_image_add"),
        {"file": upload, "alt_text": "ผู้ว่าฯ ลงพื้นที่", "caption": "", "credit": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert (image.width, image.height) == (1000, 600)
    for name in rendition_names(image):
        assert default_storage.exists(name), name
    assert len(rendition_names(image)) == 10 + 17  # the whole picture's and the crops'
    assert opened(rendition_name(image, 640, "webp")).size == (640, 384)


def test_replacing_the_file_in_the_admin_writes_renditions_under_new_names(admin_client):
    image = image_of((800, 400))
    generate_renditions(image)
    old_names = rendition_names(image)
    response = admin_client.post(
        reverse("admin:articles_image_change", args=[image.pk]),
        {
            "file": SimpleUploadedFile("new.png", encoded((500, 500), "PNG"), "image/png"),
            "alt_text": image.alt_text,
            "caption": "",
            "credit": "",
        },
    )
    assert response.status_code == 302
    image.refresh_from_db()
    new_names = rendition_names(image)
    assert not set(new_names) & set(old_names)
    assert all(default_storage.exists(name) for name in new_names)
    assert new_names[-1].endswith("-500.png")


def run_command(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("generate_renditions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_writes_missing_renditions_and_summarises(settings):
    # 700 wide: 320, 480, 640, 700; 300 wide: 300; 64 wide: 64; two formats each;
    # then their crops: 13, 5 and 5 files.
    images = [image_of((700, 350)), image_of((300, 150)), image_of((64, 48))]
    out, err = run_command()
    assert err == ""
    assert "[##############################] 3/3 images" in out
    assert "3 images processed, 35 files written, 0 errors." in out
    for image in images:
        assert all(default_storage.exists(name) for name in rendition_names(image))

    out, _ = run_command()
    assert "3 images processed, 0 files written, 0 errors." in out
    out, _ = run_command("--force")
    assert "35 files written" in out


def test_the_command_reports_a_broken_original_and_goes_on():
    good, broken, last = image_of((700, 350)), image_of((700, 350)), image_of((500, 250))
    with default_storage.open(broken.file.name, "wb") as handle:
        handle.write(b"this is not a picture at all")
    out, err = run_command()
    assert len(err.strip().splitlines()) == 1
    assert f"Image {broken.pk}" in err
    assert "2 images processed, 36 files written, 1 error." in out
    for image in (good, last):
        assert all(default_storage.exists(name) for name in rendition_names(image))
    assert not any(default_storage.exists(name) for name in rendition_names(broken))


def test_the_command_fails_when_every_image_is_broken():
    broken = image_of((700, 350))
    default_storage.delete(broken.file.name)
    with pytest.raises(CommandError, match="No image could be processed"):
        run_command()


def test_the_command_prints_a_line_per_tenth_when_not_on_a_terminal():
    for _ in range(20):
        make_image()
    out, _ = run_command()
    bars = [line for line in out.splitlines() if line.startswith("[")]
    assert len(bars) == 10
    assert bars[0].startswith("[###...........................] 2/20 images (")
    assert "\r" not in out


def test_the_command_with_no_image_succeeds():
    out, _ = run_command()
    assert "0 images processed, 0 files written, 0 errors." in out


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_command_redraws_one_bar_on_a_terminal():
    image_of((400, 200))
    broken = image_of((400, 200))
    default_storage.delete(broken.file.name)
    out, err = Terminal(), io.StringIO()
    call_command("generate_renditions", stdout=out, stderr=err)
    text = out.getvalue()
    assert "\r[###############...............] 1/2 images" in text
    assert re.search(r"\r\[#{30}\] 2/2 images \(\d+/s\)\n", text)
    assert text.count("\n") == 1 + 1  # the finished bar's line, then the summary
    assert "1 image processed, 13 files written, 1 error." in text
    assert f"Image {broken.pk} skipped" in err.getvalue()
