"""Site-wide pieces of the reader's pages, each one query whatever the content."""

from django import template

from articles.models import Article, Section

register = template.Library()


@register.inclusion_tag("includes/_section_nav.html", takes_context=True)
def section_nav(context) -> dict:
    return {"sections": list(Section.objects.all()), "request": context.get("request")}


@register.inclusion_tag("includes/_breaking_ticker.html")
def breaking_ticker() -> dict:
    return {"stories": list(Article.objects.breaking().only("pk", "slug", "title")[:5])}
