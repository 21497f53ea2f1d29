"""Ad slots: the newsroom's own image-and-link adverts, and an optional ad network.

The ad network is configured in settings, never through the admin: its script is
always an external file, from an origin the Content-Security-Policy names.
"""

from django import template
from django.conf import settings
from django.utils.html import format_html

from articles.models import Advert

register = template.Library()


@register.inclusion_tag("includes/_ad_slot.html")
def ad_slot(placement: str) -> dict:
    """The newest live advert for the placement, in one query; nothing at all without one."""
    return {"placement": placement, "advert": Advert.objects.live(placement).first()}


@register.simple_tag
def ad_network_script() -> str:
    url = settings.AD_NETWORK_SCRIPT_URL
    return format_html('<script src="{}" async></script>', url) if url else ""
