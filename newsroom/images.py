"""Checking and re-encoding uploaded images before anything is stored.

An upload is refused, with a message an editor can act on, when it is too big in bytes
(checked before a byte is decoded), is not a JPEG, PNG, GIF or WebP (SVG, BMP, TIFF,
HTML and PDF all fail here), claims more pixels than settings.IMAGE_UPLOAD_MAX_PIXELS
(read from the header, before decoding), or does not decode cleanly to its end.

What is stored is never the uploaded file but a fresh encoding of its pixels: the EXIF
orientation is applied, and EXIF (GPS position, camera serial, author), XMP, comments
and anything appended after the image (an HTML or ZIP "polyglot" tail) are left behind.
The ICC colour profile is kept when it parses, so phone photos in wide-gamut colour
keep their colours. The name is random, so nothing of the uploader's file name or
folder reaches a public URL.

Animated GIF and WebP keep their first frame only: decoding every frame of an
animation needs a frame budget this check does not have; motion belongs in a video
embed.
"""

import io
import struct
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

try:
    from PIL import ImageCms
except ImportError:  # Pillow built without LittleCMS: colour profiles are dropped
    ImageCms = None

# Pillow format names accepted, and the extension each is stored under. Only these
# plugins are ever asked to read an upload.
ALLOWED_FORMATS: dict[str, str] = {
    "JPEG": "jpg",
    "PNG": "png",
    "GIF": "gif",
    "WEBP": "webp",
}

# Phone cameras write "multi-picture" JPEGs, which Pillow reads as MPO; they are
# stored as a plain JPEG of the main picture.
_SAVE_AS = {"MPO": "JPEG"}

# Pillow reports bad data with many exception types, depending on the plugin and on
# where the data goes wrong; every one of them means "this upload is broken".
DECODE_ERRORS = (
    OSError,  # includes UnidentifiedImageError and "image file is truncated"
    SyntaxError,  # PNG: broken chunks, bad CRC
    ValueError,
    TypeError,
    IndexError,
    KeyError,
    EOFError,
    struct.error,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,  # raised, not warned: see _open()
)

# The only `info` entries carried over to the new file: transparency is part of the
# picture, the ICC profile part of its colours (and checked below). Everything else
# (exif, xmp, comment, dpi, extension blocks...) is dropped.
_KEPT_INFO = ("transparency", "icc_profile")

_SAVE_OPTIONS: dict[str, dict[str, object]] = {
    "JPEG": {"quality": 85, "progressive": True, "optimize": True},
    "PNG": {"optimize": True},
    "GIF": {},
    "WEBP": {"quality": 85},
}

# Modes each encoder writes; anything else is converted to RGB (RGBA where the
# format keeps transparency).
_SAVE_MODES = {
    "JPEG": {"L", "RGB", "CMYK"},
    "PNG": {"1", "L", "LA", "I", "I;16", "P", "RGB", "RGBA"},
    "GIF": {"L", "P"},
    "WEBP": {"RGB", "RGBA"},
}


@dataclass(frozen=True)
class ProcessedImage:
    """A re-encoded upload, ready for a storage: `content` is already named `name`."""

    content: ContentFile
    name: str
    width: int
    height: int
    format: str


def process_uploaded_image(upload: UploadedFile) -> ProcessedImage:
    """Check `upload` and return a clean re-encoding of it, or raise ValidationError."""
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError(
            _("The image is too big: upload a file of at most %(limit)s."),
            code="file_too_big",
            params={"limit": filesizeformat(max_bytes)},
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:  # the declared size was wrong
        raise ValidationError(
            _("The image is too big: upload a file of at most %(limit)s."),
            code="file_too_big",
            params={"limit": filesizeformat(max_bytes)},
        )

    with warnings.catch_warnings():
        # Pillow only warns about images between one and two times its own pixel
        # limit; here any such warning refuses the upload.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return _reencode(data)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except DECODE_ERRORS:
            raise ValidationError(
                _("The image file is damaged or incomplete: save it again and re-upload."),
                code="broken_image",
            ) from None


def _reencode(data: bytes) -> ProcessedImage:
    # First pass: identify and check the header, then let verify() walk the file (it
    # checks PNG chunk CRCs). A verified image cannot be used further, hence the
    # second open.
    with _open(data) as image:
        image.verify()
    with _open(data) as image:
        image.load()
        # A GIF frame may grow the canvas while loading; check the decoded size too.
        _check_pixels(image.size)
        format_ = _SAVE_AS.get(image.format, image.format)
        picture = ImageOps.exif_transpose(image)

    picture.info = {key: picture.info[key] for key in _KEPT_INFO if key in picture.info}
    if "icc_profile" in picture.info and not _is_valid_icc(picture.info["icc_profile"]):
        del picture.info["icc_profile"]
    if picture.mode not in _SAVE_MODES[format_]:
        keeps_alpha = format_ != "JPEG" and (
            "A" in picture.getbands() or "transparency" in picture.info
        )
        picture = picture.convert("RGBA" if keeps_alpha else "RGB")
        if format_ == "GIF":
            picture = picture.convert("P", palette=Image.Palette.ADAPTIVE)

    options = dict(_SAVE_OPTIONS[format_])
    if "icc_profile" in picture.info:
        options["icc_profile"] = picture.info["icc_profile"]
    buffer = io.BytesIO()
    picture.save(buffer, format=format_, **options)

    name = f"{uuid.uuid4().hex}.{ALLOWED_FORMATS[format_]}"
    return ProcessedImage(
        content=ContentFile(buffer.getvalue(), name=name),
        name=name,
        width=picture.width,
        height=picture.height,
        format=format_,
    )


def _open(data: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data), formats=list(ALLOWED_FORMATS))
    except Image.UnidentifiedImageError:
        raise ValidationError(
            _("Upload a JPEG, PNG, GIF or WebP image: this file is not one."),
            code="not_an_image",
        ) from None
    # Image.open() reads the header only, so this runs before any pixel is decoded.
    try:
        _check_pixels(image.size)
    except ValidationError:
        image.close()
        raise
    return image


def _check_pixels(size: tuple[int, int]) -> None:
    width, height = size
    if width < 1 or height < 1:
        raise ValidationError(
            _("The image is empty: its width or height is zero."), code="empty_image"
        )
    if width * height > settings.IMAGE_UPLOAD_MAX_PIXELS:
        raise _too_many_pixels()


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("The image has too many pixels: at most %(limit)s million are accepted."),
        code="too_many_pixels",
        params={"limit": f"{settings.IMAGE_UPLOAD_MAX_PIXELS / 1_000_000:g}"},
    )


def _is_valid_icc(profile: object) -> bool:
    if ImageCms is None or not isinstance(profile, bytes):
        return False
    try:
        ImageCms.ImageCmsProfile(io.BytesIO(profile))
    except (OSError, ValueError, TypeError, ImageCms.PyCMSError):
        return False
    return True
