"""The old site's addresses, in the one form redirects are stored and looked up in.

Paths are stored percent-decoded (as Django's ``request.path`` gives them), with no
query string except the parameters that name a post on their own (WordPress's ``?p=``
and ``?page_id=``). Blogger's ``?m=1`` (mobile), ``?showComment=...`` and the like
address the same page and are dropped. One old page's query means something to this
site's search and is carried over to it: Blogger's ``/search?q=WORDS`` and its "older
posts" pages, ``/search?updated-max=TIME`` (see carried_query).
"""

from datetime import date
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

#: Query parameters that identify a post by themselves: kept, in this order.
KEPT_PARAMETERS = ("p", "page_id")
#: Blogger's search page: its parameters, as this site's search names them.
SEARCH_PATH = "/search"
SEARCH_PARAMETERS = {"q": "q", "updated-min": "from", "updated-max": "to"}
QUERY_MAX = 200  # the search form's own limit


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


def carried_query(old_path: str, params) -> str:
    """What of an old search's query (``params``, a QueryDict) this site's search
    understands, ready to append: words as they were, times as days. Anything else, or
    a value that is not a time, is dropped."""
    if old_path != SEARCH_PATH:
        return ""
    carried = {}
    for old_name, name in SEARCH_PARAMETERS.items():
        value = params.get(old_name, "").strip()
        if value and name == "q":
            carried[name] = value[:QUERY_MAX]
        elif value:
            try:
                carried[name] = date.fromisoformat(value[:10]).isoformat()
            except ValueError:
                continue
    return urlencode(carried)
