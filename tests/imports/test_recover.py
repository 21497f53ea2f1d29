"""``--recover``: a file that is not well-formed XML is read as far as it can be; the
lines it could not read are listed on stderr, the rest is imported. Without the flag
such a file is refused, as before."""

import pytest
from django.core.management.base import CommandError

from articles.models import Article
from comments.models import Comment

from . import exports

pytestmark = pytest.mark.django_db

APP = "xmlns:app='http://purl.org/atom/app#'"


def pretty(text: str, tag: str) -> str:
    """One entry a line or more, as a pretty-printed file has them."""
    return text.replace(f"<{tag}>", f"\n<{tag}>").replace(f"</{tag}>", f"</{tag}>\n")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def legacy_without_app_declaration() -> str:
    """The issue's file: re-saved by a tool that dropped the app: declaration."""
    text = pretty(exports.blogger_legacy(), "entry")
    assert APP in text
    return text.replace(" " + APP, "")


def test_undeclared_prefix_refused_without_the_flag(run_import, tmp_path):
    text = legacy_without_app_declaration()
    with pytest.raises(CommandError) as raised:
        run_import("import_blogger", text)
    line = line_of(text, "<app:control")
    assert str(raised.value).startswith(f"{tmp_path / 'export.xml'}:{line}:")
    assert "unbound prefix" in str(raised.value) and "--recover" in str(raised.value)
    assert not Article.objects.exists()


def test_undeclared_prefix_declared_and_broken_entry_listed(run_import, tmp_path):
    broken = (
        "<entry><id>tag:blogger.com,1999:blog-42.post-8</id>\n"
        "<category scheme='http://schemas.google.com/g/2005#kind' "
        "term='http://schemas.google.com/blogger/2008/kind#post'/>\n"
        "<title>ข่าวเสีย</title><content type='html'>ก</contnet>\n</entry>"
    )
    text = legacy_without_app_declaration().replace("</feed>", broken + "\n</feed>")
    out, err = run_import("import_blogger", text, "--recover")
    first, bad = (
        line_of(text, "<entry><id>tag:blogger.com,1999:blog-42.post-8"),
        line_of(text, "</contnet>"),
    )
    assert err.splitlines() == [
        f"{tmp_path / 'export.xml'}:{first}-{first + 3}: could not be read, left out "
        f"(mismatched tag at line {bad})"
    ]
    # The draft's app:draft is read with the declaration added: a draft, not published.
    assert Article.objects.get(title="ร่างข่าว").status == Article.Status.DRAFT
    assert Article.objects.get(title="ผู้ว่าฯ ประชุมเรื่องน้ำท่วม").status == "published"
    assert not Article.objects.filter(title="ข่าวเสีย").exists()
    assert Comment.objects.count() == 2
    assert "Parts of the file that could not be read (left out): 1" in out
    assert "Posts: created 2" in out


def test_wordpress_broken_item_left_out_and_the_rest_imported(run_import, tmp_path):
    items = (
        exports.wxr_item(1, title="ข่าวหนึ่ง", comments=exports.wxr_comment(1, body="ดี"))
        + exports.wxr_item(2, title="ข่าว & เรื่อง")  # a bare ampersand
        + exports.wxr_item(3, title="ข่าวสาม")
    )
    text = pretty(exports.wxr(items=items), "item").replace("&amp;", "&")
    out, err = run_import("import_wordpress", text, "--recover")
    line = line_of(text, "ข่าว & เรื่อง")
    assert err.splitlines() == [
        f"{tmp_path / 'export.xml'}:{line}: could not be read, left out "
        f"(not well-formed (invalid token) at line {line})"
    ]
    assert set(Article.objects.values_list("title", flat=True)) == {"ข่าวหนึ่ง", "ข่าวสาม"}
    # The channel before the items was read: the author's display name, the site address.
    story = Article.objects.get(title="ข่าวหนึ่ง")
    assert [str(b.person) for b in story.bylines.all()] == ["นายสมชาย ใจดี"]
    assert Comment.objects.get().body == "ดี"
    assert "Posts: created 2, updated 0, unchanged 0, skipped 0" in out


