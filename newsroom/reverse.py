"""reverse() remembered: the addresses of stories, sections, tags, people and
organisations, asked for again and again while pages are rendered.

A story page links to its own address a dozen times (canonical, og:url, JSON-LD, the
comment thread) and to its section, tags, people and related stories; each reverse()
walks Django's URL patterns and quotes the Thai slug again, about 40 µs, some 40 times
a page. The same name and arguments give the same address for one language, script
prefix and URL configuration, so those are part of what is remembered.

An archive story read for the first time links to addresses nobody asked for yet (its
own, its related stories', their writers'): about ten a story page and twenty a tag or
person page, each a whole reverse(). The addresses of a route taking ``<int:pk>`` and
``<str:slug>`` differ only in those two, so such a route's address is worked out once
around marks, and each new one is the id and the quoted slug put in their places.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import quote

from django.conf import settings
from django.urls import (
    NoReverseMatch,
    Resolver404,
    get_script_prefix,
    get_urlconf,
    resolve,
    reverse,
)
from django.utils.translation import get_language

# What reverse() leaves unquoted in an address (django.urls.resolvers).
SAFE_IN_ADDRESS = "!$&'()*+,;=" + "/~:@"
# Values no story or person has, reversed once to find where the real ones go.
PK_MARK = 987_654_321_987
SLUG_MARK = "zq0slug0qz"
ROUTE_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


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
def _reversed(viewname: str, kwargs: tuple, language, prefix, urlconf) -> str:
    # The three context values are a key; reverse() reads them itself.
    values = dict(kwargs)
    if values.keys() == {"pk", "slug"}:
        pk, slug = values["pk"], values["slug"]
        # What <int:pk> and <str:slug> take; anything else is reverse()'s to refuse.
        if type(pk) is int and pk >= 0 and isinstance(slug, str) and slug and "/" not in slug:
            shape = _id_and_slug_shape(viewname, language, prefix, urlconf)
            if shape is not None:
                before, between, after = shape
                return f"{before}{pk}{between}{quote(slug, safe=SAFE_IN_ADDRESS)}{after}"
    return reverse(viewname, kwargs=values)


@functools.lru_cache(maxsize=256)
def _id_and_slug_shape(viewname: str, _language, prefix: str, urlconf) -> tuple | None:
    """The address of ``viewname`` before its id, between id and slug, and after the
    slug, if its route takes exactly ``<int:pk>`` and ``<str:slug>`` (else None)."""
    try:
        address = reverse(viewname, kwargs={"pk": PK_MARK, "slug": SLUG_MARK})
    except NoReverseMatch:
        return None
    if address.count(str(PK_MARK)) != 1 or address.count(SLUG_MARK) != 1:
        return None
    try:
        match = resolve("/" + address.removeprefix(prefix), urlconf)
    except Resolver404:  # an address outside this configuration's patterns
        return None
    parameters = {
        (converter or "str", name) for converter, name in ROUTE_PARAMETER.findall(match.route)
    }
    if parameters != {("int", "pk"), ("str", "slug")}:
        return None
    before, _, rest = address.partition(str(PK_MARK))
    between, _, after = rest.partition(SLUG_MARK)
    if SLUG_MARK in before:
        return None
    return before, between, after
