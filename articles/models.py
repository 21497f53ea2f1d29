import functools
import html
import re
from datetime import datetime, timedelta
from typing import Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import connection, models
from django.db.models import Min, Prefetch, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_ckeditor_5.fields import CKEditor5Field
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from newsroom import pagecache
from newsroom.prepared import prepared_cursor
from newsroom.reverse import cached_reverse
from newsroom.sanitize import clean_rich_text
from newsroom.slugs import thai_slugify, validate_thai_slug
from newsroom.templatetags.thai_dates import desk_datetime
from newsroom.text_language import text_language
from people.models import Organisation, Person

SLUG_MAX_LENGTH = 100
# Edits within this time of publishing (typos fixed at once) do not show as updates.
UPDATE_NOTICE_AFTER = timedelta(minutes=10)
#: Related stories are found among this many public stories of each tag, person and
#: organisation a story shares written just before it, and as many just after
#: (Article.related_articles). Twelve a side leave a box of four plenty to choose from
#: on shared links, at three-quarters of the cost of 25 (0.8 against 1.1 ms a story).
RELATED_PER_LINK = 12


def story_key(pk) -> str:
    """The page-cache key of the pages showing story ``pk``: its own, and every page
    with a card of it (newsroom/pagecache.py)."""
    return f"article-{pk}"


def headline_key(pk) -> str:
    """The page-cache key of the pieces showing only story ``pk``'s headline and link
    (the breaking-news ticker, most discussed), which are on every page: an edit of the
    story's text, or a live update, leaves them alone (articles/page_keys.py,
    HEADLINE_FIELDS)."""
    return f"headline-{pk}"


