"""Site-wide pieces of the reader's pages: each rendered once and kept as a piece of its
own with its own keys (newsroom/pagecache.py), so a page that misses the cache does not
ask the database for them again."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles.bylines import byline_html
from articles.cards import card_html
from articles.front_page import FRONT_PAGE_KEY, front_page_stories
from articles.models import Article, Section
from newsroom import pagecache

register = template.Library()


@register.simple_tag(takes_context=True)
def section_nav(context) -> str:
    request = context.get("request")
    path = request.path if request is not None else ""
    # The link to the section being read is marked; every other page shares one copy.
    current = path if "/section/" in path else ""

    def render() -> str:
        sections = list(Section.objects.all())
        pagecache.shows(None, "nav", *sections)
        return render_to_string(
            "includes/_section_nav.html", {"sections": sections, "current_path": current}
        )

    return mark_safe(pagecache.piece(f"nav:{current}", render))  # noqa: S308 our template


@register.simple_tag
def breaking_ticker() -> str:
    def render() -> str:
        stories = list(
            Article.objects.breaking().only("pk", "slug", "title", "live_since", "live_until")[:5]
        )
        pagecache.shows(None, "ticker", *(story.headline_key for story in stories))
        return render_to_string("includes/_breaking_ticker.html", {"stories": stories})

    return mark_safe(pagecache.piece("ticker", render))  # noqa: S308 our template


@register.simple_tag(takes_context=True)
def article_card(
    context,
    article,
    is_lead=False,
    level=3,
    show_section=False,
    show_standfirst=False,
    remember=False,
) -> str:
    """A story's card on any page (articles/cards.py)."""
    return card_html(
        context.get("request"),
        article,
        is_lead=is_lead,
        level=level,
        show_section=show_section,
        show_standfirst=show_standfirst,
        remember=remember,
    )


@register.simple_tag(takes_context=True)
def byline(context, article, links=False) -> str:
    """A story's byline (articles/bylines.py): names linked on the story's own page."""
    return byline_html(context.get("request"), article, links=links)


#: New stories join a story's related box within this many seconds; an edited or
#: unpublished one leaves it at once (its card's key).
RELATED_SECONDS = 600


@register.simple_tag
def related_stories(article: Article) -> str:
    """Public stories sharing the most tags, people and organisations with this one."""

    def render() -> str:
        # Four cards in a heading (Python like the cards: a template around them cost
        # as much as the cards).
        cards = [card_html(None, story, show_section=True) for story in article.related_articles()]
        if not cards:
            return ""
        return format_html(
            '<section class="related" aria-labelledby="related-heading">'
            '<h2 id="related-heading">{}</h2>{}</section>',
            _("Related stories"),
            mark_safe("".join(cards)),  # noqa: S308 each card escapes what it shows
        )

    return mark_safe(  # noqa: S308 built above from escaped cards
        pagecache.piece(f"related:{article.pk}", render, seconds=RELATED_SECONDS, own=True)
    )


@register.simple_tag
def front_page() -> str:
    """The home page's lead, top stories and latest stories by section: rendered again
    only when the list of stories, the editors' picks or a story on it changes, not when
    the ticker, an ad slot or the most-discussed box around it does."""

    def render() -> str:
        pagecache.shows(None, "stories", FRONT_PAGE_KEY)
        return render_to_string("articles/_front_page.html", front_page_stories())

    return mark_safe(pagecache.piece("front-page", render))  # noqa: S308 our template