def test_wordpress_lost_wp_declaration(run_import):
    text = exports.wxr().replace(' xmlns:wp="http://wordpress.org/export/1.2/"', "")
    with pytest.raises(CommandError, match="unbound prefix"):
        run_import("import_wordpress", text)
    _out, err = run_import("import_wordpress", text, "--recover")
    assert err == ""
    assert Article.objects.filter(title="ฝุ่น PM2.5 เกินมาตรฐาน", status="published").exists()


def test_truncated_file_imports_the_complete_entries(run_import, tmp_path):
    text = pretty(exports.blogger_2018(), "entry")
    cut = text[: text.rindex("ลบแล้ว")]  # in the last comment
    out, err = run_import("import_blogger", cut, "--recover")
    first = line_of(cut, f"<entry><id>{exports.BLOG}.post-13<")
    assert err.splitlines() == [
        f"{tmp_path / 'export.xml'}:{first}: could not be read, left out (an entry with no end)"
    ]
    assert "Posts: created 3, updated 0, unchanged 0, skipped 1" in out
    assert Comment.objects.count() == 2


def test_entry_cut_short_by_the_next_one(run_import, tmp_path):
    text = pretty(exports.blogger_2018(), "entry")
    cut_from = text.index("<content", text.index(f"{exports.BLOG}.post-3<"))
    text = text[:cut_from] + text[text.index("\n<entry>", cut_from) :]  # no end, no content
    _out, err = run_import("import_blogger", text, "--recover")
    first = line_of(text, f"<entry><id>{exports.BLOG}.post-3<")
    assert err.splitlines() == [
        f"{tmp_path / 'export.xml'}:{first}: could not be read, left out (an entry with no end)"
    ]
    assert not Article.objects.filter(title="ข่าวล่วงหน้า").exists()
    assert Article.objects.filter(title="น้ำท่วมถนนสุขุมวิท").exists()


def summary(out: str) -> list[str]:
    """The output without its progress bars (which follow the bytes read)."""
    return [line for line in out.splitlines() if not line.startswith("[")]


def test_well_formed_file_reads_the_same_with_the_flag(run_import):
    feed = exports.blogger_2018()
    plain, _err = run_import("import_blogger", feed, "--dry-run")
    recovered, err = run_import("import_blogger", feed, "--dry-run", "--recover")
    assert err == ""
    assert summary(recovered) == summary(plain)
    assert "Posts: created 3, updated 0, unchanged 0, skipped 1" in recovered
    wxr = exports.wxr("1.1")
    plain, _err = run_import("import_wordpress", wxr, "--dry-run")
    recovered, _err = run_import("import_wordpress", wxr, "--dry-run", "--recover")
    assert summary(recovered) == summary(plain)


def test_entities_stay_unexpanded_and_external_ones_unread(run_import, tmp_path):
    """The pieces are parsed without the file's DOCTYPE: an entity it defines (an
    external file here) is not read, and the entry using it is left out and listed."""
    secret = tmp_path / "secret.txt"
    secret.write_text("ความลับ", encoding="utf-8")
    doctype = f'<!DOCTYPE feed [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
    text = pretty(exports.blogger_2018(), "entry").replace("<feed", doctype + "<feed", 1)
    text = text.replace("<title>น้ำท่วมถนนสุขุมวิท", "<title>&leak;น้ำท่วมถนนสุขุมวิท")
    with pytest.raises(CommandError, match="undefined entity"):
        run_import("import_blogger", text)
    _out, err = run_import("import_blogger", text, "--recover")
    assert "undefined entity" in err and len(err.splitlines()) == 1
    assert not Article.objects.filter(title__contains="ความลับ").exists()
    assert Article.objects.filter(title="ร่าง: สะพานใหม่").exists()


def test_nothing_readable_is_one_line(run_import):
    with pytest.raises(CommandError, match="no element found"):
        run_import("import_blogger", "just some text", "--recover")
    with pytest.raises(CommandError, match="the file holds no posts or pages"):
        run_import(
            "import_blogger", "<feed xmlns='http://www.w3.org/2005/Atom'><entry>", "--recover"
        )
