from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.thainlp import normalize


class SearchEntry(models.Model):
    """One article's words, segmented by search.engine, in a weighted tsvector.

    Kept current by search/signals.py and `manage.py rebuild_search_index`; never edited
    by hand. Drafts are indexed too (the desk searches them); readers' searches add
    Article.objects.published().
    """

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
        verbose_name=_("article"),
    )
    document = SearchVectorField(_("document"))
    # A copy of the article's publish time, so that the newest matches of a broad query
    # are found in this table alone (engine.search); whether a story is public is still
    # decided by Article.objects.published().
    published_at = models.DateTimeField(_("publish time"), null=True, blank=True)
    indexed_at = models.DateTimeField(_("indexed"))
    # Which way of making documents wrote this entry (search.engine.INDEX_VERSION):
    # `rebuild_search_index --resume` rewrites the entries of an older one.
    version = models.PositiveSmallIntegerField(_("index version"), default=1)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        # One GIN index over the words and the publish time (btree_gin): a search in the
        # last week meets that week's entries inside the index (engine.search). No
        # btree on published_at: with one, the planner reads the week's documents one
        # by one to test the words, which its cost model does not see.
        indexes = [
            GinIndex(fields=["document", "published_at"], name="search_document_published_gin")
        ]

    def __str__(self):
        return str(self.article_id)


def validate_terms(terms):
    if len([term for term in terms if term.strip()]) < 2:
        raise ValidationError(_("A synonym group needs at least two terms."))


class Synonym(models.Model):
    """Terms a search treats as the same: abbreviations, short forms, other spellings."""

    terms = ArrayField(
        models.CharField(max_length=200),
        verbose_name=_("terms"),
        validators=[validate_terms],
        help_text=_(
            "Words or phrases that mean the same, separated by commas, e.g. "
            "กทม., กรุงเทพฯ, กรุงเทพมหานคร. A search for any of them finds all of them."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")

    def __str__(self):
        return " = ".join(self.terms)

    def save(self, *args, **kwargs):
        cleaned = [normalize(term).strip() for term in self.terms]
        self.terms = list(dict.fromkeys(term for term in cleaned if term))
        super().save(*args, **kwargs)
