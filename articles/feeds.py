"""RSS 2.0 feeds of public stories: the latest, and one per section, tag and person.

Every feed lists the FEED_SIZE newest of `Article.objects.published()`, through
`for_listing()` and the tags, so bylines and tags come prefetched: a feed costs the same
few queries whatever the number of items, and each item's author and categories are read
from the prefetched rows.

Dates are written in Bangkok time (RFC 2822 with its +0700 offset), and text goes out as
it was typed: the XML writer escapes it once, so a reader parsing the feed gets back
exactly the headline and names stored here.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from newsroom import pagecache
from people.models import Person

from .models import Article, ArticleQuerySet, Section, Tag

FEED_SIZE = 30


class ArticleFeed(Feed):
    """What every story feed shares; subclasses pick the stories and name the feed."""

    language = "th"
    item_guid_is_permalink = True

    def items(self, obj) -> list[Article]:
        articles = Article.objects.published().for_listing().prefetch_related("tags")
        items = list(
            self.filter_articles(articles, obj).order_by("-published_at", "-pk")[:FEED_SIZE]
        )
        # The feed changes with its list, with each story in it and with its name.
        pagecache.shows(None, self.list_key(obj), obj, *items)
        return items

    def list_key(self, obj) -> str:
        """newsroom/pagecache.py's key of the list this feed follows."""
        return f"stories-{self.list_kind}-{obj.pk}" if obj is not None else "stories"

    list_kind = ""

    def filter_articles(self, articles: ArticleQuerySet, obj) -> ArticleQuerySet:
        return articles

    def item_title(self, item: Article) -> str:
        # Plain text, escaped once by the XML writer (Django's default escapes twice).
        return item.title

    def item_description(self, item: Article) -> str:
        # An RSS description (and an Atom summary, type="html") is HTML: the plain-text
        # standfirst is escaped so that "<" or "&" in it shows as typed in a reader.
        return escape(item.standfirst or item.seo_description)

    def item_pubdate(self, item: Article):
        return localtime(item.published_at)

    def item_updateddate(self, item: Article):
        return localtime(item.modified_at)

    def item_author_name(self, item: Article) -> str | None:
        names = [byline.person.full_name for byline in item.bylines.all()]
        return ", ".join(names) or None

    def item_categories(self, item: Article) -> list[str]:
        return [tag.name for tag in item.tags.all()]


class LatestFeed(ArticleFeed):
    def title(self) -> str:
        return _("%(site)s: latest news") % {"site": settings.SITE_NAME}

    def link(self) -> str:
        return reverse("articles:home")

    def description(self) -> str:
        return _("The newest stories from %(site)s.") % {"site": settings.SITE_NAME}


class LatestAtomFeed(LatestFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()


class SectionFeed(ArticleFeed):
    list_kind = "section"

    def get_object(self, request, slug: str) -> Section:
        return get_object_or_404(Section, slug=slug)

    def filter_articles(self, articles, obj: Section):
        return articles.filter(section=obj)

    def title(self, obj: Section) -> str:
        return f"{settings.SITE_NAME}: {obj.name}"

    def link(self, obj: Section) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Section) -> str:
        return obj.description or _("The newest stories in %(section)s from %(site)s.") % {
            "section": obj.name,
            "site": settings.SITE_NAME,
        }


class TagFeed(ArticleFeed):
    list_kind = "tag"

    def get_object(self, request, slug: str) -> Tag:
        return get_object_or_404(Tag, slug=slug)

    def filter_articles(self, articles, obj: Tag):
        return articles.filter(tags=obj)

    def title(self, obj: Tag) -> str:
        return _("%(site)s: stories tagged %(tag)s") % {"site": settings.SITE_NAME, "tag": obj.name}

    def link(self, obj: Tag) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Tag) -> str:
        return _("The newest stories tagged %(tag)s from %(site)s.") % {
            "tag": obj.name,
            "site": settings.SITE_NAME,
        }


class PersonFeed(ArticleFeed):
    """Stories the person wrote or that name them, as on their page."""

    list_kind = "person"

    def get_object(self, request, pk: int) -> Person:
        return get_object_or_404(Person, pk=pk)

    def filter_articles(self, articles, obj: Person):
        return articles.by_or_naming(obj)

    def title(self, obj: Person) -> str:
        return _("%(site)s: stories by or about %(person)s") % {
            "site": settings.SITE_NAME,
            "person": obj.full_name,
        }

    def link(self, obj: Person) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Person) -> str:
        return _("The newest stories written by or naming %(person)s, from %(site)s.") % {
            "person": obj.full_name,
            "site": settings.SITE_NAME,
        }
