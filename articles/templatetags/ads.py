"""Ad slots: the newsroom's own image-and-link adverts, and an optional ad network.

The ad network is configured in settings, never through the admin: its script is
always an external file, from an origin the Content-Security-Policy names.
"""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.models import Advert
from newsroom import pagecache

register = template.Library()


@register.simple_tag
def ad_slot(placement: str) -> str:
    """The newest live advert for the placement; nothing at all without one. A piece
    of its own (newsroom/pagecache.py): one query when adverts change, none after."""

    def render() -> str:
        pagecache.shows(None, "ads")
        advert = Advert.objects.live(placement).first()
        return render_to_string(
            "includes/_ad_slot.html", {"placement": placement, "advert": advert}
        )

    return mark_safe(pagecache.piece(f"ad:{placement}", render))  # noqa: S308 our template


@register.simple_tag
def ad_network_script() -> str:
    url = settings.AD_NETWORK_SCRIPT_URL
    return format_html('<script src="{}" async></script>', url) if url else ""
