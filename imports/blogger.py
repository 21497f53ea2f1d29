"""Reading a Blogger backup (Settings > Back up content), in either schema.

* Legacy GData Atom: the kind of an entry is a category in the ``#kind`` scheme
  (post, comment, page, settings, template); labels are the other categories; a comment
  names its post in ``thr:in-reply-to/@ref`` and the comment it answers in a
  ``link rel="related"``; drafts carry ``app:control/app:draft``; the old address is
  the ``link rel="alternate"``.
* Current schema (namespace ``http://schemas.google.com/blogger/2018``):
  ``blogger:type`` POST/PAGE/COMMENT, ``blogger:status``, ``blogger:parent`` (the post of
  a comment), ``blogger:inReplyTo``, ``blogger:filename`` (the old path) and
  ``blogger:metaDescription``.

Thai titles give paths like ``/2022/09/blog-post_12.html``, so old paths are taken
from the export, never rebuilt from titles; a label's listing (``/search/label/X``) and
feed (``/feeds/posts/default/-/X``) are redirected to what the label became. Settings
and template entries are passed over; a file whose root is not an Atom feed is not a
Blogger backup and is refused (NotAnExport). Two passes read the file: posts and pages
first, then comments, so that a comment always finds its post whatever the order of
the file.
"""

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from django.utils.translation import gettext as _

from comments.services import clean_text

from . import items, oldpaths
from .recovery import Recovery
from .text import plain_text
from .xmlstream import NotAnExport, child_text, iter_elements, parse_datetime

ATOM = "{http://www.w3.org/2005/Atom}"
BLOGGER = "{http://schemas.google.com/blogger/2018}"
APP = "{http://purl.org/atom/app#}"
THREAD = "{http://purl.org/syndication/thread/1.0}"
KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
#: Prefixes declared by ``--recover`` when the file uses them without declaring them.
KNOWN_PREFIXES = {
    "blogger": BLOGGER[1:-1],
    "app": APP[1:-1],
    "thr": THREAD[1:-1],
    "openSearch": "http://a9.com/-/spec/opensearchrss/1.0/",
    "gd": "http://schemas.google.com/g/2005",
    "georss": "http://www.georss.org/georss",
    "media": "http://search.yahoo.com/mrss/",
}
#: The element ``--recover`` leaves out whole when it cannot be read.
UNIT = "entry"

#: Blogger puts this address on every comment it has no address for.
NO_EMAIL = "noreply@blogger.com"

_POST_STATUSES = {
    "LIVE": items.PostStatus.PUBLISHED,
    "SCHEDULED": items.PostStatus.PUBLISHED,
    "DRAFT": items.PostStatus.DRAFT,
}
_COMMENT_STATUSES = {
    "LIVE": items.CommentStatus.APPROVED,
    "PENDING": items.CommentStatus.PENDING,
    "SPAM": items.CommentStatus.SPAM,
}
_TRASHED = {"SOFT_TRASHED", "TRASHED", "DELETED", "TRASH"}
# Legacy: the comment a reply answers, from its "related" link.
_RELATED_COMMENT = re.compile(r"/feeds/(\d+)/\d+/comments/default/(\d+)")

Progress = Callable[[int, int], None] | None


def read_posts(
    path: Path, progress: Progress = None, recovery: Recovery | None = None
) -> Iterator[items.Post | items.Skipped]:
    for entry in _entries(path, progress, recovery):
        kind = entry_kind(entry)
        if kind not in ("POST", "PAGE"):
            continue
        source_id = child_text(entry, ATOM + "id")
        try:
            _check_id(source_id)
            yield _post(entry, source_id, is_page=kind == "PAGE")
        except ValueError as error:
            shown = source_id or "“" + child_text(entry, ATOM + "title")[:60] + "”"
            yield items.Skipped(shown, kind.lower(), str(error), is_problem=True)


def read_comments(
    path: Path, progress: Progress = None, recovery: Recovery | None = None
) -> Iterator[items.Comment | items.Skipped]:
    for entry in _entries(path, progress, recovery):
        if entry_kind(entry) != "COMMENT":
            continue
        source_id = child_text(entry, ATOM + "id")
        try:
            _check_id(source_id)
            yield _comment(entry, source_id)
        except ValueError as error:
            yield items.Skipped(source_id or "?", "comment", str(error), is_problem=True)


def _entries(path: Path, progress: Progress, recovery: Recovery | None) -> Iterator[Element]:
    return iter_elements(
        path,
        lambda tag: tag == ATOM + "entry",
        progress,
        recovery=recovery,
        on_root=_check_root,
    )


def _check_root(tag: str) -> None:
    if tag != ATOM + "feed":
        raise NotAnExport(
            _("Not a Blogger backup: its root element is %(tag)s, not an Atom feed.") % {"tag": tag}
        )


def _check_id(source_id: str) -> None:
    if not source_id:
        raise ValueError(_("an entry without an id"))


