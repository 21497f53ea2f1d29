"""reverse() remembered: the addresses of stories, sections, tags, people and
organisations, asked for again and again while pages are rendered.

A story page links to its own address a dozen times (canonical, og:url, JSON-LD, the
comment thread) and to its section, tags, people and related stories; each reverse()
walks Django's URL patterns and quotes the Thai slug again, about 40 µs, some 40 times
a page. The same name and arguments give the same address for one language, script
prefix and URL configuration, so those are part of what is remembered.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


def cached_reverse(viewname: str, **kwargs) -> str:
    """``reverse(viewname, kwargs=kwargs)``, computed once for the current language,
    script prefix and URL configuration."""
    return _reversed(
        viewname,
        tuple(kwargs.items()),
        get_language(),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )


@functools.lru_cache(maxsize=20_000)
def _reversed(viewname: str, kwargs: tuple, _language, _prefix, _urlconf) -> str:
    # The three context values are only the key: reverse() reads them itself.
    return reverse(viewname, kwargs=dict(kwargs))
