"""What a Thai reader of a page sees, and the English words left in it (for the admin tests).

A page's visible text is its text nodes (not scripts, styles, or the values of fields,
which are the user's data) and the attributes a person reads or hears: title,
placeholder, aria-label, alt, an option group's label and a button's value. Text inside
an element marked with another language (``lang="en"``: the desk's language switch
naming English in English) is meant to be in that language and is left out.

A word is a run of three or more Latin letters standing alone (not part of an
identifier like ``a1b2`` or ``id_title``); addresses, e-mail addresses and file names
are taken out first. Every such word is untranslated interface text, unless it is in
:data:`ALLOWED_WORDS`.
"""

import re
from collections.abc import Iterable
from html.parser import HTMLParser

#: Latin words a Thai page may show. Keep it short; each one says why.
ALLOWED_WORDS = {
    # Product and proper names, written so in Thai too.
    "CKEditor",
    "Newsroom",  # the default SITE_NAME: the site's own name, set in settings
    "UCLG",  # an organisation's acronym, the example in the short-name help text
    "ASPAC",
    "Mac",  # Apple's computers, in the admin's "hold Ctrl (⌘ on a Mac)" hint
    # Technical abbreviations and key names Thai writers use as they are.
    "Alt",
    "Ctrl",
    "Enter",
    "RSS",
    "URL",
    "SEO",
    "HTML",
    "JPEG",
    "PNG",
    "GIF",
    "WebP",
    # The names of the roles: rows the roles migration creates (articles/migrations/
    # 0004_roles.py), which the code and the demo find by name.
    "Reporter",
    "Editor",
    "Moderator",
}

#: Attributes read out or shown: title, placeholder, aria-label, alt, optgroup label.
READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
#: Elements whose contents are never shown as text, or are the field's data.
SKIPPED_ELEMENTS = {"script", "style", "textarea", "template"}
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}

ADDRESS = re.compile(
    r"\b[a-z][a-z0-9+.-]*://\S+"  # https://..., mailto: has no //
    r"|\S+@\S+"  # e-mail addresses
    r"|(?<!\w)/\S*"  # paths: /admin/..., /media/x.jpg
    r"|\S+\.(?:jpe?g|png|gif|webp|svg|css|js|html?|xml|txt)\b"  # file names
    r"|\b[\w-]+(?:\.[\w-]+)+\.(?:com|org|net|th|io|dev)\b",  # domain names
    re.IGNORECASE,
)
WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z]{3,}(?![A-Za-z0-9_])")


class VisibleText(HTMLParser):
    """Collects a page's visible text as fragments, each a text node or an attribute."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fragments: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, text inside is left out)

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = attributes.get("lang")
        skip = (
            self.skipping
            or tag in SKIPPED_ELEMENTS
            or (lang is not None and lang != "" and not lang.startswith("th"))
        )
        if not skip and tag != "html":
            self.read_attributes(tag, attributes)
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, skip))

    def handle_startendtag(self, tag, attrs):
        if not self.skipping:
            self.read_attributes(tag, dict(attrs))

    def handle_endtag(self, tag):
        # Pop to the matching element; tolerate the optional end tags HTML allows.
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.fragments.append(data.strip())

    def read_attributes(self, tag, attributes):
        for name in READ_ATTRIBUTES:
            if attributes.get(name):
                self.fragments.append(attributes[name])
        if tag == "optgroup" and attributes.get("label"):
            self.fragments.append(attributes["label"])
        button = tag == "input" and attributes.get("type") in {"submit", "button", "reset"}
        if button and attributes.get("value"):
            self.fragments.append(attributes["value"])


def visible_text(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser.fragments


def english_words(fragments: Iterable[str], allowed: Iterable[str] = ()) -> dict[str, str]:
    """Each untranslated word found, with the first fragment it was found in."""
    allowed = set(ALLOWED_WORDS) | set(allowed)
    found: dict[str, str] = {}
    for fragment in fragments:
        for word in WORD.findall(ADDRESS.sub(" ", fragment)):
            if word not in allowed and word not in found:
                found[word] = fragment[:160]
    return found


def gregorian_years(fragments: Iterable[str], years: Iterable[int]) -> dict[str, str]:
    """Where one of ``years`` (Common Era) is shown: a Thai page shows the Buddhist era."""
    alternatives = "|".join(str(year) for year in years)
    pattern = re.compile(rf"(?<!\d)(?:{alternatives})(?!\d)")
    found: dict[str, str] = {}
    for fragment in fragments:
        for year in pattern.findall(ADDRESS.sub(" ", fragment)):
            found.setdefault(year, fragment[:160])
    return found
