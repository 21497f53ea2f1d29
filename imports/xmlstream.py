"""Streaming an export file: one element at a time, memory flat whatever the file size.

The standard library's expat parser resolves no external entities and refuses entity
expansion bombs, so an export cannot make it read other files or fetch anything.
Each element handed out is cleared and detached from its parent once the caller is done
with it, so the tree never grows past one item.
"""

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from django.utils import timezone


class MalformedExport(Exception):
    """The file is not well-formed XML; ``str()`` reads ``file:line:column: message``."""

    def __init__(self, path: Path, line: int, column: int, message: str):
        self.path, self.line, self.column, self.message = path, line, column, message
        super().__init__(f"{path}:{line}:{column}: {message}")


def iter_elements(
    path: Path,
    wanted: Callable[[str], bool],
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[ElementTree.Element]:
    """Yield each complete element whose tag ``wanted(tag)`` accepts, in document order.

    ``progress(bytes_read, file_size)`` is called after each one. Raises
    MalformedExport at the first error, with the line and column expat reports.
    """
    size = path.stat().st_size
    stack: list[ElementTree.Element] = []
    with path.open("rb") as file:
        # S314: expat (2.4.1+) resolves no external entity and stops
        # entity expansion bombs; defusedxml would be a dependency for the same result.
        events = ElementTree.iterparse(file, events=("start", "end"))  # noqa: S314
        try:
            for event, element in events:
                if event == "start":
                    stack.append(element)
                    continue
                stack.pop()
                if not wanted(element.tag):
                    continue
                yield element
                element.clear()
                if stack:
                    stack[-1].remove(element)
                if progress is not None:
                    progress(file.tell(), size)
        except ElementTree.ParseError as error:
            line, column = error.position
            raise MalformedExport(path, line, column + 1, expat.ErrorString(error.code)) from None
    if progress is not None:
        progress(size, size)


def child_text(element: ElementTree.Element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else ""


def parse_datetime(value: str) -> datetime | None:
    """An ISO 8601 time with its offset (``Z`` or ``+07:00``) as an aware datetime; one
    without an offset is read in the site's time zone. None for an empty value."""
    value = value.strip()
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment
