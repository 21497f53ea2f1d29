"""Streaming an export file: one element at a time, memory flat whatever the file size.

The standard library's expat parser resolves no external entities and refuses entity
expansion bombs, so an export cannot make it read other files or fetch anything.
Each element handed out is cleared and detached from its parent once the caller is done
with it, so the tree never grows past one item. A file that is not well-formed XML is
refused at its first error, unless the caller asks to recover what it can
(imports/recovery.py).
"""

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from django.utils import timezone
from django.utils.translation import gettext as _

from .recovery import Recovery, RootNotFound, iter_recovered

#: Times outside these years are refused: they are typing errors, and the far ones
#: would overflow Python's dates once moved to another time zone.
YEARS = range(1000, 3000)


class MalformedExport(Exception):
    """The file is not well-formed XML; ``str()`` reads ``file:line:column: message``."""

    def __init__(self, path: Path, line: int, column: int, message: str):
        self.path, self.line, self.column, self.message = path, line, column, message
        super().__init__(f"{path}:{line}:{column}: {message}")


class NotAnExport(Exception):
    """Well-formed XML, but not the export the command reads; ``str()`` says why."""


def iter_elements(
    path: Path,
    wanted: Callable[[str], bool],
    progress: Callable[[int, int], None] | None = None,
    *,
    recovery: Recovery | None = None,
    on_root: Callable[[str], None] | None = None,
) -> Iterator[ElementTree.Element]:
    """Yield each complete element whose tag ``wanted(tag)`` accepts, in document order.

    ``on_root(tag)`` is called with the root element's tag before anything else (it may
    raise NotAnExport), and ``progress(bytes_read, file_size)`` after each element.
    Raises MalformedExport at the first error, with the line and column expat reports,
    unless ``recovery`` says how to go on.
    """
    if recovery is not None:
        try:
            yield from iter_recovered(path, wanted, recovery, progress=progress, on_root=on_root)
        except RootNotFound as error:
            raise MalformedExport(path, 1, 1, str(error)) from None
        return
    size = path.stat().st_size
    stack: list[ElementTree.Element] = []
    with path.open("rb") as file:
        # S314: expat (2.4.1+) resolves no external entity and stops
        # entity expansion bombs; defusedxml would be a dependency for the same result.
        events = ElementTree.iterparse(file, events=("start", "end"))  # noqa: S314
        try:
            for event, element in events:
                if event == "start":
                    if not stack and on_root is not None:
                        on_root(element.tag)
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
        except (LookupError, ValueError) as error:
            # The XML declaration names an encoding expat cannot read ("foo", UTF-32).
            raise MalformedExport(path, 1, 1, str(error)) from None
    if progress is not None:
        progress(size, size)


def child_text(element: ElementTree.Element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else ""


def parse_datetime(value: str, *, shown: str = "") -> datetime | None:
    """An ISO 8601 time with its offset (``Z`` or ``+07:00``) as an aware datetime; one
    without an offset is read in the site's time zone. None for an empty value.
    ValueError names ``shown`` (the value as the file wrote it) or ``value``."""
    value = value.strip()
    if not value:
        return None
    named = {"value": repr((shown or value)[:40])}
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(_("%(value)s is not a time") % named) from None
    if moment.year not in YEARS:
        raise ValueError(_("%(value)s is not a likely time") % named)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment
