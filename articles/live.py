"""Live coverage: one story that grows by short updates while events unfold.

An editor starts a story's coverage (``live_start``), with an optional end time; it ends
by itself then (a pagecache Schedule, no job) or when an editor ends it (``live_end``),
and the story stays with its updates as an ordinary story. Reporters with a byline on
the story and editors post updates (``update_post``); each update may be pinned as a
key event, edited and deleted (soft: it is kept with its history), and every change
leaves a LiveUpdateRevision. The desk (articles/live_admin.py) and any other caller go
through these functions, so the rules hold for a forged request as for a click.

Page keys (newsroom/pagecache.py): ``live-<pk>`` names what shows the story's updates
(the story page, the readers' poll, the updates feed); ``article-<pk>`` the story page
and every card of it (its LIVE label and updated time). A change to an update makes
exactly those two stale, after the transaction commits.
"""

import contextlib
import hashlib
import html
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, linebreaks, urlize
from django.utils.translation import gettext as _

from newsroom import pagecache
from newsroom.sanitize import clean_rich_text, is_allowed_video_embed

from .models import Article, Image, LiveUpdate, LiveUpdateRevision, headline_key, story_key

#: The reader page's query parameters (the comment thread has ``page`` and ``order``).
PAGE_PARAM = "live_page"
ORDER_PARAM = "live_order"
ORDERS = ("newest", "oldest")
#: Key events summarised at the top of the story, newest first.
KEY_EVENTS_SHOWN = 20
#: A poll answers at most this many new updates; a reader further behind reloads.
POLL_MAX = 50


def live_key(article_id: int) -> str:
    """The page key of what shows a story's updates (newsroom/pagecache.py)."""
    return f"live-{article_id}"


def per_page() -> int:
    return settings.LIVE_UPDATES_PER_PAGE


# ---------------------------------------------------------------------------------
# Who may do what


def can_run(user) -> bool:
    """Starting and ending a story's live coverage is an editor's decision."""
    return user.has_perm("articles.publish_article")


def is_contributor(user, article: Article) -> bool:
    """Editors post to any live story; a reporter only to one with their byline."""
    if not user.is_active or not user.has_perm("articles.change_article"):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    return article.bylines.filter(person__user=user).exists()


def can_change(user, update: LiveUpdate) -> bool:
    """Editors change any update; a reporter their own, on a story they write for."""
    if user.has_perm("articles.edit_any_article"):
        return is_contributor(user, update.article)
    return update.author_id == user.pk and is_contributor(user, update.article)


def check_contributor(user, article: Article) -> None:
    if not is_contributor(user, article):
        raise PermissionDenied(
            _("Only editors and the reporters with a byline on this story may post to it.")
        )


def check_open(article: Article) -> None:
    if not article.is_live:
        raise ValidationError(
            _("This story's live coverage is not running: an editor starts it."), code="closed"
        )


def shown_name(user) -> str:
    """The name readers see under an update: the writer's byline name if they have one."""
    person = getattr(user, "person", None)
    if person is not None:
        return person.full_name
    return user.get_full_name() or user.get_username()


# ---------------------------------------------------------------------------------
# What a reporter types, as stored rich text

# Text that starts with one of these tags was written (or pasted) as HTML.
_HTML_START = re.compile(r"\s*<(?:p|h[2-4]|ul|ol|blockquote|figure|div|strong|b|em|i|a)\b", re.I)
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{6,20}")


def text_to_html(text: str) -> str:
    """The update's text as clean rich text: HTML as the story editor writes it is kept
    (cleaned); plain text becomes paragraphs, its line breaks kept and addresses linked."""
    text = (text or "").strip()
    if not text:
        return ""
    if _HTML_START.match(text):
        return clean_rich_text(text)
    linked = urlize(text, nofollow=True, autoescape=True)
    return clean_rich_text(linebreaks(linked, autoescape=False))


class _TypedText(HTMLParser):
    """Paragraphs, line breaks and links of stored HTML as text_to_html's plain text;
    ``typed`` is None when the HTML has anything else."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] | None = None
        self.plain = True

    def handle_starttag(self, tag, attrs):
        if tag == "p" and self.current is None:
            self.current = []
        elif tag == "br" and self.current is not None:
            self.current.append("\n")
        elif tag != "a" or self.current is None:  # a link's text stands for it
            self.plain = False

    def handle_endtag(self, tag):
        if tag == "p" and self.current is not None:
            self.paragraphs.append("".join(self.current))
            self.current = None
        elif tag not in ("a", "br"):
            self.plain = False

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)
        elif data.strip():
            self.plain = False

    @property
    def typed(self) -> str | None:
        return "\n\n".join(self.paragraphs) if self.plain and self.current is None else None


# A video as video_html writes it, at the end of the update.
_VIDEO_END = re.compile(
    r'<figure class="media"><div data-oembed-url="([^"]+)"><iframe src="([^"]+)"[^>]*>'
    r"</iframe></div></figure>\s*\Z"
)


def editable(body: str) -> tuple[str, str]:
    """The update's stored HTML as the desk's post box takes it: the text (plain text
    when text_to_html makes exactly this HTML of it again, else the HTML itself, which
    the box takes too) and the address of the video at its end, if any."""
    video = ""
    found = _VIDEO_END.search(body)
    if found:
        address = html.unescape(found[1])
        with contextlib.suppress(ValidationError):
            if video_embed_src(address) == html.unescape(found[2]):
                video, body = address, body[: found.start()]
    parser = _TypedText()
    parser.feed(body)
    parser.close()
    typed = parser.typed
    return (typed if typed and text_to_html(typed) == body.strip() else body), video


def video_embed_src(address: str) -> str:
    """The player address of a YouTube or Facebook video's page address, or
    ValidationError: only the players stories may embed (newsroom/sanitize.py)."""
    address = address.strip()
    try:
        parts = urlsplit(address)
    except ValueError:
        parts = None
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.") if parts else ""
    video_id = ""
    if parts and parts.scheme in ("http", "https"):
        if host == "youtu.be":
            video_id = parts.path.strip("/")
        elif host in ("youtube.com", "youtube-nocookie.com"):
            if parts.path == "/watch":
                video_id = parse_qs(parts.query).get("v", [""])[0]
            elif parts.path.startswith(("/embed/", "/shorts/", "/live/")):
                video_id = parts.path.split("/")[2]
        elif host in ("facebook.com", "fb.watch"):
            src = "https://www.facebook.com/plugins/video.php?href=" + quote(address, safe="")
            if is_allowed_video_embed(src):
                return src
    if video_id and _YOUTUBE_ID.fullmatch(video_id):
        src = f"https://www.youtube-nocookie.com/embed/{video_id}"
        if is_allowed_video_embed(src):
            return src
    raise ValidationError(
        _("Give the address of a YouTube or Facebook video."), code="video_not_allowed"
    )


def video_html(address: str) -> str:
    """A video as the story editor embeds it (a media figure with the player)."""
    src = video_embed_src(address)
    return (
        f'<figure class="media"><div data-oembed-url="{escape(address.strip())}">'
        f'<iframe src="{escape(src)}" width="560" height="315" '
        f'title="{escape(_("Video"))}" allowfullscreen></iframe></div></figure>'
    )


# ---------------------------------------------------------------------------------
# Changes


def _touched(article_id: int, when: datetime) -> None:
    """An update changed: the story's live change time moves (feeds, sitemaps, JSON-LD,
    the cards' "updated" time) but not its own (the story was not edited), and the
    story's pages and cards go stale after commit."""
    Article.objects.filter(pk=article_id).update(live_changed_at=when)
    pagecache.invalidate_keys(story_key(article_id), live_key(article_id))


def _record(update: LiveUpdate, user, action: str) -> LiveUpdateRevision:
    return LiveUpdateRevision.objects.create(
        update=update,
        action=action,
        body=update.body,
        image=update.image,
        pinned=update.pinned,
        changed_by=user,
    )


@transaction.atomic
def update_post(
    *, article: Article, user, body: str, image: Image | None = None, pinned: bool = False
) -> LiveUpdate:
    """Post an update (``body`` is rich text: text_to_html makes it from typed text)."""
    check_contributor(user, article)
    check_open(article)
    update = LiveUpdate(
        article=article,
        body=clean_rich_text(body),
        image=image,
        pinned=pinned,
        author=user,
        author_name=shown_name(user),
    )
    update.full_clean()
    update.save()
    _record(update, user, LiveUpdateRevision.Action.POSTED)
    _touched(article.pk, update.created_at)
    return update


@transaction.atomic
def update_edit(
    *, update: LiveUpdate, user, body: str, image: Image | None = None, keep_image: bool = True
) -> LiveUpdate:
    """Change an update's text (and picture); the text before is in its revisions."""
    if not can_change(user, update):
        raise PermissionDenied(_("You may change only your own updates."))
    update.body = clean_rich_text(body)
    if image is not None or not keep_image:
        update.image = image
    update.changed_at = timezone.now()
    update.full_clean()
    update.save()
    _record(update, user, LiveUpdateRevision.Action.EDITED)
    _touched(update.article_id, update.changed_at)
    return update


@transaction.atomic
def update_pin(*, update: LiveUpdate, user, pinned: bool) -> LiveUpdate:
    """Mark an update as a key event (summarised at the top of the story), or not."""
    if not is_contributor(user, update.article):
        raise PermissionDenied(_("You may not change this story's key events."))
    if update.pinned != pinned:
        update.pinned = pinned
        update.changed_at = timezone.now()
        update.save(update_fields=["pinned", "changed_at", "updated_at"])
        action = LiveUpdateRevision.Action.PINNED if pinned else LiveUpdateRevision.Action.UNPINNED
        _record(update, user, action)
        _touched(update.article_id, update.changed_at)
    return update


@transaction.atomic
def update_delete(*, update: LiveUpdate, user) -> LiveUpdate:
    """Take an update off the story. It is kept, with who deleted it and when."""
    if not can_change(user, update):
        raise PermissionDenied(_("You may delete only your own updates."))
    if update.deleted_at is None:
        update.deleted_at = update.changed_at = timezone.now()
        update.save(update_fields=["deleted_at", "changed_at", "updated_at"])
        _record(update, user, LiveUpdateRevision.Action.DELETED)
        _touched(update.article_id, update.changed_at)
    return update


def _coverage_changed(article: Article) -> None:
    # Article.save() makes the story's pages and cards stale (articles/page_keys.py).
    pagecache.invalidate_keys(live_key(article.pk))
    pagecache.reschedule()  # the end time is a scheduled change


@transaction.atomic
def live_start(*, article: Article, user, until: datetime | None = None) -> Article:
    """Start (or reopen) a story's live coverage, until ``until`` or an editor ends it.
    Reopened coverage keeps its first start time and its updates."""
    if not can_run(user):
        raise PermissionDenied(_("Only an editor may start or end live coverage."))
    now = timezone.now()
    if until is not None and until <= now:
        raise ValidationError(_("The end time must be in the future."), code="past")
    article = Article.objects.select_for_update().get(pk=article.pk)
    article.live_since = article.live_since or now
    article.live_until = until
    article.save(update_fields=["live_since", "live_until", "updated_at"])
    _coverage_changed(article)
    return article


@transaction.atomic
def live_end(*, article: Article, user) -> Article:
    """End the coverage now: the story stays, with its updates, as an ordinary story."""
    if not can_run(user):
        raise PermissionDenied(_("Only an editor may start or end live coverage."))
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.is_live:
        article.live_until = max(timezone.now(), article.live_since + timedelta(microseconds=1))
        article.save(update_fields=["live_until", "updated_at"])
        _coverage_changed(article)
    return article


def live_now() -> Q:
    """Stories whose live coverage runs now (as Article.is_live says of one)."""
    now = timezone.now()
    return Q(live_since__lte=now) & (Q(live_until__isnull=True) | Q(live_until__gt=now))


# ---------------------------------------------------------------------------------
# The end time, as a scheduled change of the story's pages and cards


def next_end(now: datetime) -> datetime | None:
    """When coverage next ends, or a covered story appears or leaves the site."""
    covered = Article.objects.filter(live_since__isnull=False)
    moments = covered.aggregate(
        ends=Min("live_until", filter=Q(live_until__gt=now)),
        appears=Min("published_at", filter=Q(published_at__gt=now)),
        leaves=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
    )
    return min((m for m in moments.values() if m is not None), default=None)


def keys_ending(start: datetime, end: datetime) -> set[str]:
    """Stories whose coverage ended in (start, end]: their pages, cards and polls; and
    covered stories that appeared or left the site then (their polls: the story's own
    pages and cards are articles/page_keys.py's)."""
    window = (
        Q(live_until__gt=start, live_until__lte=end)
        | Q(published_at__gt=start, published_at__lte=end)
        | Q(unpublish_at__gt=start, unpublish_at__lte=end)
    )
    ids = Article.objects.filter(window, live_since__isnull=False).values_list("pk", flat=True)
    # The headline too: the ticker's LIVE label goes when the coverage ends.
    return {key for pk in ids for key in (story_key(pk), headline_key(pk), live_key(pk))}


def story_changed(sender, instance: Article, **kwargs) -> None:
    """A covered story was saved or deleted (published, unpublished, edited): its poll
    and feed answer again (they name only live-<pk>)."""
    if instance.live_since is not None:
        pagecache.invalidate_keys(live_key(instance.pk))


def connect() -> None:
    uid = "articles.live"
    post_save.connect(story_changed, sender=Article, dispatch_uid=f"{uid}:saved")
    post_delete.connect(story_changed, sender=Article, dispatch_uid=f"{uid}:deleted")
    pagecache.register_schedule(pagecache.Schedule(next_change=next_end, keys_changed=keys_ending))


# ---------------------------------------------------------------------------------
# What readers see


def wanted_order(request: HttpRequest | None) -> str:
    order = request.GET.get(ORDER_PARAM) if request is not None else None
    return order if order in ORDERS else ORDERS[0]


def page_query(number: int, order: str) -> str:
    """The query string of a page of updates; "?" (the story's own address) for the
    first page, newest first."""
    query = QueryDict(mutable=True)
    if number > 1:
        query[PAGE_PARAM] = str(number)
    if order != ORDERS[0]:
        query[ORDER_PARAM] = order
    return f"?{query.urlencode()}" if query else "?"


def page_of(update: LiveUpdate, order: str = ORDERS[0]) -> int:
    """The page of the story that shows this update, in this order."""
    before = Q(pk__gt=update.pk) if order == "newest" else Q(pk__lt=update.pk)
    ahead = LiveUpdate.objects.visible().filter(before, article_id=update.article_id).count()
    return ahead // per_page() + 1


def update_location(update: LiveUpdate, article: Article, order: str = ORDERS[0]) -> str:
    """The story's address at the page showing the update, scrolled to it."""
    number = page_of(update, order)
    query = page_query(number, order)
    return f"{article.get_absolute_url()}{query if query != '?' else ''}#{update.anchor}"


@dataclass
class Coverage:
    """A live story's updates as its page shows them: one page of updates in the
    reader's order, the key events, and what the page's script needs to poll."""

    article: Article
    page: Page
    order: str
    key_events: list[LiveUpdate]
    #: The newest updates (the first page, newest first): JSON-LD's liveBlogUpdate.
    newest: list[LiveUpdate]

    @property
    def latest_id(self) -> int:
        """The newest update's id: where the page's poll starts."""
        return self.newest[0].pk if self.newest else 0

    @property
    def is_live(self) -> bool:
        return self.article.is_live

    @property
    def polls(self) -> bool:
        """New updates are announced on the first page, newest first, while live."""
        return self.is_live and self.order == "newest" and self.page.number == 1

    @property
    def poll_url(self) -> str:
        return reverse("articles:live-poll", kwargs={"pk": self.article.pk})

    @property
    def feed_url(self) -> str:
        return reverse("articles:live-feed", kwargs={"pk": self.article.pk})

    @property
    def poll_seconds(self) -> int:
        return settings.LIVE_POLL_SECONDS

    @property
    def key_version(self) -> str:
        return key_events_version(self.key_events)

    @property
    def other_order(self) -> str:
        return ORDERS[1] if self.order == ORDERS[0] else ORDERS[0]

    def link(self, number: int, order: str | None = None) -> str:
        return page_query(number, order or self.order)

    @property
    def previous_link(self) -> str:
        return self.link(self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_link(self) -> str:
        return self.link(self.page.next_page_number()) if self.page.has_next() else ""

    @property
    def flip_link(self) -> str:
        return self.link(1, self.other_order)


def coverage(request: HttpRequest | None, article: Article) -> Coverage | None:
    """The story's updates for its page, or None for a story never covered live.
    A fixed number of queries whatever the number of updates: the count, the page,
    the key events (and the newest, when the page is not the first newest first)."""
    if article.live_since is None:
        return None
    pagecache.shows(request, live_key(article.pk))
    order = wanted_order(request)
    updates = LiveUpdate.objects.for_page().filter(article=article)
    ordered = updates.order_by("-pk" if order == "newest" else "pk")
    page = Paginator(ordered, per_page()).get_page(
        request.GET.get(PAGE_PARAM) if request is not None else None
    )
    page.object_list = list(page.object_list)
    if order == "newest" and page.number == 1:
        newest = page.object_list
    else:
        newest = list(updates.order_by("-pk")[: per_page()])
    return Coverage(
        article=article,
        page=page,
        order=order,
        key_events=key_events_upto(article),
        newest=newest,
    )


def since_id(raw: str | None) -> int:
    """The ``since`` of a poll: the newest update the reader has; 0 if not a number."""
    raw = raw or ""
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 19 else 0


def updates_since(article: Article, since: int, limit: int = POLL_MAX) -> tuple[list, int]:
    """The newest updates after ``since`` (newest first, at most ``limit``), and how
    many there are in all."""
    newer = LiveUpdate.objects.for_page().filter(article=article, pk__gt=since)
    found = list(newer.order_by("-pk")[:limit])
    count = len(found) if len(found) < limit else newer.count()
    return found, count


def changes_upto(article: Article, upto: int, limit: int = POLL_MAX) -> list[LiveUpdate]:
    """The updates up to ``upto`` (those a reader's page holds) that were edited, pinned,
    unpinned or deleted, the last changed first, at most ``limit``. The page compares
    each one's version with the one it shows, so every reader with the same ``upto``
    asks the same (cached) question."""
    changed = LiveUpdate.objects.select_related("image").filter(
        article=article, pk__lte=upto, changed_at__isnull=False
    )
    return list(changed.order_by("-changed_at")[:limit])


def key_events_upto(article: Article, upto: int | None = None) -> list[LiveUpdate]:
    """The story's key events, newest first; only those up to ``upto`` when given
    (a reader's page gets a new one's key event with the update itself)."""
    pinned = LiveUpdate.objects.for_page().filter(article=article, pinned=True)
    if upto is not None:
        pinned = pinned.filter(pk__lte=upto)
    return list(pinned.order_by("-pk")[:KEY_EVENTS_SHOWN])


def key_events_version(key_events: list[LiveUpdate]) -> str:
    """Which key events a page shows, in which state: it changes with any of them."""
    shown = " ".join(f"{update.pk}:{update.version}" for update in key_events)
    return hashlib.sha256(shown.encode()).hexdigest()[:16]
