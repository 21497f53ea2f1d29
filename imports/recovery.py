"""``--recover``: reading what can be read of an export that is not well-formed XML.

expat stops at the first error and cannot go on, so the file is cut into pieces and
each piece parsed on its own: the part before the first entry (the feed or channel
with its settings), each entry (``<entry>`` of Blogger, ``<item>`` of WordPress) and
whatever lies between entries. A piece is parsed inside a copy of the file's root
element, whose namespace declarations are completed with the format's known prefixes
(a Blogger file re-saved by another tool may use ``app:`` without declaring it). A
piece that still does not parse is left out and its lines are reported; the others
are read as the whole file would have been.

The pieces are found by a pattern over the bytes, not by a parser: it steps over
CDATA sections and comments, and an entry with no end before the next one begins
(a truncated entry) is left out. The file is mapped, not read into memory. Each piece
goes through the same expat parser as a whole file, without the file's DOCTYPE: an
entity the file defines is unknown to it, so nothing can be expanded or fetched.
"""

import mmap
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Unreadable:
    """Lines of the file left out, and why."""

    first_line: int
    last_line: int
    reason: str


@dataclass
class Recovery:
    unit: str  # local name of the element left out whole when broken: "entry", "item"
    prefixes: dict[str, str]  # prefix -> namespace, declared where the file lost them
    report: Callable[[Unreadable], None]


class RootNotFound(Exception):
    """Not even the root element could be read: there is nothing to recover."""


NO_ELEMENT = expat.ErrorString(expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS])

# Markup whose insides may hold anything: stepped over when looking for elements.
_OPAQUE = rb"<!\[CDATA\[.*?\]\]>|<!--.*?-->"
_QUOTED = rb"\"[^\"]*\"|'[^']*'"
_PROLOGUE = re.compile(rb"<\?.*?\?>|" + _OPAQUE + rb"|<![^>]*>|<(?=[A-Za-z_])", re.S)
_START_TAG = re.compile(
    rb"<([A-Za-z_][\w.:-]*)((?:\s+[^\s=>/]+\s*=\s*(?:" + _QUOTED + rb"))*)\s*(/?)>"
)
_NAMESPACE = re.compile(rb"\bxmlns(?::([\w.-]+))?\s*=\s*(" + _QUOTED + rb")")
_XML_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?(<\?xml[^>]*\?>)")
# What may stand between entries without being worth reading: the root's end and space.
_NOISE = re.compile(_OPAQUE + rb"|</[^>]*>|\s+", re.S)


def iter_recovered(
    path: Path,
    wanted: Callable[[str], bool],
    recovery: Recovery,
    *,
    progress: Callable[[int, int], None] | None = None,
    on_root: Callable[[str], None] | None = None,
) -> Iterator[ElementTree.Element]:
    """Yield the wanted elements of every readable piece, in document order, and report
    the lines of every other piece to ``recovery.report``."""
    size = path.stat().st_size
    if size == 0:
        raise RootNotFound(NO_ELEMENT)
    with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        pieces = _Pieces(data, wanted, recovery)
        if on_root is not None:
            on_root(pieces.root_tag)
        for end, elements in pieces:
            yield from elements
            if progress is not None:
                progress(end, size)
    if progress is not None:
        progress(size, size)


