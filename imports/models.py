from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Image
from comments.models import Comment


class Redirect(models.Model):
    """An address of the old site that answers 301 with a page of this one.

    Made by the importers (Blogger's /YYYY/MM/name.html, /p/page.html, /search/label/X,
    WordPress permalinks and ?p=ID); editors may add, change or remove them. A redirect
    to an article follows the article's canonical address, so a changed slug never
    breaks it.
    """

    old_path = models.CharField(
        _("old address"),
        max_length=500,
        unique=True,
        help_text=_(
            "The path on the old site, starting with /, e.g. /2022/09/blog-post_12.html "
            "or /?p=12. Other query parameters (such as ?m=1) are ignored."
        ),
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="old_addresses",
        verbose_name=_("article"),
    )
    target_url = models.CharField(
        _("new address"),
        max_length=500,
        blank=True,
        help_text=_("A path on this site (e.g. /tag/ข่าว/), when the target is not an article."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")
        constraints = [
            models.CheckConstraint(
                condition=(Q(article__isnull=False) & Q(target_url=""))
                | (Q(article__isnull=True) & ~Q(target_url="")),
                name="redirect_has_one_target",
                violation_error_message=_("Choose an article or give a new address, not both."),
            ),
            models.CheckConstraint(
                condition=Q(old_path__startswith="/"), name="redirect_old_path_absolute"
            ),
        ]

    def __str__(self):
        return f"{self.old_path} → {self.target}"

    @property
    def target(self) -> str:
        return self.article.get_absolute_url() if self.article_id else self.target_url


class ImportedItem(models.Model):
    """What an item of an export became here, so that importing again updates it.

    ``digest`` is a hash of the item as it was last imported: an item whose digest is
    unchanged is left alone (and keeps any edits made here since).
    """

    class Kind(models.TextChoices):
        POST = "post", _("Post")
        PAGE = "page", _("Page")
        COMMENT = "comment", _("Comment")
        IMAGE = "image", _("Image")

    source = models.CharField(
        _("source"), max_length=200, help_text=_("The blog or site the item came from.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    source_id = models.CharField(_("id in the source"), max_length=500)
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    image = models.ForeignKey(
        Image, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    digest = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "source_id"], name="unique_imported_item"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["post", "page"], article__isnull=False)
                | Q(kind="comment", comment__isnull=False)
                | Q(kind="image", image__isnull=False),
                name="imported_item_has_its_object",
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.source_id}"
