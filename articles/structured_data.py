"""schema.org structured data (JSON-LD) for search engines: NewsArticle (LiveBlogPosting
for a story covered live) and BreadcrumbList.

Pure functions returning dicts; `{% json_ld %}` (articles/templatetags/seo.py) writes them
into the page. They read only the relations a story page prefetches (bylines with their
person, tags, people, organisations, section, lead image), so they add no query to it.
Dates are ISO 8601 in Bangkok time, with the offset.
"""

from datetime import datetime

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from newsroom.seo import absolute_url

from .models import Article, LiveUpdate
from .templatetags.images import image_url

SCHEMA_CONTEXT = "https://schema.org"
# Google shows at most this many characters of a headline.
HEADLINE_MAX_LENGTH = 110
LOGO_PATH = "newsroom/logo.png"
LOGO_SIZE = (600, 60)
# The lead picture as search engines get it: the widest rendition up to this width, in
# the 16:9 and square crops around its focal point (Google asks for several shapes).
IMAGE_WIDTH = 1280
IMAGE_CROPS = ("card", "square")


def iso_datetime(moment: datetime) -> str:
    """ISO 8601 in the site's time zone, to the second: 2022-09-12T00:30:00+07:00."""
    return localtime(moment).isoformat(timespec="seconds")


def truncate(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def publisher(request: HttpRequest) -> dict:
    width, height = LOGO_SIZE
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": absolute_url(request, reverse("articles:home")),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(request, static(LOGO_PATH)),
            "width": width,
            "height": height,
        },
    }


def news_article(article: Article, request: HttpRequest) -> dict:
    """The NewsArticle of a public story. Uses article.bylines (with person), tags, people,
    organisations, corrections, section and lead_image: prefetch them (for_listing() plus
    prefetch_related("tags", "people", "organisations", "corrections")) and this costs no query."""
    url = absolute_url(request, article.get_absolute_url())
    authors = [
        {
            "@type": "Person",
            "name": byline.person.full_name,
            "url": absolute_url(request, byline.person.get_absolute_url()),
        }
        for byline in article.bylines.all()
    ]
    if not authors:  # a story without a byline is the newsroom's own
        home = absolute_url(request, reverse("articles:home"))
        authors = [{"@type": "Organization", "name": settings.SITE_NAME, "url": home}]
    mentions = [
        {
            "@type": "Person",
            "name": person.full_name,
            "url": absolute_url(request, person.get_absolute_url()),
        }
        for person in article.people.all()
    ]
    for organisation in article.organisations.all():
        mention = {"@type": "Organization", "name": organisation.name}
        if organisation.short_name and organisation.short_name != organisation.name:
            mention["alternateName"] = organisation.short_name
        mention["url"] = absolute_url(request, organisation.get_absolute_url())
        mentions.append(mention)
    images = [image_url(article.lead_image, IMAGE_WIDTH, crop) for crop in IMAGE_CROPS]

    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "NewsArticle",
        "headline": truncate(article.title, HEADLINE_MAX_LENGTH),
        "description": article.description,
        "image": list(dict.fromkeys(absolute_url(request, url) for url in images if url)),
        "datePublished": iso_datetime(article.published_at) if article.published_at else None,
        "dateModified": iso_datetime(article.modified_at),
        "author": authors,
        "publisher": publisher(request),
        "inLanguage": article.language,
        "mainEntityOfPage": url,
        "url": url,
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "mentions": mentions,
        # schema.org's CreativeWork.correction: each dated note, as a CorrectionComment.
        "correction": [
            {
                "@type": "CorrectionComment",
                "text": correction.text,
                "datePublished": iso_datetime(correction.created_at),
            }
            for correction in article.corrections.all()
        ],
    }
    # Leave out what the story does not have rather than send empty values.
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def live_blog_posting(article: Article, updates: list[LiveUpdate], request: HttpRequest) -> dict:
    """A story covered live: its NewsArticle fields as a LiveBlogPosting, with the
    coverage's start and end and its newest ``updates`` as BlogPostings."""
    data = news_article(article, request)
    data["@type"] = "LiveBlogPosting"
    data["coverageStartTime"] = iso_datetime(article.live_since)
    if article.live_until:
        data["coverageEndTime"] = iso_datetime(article.live_until)
    data["liveBlogUpdate"] = [blog_posting(update, article, request) for update in updates]
    return data


def blog_posting(update: LiveUpdate, article: Article, request: HttpRequest) -> dict:
    """One update of a live story: its opening words as headline, its text, time, author."""
    image = image_url(update.image, IMAGE_WIDTH) if update.image else ""
    data = {
        "@type": "BlogPosting",
        "headline": truncate(update.summary or article.title, HEADLINE_MAX_LENGTH),
        "articleBody": update.text,
        "datePublished": iso_datetime(update.created_at),
        "dateModified": iso_datetime(update.updated_at),
        "author": {"@type": "Person", "name": update.author_name},
        "url": absolute_url(request, update.get_absolute_url()),
        "image": [absolute_url(request, image)] if image else [],
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def breadcrumbs(items: list[tuple[str, str]], request: HttpRequest) -> dict:
    """A BreadcrumbList of (name, path) pairs, from the home page down to the page."""
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute_url(request, location),
            }
            for position, (name, location) in enumerate(items, start=1)
        ],
    }


def article_breadcrumbs(article: Article, request: HttpRequest) -> dict:
    """Home › section › story, named in the reader's language."""
    return breadcrumbs(
        [
            (_("Home"), reverse("articles:home")),
            (article.section.name, article.section.get_absolute_url()),
            (truncate(article.title, HEADLINE_MAX_LENGTH), article.get_absolute_url()),
        ],
        request,
    )
