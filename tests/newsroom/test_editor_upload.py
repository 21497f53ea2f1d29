"""The editor's image upload: who may upload, which files are refused, what is stored."""

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image, ImageFile, ImageSequence

from newsroom.images import ALLOWED_FORMATS, process_uploaded_image

UPLOAD_URL = "/admin/editor/upload-image/"
ARTIST = "Somchai the photographer"
SCRIPT_TAIL = b"<script>alert(1)</script>"


# Files, made in memory -----------------------------------------------------------


def image_bytes(format_: str, size=(40, 30), mode="RGB", **save_options) -> bytes:
    """A noisy picture (so it does not compress to nothing) saved as `format_`."""
    width, height = size
    picture = Image.frombytes("RGB", size, os.urandom(width * height * 3))
    if mode != "RGB":
        picture = picture.convert(mode)
    buffer = io.BytesIO()
    picture.save(buffer, format=format_, **save_options)
    return buffer.getvalue()


def jpeg_with_exif(size=(40, 30), orientation=1) -> bytes:
    exif = Image.Exif()
    exif[0x013B] = ARTIST  # Artist
    exif[0x0112] = orientation  # Orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"  # GPSLatitudeRef
    gps[2] = (13.0, 45.0, 7.0)  # GPSLatitude: Bangkok
    return image_bytes("JPEG", size=size, exif=exif, comment=b"shot at home")


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_of_blank_rows(width: int, height: int, rows: int | None = None) -> bytes:
    """A 1-bit greyscale PNG of `width` x `height`, all black, built chunk by chunk.

    With `rows` smaller than `height`, only that many rows of pixel data follow: the
    header still claims the full size, as a decompression bomb's does.
    """
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\0" * (1 + (width + 7) // 8)
    pixels = zlib.compress(row * (height if rows is None else rows), 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", pixels)
        + png_chunk(b"IEND", b"")
    )


def with_bad_idat_crc(png: bytes) -> bytes:
    at = png.index(b"IDAT")
    (length,) = struct.unpack(">I", png[at - 4 : at])
    crc_at = at + 4 + length
    flipped = bytes([png[crc_at] ^ 0xFF])
    return png[:crc_at] + flipped + png[crc_at + 1 :]


def zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.html", "<script>alert(1)</script>")
    return buffer.getvalue()


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


# Users and storage ---------------------------------------------------------------


def make_staff(django_user_model, username="reporter", permissions=("add_article",)):
    user = django_user_model.objects.create_user(username=username, password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=permissions)
    )
    return user


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(make_staff(django_user_model))
    return client


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file())


def post_image(client, data: bytes, name="photo.jpg", content_type="image/jpeg"):
    return client.post(UPLOAD_URL, {"upload": upload(data, name, content_type)})


def assert_refused(response, settings, status=400):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["message"]
    assert stored_files(settings) == []


# The view --------------------------------------------------------------------------


def test_upload_url_is_the_one_the_editor_widget_uses():
    assert reverse("editor-image-upload") == UPLOAD_URL


@pytest.mark.django_db
def test_photo_is_stored_reencoded_without_exif_under_a_new_name(editor_client, settings):
    original = jpeg_with_exif()
    response = post_image(editor_client, original, name="somchai-home.jpg")

    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith(settings.MEDIA_URL + "editor/")
    assert url.endswith(".jpg")
    assert "somchai-home" not in url
    [path] = stored_files(settings)
    assert url == settings.MEDIA_URL + path.relative_to(settings.MEDIA_ROOT).as_posix()
    stored = path.read_bytes()
    assert stored != original
    assert ARTIST.encode() not in stored
    assert b"shot at home" not in stored
    with Image.open(path) as saved:
        assert saved.format == "JPEG"
        assert saved.size == (40, 30)
        assert not saved.getexif()
        assert "exif" not in saved.info
        assert "comment" not in saved.info


@pytest.mark.django_db
def test_photo_is_stored_in_a_year_and_month_folder(editor_client, settings):
    post_image(editor_client, jpeg_with_exif())
    [path] = stored_files(settings)
    folder = path.parent.relative_to(settings.MEDIA_ROOT).parts
    assert folder[0] == "editor"
    assert len(folder[1]) == 4 and folder[1].isdigit()
    assert len(folder[2]) == 2 and folder[2].isdigit()


@pytest.mark.django_db
def test_exif_orientation_is_applied_to_the_pixels(editor_client, settings):
    # Orientation 6: the camera was turned a quarter; the 40x30 sensor image is 30x40.
    response = post_image(editor_client, jpeg_with_exif(size=(40, 30), orientation=6))
    assert response.status_code == 200
    [path] = stored_files(settings)
    with Image.open(path) as saved:
        assert saved.size == (30, 40)
        assert 0x0112 not in saved.getexif()


@pytest.mark.django_db
def test_editor_with_only_change_article_may_upload(client, django_user_model, settings):
    client.force_login(make_staff(django_user_model, permissions=("change_article",)))
    response = post_image(client, jpeg_with_exif())
    assert response.status_code == 200
    assert len(stored_files(settings)) == 1


