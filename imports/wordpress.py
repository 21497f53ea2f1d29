"""Reading a WordPress export (Tools > Export, WXR 1.1 and 1.2).

Items are ``wp:post_type`` post or page (attachments, menu items and other types are
passed over); ``wp:status`` publish, future, draft, pending, private or trash. Times come
from ``wp:post_date_gmt`` (``wp:post_date``, in the site's time zone, when the GMT time
is the empty ``0000-00-00 00:00:00`` of an unsaved draft). Categories may become
sections, ``post_tag`` categories are always tags; the standfirst is the excerpt or,
failing that, Yoast's meta description. Old addresses are the permalink and
``?p=ID`` (``?page_id=ID`` for pages). Comments sit inside their item.

Two passes, as for Blogger: items first, comments second. Source ids carry the site's
address, so two WordPress sites imported into one newsroom never collide.
"""

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from django.utils.translation import gettext as _

from comments.services import clean_text

from . import items, oldpaths
from .text import plain_text
from .xmlstream import child_text, iter_elements, parse_datetime

CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
#: Both WXR versions in use; every wp: and excerpt: name is looked up in each.
WXR_VERSIONS = ("1.2", "1.1", "1.0")

_POST_STATUSES = {
    "publish": items.PostStatus.PUBLISHED,
    "future": items.PostStatus.PUBLISHED,
    "draft": items.PostStatus.DRAFT,
    "pending": items.PostStatus.IN_REVIEW,
    "private": items.PostStatus.UNPUBLISHED,
}
_COMMENT_STATUSES = {
    "1": items.CommentStatus.APPROVED,
    "0": items.CommentStatus.PENDING,
    "spam": items.CommentStatus.SPAM,
    "trash": items.CommentStatus.TRASH,
    "post-trashed": items.CommentStatus.TRASH,
}
_NO_DATE = "0000-00-00 00:00:00"
_BLOCK_TAG = re.compile(r"<(p|div|h[1-6]|ul|ol|table|blockquote|figure|pre)\b", re.I)
_YOUTUBE_URL = re.compile(
    r"^\s*(?:\[embed\])?https?://(?:www\.)?(?:youtube\.com/watch\?v=|youtu\.be/)"
    r"([\w-]{6,20})\S*?(?:\[/embed\])?\s*$",
    re.M,
)

Progress = Callable[[int, int], None] | None