def entry_kind(entry: Element) -> str:
    """POST, PAGE, COMMENT, or something to pass over (SETTINGS, TEMPLATE, ...)."""
    typed = entry.find(BLOGGER + "type")
    if typed is not None:
        return (typed.text or "").strip().upper()
    for category in entry.iter(ATOM + "category"):
        if category.get("scheme") == KIND_SCHEME:
            return category.get("term", "").rpartition("#")[2].upper()
    return ""


def _post(entry: Element, source_id: str, *, is_page: bool) -> items.Post | items.Skipped:
    kind = "page" if is_page else "post"
    raw_status = child_text(entry, BLOGGER + "status").upper()
    if raw_status in _TRASHED:
        return items.Skipped(source_id, kind, _("trashed"))
    if raw_status:
        if raw_status not in _POST_STATUSES:
            raise ValueError(_("unknown status %(status)s") % {"status": repr(raw_status)})
        status = _POST_STATUSES[raw_status]
    else:
        draft = entry.find(f"{APP}control/{APP}draft")
        is_draft = draft is not None and (draft.text or "").strip().lower() == "yes"
        status = items.PostStatus.DRAFT if is_draft else items.PostStatus.PUBLISHED

    published_at = parse_datetime(child_text(entry, ATOM + "published"))
    if status == items.PostStatus.PUBLISHED and published_at is None:
        raise ValueError(_("a published post without a publish time"))
    filename = child_text(entry, BLOGGER + "filename")
    old_paths = [oldpaths.normalise(filename)] if filename else []
    if not old_paths:
        old_paths = [oldpaths.from_url(link.get("href", "")) for link in _links(entry, "alternate")]
    labels = list(
        dict.fromkeys(
            category.get("term", "").strip()
            for category in entry.findall(ATOM + "category")
            if category.get("scheme") != KIND_SCHEME and category.get("term", "").strip()
        )
    )
    return items.Post(
        source_id=source_id,
        is_page=is_page,
        title=child_text(entry, ATOM + "title"),
        body=_text(entry.find(ATOM + "content")),
        status=status,
        published_at=published_at if status == items.PostStatus.PUBLISHED else None,
        updated_at=parse_datetime(child_text(entry, ATOM + "updated")),
        author=child_text(entry, f"{ATOM}author/{ATOM}name"),
        sections_or_tags=labels,
        summary=child_text(entry, BLOGGER + "metaDescription"),
        old_paths=[path for path in old_paths if path != "/"],
        label_listings={} if is_page else {label: [_label_listing(label)] for label in labels},
    )


def _label_listing(label: str) -> items.OldListing:
    # Stored as request.path gives them: decoded (oldpaths.normalise). A "/" in a label
    # is written %2F by Blogger and arrives decoded as well.
    return items.OldListing(f"/search/label/{label}", f"/feeds/posts/default/-/{label}")


def _comment(entry: Element, source_id: str) -> items.Comment | items.Skipped:
    raw_status = child_text(entry, BLOGGER + "status").upper() or "LIVE"
    if raw_status in _TRASHED:
        status = items.CommentStatus.TRASH
    elif raw_status in _COMMENT_STATUSES:
        status = _COMMENT_STATUSES[raw_status]
    else:
        raise ValueError(_("unknown status %(status)s") % {"status": repr(raw_status)})

    post_id = child_text(entry, BLOGGER + "parent")
    parent_id = child_text(entry, BLOGGER + "inReplyTo")
    in_reply_to = entry.find(THREAD + "in-reply-to")
    if not post_id and in_reply_to is not None:
        post_id = in_reply_to.get("ref", "").strip()
    if not parent_id:
        parent_id = _legacy_parent(entry, source_id)
    if not post_id:
        raise ValueError(_("a comment that names no post"))
    created_at = parse_datetime(child_text(entry, ATOM + "published"))
    if created_at is None:
        raise ValueError(_("a comment without a time"))
    email = child_text(entry, f"{ATOM}author/{ATOM}email").lower()
    return items.Comment(
        source_id=source_id,
        post_id=post_id,
        parent_id=parent_id if parent_id != post_id else "",
        author=child_text(entry, f"{ATOM}author/{ATOM}name"),
        email="" if email == NO_EMAIL else email,
        ip="",
        body=clean_text(plain_text(_text(entry.find(ATOM + "content")))),
        created_at=created_at,
        status=status,
    )


def _legacy_parent(entry: Element, source_id: str) -> str:
    """The id of the comment a legacy reply answers, built like the comment ids."""
    blog_prefix = source_id.rpartition(".post-")[0]
    for link in _links(entry, "related"):
        match = _RELATED_COMMENT.search(link.get("href", ""))
        if match and blog_prefix:
            return f"{blog_prefix}.post-{match.group(2)}"
    return ""


def _links(entry: Element, rel: str) -> list[Element]:
    return [link for link in entry.findall(ATOM + "link") if link.get("rel") == rel]


def _text(element: Element | None) -> str:
    return (element.text or "") if element is not None else ""
