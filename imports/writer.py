"""Turning parsed posts and comments into articles, comments and redirects, in batches.

The writer runs inside the command's one transaction. Each batch costs a fixed number
of queries (bulk inserts and updates), so a 10,000-post blog imports in minutes; the
ORM's per-row signals are therefore not sent, and the command re-indexes the written
articles and drops the page cache itself once the transaction commits.

Every item keeps its source id (ImportedItem) and a digest of what it became: importing
again creates nothing twice, updates what changed in the export, and leaves unchanged
items (and any edit made here since) alone. An id met twice in one file is reported and
the second item skipped. Each batch is written in a savepoint: should the database
refuse it, its items are written one by one and the one refused is reported and
skipped, so that one bad item never stops an import nor leaves half of itself behind.

The old site's listings end up as redirects too: each label, category, tag and author
listing (and its feed) to the section, tag or person it became, each date archive
to the search page limited to those dates (the site has no date listing).
"""

import calendar
import copy
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import DataError, IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from articles.models import Article, Byline, Section, Tag, TaggedArticle
from comments.models import Comment
from comments.services import hash_value
from newsroom.sanitize import clean_rich_text
from newsroom.slugs import thai_slugify
from people.models import Person
from search.engine import html_to_text

from . import items, oldpaths
from .authors import PersonFinder
from .media import MediaFolder
from .models import ImportedItem, Redirect
from .text import plain_text

Kind = ImportedItem.Kind
POST_BATCH = 250
COMMENT_BATCH = 1000
TITLE_MAX = Article._meta.get_field("title").max_length
NAME_MAX = Comment._meta.get_field("name").max_length
EMAIL_MAX = Comment._meta.get_field("email").max_length
PATH_MAX = Redirect._meta.get_field("old_path").max_length
TARGET_MAX = Redirect._meta.get_field("target_url").max_length
ID_MAX = ImportedItem._meta.get_field("source_id").max_length
SECTION_MAX = Section._meta.get_field("name").max_length
TAG_MAX = Tag._meta.get_field("name").max_length
#: The database errors one item's values can cause (too long, out of range, a repeat).
ITEM_ERRORS = (DataError, IntegrityError)

_STATUSES = {
    items.PostStatus.PUBLISHED: Article.Status.PUBLISHED,
    items.PostStatus.DRAFT: Article.Status.DRAFT,
    items.PostStatus.IN_REVIEW: Article.Status.IN_REVIEW,
    items.PostStatus.UNPUBLISHED: Article.Status.UNPUBLISHED,
}
_ARTICLE_FIELDS = [
    "title",
    "slug",
    "standfirst",
    "body",
    "section",
    "status",
    "published_at",
    "lead_image",
    "created_at",
    "updated_at",
]
_UNTITLED_IFRAME = re.compile(r"<iframe(?![^>]*\btitle=)")
_COMMENT_FIELDS = ["article", "parent", "name", "email", "ip_hash", "body", "status"]


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> count


@dataclass
class Summary:
    posts: Tally = field(default_factory=Tally)
    pages: Tally = field(default_factory=Tally)
    comments: Tally = field(default_factory=Tally)
    statuses: Counter = field(default_factory=Counter)  # of the posts and pages written
    redirects: int = 0
    people: int = 0
    article_ids: list[int] = field(default_factory=list)  # written: to re-index

    def tally(self, kind: str) -> Tally:
        return {"page": self.pages, "comment": self.comments}.get(kind, self.posts)


@dataclass
class Options:
    source: str  # "blogger" or "wordpress"
    default_section: str
    pages_section: str
    section_labels: dict[str, str] = field(default_factory=dict)  # label -> section name
    skip_pages: bool = False
    keep_spam: bool = False
    fixed_redirects: dict[str, str] = field(default_factory=dict)  # old path -> new path
    #: The old site's date archives: "year" /2019/, "month" /2019/05/, "day" /2019/05/12/
    date_archives: tuple[str, ...] = ()


@dataclass
class _Prepared:
    item: items.Post
    article: Article
    person: Person | None
    tags: list[str]
    digest: str


class Writer:
    def __init__(
        self,
        options: Options,
        *,
        media: MediaFolder | None = None,
        report: Callable[[items.Skipped], None] = lambda skipped: None,
    ):
        self.options = options
        self.media = media
        self.report = report
        self.summary = Summary()
        self.people = PersonFinder()
        self._sections: dict[str, Section] = {}
        self._tags: dict[str, Tag] = {}
        self._seen_posts: set[str] = set()
        self._seen_comments: set[str] = set()
        # What the old listings lead to, gathered from every post read, written or not.
        self._label_listings: dict[str, dict[items.OldListing, None]] = {}
        self._author_listings: dict[int, dict[items.OldListing, None]] = {}
        self._authors: dict[int, Person] = {}
        self._archive_days: set[date] = set()

    # --- posts and pages ----------------------------------------------------------------

    def write_posts(self, posts: Iterable[items.Post | items.Skipped]) -> None:
        for batch in _batches(posts, POST_BATCH):
            prepared = [found for item in batch if (found := self._prepare(item)) is not None]
            if prepared:
                self._guarded(self._write_posts, prepared, _describe_post)
        self._guarded(lambda _batch: self._write_listing_redirects(), [None], _describe_listings)
        self.summary.people = self.people.created

    def _prepare(self, item: items.Post | items.Skipped) -> _Prepared | None:
        if isinstance(item, items.Skipped):
            self._skip(item)
            return None
        kind = "page" if item.is_page else "post"
        if item.source_id in self._seen_posts:
            reason = _("its id came before in the file: the first one was kept")
            self._skip(items.Skipped(item.source_id, kind, reason, True))
            return None
        self._seen_posts.add(item.source_id)
        if len(item.source_id) > ID_MAX:
            reason = _("an id longer than %(max)d characters") % {"max": ID_MAX}
            self._skip(items.Skipped(item.source_id[:80] + "…", kind, reason, True))
            return None
        if item.is_page and self.options.skip_pages:
            self._skip(items.Skipped(item.source_id, kind, _("page (--skip-pages)")))
            return None
        body = clean_rich_text(item.body)
        text = " ".join(html_to_text(body).split())
        title = " ".join(item.title.split()) or text[:80]
        if not title:
            self._skip(items.Skipped(item.source_id, kind, _("no title and no text"), True))
            return None
        # Old embeds rarely carry a title; a frame without one is unnamed to screen readers.
        frame_title = escape(_("Video: %(title)s") % {"title": title})
        body = _UNTITLED_IFRAME.sub(f'<iframe title="{frame_title}"', body)
        if item.is_page:
            section_name, tags = self.options.pages_section, []
        else:
            section_name, tags = self._section_and_tags(item)
        status = _STATUSES[item.status]
        lead_image = None
        if self.media is not None:
            body, lead_image = self.media.rewrite(body, alt=title)
        published_at = item.published_at
        updated_at = max(filter(None, [item.updated_at, published_at]), default=None)
        article = Article(
            title=title[:TITLE_MAX],
            slug=thai_slugify(title, max_length=60),
            standfirst=" ".join(plain_text(item.summary).split()),
            body=body,
            section=self._section(section_name),
            status=status,
            published_at=published_at,
            lead_image=lead_image,
        )
        person = self.people.person(item.author)
        if not item.is_page:
            self._remember_listings(item, person)
        digest = _digest(
            [
                article.title,
                article.standfirst,
                article.body,
                section_name,
                status,
                _iso(published_at),
                _iso(updated_at),
                person.pk if person else None,
                tags,
                lead_image.pk if lead_image else None,
                item.old_paths,
            ]
        )
        return _Prepared(item, article, person, tags, digest)

    def _section_and_tags(self, item: items.Post) -> tuple[str, list[str]]:
        """The first label mapped to a section gives the section; the rest are tags."""
        section_name, tags = "", []
        for label in item.sections_or_tags:
            mapped = self.options.section_labels.get(label)
            if mapped and not section_name:
                section_name = mapped
            elif not mapped:
                tags.append(label)
        tags = [label[:TAG_MAX] for label in tags + item.tags]
        return section_name or self.options.default_section, list(dict.fromkeys(tags))

    def _remember_listings(self, item: items.Post, person: Person | None) -> None:
        for label, listings in item.label_listings.items():
            self._label_listings.setdefault(label, {}).update(dict.fromkeys(listings))
        if person is not None and item.author_listings:
            self._authors[person.pk] = person
            self._author_listings.setdefault(person.pk, {}).update(
                dict.fromkeys(item.author_listings)
            )
        published = item.published_at
        if published is not None and published <= timezone.now():
            self._archive_days.add(item.archive_date or timezone.localtime(published).date())

    def _write_posts(self, batch: list[_Prepared]) -> None:
        known = {
            record.source_id: record
            for record in ImportedItem.objects.filter(
                source=self.options.source,
                kind__in=[Kind.POST, Kind.PAGE],
                source_id__in=[p.item.source_id for p in batch],
            )
        }
        new, changed = [], []
        for prepared in batch:
            record = known.get(prepared.item.source_id)
            tally = self.summary.tally("page" if prepared.item.is_page else "post")
            if record is not None and record.digest == prepared.digest:
                tally.unchanged += 1
                continue
            if record is None:
                prepared.article.pk = None  # again new, should an earlier try have failed
                prepared.article._state.adding = True
                new.append(prepared)
                tally.created += 1
            else:
                prepared.article.pk = record.article_id
                changed.append(prepared)
                tally.updated += 1
            self.summary.statuses[_status_name(prepared.article)] += 1
        if not new and not changed:
            return

        Article.objects.bulk_create([p.article for p in new])
        self._restore_times(new)
        self._update_articles(changed)

        changed_ids = [p.article.pk for p in changed]
        Byline.objects.filter(article_id__in=changed_ids).delete()
        TaggedArticle.objects.filter(content_object_id__in=changed_ids).delete()
        written = new + changed
        Byline.objects.bulk_create(
            Byline(article_id=p.article.pk, person=p.person, position=0)
            for p in written
            if p.person is not None
        )
        TaggedArticle.objects.bulk_create(
            TaggedArticle(content_object_id=p.article.pk, tag=self._tag(name))
            for p in written
            for name in p.tags
        )
        ImportedItem.objects.bulk_create(
            ImportedItem(
                source=self.options.source,
                kind=Kind.PAGE if p.item.is_page else Kind.POST,
                source_id=p.item.source_id,
                article_id=p.article.pk,
                digest=p.digest,
            )
            for p in new
        )
        for prepared in changed:
            record = known[prepared.item.source_id]
            record.digest = prepared.digest
            record.imported_at = timezone.now()
        ImportedItem.objects.bulk_update(
            [known[p.item.source_id] for p in changed], ["digest", "imported_at"]
        )
        self._add_redirects(
            [
                Redirect(old_path=path, article_id=p.article.pk)
                for p in reversed(written)
                for path in p.item.old_paths
            ]
        )
        self.summary.article_ids += [p.article.pk for p in written]

    def _restore_times(self, new: list[_Prepared]) -> None:
        # bulk_create stamps auto_now(_add) fields with the time of the import: the
        # export's own times are put back.
        for prepared in new:
            times = self._times(prepared)
            prepared.article.created_at, prepared.article.updated_at = times
        Article.objects.bulk_update([p.article for p in new], ["created_at", "updated_at"])

    @staticmethod
    def _times(prepared: _Prepared) -> tuple[datetime, datetime]:
        item = prepared.item
        updated = max(filter(None, [item.updated_at, item.published_at]), default=None)
        created = item.published_at or updated or timezone.now()
        return created, updated or created

    def _update_articles(self, changed: list[_Prepared]) -> None:
        if not changed:
            return
        current = Article.objects.in_bulk([p.article.pk for p in changed])
        for prepared in changed:
            article = current[prepared.article.pk]
            for name in _ARTICLE_FIELDS:
                if name not in ("created_at", "lead_image"):
                    setattr(article, name, getattr(prepared.article, name))
            article.lead_image = prepared.article.lead_image or article.lead_image
            article.updated_at = self._times(prepared)[1]
            article.version = F("version") + 1  # an editor's open copy is now stale
            prepared.article = article
        Article.objects.bulk_update(
            [p.article for p in changed],
            [name for name in _ARTICLE_FIELDS if name != "created_at"] + ["version"],
        )

    # --- sections, tags, redirects ------------------------------------------------------

    def _section(self, name: str) -> Section:
        section = self._sections.get(name)
        if section is None:
            section = Section.objects.filter(name=name).first()
            if section is None:
                slug = thai_slugify(name) or "section"
                taken = set(
                    Section.objects.filter(slug__startswith=slug).values_list("slug", flat=True)
                )
                n = 1
                unique = slug
                while unique in taken:
                    n += 1
                    unique = f"{slug}-{n}"
                section = Section.objects.create(name=name, slug=unique)
            self._sections[name] = section
        return section

    def _tag(self, name: str) -> Tag:
        tag = self._tags.get(name)
        if tag is None:
            # Tag.save() makes a Thai slug, unique (articles.models.Tag.slugify).
            tag = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name)
            self._tags[name] = tag
        return tag

    def _write_listing_redirects(self) -> None:
        # Redirects lead to the site's own (Thai) addresses, whatever language the command
        # speaks: English addresses are /en/... (newsroom/languages.py).
        with translation.override(settings.LANGUAGE_CODE):
            targets = {
                oldpaths.normalise(*path.partition("?")[::2]): url
                for path, url in self.options.fixed_redirects.items()
            }
            for listing, (url, feed_url) in self._listing_targets():
                targets[oldpaths.normalise(listing.path)] = url
                if listing.feed_path:
                    targets[oldpaths.normalise(listing.feed_path)] = feed_url
            targets.update(self._date_archive_targets())
        self._add_redirects(
            [
                Redirect(old_path=path, target_url=url)
                for path, url in targets.items()
                # A listing whose address did not change would lead to itself.
                if len(url) <= TARGET_MAX and path != _path_of(url)
            ]
        )

    def _listing_targets(self) -> Iterator[tuple[items.OldListing, tuple[str, str]]]:
        """Each old listing with the page and feed of what its label or author became:
        the section a label is mapped to (--section), else the tag of that name."""
        sections_by_label = {
            label: self.options.section_labels[label][:SECTION_MAX]
            for label in self._label_listings
            if label in self.options.section_labels
        }
        sections = Section.objects.in_bulk(set(sections_by_label.values()), field_name="name")
        tags = Tag.objects.in_bulk(
            {label[:TAG_MAX] for label in self._label_listings}, field_name="name"
        )
        for label, listings in self._label_listings.items():
            section = sections.get(sections_by_label.get(label, ""))
            tag = tags.get(label[:TAG_MAX])
            if section is not None:
                feed = reverse("articles:feed-section", kwargs={"slug": section.slug})
                target = (section.get_absolute_url(), feed)
            elif tag is not None and label not in sections_by_label:
                feed = reverse("articles:feed-tag", kwargs={"slug": tag.slug})
                target = (tag.get_absolute_url(), feed)
            else:  # an editor removed it since, or its only posts were skipped
                continue
            for listing in listings:
                yield listing, target
        for pk, listings in self._author_listings.items():
            person = self._authors[pk]
            feed = reverse("people:feed-person", kwargs={"pk": pk})
            for listing in listings:
                yield listing, (person.get_absolute_url(), feed)

    def _date_archive_targets(self) -> dict[str, str]:
        """The old site's year, month and day archives that had posts, each to the search
        page limited to its dates: the closest this site has to a date listing."""
        search = reverse("search:search")
        targets = {}
        for day in sorted(self._archive_days):
            last_of_month = calendar.monthrange(day.year, day.month)[1]
            spans = {
                "year": (f"/{day:%Y}/", date(day.year, 1, 1), date(day.year, 12, 31)),
                "month": (f"/{day:%Y/%m}/", day.replace(day=1), day.replace(day=last_of_month)),
                "day": (f"/{day:%Y/%m/%d}/", day, day),
            }
            for level in self.options.date_archives:
                path, first, last = spans[level]
                query = urlencode({"from": first.isoformat(), "to": last.isoformat()})
                targets[path] = f"{search}?{query}"
        return targets

    def _add_redirects(self, rows: list[Redirect]) -> None:
        """New redirects only: one an editor has changed is left as it is. Old paths come
        normalised (imports/oldpaths.py)."""
        rows = [row for row in rows if len(row.old_path) <= PATH_MAX]
        if not rows:
            return
        existing = set(
            Redirect.objects.filter(old_path__in=[row.old_path for row in rows]).values_list(
                "old_path", flat=True
            )
        )
        new = {row.old_path: row for row in rows if row.old_path not in existing}
        Redirect.objects.bulk_create(new.values(), ignore_conflicts=True)
        self.summary.redirects += len(new)

    def _guarded(self, write: Callable[[list], None], batch: list, describe) -> None:
        """``write(batch)`` in a savepoint. Should the database refuse it, each item is
        written alone, and an item refused alone is reported and skipped (``describe``
        gives its id and kind); the tallies and caches of a refused try are put back."""
        saved = copy.deepcopy(self.summary), dict(self._tags)
        try:
            with transaction.atomic():
                write(batch)
            return
        except ITEM_ERRORS as error:
            self.summary, self._tags = saved
            if len(batch) > 1:
                for item in batch:
                    self._guarded(write, [item], describe)
                return
            source_id, kind = describe(batch[0])
            reason = _("refused by the database: %(error)s") % {
                "error": str(error).strip().splitlines()[0][:200]
            }
            self._skip(items.Skipped(source_id, kind, reason, is_problem=True))

    # --- comments -------------------------------------------------------------------------

    def write_comments(self, comments: Iterable[items.Comment | items.Skipped]) -> None:
        for batch in _batches(comments, COMMENT_BATCH):
            kept = [found for item in batch if (found := self._keep_comment(item)) is not None]
            if kept:
                self._guarded(self._write_comments, kept, _describe_comment)

    def _keep_comment(self, item: items.Comment | items.Skipped) -> items.Comment | None:
        if isinstance(item, items.Skipped):
            self._skip(item)
            return None
        if item.source_id in self._seen_comments:
            reason = _("its id came before in the file: the first one was kept")
            self._skip(items.Skipped(item.source_id, "comment", reason, True))
            return None
        self._seen_comments.add(item.source_id)
        if len(item.source_id) > ID_MAX:
            reason = _("an id longer than %(max)d characters") % {"max": ID_MAX}
            self._skip(items.Skipped(item.source_id[:80] + "…", "comment", reason, True))
            return None
        if len(item.email) > EMAIL_MAX:  # no real address is this long: kept as none
            item.email = ""
        junk = item.status in (items.CommentStatus.SPAM, items.CommentStatus.TRASH)
        if junk and not self.options.keep_spam:
            reason = (
                _("spam (kept as spam with --keep-spam)")
                if item.status == items.CommentStatus.SPAM
                else _("trashed (kept as spam with --keep-spam)")
            )
            self._skip(items.Skipped(item.source_id, "comment", reason))
            return None
        if not item.body:
            self._skip(items.Skipped(item.source_id, "comment", _("empty comment"), True))
            return None
        return item

    def _write_comments(self, batch: list[items.Comment]) -> None:
        source = self.options.source
        articles = dict(
            ImportedItem.objects.filter(
                source=source,
                kind__in=[Kind.POST, Kind.PAGE],
                source_id__in={c.post_id for c in batch},
            ).values_list("source_id", "article_id")
        )
        records = {
            record.source_id: record
            for record in ImportedItem.objects.filter(
                source=source,
                kind=Kind.COMMENT,
                source_id__in={c.source_id for c in batch} | {c.parent_id for c in batch},
            ).select_related("comment")
        }
        # source id -> (pk, article, top of thread): replies hang under the top comment
        # (one level of replies, as comment_post keeps it).
        placed = {
            sid: (r.comment_id, r.comment.article_id, r.comment.parent_id or r.comment_id)
            for sid, r in records.items()
        }
        batch_ids = {c.source_id for c in batch}
        waiting = []
        for comment in batch:
            if comment.post_id not in articles:
                reason = _("its post was not imported")
                self._skip(items.Skipped(comment.source_id, "comment", reason))
            else:
                waiting.append(comment)

        while waiting:
            # Parents before replies: a reply waits while its parent is still to be written.
            ready = [
                c
                for c in waiting
                if c.parent_id not in batch_ids or c.parent_id in placed or c.parent_id == ""
            ]
            if not ready:  # a loop of replies: break it by taking them as they come
                ready = waiting
            ready_ids = {id(c) for c in ready}
            waiting = [c for c in waiting if id(c) not in ready_ids]
            self._write_comment_round(ready, articles, records, placed)

    def _write_comment_round(self, ready, articles, records, placed) -> None:
        new, changed = [], []
        for item in ready:
            article_id = articles[item.post_id]
            parent = placed.get(item.parent_id)
            parent_id = parent[2] if parent and parent[1] == article_id else None
            status = {
                items.CommentStatus.APPROVED: Comment.Status.APPROVED,
                items.CommentStatus.PENDING: Comment.Status.PENDING,
            }.get(item.status, Comment.Status.SPAM)
            comment = Comment(
                article_id=article_id,
                parent_id=parent_id,
                name=(" ".join(item.author.split()) or _("Anonymous"))[:NAME_MAX],
                email=item.email,
                ip_hash=hash_value("ip", item.ip),
                body=item.body,
                status=status,
            )
            digest = _digest(
                [
                    article_id,
                    parent_id,
                    comment.name,
                    comment.email,
                    comment.ip_hash,
                    comment.body,
                    status,
                    _iso(item.created_at),
                ]
            )
            record = records.get(item.source_id)
            if record is None:
                new.append((item, comment, digest))
                self.summary.comments.created += 1
            elif record.digest != digest:
                comment.pk = record.comment_id
                changed.append((item, comment, digest))
                self.summary.comments.updated += 1
            else:
                self.summary.comments.unchanged += 1

        Comment.objects.bulk_create([comment for _item, comment, _d in new])
        for item, comment, _d in new + changed:
            comment.created_at = item.created_at  # bulk_create stamped the import time
        Comment.objects.bulk_update([c for _i, c, _d in new], ["created_at"])
        Comment.objects.bulk_update([c for _i, c, _d in changed], [*_COMMENT_FIELDS, "created_at"])
        ImportedItem.objects.bulk_create(
            ImportedItem(
                source=self.options.source,
                kind=Kind.COMMENT,
                source_id=item.source_id,
                comment_id=comment.pk,
                digest=digest,
            )
            for item, comment, digest in new
        )
        for item, _comment, digest in changed:
            records[item.source_id].digest = digest
        ImportedItem.objects.bulk_update(
            [records[item.source_id] for item, _c, _d in changed], ["digest"]
        )
        for item, comment, _d in new + changed:
            placed[item.source_id] = (
                comment.pk,
                comment.article_id,
                comment.parent_id or comment.pk,
            )

    # --- reporting ------------------------------------------------------------------------

    def _skip(self, skipped: items.Skipped) -> None:
        self.summary.tally(skipped.kind).skipped[skipped.reason] += 1
        if skipped.is_problem:
            self.report(skipped)


def _describe_post(prepared: _Prepared) -> tuple[str, str]:
    return prepared.item.source_id, "page" if prepared.item.is_page else "post"


def _describe_comment(comment: items.Comment) -> tuple[str, str]:
    return comment.source_id, "comment"


def _describe_listings(_nothing) -> tuple[str, str]:
    return _("the redirects of the old listings"), "item"


def _path_of(url: str) -> str:
    return oldpaths.normalise(urlsplit(url).path)


def _batches(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def _digest(values: list) -> str:
    return hashlib.sha256(json.dumps(values, ensure_ascii=False).encode()).hexdigest()


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _status_name(article: Article) -> str:
    """The status as the desk names it, in the summary's language."""
    if article.status == Article.Status.PUBLISHED and article.published_at > timezone.now():
        return str(_("Scheduled"))
    return str(Article.Status(article.status).label)