class Reader:
    """One pass over a WXR file; the site address and authors are read on the way."""

    def __init__(self, path: Path, progress: Progress = None):
        self.path, self.progress = path, progress
        self.site = ""
        self.authors: dict[str, str] = {}  # login -> display name

    def posts(self) -> Iterator[items.Post | items.Skipped]:
        for item in self._items():
            kind = _wp(item, "post_type") or "post"
            source_id = self._id(item)
            if kind not in ("post", "page"):
                yield items.Skipped(
                    source_id, "item", _("WordPress item of type %(type)s") % {"type": kind}
                )
                continue
            try:
                yield self._post(item, source_id, is_page=kind == "page")
            except ValueError as error:
                yield items.Skipped(source_id, kind, str(error), is_problem=True)

    def comments(self) -> Iterator[items.Comment | items.Skipped]:
        for item in self._items():
            if (_wp(item, "post_type") or "post") not in ("post", "page"):
                continue
            post_id = self._id(item)
            for element in _wp_all(item, "comment"):
                source_id = f"{self.site}#comment-{_wp(element, 'comment_id')}"
                try:
                    yield self._comment(element, source_id, post_id)
                except ValueError as error:
                    yield items.Skipped(source_id, "comment", str(error), is_problem=True)

    def _items(self) -> Iterator[Element]:
        def wanted(tag: str) -> bool:
            return tag == "item" or _is_wp(tag, "author") or _is_wp(tag, "base_blog_url")

        for element in iter_elements(self.path, wanted, self.progress):
            if element.tag == "item":
                yield element
            elif _is_wp(element.tag, "author"):
                login = _wp(element, "author_login")
                self.authors[login] = _wp(element, "author_display_name") or login
            else:  # the channel's address comes before any item
                self.site = (element.text or "").strip().rstrip("/")

    def _id(self, item: Element) -> str:
        return f"{self.site}#post-{_wp(item, 'post_id')}"

    def _post(self, item: Element, source_id: str, *, is_page: bool) -> items.Post | items.Skipped:
        kind = "page" if is_page else "post"
        raw_status = _wp(item, "status")
        if raw_status == "trash":
            return items.Skipped(source_id, kind, _("trashed"))
        if raw_status == "auto-draft":
            return items.Skipped(source_id, kind, _("automatic draft"))
        if raw_status not in _POST_STATUSES:
            raise ValueError(_("unknown status %(status)s") % {"status": repr(raw_status)})
        status = _POST_STATUSES[raw_status]
        published_at = _time(_wp(item, "post_date_gmt"), _wp(item, "post_date"))
        if status == items.PostStatus.PUBLISHED and published_at is None:
            raise ValueError(_("a published post without a publish time"))

        categories, tags = [], []
        for category in item.findall("category"):
            name = (category.text or "").strip()
            if name:
                (tags if category.get("domain") == "post_tag" else categories).append(name)
        summary = plain_text(_excerpt(item)).strip()
        if not summary:
            summary = _meta(item, "_yoast_wpseo_metadesc")

        post_id = _wp(item, "post_id")
        old_paths = [f"/?{'page_id' if is_page else 'p'}={post_id}"] if post_id.isdigit() else []
        link = child_text(item, "link")
        if link and "?" not in link:
            old_paths.insert(0, oldpaths.from_url(link))
        creator = child_text(item, DC + "creator")
        return items.Post(
            source_id=source_id,
            is_page=is_page,
            title=child_text(item, "title"),
            body=add_paragraphs(child_text(item, CONTENT + "encoded")),
            status=status,
            published_at=published_at if status == items.PostStatus.PUBLISHED else None,
            updated_at=_time(_wp(item, "post_modified_gmt"), _wp(item, "post_modified")),
            author=self.authors.get(creator, creator),
            sections_or_tags=list(dict.fromkeys(categories)),
            tags=list(dict.fromkeys(tags)),
            summary=summary,
            old_paths=[path for path in old_paths if path != "/"],
        )

    def _comment(self, element: Element, source_id: str, post_id: str):
        if _wp(element, "comment_type") in ("pingback", "trackback"):
            return items.Skipped(source_id, "comment", _("pingback or trackback"))
        raw_status = _wp(element, "comment_approved")
        if raw_status not in _COMMENT_STATUSES:
            raise ValueError(_("unknown status %(status)s") % {"status": repr(raw_status)})
        created_at = _time(_wp(element, "comment_date_gmt"), _wp(element, "comment_date"))
        if created_at is None:
            raise ValueError(_("a comment without a time"))
        parent = _wp(element, "comment_parent")
        return items.Comment(
            source_id=source_id,
            post_id=post_id,
            parent_id=f"{self.site}#comment-{parent}" if parent not in ("", "0") else "",
            author=_wp(element, "comment_author"),
            email=_wp(element, "comment_author_email").lower(),
            ip=_wp(element, "comment_author_IP"),
            body=clean_text(plain_text(_wp(element, "comment_content", strip=False))),
            created_at=created_at,
            status=_COMMENT_STATUSES[raw_status],
        )


def add_paragraphs(html: str) -> str:
    """What WordPress shows for a classic-editor body: blank lines become paragraphs,
    single line breaks <br>, and a YouTube address alone on a line its player (as
    WordPress's oEmbed would). Bodies already made of blocks are left as they are."""
    html = _YOUTUBE_URL.sub(
        r'<iframe src="https://www.youtube.com/embed/\1" width="560" height="315" '
        r"allowfullscreen></iframe>",
        html,
    )
    if not html.strip() or _BLOCK_TAG.search(html):
        return html
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", html) if part.strip()]
    return "".join(f"<p>{part.replace(chr(10), '<br>')}</p>" for part in paragraphs)


def _time(gmt: str, local: str):
    if gmt and gmt != _NO_DATE:
        return parse_datetime(gmt.replace(" ", "T") + "+00:00")
    if local and local != _NO_DATE:
        return parse_datetime(local.replace(" ", "T"))
    return None


def _is_wp(tag: str, name: str) -> bool:
    return any(tag == f"{{http://wordpress.org/export/{v}/}}{name}" for v in WXR_VERSIONS)


def _wp(element: Element, name: str, *, strip: bool = True) -> str:
    for version in WXR_VERSIONS:
        found = element.find(f"{{http://wordpress.org/export/{version}/}}{name}")
        if found is not None:
            text = found.text or ""
            return text.strip() if strip else text
    return ""


def _wp_all(element: Element, name: str) -> list[Element]:
    for version in WXR_VERSIONS:
        found = element.findall(f"{{http://wordpress.org/export/{version}/}}{name}")
        if found:
            return found
    return []


def _excerpt(item: Element) -> str:
    for version in WXR_VERSIONS:
        found = item.find(f"{{http://wordpress.org/export/{version}/excerpt/}}encoded")
        if found is not None:
            return found.text or ""
    return ""


def _meta(item: Element, key: str) -> str:
    for meta in _wp_all(item, "postmeta"):
        if _wp(meta, "meta_key") == key:
            return _wp(meta, "meta_value")
    return ""
