from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from newsroom.sanitize import clean_rich_text
from newsroom.slugs import thai_slugify, validate_thai_slug
from people.models import Organisation, Person

SLUG_MAX_LENGTH = 100


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


class TaggedArticle(TaggedItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag"),
        ]

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
        ]

    def __str__(self):
        return self.caption or self.alt_text


class ArticleQuerySet(models.QuerySet):
    def published(self) -> Self:
        """The one definition of public: published, and the publish time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self) -> Self:
        """Everything an article card shows, in a fixed number of queries."""
        return self.select_related("section", "lead_image").prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("person")),
            "tags",
        )


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
    breaking_until = models.DateTimeField(
        _("breaking news until"),
        null=True,
        blank=True,
        help_text=_("Show this story in the breaking-news ticker until this time."),
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
        indexes = [models.Index(fields=["status", "-published_at"], name="article_public_idx")]
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
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Stored HTML is always clean, whichever form or command wrote it.
        self.body = clean_rich_text(self.body or "")
        if not self.slug:
            self.slug = thai_slugify(self.title, max_length=60)
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


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
