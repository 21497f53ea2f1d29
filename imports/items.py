"""What the parsers read from an export: plain data, no models.

The Blogger and WordPress parsers yield these; imports/writer.py turns them into
articles, comments and redirects. Statuses are already mapped to the few this project
knows, so the writer needs no knowledge of either export format.
"""

from dataclasses import dataclass, field
from datetime import date, datetime


class PostStatus:
    PUBLISHED = "published"  # scheduled when the publish time is still to come
    DRAFT = "draft"
    IN_REVIEW = "review"
    UNPUBLISHED = "unpublished"


class CommentStatus:
    APPROVED = "approved"
    PENDING = "pending"
    SPAM = "spam"
    TRASH = "trash"


@dataclass(frozen=True)
class OldListing:
    """A listing page of the old site (a label, category, tag or author) and its feed."""

    path: str
    feed_path: str = ""


@dataclass
class Post:
    """A post or page. ``old_paths`` are the paths it answered on (for redirects);
    ``label_listings`` the old listings of each of its labels, categories and tags,
    ``author_listings`` those of its author (redirected to what each became here)."""

    source_id: str
    is_page: bool
    title: str
    body: str  # HTML as exported, not yet cleaned
    status: str  # a PostStatus
    published_at: datetime | None
    updated_at: datetime | None
    author: str = ""
    sections_or_tags: list[str] = field(default_factory=list)  # Blogger labels, WP categories
    tags: list[str] = field(default_factory=list)  # WordPress tags: never sections
    summary: str = ""
    old_paths: list[str] = field(default_factory=list)
    label_listings: dict[str, list[OldListing]] = field(default_factory=dict)
    author_listings: list[OldListing] = field(default_factory=list)
    archive_date: date | None = None  # its day in the old site's time, if not published_at's


@dataclass
class Comment:
    source_id: str
    post_id: str  # source id of the post it belongs to
    parent_id: str  # source id of the comment it answers, or ""
    author: str
    email: str
    ip: str
    body: str  # plain text
    created_at: datetime
    status: str  # a CommentStatus


@dataclass
class Skipped:
    """An item left out, with the reason the summary gives."""

    source_id: str
    kind: str  # "post", "page", "comment" or "item"
    reason: str
    is_problem: bool = False  # a broken item (reported one by one), not a choice
