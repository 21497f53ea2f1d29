"""The import commands as a whole: re-runs, dry runs, broken files and items, search,
the image folder."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from articles.models import Article, Image, Tag
from comments.models import Comment
from imports.models import ImportedItem, Redirect
from people.models import Person
from search import engine
from tests.factories import jpeg_bytes, make_organisation

from . import exports

pytestmark = pytest.mark.django_db

MODELS = (Article, Comment, Person, Tag, Redirect, ImportedItem, Image)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_import_twice_same_counts_and_edited_item_updated(run_import):
    feed = exports.blogger_2018()  # once: its scheduled post is dated from now
    run_import("import_blogger", feed)
    before = counts()
    out, _err = run_import("import_blogger", feed)
    assert counts() == before
    assert "Posts: created 0, updated 0, unchanged 3" in out

    edited = feed.replace("ระดับน้ำสูง", "ระดับน้ำสูงถึงเอว")
    edited = edited.replace("น้ำท่วมถึงเข่าแล้วครับ", "น้ำท่วมถึงเอวแล้วครับ")
    out, _err = run_import("import_blogger", edited)
    assert counts() == before
    assert "Posts: created 0, updated 1, unchanged 2" in out
    assert "Comments: created 0, updated 1, unchanged 1" in out
    assert "ระดับน้ำสูงถึงเอว" in Article.objects.get(title="น้ำท่วมถนนสุขุมวิท").body
    assert Comment.objects.filter(body="น้ำท่วมถึงเอวแล้วครับ").exists()


def test_redirect_edited_by_an_editor_survives_a_re_import(run_import):
    run_import("import_blogger", exports.blogger_2018())
    Redirect.objects.filter(old_path="/p/about.html").update(article=None, target_url="/x/")
    run_import("import_blogger", exports.blogger_2018())
    assert Redirect.objects.get(old_path="/p/about.html").target_url == "/x/"


def test_dry_run_writes_nothing(run_import):
    out, _err = run_import("import_blogger", exports.blogger_2018(), "--dry-run")
    assert "Posts: created 3" in out
    assert "Dry run: nothing was written." in out
    assert all(n == 0 for n in counts().values())


def test_malformed_xml_stops_with_line_and_leaves_database_as_it_was(run_import, tmp_path):
    run_import("import_blogger", exports.blogger_legacy())
    before = counts()
    # Good posts first, the break near the end: the posts read before it are rolled back.
    broken = exports.blogger_2018().replace("</feed>", "<entry><id>x</id></feed>")
    with pytest.raises(CommandError) as raised:
        run_import("import_blogger", broken, name="broken.xml")
    message = str(raised.value)
    assert message.startswith(f"{tmp_path / 'broken.xml'}:1:")
    assert "mismatched tag" in message and "nothing was imported" in message
    assert "\n" not in message
    assert counts() == before


def test_missing_file_is_one_line_error():
    with pytest.raises(CommandError, match=r"^ไม่พบไฟล์: /nonexistent/export\.xml$"):
        call_command("import_blogger", "/nonexistent/export.xml")  # the site's language
    with translation.override("en"), pytest.raises(CommandError, match=r"^No such file"):
        call_command("import_blogger", "/nonexistent/export.xml")


def test_one_bad_item_is_reported_and_skipped(run_import):
    bad = exports.blogger_entry(7, title="วันที่เสีย", body="<p>x</p>", published="เมื่อวาน")
    feed = exports.blogger_2018().replace("</feed>", bad + "</feed>")
    out, err = run_import("import_blogger", feed)
    assert f"{exports.BLOG}.post-7" in err
    assert not Article.objects.filter(title="วันที่เสีย").exists()
    assert Article.objects.filter(title="น้ำท่วมถนนสุขุมวิท").exists()
    assert "Posts: created 3, updated 0, unchanged 0, skipped 2" in out


def test_imported_story_is_searchable_and_linkable(run_import):
    run_import("import_blogger", exports.blogger_2018())
    story = Article.objects.get(title="น้ำท่วมถนนสุขุมวิท")
    assert story.pk in set(engine.matching_article_ids("สุขุมวิท"))
    organisation = make_organisation(name="กรุงเทพมหานคร")
    story.organisations.add(organisation)
    assert list(organisation.mentioned_in.all()) == [story]


def test_media_dir_imports_images_and_rewrites_bodies(run_import, tmp_path):
    folder = tmp_path / "images"
    (folder / "img/b/x/s1600").mkdir(parents=True)
    (folder / "img/b/x/s1600/flood.jpg").write_bytes(jpeg_bytes())
    out, _err = run_import("import_blogger", exports.blogger_2018(), "--media-dir", str(folder))
    story = Article.objects.get(title="น้ำท่วมถนนสุขุมวิท")
    image = Image.objects.get()
    assert image.alt_text == "ถนนน้ำท่วม"
    assert story.lead_image == image
    assert f'src="{image.file.url}"' in story.body
    assert "googleusercontent" not in story.body
    assert "Images imported: 1" in out
    # Again: the same image is found in the library, not stored twice.
    out, _err = run_import("import_blogger", exports.blogger_2018(), "--media-dir", str(folder))
    assert Image.objects.count() == 1
    assert "already in the library: 1" in out


def test_media_dir_missing_image_keeps_original_address(run_import, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    out, _err = run_import("import_blogger", exports.blogger_2018(), "--media-dir", str(folder))
    assert "googleusercontent" in Article.objects.get(title="น้ำท่วมถนนสุขุมวิท").body
    assert "not in the media folder: 1" in out
    assert not Image.objects.exists()
