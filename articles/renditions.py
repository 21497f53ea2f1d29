"""Responsive renditions of an uploaded Image: smaller copies in WebP and JPEG or PNG.

Two kinds: the whole picture at several widths, and crops to the fixed shapes pages
lay out (CROPS: the 16:9 card, the square, the 1200 × 630 social card), cut around
the image's focal point (articles/crops.py) so that a face near the top of a tall
photo stays in a wide card.

There is no rendition model. A rendition's name follows from the image's primary key,
the stem of its file name and the width (`renditions/<pk>/<stem>-<width>.<ext>`), and
for a crop its shape and focal point too (`<stem>-16x9-f500x250-<width>.<ext>`), so a
template builds every URL of a <picture> without a database query or a storage call,
and a replaced file or a moved focal point gets new names: a cache never serves the
old picture or the old crop under them. The files themselves are written when the
image is saved in the admin, by load_demo, and by `manage.py generate_renditions`,
which fills in whatever is missing.

Originals were re-encoded on upload (newsroom/images.py): EXIF orientation is already
applied, and the only metadata left is the ICC colour profile, which each rendition
keeps so that wide-gamut photos keep their colours.
"""

import io
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from pathlib import PurePosixPath
from typing import Literal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as Picture

from newsroom.images import ALLOWED_FORMATS, DECODE_ERRORS

from .crops import FOCAL_STEPS, crop_box, crop_size, focal_steps
from .models import Image

# Widths a browser picks from with srcset; the widest covers a 960 px column on a
# 2x screen. An original narrower than a width is never enlarged to it.
RENDITION_WIDTHS: tuple[int, ...] = (320, 480, 640, 960, 1280, 1920)
MAX_WIDTH = RENDITION_WIDTHS[-1]

RenditionFormat = Literal["webp", "jpg", "png"]
CropName = Literal["card", "square", "social"]


@dataclass(frozen=True)
class Crop:
    """A fixed shape cut from every image around its focal point."""

    label: str  # in file names
    ratio: Fraction  # width / height
    widths: tuple[int, ...]
    webp: bool  # in WebP too; the social card is for sharing sites, JPEG/PNG is safest


CROPS: dict[str, Crop] = {
    # Story cards on the home, section, tag and entity pages.
    "card": Crop("16x9", Fraction(16, 9), RENDITION_WIDTHS, webp=True),
    # Thumbnails in the desk's picker, and search engines' square picture (JSON-LD).
    "square": Crop("1x1", Fraction(1), (160, 320, 640, 1200), webp=True),
    # og:image: the size Facebook, LINE and X show large.
    "social": Crop("40x21", Fraction(40, 21), (1200,), webp=False),
}

# Encoder settings per extension: WebP for the browsers that take it (all current
# ones), JPEG or PNG for the rest. Progressive JPEGs show something early on slow links.
_SAVE_OPTIONS: dict[str, tuple[str, dict[str, object]]] = {
    "webp": ("WEBP", {"quality": 80, "method": 4}),
    "jpg": ("JPEG", {"quality": 82, "progressive": True, "optimize": True}),
    "png": ("PNG", {"optimize": True}),
}

# Only the formats an upload may be stored as are ever asked to read an original.
_READ_FORMATS = list(ALLOWED_FORMATS)
_RGB_MODES = {"RGB", "RGBA", "RGBX", "P", "PA"}


class RenditionError(Exception):
    """The original could not be read, or a rendition could not be written."""


def rendition_widths(image: Image) -> list[int]:
    """The widths rendered for `image`, narrowest first; [] while its width is unknown.

    Every standard width narrower than the original, then the original's own width
    (at most MAX_WIDTH), so the widest rendition is never blown up.
    """
    if not image.width or image.width <= 0:
        return []
    widest = min(image.width, MAX_WIDTH)
    return [width for width in RENDITION_WIDTHS if width < widest] + [widest]


def crop_widths(image: Image, crop: CropName) -> list[int]:
    """The widths of `image`'s `crop`, narrowest first: as rendition_widths(), below the
    width of the largest such crop the original holds. [] while its size is unknown."""
    if not image.width or not image.height or image.width <= 0 or image.height <= 0:
        return []
    spec = CROPS[crop]
    box_width, _ = crop_size(image.width, image.height, spec.ratio)
    widest = min(box_width, spec.widths[-1])
    return [width for width in spec.widths if width < widest] + [widest]


def crop_height(crop: CropName, width: int) -> int:
    """The height of a `crop` rendition `width` pixels wide."""
    return max(1, round(width / CROPS[crop].ratio))


def fallback_format(image: Image) -> Literal["jpg", "png"]:
    """The format for browsers without WebP: PNG for PNG and GIF originals, which may
    be transparent; JPEG for photos, where it is much smaller."""
    suffix = PurePosixPath(image.file.name or "").suffix.lower()
    return "png" if suffix in {".png", ".gif"} else "jpg"


def rendition_name(
    image: Image, width: int, fmt: RenditionFormat, crop: CropName | None = None
) -> str:
    """The storage name of one rendition; pure, so templates can call it freely."""
    if image.pk is None:
        raise ValueError("An image has renditions only once it is saved.")
    stem = PurePosixPath(image.file.name).stem
    if crop is None:
        return f"renditions/{image.pk}/{stem}-{width}.{fmt}"
    focal = f"f{focal_steps(image.focal_x)}x{focal_steps(image.focal_y)}"
    return f"renditions/{image.pk}/{stem}-{CROPS[crop].label}-{focal}-{width}.{fmt}"


