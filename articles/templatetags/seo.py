"""What a page's <head> tells machines: JSON-LD structured data and feed links.

    {% load seo %}
    {% article_json_ld article %}           NewsArticle and BreadcrumbList of a story
    {% json_ld data %}                      any dict (articles/structured_data.py)
    {% alternate_feed url title %}          <link rel="alternate"> to an RSS feed

JSON-LD blocks are data, never executed, so the site's script-src 'self' policy does
not apply to them; they are still written so that no text in them can close the
<script> element early.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from articles.structured_data import article_breadcrumbs, live_blog_posting, news_article

register = template.Library()

# The characters that could end the <script> element or start markup inside it, as
# JSON escapes: the parsed JSON is unchanged, the HTML parser sees nothing to act on.
# (str.replace, not str.translate: on Thai text translate looks up every character,
# a tenth of a millisecond a story.)
_HTML_SAFE_JSON = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"))


@register.simple_tag
def json_ld(data: dict) -> SafeString:
    """`data` as a <script type="application/ld+json"> block, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)
    for character, escaped in _HTML_SAFE_JSON:
        text = text.replace(character, escaped)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 the JSON is escaped above


@register.simple_tag(takes_context=True)
def article_json_ld(context, article: Article) -> SafeString:
    """The NewsArticle (LiveBlogPosting when covered live) and the BreadcrumbList
    (home › section › story) of a story page."""
    request = context["request"]
    live = context.get("live")
    if live is not None:
        data = live_blog_posting(article, live.newest, request)
    else:
        data = news_article(article, request)
    return json_ld(data) + json_ld(article_breadcrumbs(article, request))


@register.simple_tag
def alternate_feed(url: str, title: str) -> SafeString:
    """A <link> announcing an RSS feed, for the <head> of the page it follows."""
    return format_html(
        '<link rel="alternate" type="application/rss+xml" title="{}" href="{}">', title, url
    )
