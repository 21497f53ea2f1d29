"""``{% shows key ... %}``: a template says what it shows, so the page is purged with it.

Each argument is a key string, or an object with a ``cache_key`` attribute (a model's
key, declared by its app). Nothing is printed.
"""

from django import template

from newsroom import pagecache

register = template.Library()


@register.simple_tag(takes_context=True)
def shows(context, *things) -> str:
    pagecache.shows(context.get("request"), *things)
    return ""
