"""A story's card (front page, lists, related stories) as HTML, written in Python
rather than an included template.

The front page shows fifty cards, a list page twenty, a story four; through
``{% include %}`` each card cost about 0.4 ms (a context, a nested byline include,
a dozen variable lookups and filters), most of a list page's render after a change.
Each card here is a few ``format_html`` calls; every value a writer typed goes
through its escaping. The page-cache keys a card shows (the story, its section, the
people of its byline, articles/bylines.py) are recorded as the template did.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext

from newsroom import pagecache
from newsroom.templatetags.thai_dates import DateWriter

from .bylines import byline_html
from .models import Article
from .templatetags.images import picture
from .templatetags.story_lang import own_lang

LEAD_SIZES = "(max-width: 60em) 100vw, 60em"
CARD_SIZES = "(max-width: 40em) 100vw, 20em"


def card_html(
    request,
    article: Article,
    *,
    is_lead: bool = False,
    level: int = 3,
    show_section: bool = False,
    show_standfirst: bool = False,
    remember: bool = False,
) -> SafeString:
    """One card: the lead image, section, headline (an ``h{level}``), standfirst,
    byline and date; the lead card's picture loads at once and is wider.
    ``remember``: kept by this worker until the story, its section or a person of its
    byline changes (newsroom/pagecache.py's ``part``), for the lists rendered again at
    each publish with the same cards and one new one (the front page, sections)."""

    def render() -> SafeString:
        return _card(request, article, is_lead, level, show_section, show_standfirst)

    if not remember:
        return render()
    name = f"card:{article.pk}:{is_lead:d}{level}{show_section:d}{show_standfirst:d}"
    return mark_safe(pagecache.part(name, render))  # noqa: S308 _card's escaped HTML


def _card(
    request, article: Article, is_lead: bool, level: int, show_section: bool, show_standfirst: bool
) -> SafeString:
    pagecache.shows(request, article, article.section)
    lang = own_lang(article)
    parts = [format_html('<article class="card{}">', " card--lead" if is_lead else "")]
    if article.lead_image:
        image = picture(
            article.lead_image,
            sizes=LEAD_SIZES if is_lead else CARD_SIZES,
            loading="eager" if is_lead else "lazy",
            crop="card",
        )
        parts.append(format_html('<div class="card__image">{}</div>', image))
    parts.append(mark_safe('<div class="card__body">'))
    if show_section:
        parts.append(
            format_html(
                '<p class="card__section"><a href="{}">{}</a></p>',
                article.section.get_absolute_url(),
                article.section.name,
            )
        )
    parts.append(
        format_html(
            '<h{} class="card__title"{}><a href="{}">{}</a></h{}>',
            level,
            lang,
            article.get_absolute_url(),
            article.title,
            level,
        )
    )
    if show_standfirst and article.standfirst:
        parts.append(format_html('<p class="card__standfirst"{}>{}</p>', lang, article.standfirst))
    parts.append(
        format_html('<p class="card__meta">{}</p></div></article>', _meta(request, article))
    )
    return mark_safe("".join(parts))  # noqa: S308 each part is format_html's


def _meta(request, article: Article) -> SafeString:
    live, dates = article.is_live, DateWriter()
    published = format_html(
        '<time datetime="{}">{}</time>',
        dates.iso_datetime(article.published_at),
        dates.short_date(article.published_at),
    )
    return format_html(
        "{}{} {}{}",
        format_html('<span class="live-label">{}</span> ', gettext("LIVE")) if live else "",
        byline_html(request, article),
        published,
        format_html(
            ' · {} <time datetime="{}">{}</time>',
            pgettext("live story card", "updated"),
            dates.iso_datetime(article.modified_at),
            dates.time_of_day(article.modified_at),
        )
        if live
        else "",
    )
