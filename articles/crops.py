"""Where a fixed-shape crop of a picture lies, given the picture's focal point.

Pure arithmetic on pixel sizes, shared by the rendition writer (articles/renditions.py)
and mirrored by the admin's crop previews (articles/static/articles/focal_point.js,
`cropBox`): keep the two in step.

A crop is as large as the shape allows (the full height of a wide picture, the full
width of a tall one) and centred on the focal point, then pushed back inside the
picture where the centre would take it over an edge. The focal point is therefore
always inside the crop, and no crop ever needs pixels the picture does not have.
"""

from fractions import Fraction

#: A focal point is kept to a thousandth of the width and height: fine enough for any
#: crop a page shows, and coarse enough to name the crop's files after it.
FOCAL_STEPS = 1000


def focal_steps(value: float) -> int:
    """`value` (0–1) in thousandths, as it appears in a crop's file names."""
    return min(FOCAL_STEPS, max(0, round(value * FOCAL_STEPS)))


def crop_size(width: int, height: int, ratio: Fraction) -> tuple[int, int]:
    """The largest `ratio` (width / height) box that fits in a `width` × `height` picture."""
    if width * ratio.denominator >= height * ratio.numerator:  # wider than the shape
        return max(1, min(width, round(height * ratio))), height
    return width, max(1, min(height, round(width / ratio)))


def crop_box(
    width: int, height: int, ratio: Fraction, focal_x: float, focal_y: float
) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the `ratio` crop around the focal point, in pixels."""
    crop_width, crop_height = crop_size(width, height, ratio)
    left = _place(width, crop_width, focal_x)
    top = _place(height, crop_height, focal_y)
    return left, top, left + crop_width, top + crop_height


def _place(length: int, span: int, focal: float) -> int:
    """Where a `span` starts so that it is centred on `focal` (a fraction of `length`)
    as far as the picture's edges allow."""
    start = round(focal * length - span / 2)
    return min(max(start, 0), length - span)