def _planned(image: Image) -> list[tuple[int, RenditionFormat, CropName | None]]:
    """(width, format, crop) of every rendition `image` has: each width of the whole
    picture and of each crop, in WebP (but the social card) and the fallback format."""
    fallback = fallback_format(image)
    planned = [
        (width, fmt, None) for width in rendition_widths(image) for fmt in ("webp", fallback)
    ]
    for crop, spec in CROPS.items():
        formats = ("webp", fallback) if spec.webp else (fallback,)
        planned += [(width, fmt, crop) for width in crop_widths(image, crop) for fmt in formats]
    return planned


def rendition_names(image: Image) -> list[str]:
    """Every rendition name of `image`: the whole picture's and its crops'."""
    return [rendition_name(image, *item) for item in _planned(image)]


def rendition_url(
    image: Image, width: int, fmt: RenditionFormat, crop: CropName | None = None
) -> str:
    """The URL of one rendition (the storage computes it; no file is checked)."""
    return default_storage.url(rendition_name(image, width, fmt, crop))


def generate_renditions(image: Image, *, force: bool = False) -> int:
    """Write the missing renditions of `image` (all of them with `force`); return how
    many files were written. Raises RenditionError when the original is unreadable.

    The original is opened once, and only when a file is missing, so a second run
    over the same images costs a few existence checks.
    """
    fallback = fallback_format(image)
    wanted = [(*item, rendition_name(image, *item)) for item in _planned(image)]
    if not force:
        wanted = [item for item in wanted if not default_storage.exists(item[3])]
    if not wanted:
        return 0

    original = _open_original(image)
    # The JPEG fallback has no transparency: lay a transparent picture on white
    # rather than let the hidden colour of transparent pixels show through.
    opaque = _flatten(original) if original.mode == "RGBA" and fallback == "jpg" else original
    # The focal point as the file names have it, so a name always means the same crop.
    focal_x, focal_y = (focal_steps(v) / FOCAL_STEPS for v in (image.focal_x, image.focal_y))

    def encode(job: tuple[int, str, CropName | None, str]) -> tuple[str, bytes]:
        width, fmt, crop, name = job
        source = opaque if fmt == "jpg" else original
        if crop is None:
            box, height = None, max(1, round(source.height * width / source.width))
        else:
            ratio = CROPS[crop].ratio
            box = crop_box(source.width, source.height, ratio, focal_x, focal_y)
            height = crop_height(crop, width)
        return name, _encode(source, (width, height), box, fmt, name)

    # Pillow releases the GIL while it resizes and encodes, so threads share the work
    # out over the cores (half the time on two). Files are stored from this thread.
    workers = min(len(wanted), os.cpu_count() or 1)
    written = 0
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for name, data in pool.map(encode, wanted):
            _store(name, data)
            written += 1
    return written


def _encode(
    source: Picture.Image,
    size: tuple[int, int],
    box: tuple[int, int, int, int] | None,
    fmt: str,
    name: str,
) -> bytes:
    """The `box` of `source` (all of it without one) scaled to `size`, encoded as `fmt`."""
    box = box or (0, 0, *source.size)
    if size == (box[2] - box[0], box[3] - box[1]):
        resized = source if box == (0, 0, *source.size) else source.crop(box)
    else:
        # reducing_gap shrinks by a whole factor first when the scale allows; Pillow's
        # documentation calls the result indistinguishable from plain LANCZOS at 3.
        resized = source.resize(size, Picture.Resampling.LANCZOS, box=box, reducing_gap=3.0)
    format_, options = _SAVE_OPTIONS[fmt]
    if "icc_profile" in source.info:
        options = {**options, "icc_profile": source.info["icc_profile"]}
    buffer = io.BytesIO()
    try:
        resized.save(buffer, format=format_, **options)
    except DECODE_ERRORS as error:
        raise RenditionError(f"cannot encode {name}: {error}") from error
    return buffer.getvalue()


def _open_original(image: Image) -> Picture.Image:
    """The original's pixels, in RGB or (when it has transparency) RGBA."""
    name = image.file.name
    try:
        with (
            image.file.storage.open(name, "rb") as handle,
            Picture.open(handle, formats=_READ_FORMATS) as picture,
        ):
            picture.load()
            # A profile describes RGB colours only when the original was in RGB (or a
            # palette of RGB colours); greyscale and CMYK ones no longer fit.
            icc_profile = picture.info.get("icc_profile") if picture.mode in _RGB_MODES else None
            has_alpha = "A" in picture.getbands() or "transparency" in picture.info
            # Palette, greyscale, 16-bit and CMYK originals all become 8-bit RGB(A): what
            # both encoders take, and what LANCZOS resamples properly.
            converted = picture.convert("RGBA" if has_alpha else "RGB")
    except DECODE_ERRORS as error:
        raise RenditionError(f"cannot read {name}: {error}") from error
    converted.info = {"icc_profile": icc_profile} if icc_profile else {}
    return converted


def _flatten(picture: Picture.Image) -> Picture.Image:
    background = Picture.new("RGB", picture.size, (255, 255, 255))
    background.paste(picture, mask=picture.getchannel("A"))
    background.info = dict(picture.info)
    return background


def _store(name: str, data: bytes) -> None:
    """Save `data` under exactly `name`, replacing a file already there."""
    try:
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:
            # Another process wrote the same rendition meanwhile; theirs is as good.
            default_storage.delete(saved)
    except OSError as error:
        raise RenditionError(f"cannot write {name}: {error}") from error
