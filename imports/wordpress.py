"""Reading a WordPress export (Tools > Export, WXR 1.0 to 1.2).

Items are ``wp:post_type`` post or page (attachments, menu items and other types are
passed over); ``wp:status`` publish, future, draft, pending, private or trash. Times come
from ``wp:post_date_gmt`` (``wp:post_date``, in the site's time zone, when the GMT time
is the empty ``0000-00-00 00:00:00`` of an unsaved draft). Categories may become
sections, ``post_tag`` categories are always tags; the standfirst is the excerpt or,
failing that, Yoast's meta description. Old addresses are the permalink and
``?p=ID`` (``?page_id=ID`` for pages); the category, tag, author and date archives
and their feeds are redirected too. Comments sit inside their item.

Elements are read by their local names in whichever WordPress namespace the file
uses: ``http`` or ``https``, any WXR version (``wordpress.org/export/1.2/``). A file
with no element in such a namespace is not a WordPress export and is refused
(NotAnExport), rather than read as items of unknown status.

Two passes, as for Blogger: items first, comments second. Source ids carry the site's
address, so two WordPress sites imported into one newsroom never collide.
"""

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

from django.utils.translation import gettext as _

from comments.services import clean_text

from . import items, oldpaths
from .recovery import Recovery
from .text import plain_text
from .xmlstream import YEARS, NotAnExport, child_text, iter_elements, parse_datetime

# Tags are rewritten to these forms as they are read, whatever the file's namespaces.
# No tag the parser gives has a colon outside braces, so none can be mistaken for them.
WP = "wp:"
EXCERPT = "excerpt:"
CONTENT = "content:"
DC = "dc:"
_NAMESPACES = (
    (re.compile(r"^https?://(?:www\.)?wordpress\.(?:org|com)/export/[\d.]+/excerpt/?$"), EXCERPT),
    (re.compile(r"^https?://(?:www\.)?wordpress\.(?:org|com)/export/[\d.]+/?$"), WP),
    (re.compile(r"^https?://purl\.org/rss/1\.0/modules/content/?$"), CONTENT),
    (re.compile(r"^https?://purl\.org/dc/elements/1\.1/?$"), DC),
)
#: Prefixes declared by ``--recover`` when the file uses them without declaring them.
KNOWN_PREFIXES = {
    "wp": "http://wordpress.org/export/1.2/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
}
#: The element ``--recover`` leaves out whole when it cannot be read.
UNIT = "item"

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
_TAG_DOMAINS = ("post_tag", "tag")  # "tag" in WXR 1.0
_NO_DATE = "0000-00-00 00:00:00"
_BLOCK_TAG = re.compile(r"<(p|div|h[1-6]|ul|ol|table|blockquote|figure|pre)\b", re.I)
_YOUTUBE_URL = re.compile(
    r"^\s*(?:\[embed\])?https?://(?:www\.)?(?:youtube\.com/watch\?v=|youtu\.be/)"
    r"([\w-]{6,20})\S*?(?:\[/embed\])?\s*$",
    re.M,
)

Progress = Callable[[int, int], None] | None


