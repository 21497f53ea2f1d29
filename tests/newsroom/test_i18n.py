"""The Thai catalogue (locale/th/LC_MESSAGES): complete, faithful to its placeholders,
compiled, and used by the admin."""

import ast
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
PO_FILE = ROOT / "locale" / "th" / "LC_MESSAGES" / "django.po"

# %(name)s, %s, %d, %.1f ... and %% ; then anything that looks like an HTML tag.
PERCENT_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[a-zA-Z%]")
HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


@dataclass
class Entry:
    line: int
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def translations(self) -> list[str]:
        return [self.msgstr[i] for i in sorted(self.msgstr)]


def parse_po(path: Path) -> list[Entry]:
    """A small reader for the subset of the PO format that makemessages writes: comments,
    flags, msgctxt, msgid, msgid_plural, msgstr and msgstr[n], each possibly continued on
    following "..." lines. Obsolete entries (#~) are skipped: they are not compiled."""
    entries: list[Entry] = []
    entry: Entry | None = None
    flags: set[str] = set()
    key: tuple[str, int] | None = None  # which field a continuation line extends

    def unquote(text: str, lineno: int) -> str:
        text = text.strip()
        if not (text.startswith('"') and text.endswith('"')):
            raise ValueError(f"{path}:{lineno}: expected a quoted string, got {text!r}")
        return ast.literal_eval(text)  # PO escapes are a subset of Python's

    def append(entry: Entry, key: tuple[str, int], value: str) -> None:
        name, index = key
        if name == "msgstr":
            entry.msgstr[index] = entry.msgstr.get(index, "") + value
        else:
            setattr(entry, name, (getattr(entry, name) or "") + value)

    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            if entry is None or key is None:
                raise ValueError(f"{path}:{lineno}: string outside an entry")
            append(entry, key, unquote(line, lineno))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and (entry is None or entry.msgstr):
            # A new entry starts (msgctxt, or msgid without msgctxt before it).
            entry = Entry(line=lineno, flags=flags)
            entries.append(entry)
            flags = set()
        if entry is None:
            raise ValueError(f"{path}:{lineno}: {keyword} before msgid")
        match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
        if keyword in ("msgctxt", "msgid", "msgid_plural"):
            key = (keyword, 0)
            setattr(entry, keyword, "")
        elif keyword == "msgstr":
            key = ("msgstr", 0)
            entry.msgstr[0] = ""
        elif match:
            key = ("msgstr", int(match.group(1)))
            entry.msgstr[key[1]] = ""
        else:
            raise ValueError(f"{path}:{lineno}: unknown keyword {keyword!r}")
        append(entry, key, unquote(rest, lineno))
    return entries


ENTRIES = parse_po(PO_FILE)
HEADER = next(entry for entry in ENTRIES if entry.is_header)
MESSAGES = [entry for entry in ENTRIES if not entry.is_header]


def describe(entry: Entry) -> str:
    return f"line {entry.line}: {entry.msgid!r}"


def markers(text: str) -> Counter:
    return Counter(PERCENT_PLACEHOLDER.findall(text) + HTML_TAG.findall(text))


def test_parser_reads_the_whole_catalogue():
    assert len(MESSAGES) >= 100
    assert len({(entry.msgctxt, entry.msgid) for entry in MESSAGES}) == len(MESSAGES)
    assert "headline" in {entry.msgid for entry in MESSAGES}


def test_header_declares_thai_utf8_and_a_single_plural_form():
    header = dict(line.split(":", 1) for line in HEADER.msgstr[0].splitlines() if ":" in line)
    header = {name.strip(): value.strip() for name, value in header.items()}
    assert header["Language"] == "th"
    assert header["Content-Type"] == "text/plain; charset=UTF-8"
    assert header["Plural-Forms"] == "nplurals=1; plural=0;"
    assert "fuzzy" not in HEADER.flags


def test_every_entry_is_translated_and_none_is_fuzzy():
    untranslated = [
        describe(entry)
        for entry in MESSAGES
        if not entry.translations or not all(text.strip() for text in entry.translations)
    ]
    fuzzy = [describe(entry) for entry in MESSAGES if "fuzzy" in entry.flags]
    assert not untranslated, "untranslated: " + "; ".join(untranslated)
    assert not fuzzy, "fuzzy: " + "; ".join(fuzzy)


def test_placeholders_and_markup_are_kept():
    broken = []
    for entry in MESSAGES:
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        expected = markers(sources[-1])
        for text in entry.translations:
            if markers(text) != expected:
                broken.append(
                    f"{describe(entry)} has {sorted(markers(text).elements())}, "
                    f"expected {sorted(expected.elements())}"
                )
    assert not broken, "\n".join(broken)


def test_compiled_catalogue_matches_the_po_file():
    """Fails when the .po was edited and `manage.py compilemessages` was not run."""
    stale = []
    with translation.override("th"):
        for entry in MESSAGES:
            if entry.msgid_plural is None:
                if entry.msgctxt is None:
                    got = translation.gettext(entry.msgid)
                else:
                    got = translation.pgettext(entry.msgctxt, entry.msgid)
            elif entry.msgctxt is None:
                got = translation.ngettext(entry.msgid, entry.msgid_plural, 1)
            else:
                got = translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
            if got != entry.msgstr[0]:
                stale.append(f"{describe(entry)}: compiled {got!r}, .po {entry.msgstr[0]!r}")
    assert not stale, "run `manage.py compilemessages -l th`:\n" + "\n".join(stale)


@pytest.mark.django_db
def test_admin_article_form_is_thai_unless_english_is_chosen(admin_client):
    thai_headline = next(entry.msgstr[0] for entry in MESSAGES if entry.msgid == "headline")
    assert re.search(r"[\u0e00-\u0e7f]", thai_headline)
    url = "/admin/articles/article/add/"

    # The browser's own language does not matter: Thai unless the switch chose English.
    thai = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert thai.status_code == 200
    thai_html = thai.content.decode()
    assert '<html lang="th"' in thai_html
    assert re.search(rf'for="id_title">\s*{re.escape(thai_headline)}', thai_html)

    # The desk's own switch chooses English (a cookie, read for /admin/ only).
    switch = admin_client.get("/admin/language/en/", {"next": url})
    assert switch.status_code == 302 and switch["Location"] == url
    english = admin_client.get(url)
    assert english.status_code == 200
    english_html = english.content.decode()
    assert '<html lang="en"' in english_html
    assert re.search(r'for="id_title">\s*Headline', english_html)
    assert thai_headline not in english_html
