"""No export makes an importer end in a traceback: files that are not an export, or
whose every item is skipped, stop with one line and exit status 1; repeated ids,
missing elements, wrong types and truncated entries are reported one line each and
skipped, and nothing of a skipped item is left in the database."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection

from articles.models import Article, Tag
from comments.models import Comment
from imports.models import ImportedItem, Redirect
from people.models import Person

from . import exports

pytestmark = pytest.mark.django_db

MODELS = (Article, Comment, Person, Tag, Redirect, ImportedItem)
ROOT = Path(__file__).resolve().parents[2]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def refused(run_import, command: str, text: str, *options: str) -> str:
    """The one line an import stops with; the database is left as it was."""
    before = counts()
    with pytest.raises(CommandError) as raised:
        run_import(command, text, *options)
    assert counts() == before
    message = str(raised.value)
    assert "\n" not in message and raised.value.returncode == 1
    return message


def report_lines(err: str) -> list[str]:
    lines = err.splitlines()
    assert all(line.startswith("Skipped ") for line in lines), lines
    return lines


# --- files that are not an export ------------------------------------------------------------


def without_namespace() -> str:
    """A WXR file whose wp: and excerpt: elements lost their prefixes and namespaces."""
    text = exports.wxr().replace(' xmlns:wp="http://wordpress.org/export/1.2/"', "")
    text = text.replace(' xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"', "")
    return text.replace("wp:", "").replace("excerpt:", "")


def test_wordpress_file_without_namespace_is_refused(run_import, tmp_path):
    message = refused(run_import, "import_wordpress", without_namespace())
    assert message.startswith(f"{tmp_path / 'export.xml'}: Not a WordPress export (WXR)")
    assert "no wp: elements" in message


def test_wordpress_file_in_an_unknown_namespace_is_refused(run_import):
    text = exports.wxr(namespace="http://example.org/wxr/")
    message = refused(run_import, "import_wordpress", text)
    assert (
        "none of its namespaces (http://example.org/wxr/, http://example.org/wxr/excerpt/)"
        in message
    )


def test_blogger_backup_given_to_the_wordpress_importer_and_back(run_import):
    message = refused(run_import, "import_wordpress", exports.blogger_2018())
    assert "root element is {http://www.w3.org/2005/Atom}feed, not rss" in message
    message = refused(run_import, "import_blogger", exports.wxr())
    assert message.endswith("Not a Blogger backup: its root element is rss, not an Atom feed.")


def test_file_whose_items_are_all_skipped_imports_nothing(run_import):
    items = exports.wxr_item(1, title="ก", status="") + exports.wxr_item(2, title="ข", status="")
    message = refused(run_import, "import_wordpress", exports.wxr(items=items))
    assert "all 2 posts and pages were skipped (unknown status '': 2)" in message
    assert message.endswith("nothing was imported.")
    # Skipped by choice, not broken: the same.
    items = exports.wxr_item(3, title="ภาพ", post_type="attachment", status="inherit")
    message = refused(run_import, "import_wordpress", exports.wxr(items=items))
    assert "all 1 posts and pages were skipped (WordPress item of type attachment: 1)" in message
    message = refused(run_import, "import_wordpress", exports.wxr(items=""))
    assert message.endswith("the file holds no posts or pages: nothing was imported.")
    message = refused(run_import, "import_blogger", exports.blogger_feed())
    assert message.endswith("the file holds no posts or pages: nothing was imported.")


def test_refused_even_in_a_dry_run(run_import):
    message = refused(run_import, "import_blogger", exports.blogger_feed(), "--dry-run")
    assert "nothing was imported" in message


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not xml at all",
        "<?xml version='1.0'?>",
        "<feed",
        "<?xml version='1.0' encoding='no-such-encoding'?><feed/>",
        "<?xml version='1.0' encoding='utf-32'?><rss/>",
    ],
)
def test_not_xml_is_one_line(run_import, text):
    for command in ("import_blogger", "import_wordpress"):
        for options in ((), ("--recover",)):
            message = refused(run_import, command, text, *options)
            assert "not well-formed XML: nothing was imported" in message


def test_entity_expansion_is_refused(run_import):
    # "Billion laughs": expat's amplification limit stops it, the file is refused.
    entities = '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">' + "".join(
        f'<!ENTITY {b} "&{a};&{a};&{a};&{a};&{a};&{a};&{a};&{a};&{a};&{a};">'
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    text = exports.blogger_2018().replace("<feed", f"<!DOCTYPE feed [{entities}]><feed", 1)
    text = text.replace("<title>น้ำท่วม", "<title>&i;น้ำท่วม", 1)
    message = refused(run_import, "import_blogger", text)
    assert "not well-formed XML" in message and "amplification" in message


# --- items that are broken -------------------------------------------------------------------


def test_wordpress_repeated_post_id_is_reported_and_skipped(run_import):
    first = exports.wxr_item(
        12,
        title="ข่าวแรก",
        comments=exports.wxr_comment(1, body="ความเห็นแรก"),
    )
    again = exports.wxr_item(
        12,
        title="ข่าวซ้ำ",
        comments=exports.wxr_comment(2, body="ความเห็นในข่าวซ้ำ"),
    )
    other = exports.wxr_item(13, title="ข่าวอื่น", comments=exports.wxr_comment(1, body="ซ้ำ"))
    out, err = run_import("import_wordpress", exports.wxr(items=first + again + other))
    assert report_lines(err) == [
        "Skipped post https://wp.example#post-12: its id came before in the file: "
        "the first one was kept",
        "Skipped comment https://wp.example#comment-1: its id came before in the file: "
        "the first one was kept",
    ]
    assert set(Article.objects.values_list("title", flat=True)) == {"ข่าวแรก", "ข่าวอื่น"}
    assert list(Comment.objects.values_list("body", flat=True)) == ["ความเห็นแรก"]
    assert "Posts: created 2, updated 0, unchanged 0, skipped 1" in out
    assert "in an item that came twice: 1" in out
    # Again: the same, nothing doubled, the first still kept.
    out, err = run_import("import_wordpress", exports.wxr(items=first + again + other))
    assert "Posts: created 0, updated 0, unchanged 2, skipped 1" in out
    assert Article.objects.count() == 2


def test_blogger_repeated_entry_id_is_reported_and_skipped(run_import):
    feed = exports.blogger_feed(
        exports.blogger_entry(1, title="ข่าวแรก", body="<p>ก</p>"),
        exports.blogger_entry(1, title="ข่าวซ้ำ", body="<p>ข</p>"),
        exports.blogger_entry(9, kind="COMMENT", body="ความเห็น", parent=1),
        exports.blogger_entry(9, kind="COMMENT", body="ความเห็นซ้ำ", parent=1),
    )
    _out, err = run_import("import_blogger", feed)
    assert len(report_lines(err)) == 2
    assert list(Article.objects.values_list("title", flat=True)) == ["ข่าวแรก"]
    assert list(Comment.objects.values_list("body", flat=True)) == ["ความเห็น"]


def test_wordpress_missing_elements_and_wrong_types(run_import):
    good = exports.wxr_item(
        20,
        title="ข่าวดี",
        comments=exports.wxr_comment(1, body="ดี")
        + exports.wxr_comment("x1", body="รหัสไม่ใช่ตัวเลข")
        + exports.wxr_comment(2, body="พ่อแม่ผิด", parent="abc")
        + exports.wxr_comment(3, body="วันผิด").replace("2022-09-12 12:00:00", "12/09/2022"),
    )
    items = (
        good
        + exports.wxr_item("abc", title="รหัสผิด")
        + exports.wxr_item("", title="ไม่มีรหัส")
        + exports.wxr_item(21, title="วันที่ผิด", date_gmt="2022-13-45 99:00:00")
        + exports.wxr_item(22, title="ปีเกินจริง", date_gmt="9999-12-31 23:59:59")
        + exports.wxr_item(23, title="ไม่มีสถานะ").replace("<wp:status>publish</wp:status>", "")
        + exports.wxr_item(24, title="", body="")
        + exports.wxr_item(25, title="ยาวเกิน", categories=(("post_tag", "ป" * 300),))
    )
    out, err = run_import("import_wordpress", exports.wxr(items=items))
    lines = report_lines(err)
    assert "Skipped post https://wp.example#post-abc: post id 'abc' is not a number" in lines
    assert "Skipped post “ไม่มีรหัส”: an item without a post id" in lines
    assert "Skipped post https://wp.example#post-21: '2022-13-45 99:00:00' is not a time" in lines
    assert (
        "Skipped post https://wp.example#post-22: '9999-12-31 23:59:59' is not a likely time"
        in lines
    )
    assert "Skipped post https://wp.example#post-23: unknown status ''" in lines
    assert "Skipped post https://wp.example#post-24: no title and no text" in lines
    assert "Skipped comment https://wp.example#comment-x1: comment id 'x1' is not a number" in lines
    assert (
        "Skipped comment https://wp.example#comment-2: comment parent 'abc' is not a number"
        in lines
    )
    assert "Skipped comment https://wp.example#comment-3: '12/09/2022' is not a time" in lines
    assert len(lines) == 9
    assert set(Article.objects.values_list("title", flat=True)) == {"ข่าวดี", "ยาวเกิน"}
    # A tag name longer than the database takes is cut, not a failure.
    assert list(Tag.objects.values_list("name", flat=True)) == ["ป" * 100]
    assert list(Comment.objects.values_list("body", flat=True)) == ["ดี"]
    assert ImportedItem.objects.filter(kind="post").count() == 2
    assert "Posts: created 2, updated 0, unchanged 0, skipped 6" in out


def test_blogger_missing_elements_and_wrong_types(run_import):
    feed = exports.blogger_feed(
        exports.blogger_entry(1, title="ข่าวดี", body="<p>ดี</p>"),
        exports.blogger_entry(2, title="ไม่มีรหัส", body="<p>x</p>").replace(
            f"<id>{exports.BLOG}.post-2</id>", ""
        ),
        exports.blogger_entry(3, title="ไม่มีเวลา", body="<p>x</p>").replace(
            "<published>2022-09-12T15:30:00.000+07:00</published>", ""
        ),
        exports.blogger_entry(4, status="GONE", title="สถานะแปลก", body="<p>x</p>"),
        exports.blogger_entry(5, title="ปีศูนย์", body="<p>x</p>", published="0000-01-01T00:00:00Z"),
        exports.blogger_entry(6, kind="COMMENT", body="ไม่มีข่าว"),
        exports.blogger_entry(7, kind="COMMENT", body="ความเห็นดี", parent=1),
        exports.blogger_entry(8, kind="COMMENT", body="ข่าวหาย", parent=3),
    )
    out, err = run_import("import_blogger", feed)
    lines = report_lines(err)
    assert "Skipped post “ไม่มีรหัส”: an entry without an id" in lines
    assert f"Skipped post {exports.BLOG}.post-3: a published post without a publish time" in lines
    assert f"Skipped post {exports.BLOG}.post-4: unknown status 'GONE'" in lines
    assert f"Skipped post {exports.BLOG}.post-5: '0000-01-01T00:00:00Z' is not a time" in lines
    assert f"Skipped comment {exports.BLOG}.post-6: a comment that names no post" in lines
    assert len(lines) == 5
    assert list(Article.objects.values_list("title", flat=True)) == ["ข่าวดี"]
    assert list(Comment.objects.values_list("body", flat=True)) == ["ความเห็นดี"]
    assert "its post was not imported: 1" in out


def test_truncated_entry_refuses_the_file_with_its_line(run_import, tmp_path):
    text = exports.blogger_2018()
    cut = text[: text.index("<blogger:type>COMMENT")]
    message = refused(run_import, "import_blogger", cut)
    assert message.startswith(f"{tmp_path / 'export.xml'}:1:")
    assert "no element found" in message and "--recover" in message
    wxr = exports.wxr()
    message = refused(run_import, "import_wordpress", wxr[: wxr.index("<wp:post_id>16")])
    assert "not well-formed XML" in message


def test_item_the_database_refuses_is_skipped_alone(run_import):
    """Whatever gets past the readers' checks: the batch is written again item by item,
    and only the item the database refuses is left out, whole."""
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE articles_article ADD CONSTRAINT test_refused CHECK (title <> 'ปฏิเสธ')"
        )
        cursor.execute(
            "ALTER TABLE comments_comment ADD CONSTRAINT test_refused CHECK (body <> 'ไม่รับ')"
        )
    items = (
        exports.wxr_item(1, title="ข่าวหนึ่ง", categories=(("post_tag", "ป้ายหนึ่ง"),))
        + exports.wxr_item(
            2,
            title="ปฏิเสธ",
            link="https://wp.example/refused/",
            categories=(("post_tag", "ป้ายสอง"),),
            comments=exports.wxr_comment(1, body="ความเห็นของข่าวที่ถูกปฏิเสธ"),
        )
        + exports.wxr_item(
            3,
            title="ข่าวสาม",
            comments=exports.wxr_comment(2, body="รับ") + exports.wxr_comment(3, body="ไม่รับ"),
        )
    )
    out, err = run_import("import_wordpress", exports.wxr(items=items))
    lines = report_lines(err)
    assert len(lines) == 2
    assert lines[0].startswith(
        "Skipped post https://wp.example#post-2: refused by the database: new row for "
        'relation "articles_article" violates check constraint "test_refused"'
    )
    assert lines[1].startswith("Skipped comment https://wp.example#comment-3: refused by")
    assert set(Article.objects.values_list("title", flat=True)) == {"ข่าวหนึ่ง", "ข่าวสาม"}
    assert list(Comment.objects.values_list("body", flat=True)) == ["รับ"]
    # Nothing of the refused post: no record, no redirect, no tag of its own.
    assert not ImportedItem.objects.filter(source_id="https://wp.example#post-2").exists()
    assert not Redirect.objects.filter(old_path__in=["/refused/", "/?p=2"]).exists()
    assert not Tag.objects.filter(name="ป้ายสอง").exists()
    assert "Posts: created 2, updated 0, unchanged 0, skipped 1" in out
    assert "Comments: created 1, updated 0, unchanged 0, skipped 2" in out


# --- the command line itself -----------------------------------------------------------------


@pytest.fixture
def manage(django_db_setup, tmp_path):
    """manage.py run in a child process on the test database: its exit status and its
    output as a user sees them."""
    db = settings.DATABASES["default"]
    url = (
        f"postgres://{quote(db['USER'] or '', safe='')}:{quote(db['PASSWORD'] or '', safe='')}"
        f"@{quote(db['HOST'] or '', safe='')}:{db['PORT'] or ''}/{db['NAME']}"
    )
    env = {**os.environ, "DATABASE_URL": url}

    def run(*args: str, text: str) -> subprocess.CompletedProcess:
        path = exports.write(tmp_path, text)
        return subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args[:1], str(path), *args[1:]],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )

    return run


def test_command_line_exit_status_and_one_line(manage, tmp_path):
    """As a user runs it (in the site's language, Thai): status 1 and one line."""
    path = tmp_path / "export.xml"
    refused_file = manage("import_wordpress", text=without_namespace())
    assert refused_file.returncode == 1
    assert refused_file.stderr.splitlines() == [
        f"CommandError: {path}: ไม่ใช่ไฟล์ส่งออกของ WordPress (WXR): channel ไม่มีองค์ประกอบ wp: "
        "ในเนมสเปซของ WordPress (http://wordpress.org/export/1.2/ หรือรุ่นอื่น)"
    ]

    text = exports.blogger_2018()
    truncated = manage("import_blogger", text=text[: len(text) // 2])
    assert truncated.returncode == 1
    [line] = truncated.stderr.splitlines()
    assert line.startswith(f"CommandError: {path}:1:") and "Traceback" not in line

    fine = manage("import_blogger", "--dry-run", text=exports.blogger_2018())
    assert fine.returncode == 0, fine.stderr
    assert fine.stderr == ""


def test_picture_address_no_file_can_have_is_left_as_it_is(run_import, tmp_path):
    folder = tmp_path / "images"
    folder.mkdir()
    long_src = "https://img.example/" + "ก" * 3000 + ".jpg"
    body = f'<p>ภาพ</p><p><img src="{long_src}" alt="ยาว"></p>'
    out, err = run_import(
        "import_wordpress",
        exports.wxr(items=exports.wxr_item(40, title="ภาพยาว", body=body)),
        "--media-dir",
        str(folder),
    )
    assert err == "" and "not in the media folder: 1" in out
    assert long_src in Article.objects.get(title="ภาพยาว").body
