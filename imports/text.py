"""Plain text from the bits of HTML an export holds where this site keeps plain text
(comments, standfirsts)."""

import html
import re

_BREAK = re.compile(r"<br\s*/?>|</(p|div|li|h[1-6]|blockquote)>", re.I)
_TAG = re.compile(r"<[^>]*>")


def plain_text(value: str) -> str:
    """Tags removed without adding spaces (Thai has none between words, so <b>แจ้ง</b>
    inside a sentence must not split it), breaks and block ends kept as line breaks."""
    text = html.unescape(_TAG.sub("", _BREAK.sub("\n", value or "")))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