class Reader:
    """One pass over a WXR file; the site address, authors and categories are read on
    the way (they come before the items)."""

    def __init__(self, path: Path, progress: Progress = None, recovery: Recovery | None = None):
        self.path, self.progress, self.recovery = path, progress, recovery
        self.site = ""
        self.authors: dict[str, str] = {}  # login -> display name
        self.category_parents: dict[str, str] = {}  # nicename -> parent's nicename
        self._canonical: dict[str, str] = {}
        self._unknown_namespaces: set[str] = set()
        self._is_wxr = False

    def posts(self) -> Iterator[items.Post | items.Skipped]:
        for item in self._items():
            kind = child_text(item, WP + "post_type") or "post"
            source_id = self._id(item) if child_text(item, WP + "post_id") else _untitled(item)
            if kind not in ("post", "page"):
                yield items.Skipped(
                    source_id, "item", _("WordPress item of type %(type)s") % {"type": kind}
                )
                continue
            try:
                self._check_id(item)
                yield self._post(item, source_id, is_page=kind == "page")
            except ValueError as error:
                yield items.Skipped(source_id, kind, str(error), is_problem=True)

    def comments(self) -> Iterator[items.Comment | items.Skipped]:
        seen_items = set()
        for item in self._items():
            if (child_text(item, WP + "post_type") or "post") not in ("post", "page"):
                continue
            post_id = self._id(item)
            repeated = post_id in seen_items
            seen_items.add(post_id)
            for element in item.findall(WP + "comment"):
                comment_id = child_text(element, WP + "comment_id")
                source_id = f"{self.site}#comment-{comment_id}"
                if repeated:  # the repeated item was reported and left out
                    yield items.Skipped(source_id, "comment", _("in an item that came twice"))
                    continue
                try:
                    yield self._comment(element, source_id, post_id)
                except ValueError as error:
                    yield items.Skipped(source_id, "comment", str(error), is_problem=True)

    # --- the file -------------------------------------------------------------------------

    def _items(self) -> Iterator[Element]:
        channel_parts = {WP + "author", WP + "base_blog_url", WP + "category", WP + "wxr_version"}

        def wanted(tag: str) -> bool:
            tag = self._tag(tag)
            return tag == "item" or tag in channel_parts

        found_item = False
        for element in iter_elements(
            self.path,
            wanted,
            self.progress,
            recovery=self.recovery,
            on_root=self._check_root,
        ):
            for part in element.iter():
                part.tag = self._tag(part.tag)
            if element.tag == "item":
                if not found_item:
                    found_item = True
                    self._check_wxr(element)
                yield element
            else:
                self._is_wxr = True
                self._read_channel_part(element)
        if not found_item:
            self._check_wxr(None)

    def _read_channel_part(self, element: Element) -> None:
        if element.tag == WP + "author":
            login = child_text(element, WP + "author_login")
            self.authors[login] = child_text(element, WP + "author_display_name") or login
        elif element.tag == WP + "category":
            nicename = child_text(element, WP + "category_nicename")
            if nicename:
                self.category_parents[nicename] = child_text(element, WP + "category_parent")
        elif element.tag == WP + "base_blog_url":  # the channel's address, before any item
            self.site = (element.text or "").strip().rstrip("/")

    def _tag(self, tag: str) -> str:
        """``wp:post_id`` for ``{https://wordpress.org/export/1.2/}post_id``, and so on."""
        found = self._canonical.get(tag)
        if found is None:
            found = tag
            if tag.startswith("{"):
                namespace, _sep, local = tag[1:].partition("}")
                for pattern, short in _NAMESPACES:
                    if pattern.match(namespace):
                        found = short + local
                        break
                else:
                    self._unknown_namespaces.add(namespace)
            self._canonical[tag] = found
        return found

    def _check_root(self, tag: str) -> None:
        if tag != "rss":
            raise NotAnExport(
                _("Not a WordPress export (WXR): its root element is %(tag)s, not rss.")
                % {"tag": tag}
            )

    def _check_wxr(self, first_item: Element | None) -> None:
        """Before the first item: the channel or the item must use a WordPress namespace."""
        if self._is_wxr or (
            first_item is not None and any(e.tag.startswith(WP) for e in first_item.iter())
        ):
            self._is_wxr = True
            return
        if self._unknown_namespaces:
            found = ", ".join(sorted(self._unknown_namespaces))
            raise NotAnExport(
                _(
                    "Not a WordPress export (WXR): none of its namespaces (%(found)s) is "
                    "WordPress's (http://wordpress.org/export/1.2/ or another version)."
                )
                % {"found": found}
            )
        raise NotAnExport(
            _(
                "Not a WordPress export (WXR): its channel has no wp: elements in "
                "WordPress's namespace (http://wordpress.org/export/1.2/ or another version)."
            )
        )

    def _id(self, item: Element) -> str:
        return f"{self.site}#post-{child_text(item, WP + 'post_id')}"

    @staticmethod
    def _check_id(item: Element) -> None:
        post_id = child_text(item, WP + "post_id")
        if not post_id:
            raise ValueError(_("an item without a post id"))
        if not post_id.isdigit():
            raise ValueError(_("post id %(id)s is not a number") % {"id": repr(post_id[:40])})

    # --- posts ----------------------------------------------------------------------------

    def _post(self, item: Element, source_id: str, *, is_page: bool) -> items.Post | items.Skipped:
        kind = "page" if is_page else "post"
        raw_status = child_text(item, WP + "status")
        if raw_status == "trash":
            return items.Skipped(source_id, kind, _("trashed"))
        if raw_status == "auto-draft":
            return items.Skipped(source_id, kind, _("automatic draft"))
        if raw_status not in _POST_STATUSES:
            raise ValueError(_("unknown status %(status)s") % {"status": repr(raw_status)})
        status = _POST_STATUSES[raw_status]
        published_at = _time(
            child_text(item, WP + "post_date_gmt"), child_text(item, WP + "post_date")
        )
        if status == items.PostStatus.PUBLISHED and published_at is None:
            raise ValueError(_("a published post without a publish time"))

        categories, tags, listings = [], [], {}
        for category in item.findall("category"):
            name = (category.text or "").strip()
            domain = category.get("domain", "category")
            if not name or domain == "post_format":  # post formats are not subjects
                continue
            is_tag = domain in _TAG_DOMAINS
            (tags if is_tag else categories).append(name)
            nicename = category.get("nicename", "").strip()
            if nicename and not is_page and domain in ("category", *_TAG_DOMAINS):
                for path in self._listing_paths(nicename, is_tag=is_tag):
                    listing = items.OldListing(path, path + "feed/")
                    listings.setdefault(name, [])
                    if listing not in listings[name]:
                        listings[name].append(listing)
        summary = plain_text(_excerpt(item)).strip()
        if not summary:
            summary = _meta(item, "_yoast_wpseo_metadesc")

        post_id = child_text(item, WP + "post_id")
        old_paths = [f"/?{'page_id' if is_page else 'p'}={post_id}"]
        link = child_text(item, "link")
        if link and "?" not in link:
            old_paths.insert(0, oldpaths.from_url(link))
        login = child_text(item, DC + "creator")
        return items.Post(
            source_id=source_id,
            is_page=is_page,
            title=child_text(item, "title"),
            body=add_paragraphs(child_text(item, CONTENT + "encoded")),
            status=status,
            published_at=published_at if status == items.PostStatus.PUBLISHED else None,
            updated_at=_time(
                child_text(item, WP + "post_modified_gmt"), child_text(item, WP + "post_modified")
            ),
            author=self.authors.get(login, login),
            sections_or_tags=list(dict.fromkeys(categories)),
            tags=list(dict.fromkeys(tags)),
            summary=summary,
            old_paths=[path for path in old_paths if path != "/"],
            label_listings=listings,
            author_listings=[] if is_page else _author_listings(login),
            archive_date=_local_day(child_text(item, WP + "post_date")),
        )

    def _listing_paths(self, nicename: str, *, is_tag: bool) -> list[str]:
        """``/tag/x/``; ``/category/parent/x/`` and ``/category/x/`` (WordPress answers
        both for a sub-category)."""
        if is_tag:
            return [f"/tag/{nicename}/"]
        chain = [nicename]
        while (parent := self.category_parents.get(chain[0], "")) and parent not in chain:
            chain.insert(0, parent)
        return list(dict.fromkeys([f"/category/{'/'.join(chain)}/", f"/category/{nicename}/"]))

    # --- comments -------------------------------------------------------------------------

    def _comment(self, element: Element, source_id: str, post_id: str):
        comment_id = child_text(element, WP + "comment_id")
        if not comment_id.isdigit():
            raise ValueError(_("comment id %(id)s is not a number") % {"id": repr(comment_id[:40])})
        if child_text(element, WP + "comment_type") in ("pingback", "trackback"):
            return items.Skipped(source_id, "comment", _("pingback or trackback"))
        raw_status = child_text(element, WP + "comment_approved")
        if raw_status not in _COMMENT_STATUSES:
            raise ValueError(_("unknown status %(status)s") % {"status": repr(raw_status)})
        created_at = _time(
            child_text(element, WP + "comment_date_gmt"), child_text(element, WP + "comment_date")
        )
        if created_at is None:
            raise ValueError(_("a comment without a time"))
        parent = child_text(element, WP + "comment_parent")
        if parent and not parent.isdigit():
            raise ValueError(_("comment parent %(id)s is not a number") % {"id": repr(parent[:40])})
        return items.Comment(
            source_id=source_id,
            post_id=post_id,
            parent_id=f"{self.site}#comment-{parent}" if parent not in ("", "0") else "",
            author=child_text(element, WP + "comment_author"),
            email=child_text(element, WP + "comment_author_email").lower(),
            ip=child_text(element, WP + "comment_author_IP"),
            body=clean_text(plain_text(_raw_text(element, WP + "comment_content"))),
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
        return parse_datetime(gmt.replace(" ", "T") + "+00:00", shown=gmt)
    if local and local != _NO_DATE:
        return parse_datetime(local.replace(" ", "T"), shown=local)
    return None


def _local_day(local: str) -> date | None:
    """The day of the date archive the post was in: ``wp:post_date``, the old site's
    own time (the GMT time may fall on another day)."""
    try:
        day = date.fromisoformat(local[:10])
    except ValueError:
        return None
    return day if day.year in YEARS else None


def _author_listings(login: str) -> list[items.OldListing]:
    """``/author/NAME/``, NAME being the login as WordPress makes a user's nicename of it
    (lower case, dots and spaces as dashes, other punctuation dropped), or the login."""
    login_chars = login.lower().replace(".", "-")
    kept = (c for c in login_chars if not c.isascii() or c.isalnum() or c in " _-%")
    nicename = re.sub(r"[\s-]+", "-", "".join(kept)).strip("-")[:50]
    return [
        items.OldListing(f"/author/{name}/", f"/author/{name}/feed/")
        for name in dict.fromkeys([nicename, login])
        if name and "/" not in name
    ]


def _untitled(item: Element) -> str:
    """How a report names an item without an id: by its title."""
    return "“" + child_text(item, "title")[:60] + "”"


def _raw_text(element: Element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "") if found is not None else ""


def _excerpt(item: Element) -> str:
    return _raw_text(item, EXCERPT + "encoded")


def _meta(item: Element, key: str) -> str:
    for meta in item.findall(WP + "postmeta"):
        if child_text(meta, WP + "meta_key") == key:
            return child_text(meta, WP + "meta_value")
    return ""
