"""`lang` for a story written in a language other than the page's."""

from django import template
from django.utils import translation
from django.utils.html import format_html

register = template.Library()


@register.filter
def own_lang(article) -> str:
    """` lang="en"` for an English story on a Thai page (and the reverse), so screen
    readers switch voice for its headline, standfirst and body; nothing otherwise."""
    language = article.language
    if language == (translation.get_language() or "").split("-")[0]:
        return ""
    return format_html(' lang="{}"', language)
