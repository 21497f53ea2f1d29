"""The old site's addresses, in the one form redirects are stored and looked up in.

Paths are stored percent-decoded (as Django's ``request.path`` gives them), with no
query string except the parameters that name a post on their own (WordPress's ``?p=``
and ``?page_id=``). Blogger's ``?m=1`` (mobile), ``?showComment=...`` and the like
address the same page and are dropped.
"""

from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

#: Query parameters that identify a post by themselves: kept, in this order.
KEPT_PARAMETERS = ("p", "page_id")


def normalise(path: str, query: str = "") -> str:
    """``/2022/09/x.html`` from ``/2022/09/x.html`` + ``m=1``; ``/?p=12`` from ``/`` + ``p=12``."""
    path = unquote(path or "/")
    if not path.startswith("/"):
        path = "/" + path
    kept = dict(parse_qsl(query, keep_blank_values=False))
    wanted = [(name, kept[name]) for name in KEPT_PARAMETERS if kept.get(name, "").isdigit()]
    return f"{path}?{urlencode(wanted)}" if wanted else path


def from_url(url: str) -> str:
    """The normalised old path of an absolute or relative URL from an export."""
    parts = urlsplit(url.strip())
    return normalise(parts.path, parts.query)


def lookup_keys(path: str, query: str) -> list[str]:
    """The stored forms a request may match: as asked, and with or without the final
    slash (WordPress permalinks end in one; links to them are often written without)."""
    key = normalise(path, query)
    if "?" in key:
        return [key]
    alternative = key[:-1] if key.endswith("/") and key != "/" else key + "/"
    return [key, alternative]
