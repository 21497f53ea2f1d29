"""`{% picture %}`, `{% image_url %}` and `{% og_image %}`: responsive images (whole, or
cropped around the focal point) without a database query.

Every URL is computed from fields already on the Image (pk, file name, width, height);
the tags never ask the database or the storage anything, so a listing of N stories
costs no more queries with pictures than without. The rendition files themselves
are written ahead of time (articles/renditions.py).
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from articles.models import Image
from articles.renditions import (
    CropName,
    crop_height,
    crop_widths,
    fallback_format,
    rendition_url,
    rendition_widths,
)
from newsroom.seo import absolute_url

register = template.Library()

# The social card's width: what sharing sites show large (1200 × 630).
SOCIAL_WIDTH = 1200
# The <img> src for browsers that ignore srcset: big enough for a column on a
# desktop screen, small enough for a phone on a slow link.
DEFAULT_SRC_WIDTH = 960


@register.simple_tag
def picture(
    image: Image | None,
    sizes: str = "100vw",
    loading: str = "lazy",
    css_class: str = "",
    crop: CropName | None = None,
) -> SafeString | str:
    """A <picture> with a WebP srcset and a JPEG/PNG fallback, or '' without an image.

    With `crop` ("card", "square"), the renditions of that shape cut around the image's
    focal point (articles/renditions.py CROPS); without, the whole picture.

    `loading="eager"` is for the picture above the fold (the lead image of a story):
    the browser fetches it at once. Anything else loads lazily. (No fetchpriority:
    the Nu HTML Checker the tests run does not know it yet.) width and height are the
    original's (or the crop's), so the browser reserves the right space before the file
    arrives.
    """
    if image is None or not image.file:
        return ""
    eager = loading == "eager"
    widths = crop_widths(image, crop) if crop else rendition_widths(image)
    if not widths:  # dimensions unknown: no renditions, the original as it is
        return format_html(
            '<img src="{}" alt="{}" loading="{}" decoding="async"{}>',
            image.file.url,
            image.alt_text,
            "eager" if eager else "lazy",
            format_html(' class="{}"', css_class) if css_class else "",
        )
    fallback = fallback_format(image)
    if crop:
        width, height = widths[-1], crop_height(crop, widths[-1])
    else:
        width, height = image.width, image.height
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="{}" decoding="async"{}></picture>',
        _srcset(image, widths, "webp", crop),
        sizes,
        rendition_url(image, _widest_up_to(widths, DEFAULT_SRC_WIDTH), fallback, crop),
        _srcset(image, widths, fallback, crop),
        sizes,
        width,
        height,
        image.alt_text,
        "eager" if eager else "lazy",
        format_html(' class="{}"', css_class) if css_class else "",
    )


@register.simple_tag
def image_url(image: Image | None, width: int = 1280, crop: CropName | None = None) -> str:
    """The path of the JPEG/PNG rendition closest to `width` without going over it
    (og:image, JSON-LD), of the whole picture or of its `crop`; callers make it
    absolute with request.build_absolute_uri. '' without an image."""
    if image is None or not image.file:
        return ""
    widths = crop_widths(image, crop) if crop else rendition_widths(image)
    if not widths:
        return image.file.url
    return rendition_url(image, _widest_up_to(widths, int(width)), fallback_format(image), crop)


@register.simple_tag(takes_context=True)
def og_image(context, image: Image | None) -> SafeString | str:
    """The sharing card's picture: og:image (the social crop, around the focal point),
    its size and its alt text; '' without an image."""
    if image is None or not image.file:
        return ""
    url = absolute_url(context["request"], image_url(image, SOCIAL_WIDTH, "social"))
    widths = crop_widths(image, "social")
    if not widths:  # size unknown: the original, whose size we cannot state
        return format_html(
            '<meta property="og:image" content="{}">\n  '
            '<meta property="og:image:alt" content="{}">',
            url,
            image.alt_text,
        )
    width = _widest_up_to(widths, SOCIAL_WIDTH)
    return format_html(
        '<meta property="og:image" content="{}">\n  '
        '<meta property="og:image:width" content="{}">\n  '
        '<meta property="og:image:height" content="{}">\n  '
        '<meta property="og:image:alt" content="{}">',
        url,
        width,
        crop_height("social", width),
        image.alt_text,
    )


def _srcset(image: Image, widths: list[int], fmt: str, crop: CropName | None) -> SafeString:
    return format_html_join(
        ", ", "{} {}w", ((rendition_url(image, width, fmt, crop), width) for width in widths)
    )


def _widest_up_to(widths: list[int], limit: int) -> int:
    """The widest of `widths` (ascending) not over `limit`, else the narrowest."""
    fitting = [width for width in widths if width <= limit]
    return fitting[-1] if fitting else widths[0]
