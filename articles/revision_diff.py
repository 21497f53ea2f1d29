"""What changed between two revisions of a story, word by word, for the revisions page.

Each field's text is cut into tokens that keep every character (words, runs of spaces,
punctuation, line breaks), so the marked-up result reads as the text itself. Thai is
written without spaces between words, so a run of Thai is cut into words with the
project's segmenter (newsroom/thainlp.py): changing one word of a long Thai sentence
marks that word, not the sentence.

The comparison goes from coarse to fine, and only what differs is looked at more
closely: lines first, then the space- and punctuation-separated chunks of the lines that
changed, then the Thai words of the chunks that changed. A 10,000-word story with a few
edits therefore segments a few sentences, not the story. A budget caps the work for a
story rewritten from top to bottom: past it, changed passages are shown whole (deleted,
then inserted) and the page says so.

The body is compared as the text a reader sees, paragraph breaks kept, never as HTML;
every piece of text is escaped when the <ins>/<del> mark-up is put around it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher
from html.parser import HTMLParser
from itertools import groupby

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from newsroom import thainlp
from newsroom.templatetags.thai_dates import short_date, time_of_day

from .models import Article, Revision, Section, StatusChange

__all__ = ["Comparison", "body_text", "compare", "diff_text", "listed", "render", "when"]

#: Shown for a value a revision does not have (snapshots older than the field) or is empty.
MISSING = "—"

#: Characters of Thai the segmenter may be given for one comparison (newmm cuts about
#: 300,000 characters a second here, so at most a fifth of a second): the changed
#: sentences of any day's editing, not every sentence of a long story rewritten.
SEGMENT_BUDGET = 60_000

#: Tokens on either side of one changed passage above which it is not compared further
#: (SequenceMatcher's cost grows with the product of the two lengths when little matches).
MAX_TOKENS = 4_000

_THAI = re.compile("[\u0e00-\u0e7f]")
_LINES = re.compile(r"[^\n]*\n+|[^\n]+")

Op = tuple[str, str]  # ("=" kept | "-" deleted | "+" inserted, text)


@dataclass
class Budget:
    """The work one comparison may still do; ``cut`` says whether any was refused."""

    segment_chars: int = SEGMENT_BUDGET
    cut: bool = False


# Tokenising ----------------------------------------------------------------------------


def _kind(char: str) -> str:
    if char.isspace():
        return " "
    # Letters, digits and combining marks (Thai vowels and tone marks are marks) make
    # words; everything else is punctuation, one token a character.
    return "w" if unicodedata.category(char)[0] in "LMN" else "p"


def chunks(text: str) -> list[str]:
    """Words (a Thai run whole), runs of whitespace and single punctuation characters."""
    tokens: list[str] = []
    for kind, group in groupby(text, key=_kind):
        if kind == "p":
            tokens.extend(group)
        else:
            tokens.append("".join(group))
    return tokens


def _words(budget: Budget) -> Callable[[str], list[str]]:
    def split(text: str) -> list[str]:
        tokens: list[str] = []
        for chunk in chunks(text):
            if _THAI.search(chunk) and len(chunk) > 1:
                if budget.segment_chars >= len(chunk):
                    budget.segment_chars -= len(chunk)
                    words = thainlp.word_tokenize(chunk)
                    # The words must spell the chunk exactly, or text would be lost.
                    if "".join(words) == chunk:
                        tokens.extend(words)
                        continue
                else:
                    budget.cut = True
            tokens.append(chunk)
        return tokens

    return split


def _lines(text: str) -> list[str]:
    """Lines (paragraphs of the body), each with the line breaks that follow it."""
    return _LINES.findall(text)


def _trigrams(line: str) -> frozenset[str]:
    return frozenset(line[k : k + 3] for k in range(max(1, len(line) - 2)))


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two lines (as their sets of three-letter sequences: cheap, and blind to
    script, since Thai has no spaces to count words by) share most of their text, so are
    one line edited rather than two different lines."""
    return len(a & b) * 2 >= len(a | b)


#: Lines shorter than this are always compared word by word (it costs nothing); longer
#: ones only when they are alike, a paragraph rewritten being clearer shown whole.
SHORT_LINE = 80


def _pairs(old: list[str], new: list[str]):
    """Line up the lines of a changed passage: edited lines in pairs, a line found only
    on one side alone (the other None). In order, looking a few lines ahead for an added
    or removed one: a full alignment would cost the square of the number of lines."""
    old_grams, new_grams = [_trigrams(line) for line in old], [_trigrams(line) for line in new]
    i = j = 0
    while i < len(old) and j < len(new):
        if not _similar(old_grams[i], new_grams[j]):
            ahead = range(1, 4)
            added = next(
                (k for k in ahead if j + k < len(new) and _similar(old_grams[i], new_grams[j + k])),
                0,
            )
            removed = next(
                (k for k in ahead if i + k < len(old) and _similar(old_grams[i + k], new_grams[j])),
                0,
            )
            if added and (not removed or added <= removed):
                yield from ((None, line) for line in new[j : j + added])
                j += added
                continue
            if removed:
                yield from ((line, None) for line in old[i : i + removed])
                i += removed
                continue
            if min(len(old[i]), len(new[j])) >= SHORT_LINE:
                yield old[i], None
                yield None, new[j]
                i, j = i + 1, j + 1
                continue
        yield old[i], new[j]
        i, j = i + 1, j + 1
    yield from ((line, None) for line in old[i:])
    yield from ((None, line) for line in new[j:])


def _diff(before: str, after: str, levels: list[Callable[[str], list[str]]], budget: Budget):
    """Compare with the first of ``levels``; compare what differs with the next."""
    split, finer = levels[0], levels[1:]
    a, b = split(before), split(after)
    if len(a) > MAX_TOKENS or len(b) > MAX_TOKENS:
        budget.cut = True
        yield "-", before
        yield "+", after
        return
    matcher = SequenceMatcher(None, a, b)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            yield "=", old
        elif tag == "replace" and finer and split is _lines:
            for line_before, line_after in _pairs(a[i1:i2], b[j1:j2]):
                if line_before is None:
                    yield "+", line_after
                elif line_after is None:
                    yield "-", line_before
                else:
                    yield from _diff(line_before, line_after, finer, budget)
        elif tag == "replace" and finer:
            yield from _diff(old, new, finer, budget)
        else:
            yield "-", old
            yield "+", new


def _tidy(ops: Iterable[Op]) -> list[Op]:
    """Fewer, longer marks: a lone space between two changes joins them (three struck
    words read as one deletion, not three), and in each run of changes everything
    deleted comes before everything inserted."""
    ops = [op for op in ops if op[1]]
    for i in range(1, len(ops) - 1):
        kind, text = ops[i]
        between_changes = ops[i - 1][0] != "=" and ops[i + 1][0] != "="
        if kind == "=" and between_changes and text.isspace() and "\n" not in text:
            ops[i] = ("~", text)  # both deleted and inserted
    tidy: list[Op] = []
    for changed, run in groupby(ops, key=lambda op: op[0] != "="):
        run = list(run)
        if not changed:
            tidy.append(("=", "".join(text for _kind, text in run)))
            continue
        deleted = "".join(text for kind, text in run if kind in "-~")
        inserted = "".join(text for kind, text in run if kind in "+~")
        if deleted:
            tidy.append(("-", deleted))
        if inserted:
            tidy.append(("+", inserted))
    return tidy


def diff_text(before: str, after: str, budget: Budget | None = None) -> list[Op]:
    """The word-level difference of two texts, as (kind, text) pairs in reading order."""
    budget = budget if budget is not None else Budget()
    if before == after:
        return [("=", before)] if before else []
    return _tidy(_diff(before, after, [_lines, chunks, _words(budget)], budget))


def _whole(before: str, after: str) -> list[Op]:
    """A value compared whole (a status, a time): kept, or replaced."""
    if before == after:
        return [("=", before)]
    return [("-", before), ("+", after)]


def render(ops: Iterable[Op]) -> SafeString:
    """HTML of a difference: kept text, <del>deleted</del>, <ins>inserted</ins>, escaped."""
    pieces = []
    for kind, text in ops:
        if kind == "-":
            pieces.append(format_html("<del>{}</del>", text))
        elif kind == "+":
            pieces.append(format_html("<ins>{}</ins>", text))
        else:
            pieces.append(escape(text))
    return format_html_join("", "{}", ((piece,) for piece in pieces))


# The fields of a snapshot as text ------------------------------------------------------

#: Elements that end a paragraph of the text.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol",
        "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_HIDDEN = frozenset(["script", "style", "template"])
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


class _BodyText(HTMLParser):
    """The text of a story's body as a reader sees it: a paragraph a block, line breaks
    kept, images as their alternative text, scripts and styles left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.current.append("\n")
        elif tag == "img":
            alt = (dict(attrs).get("alt") or "").strip()
            self.current.append(f" [{_('image')}: {alt}] " if alt else f" [{_('image')}] ")
        elif tag in _BLOCKS:
            self.end_paragraph()

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.end_paragraph()

    def handle_data(self, data):
        if not self.hidden:
            # Whitespace in HTML is one space; only <br> breaks a line.
            self.current.append(_HTML_SPACE.sub(" ", data))

    def end_paragraph(self):
        lines = "".join(self.current).split("\n")
        text = "\n".join(" ".join(line.split()) for line in lines).strip()
        if text:
            self.paragraphs.append(text)
        self.current = []

    def close(self):
        super().close()
        self.end_paragraph()


def body_text(html: str) -> str:
    """A story's body as plain text, paragraphs separated by a blank line."""
    parser = _BodyText()
    parser.feed(html or "")
    parser.close()
    return "\n\n".join(parser.paragraphs)


def when(value: datetime | None) -> str:
    """A date and time as the desk shows them: Buddhist era for Thai users."""
    if value is None:
        return MISSING
    return f"{short_date(value)} {time_of_day(value)}"


def _time(snapshot: dict, key: str) -> str:
    value = snapshot.get(key)
    if not value:
        return MISSING
    try:
        return when(datetime.fromisoformat(value))
    except (TypeError, ValueError):
        return str(value)


def status_label(snapshot: dict) -> str:
    value = snapshot.get("status")
    if not value:
        return MISSING
    return str(Article.Status(value).label) if value in Article.Status.values else value


def _bylines(snapshot: dict) -> str:
    lines = []
    for byline in snapshot.get("bylines") or []:
        name, role = byline.get("name", ""), byline.get("role", "")
        lines.append(f"{name} ({role})" if role else name)
    return "\n".join(lines)


def person_name(user) -> str:
    if user is None:
        return MISSING
    return user.get_full_name() or user.get_username()


# The page ------------------------------------------------------------------------------


@dataclass
class Comparison:
    """Everything the compare table shows: one row a field, the status changes made
    between the two revisions, and whether the budget cut the word-level comparison."""

    before: dict  # the older revision, as listed(): when, by whom, its status
    after: dict
    rows: list[dict] = field(default_factory=list)
    status_changes: list[dict] = field(default_factory=list)
    cut: bool = False


def compare(older: Revision, newer: Revision) -> Comparison:
    """Compare two revisions of one story, ``older`` saved before ``newer``."""
    budget = Budget()
    old, new = older.snapshot, newer.snapshot
    sections = dict(
        Section.objects.filter(
            pk__in=[s for s in (old.get("section"), new.get("section")) if s]
        ).values_list("pk", "name")
    )

    def section(snapshot: dict) -> str:
        pk = snapshot.get("section")
        return sections.get(pk, f"#{pk}") if pk else MISSING

    def tags(snapshot: dict) -> str:
        return ", ".join(snapshot.get("tags") or [])

    # field: (label, its text in a snapshot, compared word by word or whole)
    fields = {
        "title": (_("headline"), lambda snapshot: snapshot.get("title", ""), True),
        "standfirst": (_("standfirst"), lambda snapshot: snapshot.get("standfirst", ""), True),
        "body": (_("body"), lambda snapshot: body_text(snapshot.get("body", "")), True),
        "section": (_("section"), section, False),
        "status": (_("status"), status_label, False),
        "published_at": (
            _("publish time"),
            lambda snapshot: _time(snapshot, "published_at"),
            False,
        ),
        "unpublish_at": (
            _("unpublish time"),
            lambda snapshot: _time(snapshot, "unpublish_at"),
            False,
        ),
        "bylines": (_("bylines"), _bylines, True),
        "tags": (_("tags"), tags, True),
    }
    comparison = Comparison(*listed([older, newer]))
    for name, (label, text, by_word) in fields.items():
        before, after = text(old), text(new)
        ops = diff_text(before, after, budget) if by_word else _whole(before, after)
        comparison.rows.append(
            {
                "field": name,
                "label": label,
                "before": before,
                "after": after,
                "changed": before != after,
                "diff": render(ops),
            }
        )
    changes = StatusChange.objects.filter(
        article_id=newer.article_id,
        changed_at__gt=older.created_at,
        changed_at__lte=newer.created_at,
    ).select_related("changed_by")
    comparison.status_changes = [
        {
            "from": change.get_from_status_display() or MISSING,
            "to": change.get_to_status_display(),
            "by": person_name(change.changed_by),
            "at": change.changed_at,
            "when": when(change.changed_at),
            "note": change.note,
        }
        for change in changes.order_by("changed_at", "pk")
    ]
    comparison.cut = budget.cut
    return comparison


def listed(revisions: Iterable[Revision]) -> list[dict]:
    """The revisions list: each with its time, who saved it, and the status it had."""
    return [
        {
            "revision": revision,
            "when": when(revision.created_at),
            "by": person_name(revision.created_by),
            "status": status_label(revision.snapshot),
            "title": revision.snapshot.get("title", ""),
        }
        for revision in revisions
    ]