@pytest.mark.django_db
def test_decompression_bomb_is_refused_with_400_not_500(editor_client, settings):
    # A few hundred bytes whose header claims 50000 x 50000 pixels.
    bomb = png_of_blank_rows(50_000, 50_000, rows=10)
    assert len(bomb) < 2_000
    response = post_image(editor_client, bomb, name="bomb.png", content_type="image/png")
    assert_refused(response, settings)
    assert "พิกเซล" in response.json()["error"]["message"]  # "pixels", in the default Thai


@pytest.mark.django_db
def test_valid_png_over_the_pixel_limit_is_refused(editor_client, settings):
    # 10000 x 5000 = 50 million pixels: under Pillow's own limit, over the site's 40.
    bomb = png_of_blank_rows(10_000, 5_000)
    assert len(bomb) < 100_000
    response = post_image(editor_client, bomb, name="wide.png", content_type="image/png")
    assert_refused(response, settings)


@pytest.mark.django_db
def test_truncated_png_is_refused(editor_client, settings):
    png = image_bytes("PNG")
    response = post_image(editor_client, png[: len(png) // 2], name="cut.png")
    assert_refused(response, settings)


@pytest.mark.django_db
def test_truncated_jpeg_is_refused(editor_client, settings):
    jpeg = image_bytes("JPEG", size=(200, 150))
    response = post_image(editor_client, jpeg[: len(jpeg) // 2])
    assert_refused(response, settings)


@pytest.mark.django_db
def test_png_with_a_bad_checksum_is_refused(editor_client, settings):
    response = post_image(editor_client, with_bad_idat_crc(image_bytes("PNG")), name="crc.png")
    assert_refused(response, settings)


@pytest.mark.django_db
def test_svg_is_refused(editor_client, settings):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'
    response = post_image(editor_client, svg, name="logo.svg", content_type="image/svg+xml")
    assert_refused(response, settings)


@pytest.mark.django_db
def test_html_named_as_an_image_is_refused(editor_client, settings):
    response = post_image(editor_client, b"<html><script>alert(1)</script></html>")
    assert_refused(response, settings)


@pytest.mark.django_db
def test_gif_with_a_script_tail_is_stored_without_the_tail(editor_client, settings):
    response = post_image(
        editor_client, image_bytes("GIF") + SCRIPT_TAIL, name="a.gif", content_type="image/gif"
    )
    assert response.status_code == 200
    [path] = stored_files(settings)
    assert path.suffix == ".gif"
    stored = path.read_bytes()
    assert SCRIPT_TAIL not in stored
    assert stored.endswith(b";")  # the GIF trailer is the last byte
    with Image.open(path) as saved:
        saved.load()


@pytest.mark.django_db
def test_jpeg_with_a_zip_appended_is_stored_without_the_archive(editor_client, settings):
    response = post_image(editor_client, image_bytes("JPEG") + zip_archive())
    assert response.status_code == 200
    [path] = stored_files(settings)
    stored = path.read_bytes()
    assert b"payload.html" not in stored
    assert b"PK\x05\x06" not in stored
    assert stored.endswith(b"\xff\xd9")  # ends at the JPEG end-of-image marker
    assert not zipfile.is_zipfile(path)


@pytest.mark.django_db
def test_file_over_the_byte_limit_is_refused(editor_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1_000
    jpeg = image_bytes("JPEG", size=(100, 100))
    assert len(jpeg) > 1_000
    response = post_image(editor_client, jpeg)
    assert_refused(response, settings)


@pytest.mark.django_db
def test_missing_file_is_refused(editor_client, settings):
    response = editor_client.post(UPLOAD_URL, {})
    assert_refused(response, settings)


@pytest.mark.django_db
def test_staff_without_article_permissions_gets_403(client, django_user_model, settings):
    client.force_login(make_staff(django_user_model, permissions=("view_article",)))
    response = post_image(client, jpeg_with_exif())
    assert_refused(response, settings, status=403)


@pytest.mark.django_db
def test_non_staff_user_with_article_permission_gets_403(client, django_user_model, settings):
    user = make_staff(django_user_model)
    user.is_staff = False
    user.save()
    client.force_login(user)
    response = post_image(client, jpeg_with_exif())
    assert_refused(response, settings, status=403)


@pytest.mark.django_db
def test_anonymous_upload_gets_403_json_not_a_login_redirect(client, settings):
    response = post_image(client, jpeg_with_exif())
    assert_refused(response, settings, status=403)


@pytest.mark.django_db
def test_get_is_not_allowed(editor_client):
    assert editor_client.get(UPLOAD_URL).status_code == 405


@pytest.mark.django_db
def test_post_without_csrf_token_is_refused(django_user_model, settings):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_staff(django_user_model))
    response = post_image(client, jpeg_with_exif())
    assert response.status_code == 403
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_post_with_the_csrf_header_the_editor_sends_is_accepted(django_user_model, settings):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_staff(django_user_model))
    token = "k" * 32
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    response = client.post(
        UPLOAD_URL, {"upload": upload(jpeg_with_exif())}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200
    assert len(stored_files(settings)) == 1


@pytest.mark.django_db
def test_packages_own_upload_url_is_not_served(editor_client, settings):
    response = editor_client.post("/ckeditor5/image_upload/", {"upload": upload(jpeg_with_exif())})
    assert response.status_code == 404
    assert stored_files(settings) == []


# process_uploaded_image() on its own ------------------------------------------------


@pytest.mark.parametrize(
    ("format_", "extension", "mode"),
    [("PNG", "png", "RGBA"), ("GIF", "gif", "P"), ("WEBP", "webp", "RGB"), ("JPEG", "jpg", "L")],
)
def test_accepted_formats_are_reencoded_in_their_own_format(format_, extension, mode):
    result = process_uploaded_image(upload(image_bytes(format_, mode=mode), name="x.bin"))
    assert result.format == format_
    assert result.name.endswith("." + extension)
    assert result.content.name == result.name
    assert (result.width, result.height) == (40, 30)
    with Image.open(io.BytesIO(result.content.read())) as saved:
        assert saved.format == format_
        assert saved.size == (40, 30)


def test_allowed_formats_are_exactly_jpeg_png_gif_and_webp():
    assert set(ALLOWED_FORMATS) == {"JPEG", "PNG", "GIF", "WEBP"}


@pytest.mark.parametrize("format_", ["BMP", "TIFF", "ICO", "PDF"])
def test_other_image_formats_are_refused(format_):
    with pytest.raises(ValidationError) as refused:
        process_uploaded_image(upload(image_bytes(format_), name="x." + format_.lower()))
    assert refused.value.code == "not_an_image"


def test_generated_names_differ_between_uploads_of_the_same_file():
    data = image_bytes("PNG")
    first = process_uploaded_image(upload(data, name="same.png"))
    second = process_uploaded_image(upload(data, name="same.png"))
    assert first.name != second.name
    assert "same" not in first.name


def test_png_text_chunks_and_gif_comments_are_dropped():
    from PIL import PngImagePlugin

    text = PngImagePlugin.PngInfo()
    text.add_text("Author", ARTIST)
    png = process_uploaded_image(upload(image_bytes("PNG", pnginfo=text)))
    gif = process_uploaded_image(upload(image_bytes("GIF", comment=ARTIST.encode())))
    for result in (png, gif):
        assert ARTIST.encode() not in result.content.read()


def test_png_transparency_is_kept():
    picture = Image.new("RGBA", (4, 4), (255, 0, 0, 0))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    result = process_uploaded_image(upload(buffer.getvalue()))
    with Image.open(io.BytesIO(result.content.read())) as saved:
        assert saved.mode == "RGBA"
        assert saved.getpixel((0, 0))[3] == 0


def test_animated_gif_keeps_its_first_frame_only():
    frames = [Image.new("P", (10, 10), colour) for colour in (1, 2, 3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=100)
    result = process_uploaded_image(upload(buffer.getvalue()))
    with Image.open(io.BytesIO(result.content.read())) as saved:
        assert len(list(ImageSequence.Iterator(saved))) == 1


def test_pixel_limit_is_read_from_settings(settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 40 * 30 - 1
    with pytest.raises(ValidationError) as refused:
        process_uploaded_image(upload(image_bytes("PNG")))
    assert refused.value.code == "too_many_pixels"


def test_pixel_count_is_checked_from_the_header_before_decoding(monkeypatch):
    def no_decoding(image):
        raise AssertionError("pixels decoded before the pixel count was checked")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    with pytest.raises(ValidationError) as refused:
        process_uploaded_image(upload(png_of_blank_rows(10_000, 5_000, rows=10)))
    assert refused.value.code == "too_many_pixels"


def test_pillow_bomb_warning_is_a_refusal_even_under_a_high_site_limit(settings):
    # 10000 x 10000 is between Pillow's warning and error thresholds; the warning is
    # turned into a refusal, not printed and ignored.
    settings.IMAGE_UPLOAD_MAX_PIXELS = 10**9
    with pytest.raises(ValidationError) as refused:
        process_uploaded_image(upload(png_of_blank_rows(10_000, 10_000, rows=10)))
    assert refused.value.code == "too_many_pixels"


def test_size_limit_is_checked_before_the_file_is_read(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 10

    class Unreadable(SimpleUploadedFile):
        def read(self, *args, **kwargs):
            raise AssertionError("read before the size check")

    big = Unreadable("big.png", b"x" * 11, content_type="image/png")
    with pytest.raises(ValidationError) as refused:
        process_uploaded_image(big)
    assert refused.value.code == "file_too_big"


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as refused:
        process_uploaded_image(upload(b""))
    assert refused.value.code == "not_an_image"
