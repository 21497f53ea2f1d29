"""Allow-list cleaning of every stored rich text (article bodies, imported posts).

`CKEditor5Field` stores whatever it is given: a crafted POST, an API client or an
importer can put `<script>`, `onerror=` handlers or `javascript:` links into a body just
as easily as the editor can. So every rich text goes through `clean_rich_text()` before
it is saved, whatever the form, and the public templates may then mark it safe.

The allow-list matches the editor toolbar in settings.CKEDITOR_5_CONFIGS (headings,
bold, italic, links, lists, quotes, images with captions, media embeds, tables): change
the two together. The constants are module-level so the Blogger importer cleans with
exactly the same rules.
"""

import re
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "a",
        "ul",
        "ol",
        "li",
        "blockquote",
        "figure",
        "figcaption",
        "img",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        # mediaEmbed: <oembed url> without previews, <div data-oembed-url><iframe> with.
        "oembed",
        "div",
        "iframe",
    }
)

# No `style` and no `on*` anywhere; `rel` on links is set by LINK_REL, never taken from
# the input; `class` on figures is limited by ALLOWED_CLASSES instead.
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "th": frozenset({"colspan", "rowspan"}),
    "td": frozenset({"colspan", "rowspan"}),
    "oembed": frozenset({"url"}),
    "div": frozenset({"data-oembed-url"}),
    "iframe": frozenset({"src", "width", "height", "title", "allowfullscreen", "frameborder"}),
}

# The classes CKEditor 5 puts on the figures it writes; anything else is dropped.
ALLOWED_CLASSES: dict[str, frozenset[str]] = {
    "figure": frozenset({"image", "media", "table"}),
}

URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})

# Removed together with everything inside them, not just unwrapped.
CLEAN_CONTENT_TAGS: frozenset[str] = frozenset(
    {
        "script",
        "style",
        "object",
        "embed",
        "applet",
        "form",
        "noscript",
        "template",
        "textarea",
        "select",
    }
)

# Set on every link: readers follow links to sources, search engines need not.
LINK_REL = "noopener noreferrer nofollow"

# The players an <iframe> may show: https only, host exactly as listed, and a path
# under one of its prefixes (a prefix not ending in "/" is an exact path). Any other
# iframe is removed with its content.
VIDEO_EMBED_HOSTS: dict[str, tuple[str, ...]] = {
    "www.youtube.com": ("/embed/",),
    "youtube.com": ("/embed/",),
    "www.youtube-nocookie.com": ("/embed/",),
    "www.facebook.com": ("/plugins/video.php",),
}

_NUMBER = re.compile(r"\d{1,5}")
# Characters no embed URL we accept needs; refusing them keeps the host check honest
# (browsers read "\" as "/", and whitespace or quotes have no business in a src).
_UNSAFE_URL_CHARS = re.compile(r"[\s\\<>\"'`]")
# After nh3, "<" only ever starts a tag: text and attribute values come out escaped.
# An iframe with no src left (its src was refused) goes entirely; an allowed one loses
# whatever text it held, which a browser would not show anyway.
_IFRAME = re.compile(r"<iframe\b(?P<attrs>[^>]*)>.*?</iframe>", re.DOTALL)


def is_allowed_video_embed(url: str) -> bool:
    """True if `url` is an https player address on VIDEO_EMBED_HOSTS."""
    if _UNSAFE_URL_CHARS.search(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    # netloc == hostname rules out user:password@ and ports.
    if parts.scheme != "https" or parts.netloc != parts.hostname:
        return False
    prefixes = VIDEO_EMBED_HOSTS.get(parts.netloc)
    if not prefixes or ".." in parts.path:
        return False
    return any(
        parts.path.startswith(prefix) if prefix.endswith("/") else parts.path == prefix
        for prefix in prefixes
    )


def _is_web_url(url: str) -> bool:
    try:
        scheme = urlsplit(url).scheme
    except ValueError:
        return False
    return scheme in {"http", "https"} and not _UNSAFE_URL_CHARS.search(url)


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Check attribute values nh3's allow-list cannot: numbers, embed and oEmbed URLs."""
    if attribute in {"width", "height", "colspan", "rowspan", "frameborder"}:
        return value if _NUMBER.fullmatch(value.strip()) else None
    if tag == "iframe":
        if attribute == "src":
            return value if is_allowed_video_embed(value) else None
        if attribute == "allowfullscreen":
            return ""
    if (tag, attribute) in {("oembed", "url"), ("div", "data-oembed-url")}:
        return value if _is_web_url(value) else None
    return value


_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(CLEAN_CONTENT_TAGS),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_filter_attribute,
    link_rel=LINK_REL,
    url_schemes=set(URL_SCHEMES),
    allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
    strip_comments=True,
)


def _keep_allowed_iframe(match: re.Match[str]) -> str:
    attrs = match.group("attrs")
    return f"<iframe{attrs}></iframe>" if ' src="' in attrs else ""


def clean_rich_text(html: str) -> str:
    """Return `html` reduced to the tags, attributes and URLs the editor can produce."""
    if not html:
        return ""
    cleaned = _cleaner.clean(html)
    if "<iframe" in cleaned:
        # nh3 can drop a refused src but not the element that carried it. Cleaning the
        # result once more means even an unforeseen slip of the regex stays inside the
        # allow-list.
        cleaned = _cleaner.clean(_IFRAME.sub(_keep_allowed_iframe, cleaned))
    return cleaned
