"""A story's byline as HTML ("By Somsri, Chat"), for the story page (names linked to
their pages, with their roles), cards and search results (names only: each is one link
to the story already). Written in Python because cards show it fifty times a page;
every name and role goes through format_html's escaping. The people it names are
recorded as page-cache keys (newsroom/pagecache.py)."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from newsroom import pagecache

from .models import Article


def byline_html(request, article: Article, *, links: bool = False) -> SafeString | str:
    """``<span class="byline">By …</span>``, or "" for a story without a byline."""
    bylines = list(article.bylines.all())
    if not bylines:
        return ""
    pagecache.shows(request, *(byline.person for byline in bylines))
    if links:
        names = format_html_join(
            ", ",
            '<a href="{}">{}</a>{}',
            (
                (
                    byline.person.get_absolute_url(),
                    byline.person.full_name,
                    format_html(' <span class="byline__role">({})</span>', byline.role)
                    if byline.role
                    else "",
                )
                for byline in bylines
            ),
        )
    else:
        names = format_html_join(", ", "{}", ((byline.person.full_name,) for byline in bylines))
    return format_html('<span class="byline">{} {}</span>', gettext("By"), names)