class Section(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.CharField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        blank=True,
        validators=[validate_thai_slug],
        help_text=_(
            "The last part of the section's address, after /section/; made from the name "
            "when left empty."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Sections are listed in this order.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = thai_slugify(self.name, max_length=SLUG_MAX_LENGTH)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse("articles:section", slug=self.slug)

    @property
    def cache_key(self) -> str:
        """Pages showing this section's name (newsroom/pagecache.py)."""
        return f"section-{self.pk}"


class Tag(TagBase):
    """A taggit tag whose slug keeps Thai vowels and tone marks (taggit's drops them)."""

    slug = models.CharField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        blank=True,
        validators=[validate_thai_slug],
        help_text=_("Made from the name when left empty."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def slugify(self, tag, i=None):
        slug = thai_slugify(tag, max_length=SLUG_MAX_LENGTH - 4) or "tag"
        return slug if i is None else f"{slug}-{i}"

    def get_absolute_url(self):
        return cached_reverse("articles:tag", slug=self.slug)

    @property
    def cache_key(self) -> str:
        return f"tag-{self.pk}"


class TaggedArticle(TaggedItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag"),
        ]
        # A tag's stories newest first (Article.related_articles).
        indexes = [models.Index(fields=["tag", "content_object"], name="tagged_article_by_tag_idx")]

    def __str__(self):
        return str(self.tag)


def image_upload_to(instance, filename):
    # The processed upload already carries a generated name (newsroom/images.py).
    return timezone.now().strftime("images/%Y/%m/") + filename


class Image(models.Model):
    file = models.ImageField(
        _("file"),
        upload_to=image_upload_to,
        width_field="width",
        height_field="height",
        help_text=_("JPEG, PNG, GIF or WebP."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_("What the picture shows, for readers who cannot see it. Required."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("Photographer or source.")
    )
    # The point every crop keeps in view (articles/crops.py), as fractions of the width
    # and height from the top left corner; the centre until an editor sets it.
    focal_x = models.FloatField(
        _("focal point across"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    focal_y = models.FloatField(
        _("focal point down"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(alt_text=""), name="image_alt_text_required"
            ),
            models.CheckConstraint(
                condition=models.Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="image_focal_point_inside",
            ),
        ]

    def __str__(self):
        return self.caption or self.alt_text


#: From this many linked stories on, a person's list is read by walking the newest
#: public stories (theirs are dense among them); below it, theirs are read by id.
MANY_LINKED_STORIES = 2000


def _linked_stories(person, wrote, named) -> int:
    """How many stories a person is linked to, public or not (a few ms for thousands),
    kept until their list (``stories-person-<id>``) changes."""

    key = f"stories-person-{person.pk}"

    def count() -> int:
        pagecache.shows(None, key)
        return wrote.union(named).count()

    return pagecache.remembered(f"linked:{key}", count)


class ArticleQuerySet(models.QuerySet):
    def published(self, now: datetime | None = None) -> Self:
        """The one definition of public: published, the publish time has come, and the
        unpublish time (if any) has not (at ``now``, by default the present)."""
        now = now or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now).filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now)
        )

    def by_or_naming(self, person) -> Self:
        """Stories the person wrote or that name them, each once (their page and feed).

        No one plan suits everyone: walking the newest stories finds a staff reporter's
        twenty at once but crosses the whole archive for someone named twice, and
        reading their stories by id is the reverse. At 100,000 stories either plan alone
        took 80-185 ms for one of the two, so the number of their stories chooses."""
        wrote = Byline.objects.filter(person=person).values("article_id")
        named = Article.people.through.objects.filter(person=person).values("article_id")
        if _linked_stories(person, wrote, named) < MANY_LINKED_STORIES:
            return self.filter(pk__in=wrote.union(named))
        # Each list checked as a hash of ids while the newest stories are walked.
        return self.filter(Q(pk__in=wrote) | Q(pk__in=named))

    def scheduled(self) -> Self:
        """Published by an editor with a publish time still to come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def breaking(self) -> Self:
        """Public stories an editor flagged as breaking news, until their end time."""
        return (
            self.filter(breaking_until__gt=timezone.now())
            .published()
            .order_by("-published_at", "-pk")
        )

    def latest_per_section(self, per_section: int) -> list[int]:
        """The ids of the newest public stories of every section, `per_section` each.

        One query, each section read from its own index (a LATERAL join), so the cost
        follows the number of sections, not of stories.
        """
        now = timezone.now()
        sql = f"""
            SELECT latest.id FROM {Section._meta.db_table} s
            CROSS JOIN LATERAL (
                SELECT a.id FROM {Article._meta.db_table} a
                WHERE a.section_id = s.id AND a.status = %(published)s
                  AND a.published_at <= %(now)s
                  AND (a.unpublish_at IS NULL OR a.unpublish_at > %(now)s)
                ORDER BY a.published_at DESC, a.id DESC
                LIMIT %(limit)s
            ) latest
        """  # noqa: S608 table names come from the models, values are parameters
        with connection.cursor() as cursor:
            cursor.execute(
                sql, {"published": Article.Status.PUBLISHED, "now": now, "limit": per_section}
            )
            return [row[0] for row in cursor.fetchall()]

    def next_scheduled_change(self) -> datetime | None:
        """When a story next appears (scheduled) or leaves the ticker, if ever."""
        now = timezone.now()
        moments = self.filter(status=Article.Status.PUBLISHED).aggregate(
            publish=Min("published_at", filter=Q(published_at__gt=now)),
            breaking_ends=Min("breaking_until", filter=Q(breaking_until__gt=now)),
            unpublish=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
        )
        return min((m for m in moments.values() if m is not None), default=None)

    def for_listing(self) -> Self:
        """Everything an article card shows, in two queries (not the body, not the tags:
        no card shows them; the story page and feeds prefetch them)."""
        return (
            self.defer("body")
            .select_related("section", "lead_image")
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("person")))
        )


BLOCK_TAG = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|blockquote|div|figure|figcaption|br)\b", re.I)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    title = models.CharField(_("headline"), max_length=255)
    slug = models.CharField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH,
        blank=True,
        validators=[validate_thai_slug],
        help_text=_(
            "Words in the story's address, for readers and search engines; made from the "
            "headline when left empty."
        ),
    )
    standfirst = models.TextField(
        _("standfirst"), blank=True, help_text=_("One or two sentences under the headline.")
    )
    body = CKEditor5Field(_("body"), blank=True, config_name="default")
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="articles", verbose_name=_("section")
    )
    lead_image = models.ForeignKey(
        Image,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead image"),
    )
    tags = TaggableManager(through=TaggedArticle, blank=True, verbose_name=_("tags"))
    people = models.ManyToManyField(
        Person,
        blank=True,
        related_name="mentioned_in",
        verbose_name=_("people named"),
        help_text=_("People the story is about or quotes."),
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="mentioned_in",
        verbose_name=_("organisations named"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("A time in the future schedules the story: it appears then by itself."),
    )
    unpublish_at = models.DateTimeField(
        _("unpublish time"),
        null=True,
        blank=True,
        help_text=_("Optional: the story leaves the site by itself at this time."),
    )
    review_note = models.TextField(
        _("note from the editor"),
        blank=True,
        help_text=_("Why the story was sent back, for the reporter to see."),
    )
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text=_("Counts saves, so that a save of a stale copy can be refused."),
    )
    breaking_until = models.DateTimeField(
        _("breaking news until"),
        null=True,
        blank=True,
        help_text=_("Show this story in the breaking-news ticker until this time."),
    )
    # Live coverage (articles/live.py): updates posted from the desk, shown on the story.
    live_since = models.DateTimeField(
        _("live coverage since"), null=True, blank=True, editable=False
    )
    live_until = models.DateTimeField(
        _("live coverage until"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Live coverage ends by itself at this time; empty: until an editor ends it."),
    )
    # The last post, edit, pin or deletion of an update: the story changed for feeds,
    # sitemaps and its cards, though it was not edited (updated_at, was_updated).
    live_changed_at = models.DateTimeField(
        _("live updates changed"), null=True, blank=True, editable=False
    )
    comments_enabled = models.BooleanField(_("comments open"), default=True)
    seo_title = models.CharField(
        _("title for search engines"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty to use the headline."),
    )
    seo_description = models.CharField(
        _("description for search engines"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty to use the standfirst."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish, schedule and unpublish stories")),
            ("edit_any_article", _("Can edit other people's stories and published stories")),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            # Is this story public? Asked of each candidate for a related-stories box
            # and a person's list, answered from the index without reading the story.
            models.Index(
                fields=["id"],
                include=["status", "published_at", "unpublish_at"],
                name="article_public_by_id_idx",
            ),
            # The latest stories of one section (home page, section pages).
            models.Index(fields=["section", "-published_at"], name="article_section_latest_idx"),
            # The ticker looks only at the few stories flagged as breaking.
            models.Index(
                fields=["breaking_until"],
                condition=models.Q(breaking_until__isnull=False),
                name="article_breaking_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="published_article_has_publish_time",
                violation_error_message=_("A published article needs a publish time."),
            ),
            models.CheckConstraint(condition=~models.Q(title=""), name="article_title_not_empty"),
            models.CheckConstraint(
                condition=models.Q(breaking_until__isnull=True)
                | models.Q(published_at__isnull=True)
                | models.Q(breaking_until__gt=models.F("published_at")),
                name="breaking_ends_after_publishing",
                violation_error_message=_("Breaking news must end after the story is published."),
            ),
            models.CheckConstraint(
                condition=models.Q(live_until__isnull=True)
                | models.Q(live_since__isnull=False, live_until__gt=models.F("live_since")),
                name="live_coverage_ends_after_it_starts",
                violation_error_message=_("Live coverage must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Stored HTML is always clean, whichever form or command wrote it.
        self.body = clean_rich_text(self.body or "")
        if not self.slug:
            self.slug = thai_slugify(self.title, max_length=60)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse("articles:detail", pk=self.pk, slug=self.slug or "-")

    @property
    def cache_key(self) -> str:
        return story_key(self.pk)

    @property
    def headline_key(self) -> str:
        return headline_key(self.pk)

    def related_articles(self, limit: int = 4) -> list["Article"]:
        """Public stories sharing the most tags, people and organisations with this one,
        and among equals the nearest to it in time.

        Only the RELATED_PER_LINK public stories of each shared tag, person and
        organisation written just before this one and those just after are counted
        (read from the link tables' (link, article) indexes: ids follow the order
        stories were written in), so the cost does not grow with the archive: a tag on
        thousands of stories costs what a tag on fifty does.

        Nearest, not newest: a story from 2024 is read with others of its time, not
        with this morning's news on the same tag; and a fresh story, edited again and
        again in its first hours, sits in the related boxes of the stories around it
        rather than in those of the whole archive, each of which its edits would make
        stale (newsroom/pagecache.py).
        """
        from .story_loading import cards  # it builds on these models

        now = timezone.now()
        params = {
            "pk": self.pk,
            "published": Article.Status.PUBLISHED,
            "now": now,
            "around": self.published_at or now,
            "per_link": RELATED_PER_LINK,
            "limit": limit,
        }
        with prepared_cursor() as cursor:
            cursor.execute(_related_sql(), params)
            return cards(cursor.fetchall())

    @cached_property
    def description(self) -> str:
        """What search engines and shared links show under the headline: the editor's
        description, else the standfirst, else the opening of the body as plain text."""
        if self.seo_description or self.standfirst:
            return self.seo_description or self.standfirst
        # Blocks end with a space; inline tags join without one (น้ำ<b>ท่วม</b> is a word).
        text = strip_tags(BLOCK_TAG.sub(r" \g<0>", self.body))
        return " ".join(html.unescape(text).split())[:300]

    @cached_property
    def language(self) -> str:
        """The language the story is written in, judged from its headline and
        standfirst (newsroom/text_language.py); from the headline alone where a list
        left the standfirst unread, so asking costs no query."""
        loaded = "standfirst" not in self.get_deferred_fields()
        return text_language(f"{self.title} {self.standfirst if loaded else ''}")

    @property
    def was_updated(self) -> bool:
        """Edited after it went out: readers are shown the update time too."""
        return (
            self.published_at is not None
            and self.updated_at - self.published_at > UPDATE_NOTICE_AFTER
        )

    @property
    def modified_at(self) -> datetime:
        """The story's last change, its live updates included: feeds, sitemaps, JSON-LD."""
        return max(self.updated_at, self.live_changed_at or self.updated_at)

    @property
    def is_live(self) -> bool:
        """Live coverage is running: the story and its cards say LIVE (articles/live.py)."""
        now = timezone.now()
        return (
            self.live_since is not None
            and self.live_since <= now
            and (self.live_until is None or self.live_until > now)
        )

    @property
    def is_public(self) -> bool:
        """ArticleQuerySet.published() for one story in memory."""
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )


@functools.cache
def _related_sql() -> str:
    """Article.related_articles()'s statement: the same for every story, so built once
    (its values are parameters)."""
    from .story_loading import card_columns  # it builds on these models

    article = Article._meta.db_table
    links = [
        (TaggedArticle._meta.db_table, "content_object_id", "tag_id"),
        (Article.people.through._meta.db_table, "article_id", "person_id"),
        (Article.organisations.through._meta.db_table, "article_id", "organisation_id"),
    ]
    public = (
        "a.status = %(published)s AND a.published_at <= %(now)s "
        "AND (a.unpublish_at IS NULL OR a.unpublish_at > %(now)s)"
    )

    def side(table: str, article_column: str, link_column: str, before: bool) -> str:
        """The link's public stories written just before (or after) the story."""
        return f"""(
            SELECT a.id, a.published_at FROM {table} other
            JOIN {article} a ON a.id = other.{article_column}
            WHERE other.{link_column} = mine.{link_column}
              AND other.{article_column} {"<" if before else ">"} %(pk)s AND {public}
            ORDER BY other.{article_column} {"DESC" if before else "ASC"}
            LIMIT %(per_link)s
        )"""  # noqa: S608 table and column names come from the models

    nearest_per_link = " UNION ALL ".join(
        f"""
        SELECT near.id, near.published_at FROM {table} mine
        CROSS JOIN LATERAL (
            {side(table, article_column, link_column, True)}
            UNION ALL {side(table, article_column, link_column, False)}
        ) near
        WHERE mine.{article_column} = %(pk)s
        """  # noqa: S608 table and column names come from the models
        for table, article_column, link_column in links
    )
    # The cards come in the same statement (articles/story_loading.py): one round
    # trip, nothing for the ORM to compile.
    return f"""
        SELECT {card_columns("a")} FROM (
            SELECT shared.id, count(*) AS links,
                abs(EXTRACT(EPOCH FROM shared.published_at - %(around)s)) AS distance
            FROM ({nearest_per_link}) shared
            GROUP BY shared.id, shared.published_at
            ORDER BY links DESC, distance, shared.id DESC
            LIMIT %(limit)s
        ) ranked
        JOIN {article} a ON a.id = ranked.id
        ORDER BY ranked.links DESC, ranked.distance, ranked.id DESC
    """  # noqa: S608 table names come from the models, values are parameters


class Byline(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="bylines", verbose_name=_("article")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="bylines", verbose_name=_("person")
    )
    role = models.CharField(
        _("role"),
        max_length=100,
        blank=True,
        help_text=_("e.g. reporter, photographer, additional reporting."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="unique_byline_person"),
        ]

    def __str__(self):
        return str(self.person)


class AdvertQuerySet(models.QuerySet):
    def live(self, placement: str | None = None) -> Self:
        """Adverts on show now: switched on, started, not yet ended; newest first."""
        now = timezone.now()
        adverts = self.filter(active=True, starts_at__lte=now).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now)
        )
        if placement is not None:
            adverts = adverts.filter(placement=placement)
        return adverts.order_by("-starts_at", "-pk")

    def next_scheduled_change(self) -> datetime | None:
        """When an advert next starts or ends, if ever: cached pages expire there."""
        now = timezone.now()
        moments = self.filter(active=True).aggregate(
            starts=Min("starts_at", filter=Q(starts_at__gt=now)),
            ends=Min("ends_at", filter=Q(ends_at__gt=now)),
        )
        return min((m for m in moments.values() if m is not None), default=None)


class Advert(models.Model):
    """An image-and-link creative shown in one ad slot between two times.

    Third-party ad-network code is never stored here: it is switched on in settings
    (AD_NETWORK_SCRIPT_URL), where its origins also join the Content-Security-Policy.
    """

    class Placement(models.TextChoices):
        TOP = "top", _("Top of every page")
        SIDEBAR = "sidebar", _("Sidebar")
        IN_ARTICLE = "in_article", _("Inside articles")

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("For the newsroom only, e.g. the advertiser and campaign; never shown."),
    )
    # No index of its own: the (placement, active, starts_at) index below serves it.
    placement = models.CharField(_("placement"), max_length=20, choices=Placement.choices)
    image = models.ImageField(
        _("image"),
        upload_to="adverts/%Y/",
        width_field="width",
        height_field="height",
        help_text=_("JPEG, PNG, GIF or WebP."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_("What the advert says or shows, for readers who cannot see it. Required."),
    )
    link = models.URLField(
        _("link"),
        max_length=500,
        validators=[
            URLValidator(
                schemes=["http", "https"],
                message=_("Enter a web address that starts with http:// or https://."),
            )
        ],
        help_text=_("Where the advert leads; opens in a new tab."),
    )
    starts_at = models.DateTimeField(_("starts"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("ends"), null=True, blank=True, help_text=_("Leave empty to run until switched off.")
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick to take the advert down at once.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AdvertQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("advert")
        verbose_name_plural = _("adverts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="advert_ends_after_start",
                violation_error_message=_("The end must come after the start."),
            ),
            models.CheckConstraint(condition=~Q(alt_text=""), name="advert_alt_text_required"),
        ]
        indexes = [
            models.Index(
                fields=["placement", "active", "starts_at"], name="advert_placement_live_idx"
            ),
        ]

    def __str__(self):
        return self.name


class Revision(models.Model):
    """A copy of a story as it was saved: who, when, and what it said.

    Written by the project rather than with django-reversion: a story's revision must
    hold its ordered bylines and tags (inline rows), and compare and restore must know
    them; a snapshot of exactly those fields is simpler than following inlines.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("article")
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    snapshot = models.JSONField(_("content"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self):
        return f"{self.article} @ {desk_datetime(self.created_at)}"


class StatusChange(models.Model):
    """The audit trail: who moved which story to which status, and when."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("article"),
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Article.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Article.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.article}: {self.get_from_status_display()} → {self.get_to_status_display()}"


class Correction(models.Model):
    """A dated correction note, shown at the foot of the story and in its JSON-LD."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("article")
    )
    text = models.TextField(_("correction"))
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="correction_not_empty"),
        ]

    def __str__(self):
        return self.text[:80]


class Autosave(models.Model):
    """Text a writer typed into the story form and has not saved yet (articles/autosave.py).

    Kept apart from the story, one row per story and writer (a new story has none yet,
    so each writer has one "new story" row), and never copied into the story by the
    server: the writer restores it into the form and saves as usual, so the stale-edit
    check (Article.version) still stands between an autosave and someone else's save.
    """

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaves",
        verbose_name=_("article"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("written by"),
    )
    data = models.JSONField(_("content"))
    based_on_version = models.PositiveIntegerField(
        _("based on version"),
        null=True,
        blank=True,
        help_text=_("The story's version the writer had opened; empty for a new story."),
    )
    saved_at = models.DateTimeField(_("autosaved"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")
        constraints = [
            # NULLS NOT DISTINCT: one "new story" row per writer too (PostgreSQL 15+).
            models.UniqueConstraint(
                fields=["article", "user"], name="autosave_one_per_writer", nulls_distinct=False
            ),
        ]

    def __str__(self):
        return f"{self.article or '—'} / {self.user} @ {desk_datetime(self.saved_at)}"


#: The front page's places an editor can fill: the lead, then the top stories under it.
FRONT_PAGE_PLACES = 5


def public_stories() -> Q:
    """The stories an editor may put on the front page: the public ones (the pick form's
    choices and its autocomplete)."""
    return Q(pk__in=Article.objects.published().values("pk"))


class FrontPagePickQuerySet(models.QuerySet):
    def live(self) -> Self:
        """Picks the home page shows now: not ended, their story public; by place."""
        return (
            self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
            .filter(article__in=Article.objects.published())
            .order_by("position")
        )

    def next_expiry(self) -> datetime | None:
        """When a pick next ends, if ever: the home page is made again then."""
        return self.filter(expires_at__gt=timezone.now()).aggregate(Min("expires_at"))[
            "expires_at__min"
        ]


class FrontPagePick(models.Model):
    """An editor's choice for the home page: the lead story (place 1) or one of the top
    stories under it, until an optional end time. Places nobody chose stay automatic."""

    LEAD = 1
    LAST_POSITION = FRONT_PAGE_PLACES

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="front_page_picks",
        limit_choices_to=public_stories,
        verbose_name=pgettext_lazy("front page", "story"),
    )
    position = models.PositiveSmallIntegerField(pgettext_lazy("front page", "place"))
    expires_at = models.DateTimeField(
        _("until"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to keep the story there until you change it. After this time the "
            "place goes back to the newest stories by itself."
        ),
    )
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("chosen by"),
    )
    chosen_at = models.DateTimeField(
        pgettext_lazy("front page", "chosen"), default=timezone.now, editable=False
    )

    objects = FrontPagePickQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        verbose_name = _("front-page pick")
        verbose_name_plural = _("front page")
        # One permission says who arranges the front page (the Editor role).
        default_permissions = ()
        permissions = [
            ("arrange_front_page", _("Can choose the front page's lead and top stories"))
        ]
        constraints = [
            # Checked at commit, so a move can swap two places inside one transaction.
            models.UniqueConstraint(
                fields=["position"],
                name="front_page_one_story_a_place",
                deferrable=models.Deferrable.DEFERRED,
            ),
            models.UniqueConstraint(fields=["article"], name="front_page_one_place_a_story"),
            models.CheckConstraint(
                condition=Q(position__gte=1, position__lte=FRONT_PAGE_PLACES),
                name="front_page_place_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.place_label}: {self.article}"

    @property
    def place_label(self) -> str:
        return place_label(self.position)

    @property
    def has_ended(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()


def place_label(position: int) -> str:
    """ "Lead story", "Top story 1", ...: the names of the front page's places."""
    if position == FrontPagePick.LEAD:
        return str(_("Lead story"))
    return str(_("Top story %(number)s") % {"number": position - FrontPagePick.LEAD})


# Live coverage's updates live in a module of their own; imported here so Django finds them.
from .live_models import LiveUpdate, LiveUpdateRevision  # noqa: E402, F401
