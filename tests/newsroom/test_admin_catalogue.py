"""The Thai for the admin's third-party text (locale_thirdparty/): sound, compiled, and
covering every message of the packages the desk shows."""

import ast
import re
from datetime import timedelta
from pathlib import Path

import axes
import django
import pytest
import taggit
from django.conf import global_settings
from django.utils import timezone, translation
from django.utils.timesince import timesince
from django.utils.translation.trans_real import DjangoTranslation
from django.views.i18n import JavaScriptCatalog

from tests.newsroom.test_i18n import PO_FILE, describe, markers, parse_po

ROOT = Path(__file__).resolve().parents[2]
THIRDPARTY = ROOT / "locale_thirdparty" / "th" / "LC_MESSAGES"
DJANGO = Path(django.__file__).parent
BRACE_PLACEHOLDER = re.compile(r"\{\w*\}")

CATALOGUES = {
    "django": [e for e in parse_po(THIRDPARTY / "django.po") if not e.is_header],
    "djangojs": [e for e in parse_po(THIRDPARTY / "djangojs.po") if not e.is_header],
}
ENTRIES = [(domain, entry) for domain, entries in CATALOGUES.items() for entry in entries]


def key(entry) -> str | tuple:
    """How a compiled catalogue files an entry (the first form of a plural)."""
    msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    return (msgid, 0) if entry.msgid_plural else msgid


def thai(domain: str) -> DjangoTranslation:
    """The Thai the admin uses: Django's page catalogue, or the admin's script catalogue
    as JavaScriptCatalog builds it (admin:jsi18n)."""
    if domain == "django":
        return DjangoTranslation("th")
    paths = JavaScriptCatalog().get_paths(["django.contrib.admin"])
    return DjangoTranslation("th", domain="djangojs", localedirs=paths)


def test_every_entry_is_translated_with_its_placeholders():
    problems = []
    for domain, entry in ENTRIES:
        source = entry.msgid_plural or entry.msgid
        for text in entry.translations:
            if not text or "fuzzy" in entry.flags:  # ", " is " " in Thai: spaces count
                problems.append(f"{domain} {describe(entry)}: untranslated or fuzzy")
            elif markers(text) != markers(source) or sorted(
                BRACE_PLACEHOLDER.findall(text)
            ) != sorted(BRACE_PLACEHOLDER.findall(source)):
                problems.append(f"{domain} {describe(entry)}: placeholders differ: {text!r}")
    assert not problems, "\n".join(problems)


def test_no_message_is_also_in_the_projects_catalogue():
    """The project's catalogue comes first; the same message here would never be read."""
    project = {(e.msgctxt, e.msgid) for e in parse_po(PO_FILE) if not e.is_header}
    twice = [describe(e) for e in CATALOGUES["django"] if (e.msgctxt, e.msgid) in project]
    assert not twice, "in both catalogues: " + "; ".join(twice)


@pytest.mark.parametrize("domain", list(CATALOGUES))
def test_compiled_catalogue_matches_the_po_file_and_wins(domain):
    """Fails when the .po was edited and `manage.py compilemessages` was not run, or when
    a package's own Thai would be used instead."""
    catalogue = thai(domain)._catalog
    stale = [
        f"{describe(entry)}: {catalogue.get(key(entry))!r}"
        for entry in CATALOGUES[domain]
        if catalogue.get(key(entry)) != entry.msgstr[0]
    ]
    assert not stale, "run `manage.py compilemessages -l th`:\n" + "\n".join(stale)


def shipped_messages(po_file: Path) -> list:
    return [entry for entry in parse_po(po_file) if not entry.is_header]


def source_messages(package: Path) -> list[str]:
    """The messages a package's code marks for translation: _("..."), gettext_lazy("...")."""
    names = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}
    found = []
    for path in package.rglob("*.py"):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in names
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append(node.args[0].value)
    return found


ADMIN_PACKAGES = {
    "django.contrib.admin": DJANGO / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    "django.contrib.auth": DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    "django.contrib.contenttypes": DJANGO / "contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
    "django.contrib.postgres": DJANGO / "contrib/postgres/locale/en/LC_MESSAGES/django.po",
    "taggit": Path(taggit.__file__).parent / "locale/en/LC_MESSAGES/django.po",
}


@pytest.mark.parametrize("package", list(ADMIN_PACKAGES))
def test_every_message_of_the_admins_packages_has_thai(package):
    """Each message Django's admin, auth, contenttypes and postgres and taggit can show
    (their English catalogues list them all) is in Thai."""
    catalogue = thai("django")._catalog
    missing = [
        describe(entry)
        for entry in shipped_messages(ADMIN_PACKAGES[package])
        if not catalogue.get(key(entry))
    ]
    assert not missing, f"{package}: no Thai for " + "; ".join(missing)


def test_every_message_of_axes_has_thai():
    catalogue = thai("django")._catalog
    messages = source_messages(Path(axes.__file__).parent)
    assert "Clean up expired attempts" in messages  # the reader found axes' messages
    # axes wraps an f-string in _() once; the desk replaces that message (admin_accounts).
    missing = [m for m in messages if not catalogue.get(m) and "{count}" not in m]
    assert not missing, "no Thai for " + "; ".join(missing)


def test_every_message_of_the_admins_scripts_has_thai():
    catalogue = thai("djangojs")._catalog
    source = DJANGO / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"
    missing = [describe(e) for e in shipped_messages(source) if not catalogue.get(key(e))]
    assert not missing, "no Thai for " + "; ".join(missing)


def test_every_core_message_but_language_names_has_thai():
    """Django's own messages (form errors, time spans, the CSRF page...); the names of
    the languages Django knows are left out: the desk offers Thai and English only."""
    catalogue = thai("django")._catalog
    languages = {name for _code, name in global_settings.LANGUAGES}
    missing = [
        describe(entry)
        for entry in shipped_messages(DJANGO / "conf/locale/en/LC_MESSAGES/django.po")
        if entry.msgid not in languages and not catalogue.get(key(entry))
    ]
    assert not missing, "no Thai for " + "; ".join(missing)


def test_the_misleading_translations_are_replaced():
    with translation.override("th"):
        assert translation.gettext("None available") == "ยังไม่มี"  # not ไม่ว่าง, "busy"
        assert translation.gettext("Authentication and Authorization") == "ผู้ใช้และกลุ่ม"
        assert translation.gettext("Past 7 days") == "7 วันที่ผ่านมา"  # not "last week"
    selected = thai("djangojs").ngettext("%(sel)s of %(cnt)s selected", "", 1)
    assert selected == "เลือกแล้ว %(sel)s จาก %(cnt)s รายการ"


def test_time_spans_are_thai():
    """Joined by a space as Thai writes them (Django keeps each number with its unit by a
    no-break space)."""
    now = timezone.now()
    with translation.override("th"):
        assert timesince(now - timedelta(days=2, hours=20), now) == "2\xa0วัน 20\xa0ชั่วโมง"
        assert timesince(now - timedelta(minutes=5), now) == "5\xa0นาที"
    with translation.override("en"):
        assert timesince(now - timedelta(days=2, hours=20), now) == "2\xa0days, 20\xa0hours"
