"""Sitemaps for search engines: every public story, section and tag, and a Google News
sitemap of the last two days.

`/sitemap.xml` is a sitemap index pointing at one sitemap per kind (`/sitemap-articles.xml`
and so on), because stories are listed ARTICLES_PER_SITEMAP to a page: an index is the
only way a crawler learns of page 2 and beyond. Everything listed comes from
`Article.objects.published()`, the one definition of public.
"""

from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from newsroom import pagecache
from newsroom.seo import absolute_url

from .live import live_now
from .models import Article, ArticleQuerySet, Section, Tag, TaggedArticle

ARTICLES_PER_SITEMAP = 5_000
NEWS_SITEMAP_DAYS = 2
# Google News reads at most this many stories from a news sitemap.
NEWS_SITEMAP_MAX = 1_000


class SiteSitemap(Sitemap):
    """Addresses in https when the site is served over HTTPS, whatever the request."""

    @property
    def protocol(self) -> str | None:
        return "https" if settings.HTTPS else None


class HomeSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self) -> list[str]:
        return ["articles:home"]

    def location(self, item: str) -> str:
        return reverse(item)


class ArticleSitemap(SiteSitemap):
    limit = ARTICLES_PER_SITEMAP

    def items(self) -> ArticleQuerySet:
        # Oldest first, so that a page of the sitemap keeps its stories as new ones come.
        return (
            Article.objects.published()
            .only("pk", "slug", "updated_at", "live_changed_at")
            .order_by("published_at", "pk")
        )

    def lastmod(self, item: Article):
        return item.modified_at

    def get_latest_lastmod(self):
        # One aggregate, not a lastmod() call for every story (Sitemap's default).
        latest = Article.objects.published().aggregate(
            edited=Max("updated_at"), live=Max("live_changed_at")
        )
        return max((moment for moment in latest.values() if moment), default=None)


def _latest_public_story(**filters) -> Subquery:
    """The publish time of the newest public story matching `filters` (OuterRef-ready)."""
    return Subquery(
        Article.objects.published()
        .filter(**filters)
        .order_by("-published_at")
        .values("published_at")[:1]
    )


class SectionSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.annotate(
            latest_story=_latest_public_story(section=OuterRef("pk"))
        ).order_by("position", "name")

    def lastmod(self, item: Section):
        return item.latest_story


class TagSitemap(SiteSitemap):
    """Tags that have at least one public story; an empty tag page is not worth a visit."""

    limit = ARTICLES_PER_SITEMAP

    def items(self):
        public_tagged = TaggedArticle.objects.filter(
            tag=OuterRef("pk"), content_object__in=Article.objects.published()
        )
        return (
            Tag.objects.filter(Exists(public_tagged))
            .annotate(latest_story=_latest_public_story(tags=OuterRef("pk")))
            .order_by("pk")
        )

    def lastmod(self, item: Tag):
        return item.latest_story


SITEMAPS = {
    "pages": HomeSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "articles": ArticleSitemap,
}


#: What sitemaps show (newsroom/pagecache.py): every public story and its last change,
#: sections and tags. Any story's edit changes a lastmod, hence its family key.
SITEMAP_KEYS = ("stories", "article-all", "nav", "tag-all")


def sitemap_view(view):
    """A sitemap view that records what it shows, for the page cache."""

    @wraps(view)
    def keyed(request, *args, **kwargs):
        pagecache.shows(request, *SITEMAP_KEYS)
        return view(request, *args, **kwargs)

    return keyed


@require_safe
@sitemap_view
def news_sitemap(request):
    """Google News sitemap: the stories of the last NEWS_SITEMAP_DAYS days and those
    covered live now, newest first, each with its last change (a live story's newest
    update)."""
    since = timezone.now() - timedelta(days=NEWS_SITEMAP_DAYS)
    articles = (
        Article.objects.published()
        .filter(Q(published_at__gte=since) | live_now())
        .only("pk", "slug", "title", "published_at", "updated_at", "live_changed_at")
        .order_by("-published_at", "-pk")[:NEWS_SITEMAP_MAX]
    )
    stories = [
        {
            "location": absolute_url(request, article.get_absolute_url()),
            "title": article.title,
            "published": timezone.localtime(article.published_at).isoformat(timespec="seconds"),
            "modified": timezone.localtime(article.modified_at).isoformat(timespec="seconds"),
        }
        for article in articles
    ]
    return TemplateResponse(
        request,
        "sitemaps/news.xml",
        {"stories": stories, "publication_name": settings.SITE_NAME, "language": "th"},
        content_type="application/xml; charset=utf-8",
    )
