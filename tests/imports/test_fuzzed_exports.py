"""Exports damaged at random (cut, torn, with stray markup pasted in) never make a
reader fail with anything but the one-line refusals the commands turn into an exit
status of 1, with or without ``--recover``; what ``--recover`` reports are real lines
of the file."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imports import blogger, wordpress
from imports.recovery import Recovery, Unreadable
from imports.xmlstream import MalformedExport, NotAnExport

from . import exports


def pretty(text: str) -> str:
    for tag in ("entry", "item", "wp:comment", "title", "content"):
        text = text.replace(f"<{tag}", f"\n<{tag}")
    return text


SOURCES = {
    "blogger": pretty(exports.blogger_2018()),
    "legacy": pretty(exports.blogger_legacy()),
    "wordpress": pretty(exports.wxr()),
}
PASTED = st.sampled_from(
    ["<", ">", "&", "</entry>", "<entry>", "</item>", "<item>", "<![CDATA[", "]]>", "<!--",
     "-->", "'", '"', "<app:draft>", "&amp;", "&#0;", "\n", "ก", "<?xml version='1.0'?>",
     "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>", "&e;", "xmlns:wp='x'"]
)  # fmt: skip
EDIT = st.tuples(
    st.sampled_from(["cut", "delete", "insert"]),
    st.floats(min_value=0, max_value=1),
    st.integers(min_value=0, max_value=200),
    PASTED,
)


def damaged(text: str, edits: list[tuple[str, float, int, str]]) -> str:
    for kind, where, length, pasted in edits:
        at = int(where * len(text))
        if kind == "cut":
            text = text[:at]
        elif kind == "delete":
            text = text[:at] + text[at + length :]
        else:
            text = text[:at] + pasted + text[at:]
    return text


def read_all(source: str, path: Path, recovery: Recovery | None) -> None:
    if source == "wordpress":
        list(wordpress.Reader(path, recovery=recovery).posts())
        list(wordpress.Reader(path, recovery=recovery).comments())
    else:
        list(blogger.read_posts(path, recovery=recovery))
        list(blogger.read_comments(path, recovery=recovery))


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    source=st.sampled_from(sorted(SOURCES)),
    edits=st.lists(EDIT, min_size=1, max_size=4),
    recover=st.booleans(),
)
def test_damaged_exports_are_read_or_refused_in_one_line(tmp_path, source, edits, recover):
    text = damaged(SOURCES[source], edits)
    path = tmp_path / "export.xml"
    path.write_text(text, encoding="utf-8")
    reported: list[Unreadable] = []
    recovery = None
    if recover:
        unit = wordpress.UNIT if source == "wordpress" else blogger.UNIT
        prefixes = wordpress.KNOWN_PREFIXES if source == "wordpress" else blogger.KNOWN_PREFIXES
        recovery = Recovery(unit, prefixes, reported.append)
    try:
        read_all(source, path, recovery)
    except (MalformedExport, NotAnExport) as refusal:
        assert "\n" not in str(refusal)
    lines = text.count("\n") + 1
    for unreadable in reported:
        assert 1 <= unreadable.first_line <= unreadable.last_line <= lines
        assert "\n" not in unreadable.reason