class _Pieces:
    """The readable pieces of a file, as (where the piece ends, its wanted elements)."""

    def __init__(self, data: mmap.mmap, wanted: Callable[[str], bool], recovery: Recovery):
        self.data, self.wanted, self.recovery = data, wanted, recovery
        self._counted_to, self._line = 0, 1  # for line numbers, counted as the file is read
        declaration = _XML_DECLARATION.match(data)
        self.declaration = b" ".join(declaration.group(1).split()) if declaration else b""
        unit = re.escape(recovery.unit.encode())
        # An entry's start or end tag, with or without a prefix; quoted values may hold ">".
        tag = rb"<(/?)(?:[\w.-]+:)?" + unit + rb"(?=[\s/>])(?:[^>\"']|" + _QUOTED + rb")*>"
        self.units = re.compile(_OPAQUE + rb"|" + tag, re.S)
        start_tag = self._root_start_tag()
        self.root_name, self.body_start = start_tag.group(1), start_tag.end()
        self.root_start = self._completed(start_tag)
        try:
            self.root_tag = self._parse(b"").tag
        except ElementTree.ParseError as error:
            raise RootNotFound(expat.ErrorString(error.code)) from None
        except (LookupError, ValueError) as error:  # an encoding expat cannot read
            raise RootNotFound(str(error)) from None

    def _root_start_tag(self) -> re.Match:
        for found in _PROLOGUE.finditer(self.data):
            if found.group(0) == b"<":
                start_tag = _START_TAG.match(self.data, found.start())
                if start_tag is not None:
                    return start_tag
                break
        raise RootNotFound(NO_ELEMENT)

    def _completed(self, start_tag: re.Match) -> bytes:
        """The root's start tag on one line, declaring every prefix a piece may use: its
        own, those declared further in before the first entry, and the known ones."""
        header = self.data[self.body_start : self._header_end()]
        declared = {prefix for prefix, _uri in _NAMESPACE.findall(start_tag.group(2))}
        added: dict[bytes, bytes] = {}
        for prefix, uri in _NAMESPACE.findall(header):
            if prefix and prefix not in declared:
                added.setdefault(prefix, uri)
        for name, uri in self.recovery.prefixes.items():
            prefix = name.encode()
            if prefix not in declared:
                added.setdefault(prefix, b'"' + uri.encode() + b'"')
        attributes = b" ".join(start_tag.group(2).split())
        declarations = b"".join(b" xmlns:" + prefix + b"=" + uri for prefix, uri in added.items())
        return b"<" + start_tag.group(1) + b" " + attributes + declarations + b">"

    def __iter__(self) -> Iterator[tuple[int, list[ElementTree.Element]]]:
        header_end = self._header_end()
        yield header_end, self._header(header_end)
        open_at = None  # where the entry being read began
        last_end = header_end
        for found in self.units.finditer(self.data, header_end):
            if found.group(1) is None:  # CDATA or a comment
                continue
            start, end = found.span()
            if found.group(1) == b"/":
                if open_at is not None:
                    yield end, self._piece(open_at, end)
                else:  # an end with no start: what came before it is not an entry
                    yield end, self._gap(last_end, end)
                open_at, last_end = None, end
                continue
            if open_at is not None:  # the entry before never ended: it was cut short
                self._report(open_at, start, _("an entry with no end"))
            else:
                yield start, self._gap(last_end, start)
            if found.group(0).endswith(b"/>"):
                yield end, self._piece(start, end)
                open_at, last_end = None, end
            else:
                open_at = start
        if open_at is not None:
            self._report(open_at, len(self.data), _("an entry with no end"))
        else:
            yield len(self.data), self._gap(last_end, len(self.data))

    def _header_end(self) -> int:
        """Where the first entry's start or end tag is, or the end of the file."""
        for found in self.units.finditer(self.data, self.body_start):
            if found.group(1) is not None:
                return found.start()
        return len(self.data)

    def _header(self, end: int) -> list[ElementTree.Element]:
        """The root's content before the first entry, read as far as it goes: what comes
        before an error is kept (it still waits for the elements it opened to close)."""
        parser = ElementTree.XMLPullParser(events=("end",))
        parser.feed(self.declaration + self.root_start)
        parser.feed(self.data[self.body_start : end])
        found = []
        try:
            found += [element for _event, element in parser.read_events()]
        except ElementTree.ParseError as error:
            # What is lost runs from the error to the first entry.
            line = self._line_of(self.body_start) + error.position[0] - 1
            self._report(self.body_start, end, _reason(error, line), from_line=line)
        return [element for element in found if self.wanted(element.tag)]

    def _gap(self, start: int, end: int) -> list[ElementTree.Element]:
        """Between entries: usually white space or the root's end; read if it is more."""
        if not _NOISE.sub(b"", self.data[start:end]):
            return []
        return self._piece(start, end)

    def _piece(self, start: int, end: int) -> list[ElementTree.Element]:
        try:
            wrapper = self._parse(self.data[start:end])
        except ElementTree.ParseError as error:
            line = self._line_of(start) + error.position[0] - 1
            self._report(start, end, _reason(error, line))
            return []
        return [element for element in _post_order(wrapper) if self.wanted(element.tag)]

    def _parse(self, content: bytes) -> ElementTree.Element:
        # The copy of the root and the piece's first line share a line: expat's line
        # numbers count from the piece's first line.
        parser = ElementTree.XMLParser()  # noqa: S314 (expat: see imports/xmlstream.py)
        parser.feed(self.declaration + self.root_start)
        parser.feed(content)
        parser.feed(b"</" + self.root_name + b">")
        return parser.close()

    def _report(self, start: int, end: int, reason: str, *, from_line: int = 0) -> None:
        # The lines of the piece, without the white space around it.
        piece = self.data[start:end]
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        first = from_line or self._line_of(start)
        last = self._line_of(max(start, end - 1))
        self.recovery.report(Unreadable(first, max(first, last), reason))

    def _line_of(self, position: int) -> int:
        if position < self._counted_to:  # asked out of order: count again from the start
            self._counted_to, self._line = 0, 1
        self._line += self.data[self._counted_to : position].count(b"\n")
        self._counted_to = position
        return self._line


def _reason(error: ElementTree.ParseError, line: int) -> str:
    return _("%(message)s at line %(line)d") % {
        "message": expat.ErrorString(error.code),
        "line": line,
    }


def _post_order(element: ElementTree.Element) -> Iterator[ElementTree.Element]:
    """Children before their parent, as iterparse's end events give them."""
    for child in element:
        yield from _post_order(child)
        yield child
