"""The old site's listings answer 301 with what they became: WordPress's category,
tag, author and date archives and feeds, Blogger's label feeds, date archives and
search pages. Date archives go to the search page limited to their dates (the site
has no date listing). Hostile values in these paths are a 404 or 400, never a 5xx."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from articles.models import Article, Section, Tag
from imports.models import Redirect
from people.models import Person

from . import exports

pytestmark = pytest.mark.django_db


@pytest.fixture
def wordpress(run_import):
    channel = exports.wxr_category("news", "ข่าว") + exports.wxr_category(
        "politics", "การเมือง", parent="news"
    )
    items = (
        exports.wxr_item(
            12,
            title="สภาถกงบประมาณ",
            categories=(("category", "การเมือง", "politics"), ("post_tag", "ฝุ่น", "pm25")),
        )
        + exports.wxr_item(
            13,
            title="ป่าชายเลนฟื้นตัว",
            date="2021-03-01 00:30:00",  # the old site's own day: 28 February in GMT
            date_gmt="2021-02-28 17:30:00",
            categories=(("category", "สิ่งแวดล้อม"),),
        )
        + exports.wxr_item(
            14, title="ข่าวล่วงหน้า", status="future", date="2099-01-01 07:00:00", date_gmt=""
        ).replace("<wp:post_date_gmt></wp:post_date_gmt>", "")
        + exports.wxr_item(
            15, title="เกี่ยวกับเรา", post_type="page", link="https://wp.example/about/"
        )
    )
    run_import(
        "import_wordpress", exports.wxr(items=items, channel=channel), "--section", "การเมือง"
    )
    return {
        "section": Section.objects.get(name="การเมือง"),
        "tag": Tag.objects.get(name="ฝุ่น"),
        "thai_tag": Tag.objects.get(name="สิ่งแวดล้อม"),
        "person": Person.objects.get(name="สมชาย ใจดี"),
    }


def search(first: str, last: str) -> str:
    return f"/search/?from={first}&to={last}"


def location(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 301, (path, response.status_code)
    return response["Location"]


def test_wordpress_category_tag_and_author_listings(client, wordpress):
    section, tag = wordpress["section"], wordpress["tag"]
    person = wordpress["person"]
    assert location(client, "/category/news/politics/") == section.get_absolute_url()
    assert location(client, "/category/politics/") == section.get_absolute_url()
    assert location(client, "/category/politics") == section.get_absolute_url()
    thai = "/category/" + exports.nicename("สิ่งแวดล้อม") + "/"  # as WordPress links it
    assert location(client, thai) == wordpress["thai_tag"].get_absolute_url()
    assert location(client, "/tag/pm25/") == tag.get_absolute_url()
    assert location(client, "/author/somchai/") == person.get_absolute_url()
    # And they land on the page that lists the story.
    followed = client.get("/category/news/politics/", follow=True)
    assert followed.status_code == 200 and "สภาถกงบประมาณ" in followed.content.decode()
    followed = client.get("/author/somchai/", follow=True)
    assert followed.status_code == 200 and "สมชาย ใจดี" in followed.content.decode()


def test_wordpress_feeds(client, wordpress):
    section, tag = wordpress["section"], wordpress["tag"]
    assert location(client, "/feed/") == reverse("articles:feed-latest")
    assert location(client, "/feed/atom/") == reverse("articles:feed-latest-atom")
    assert location(client, "/category/news/politics/feed/") == reverse(
        "articles:feed-section", kwargs={"slug": section.slug}
    )
    assert location(client, "/tag/pm25/feed/") == reverse(
        "articles:feed-tag", kwargs={"slug": tag.slug}
    )
    assert location(client, "/author/somchai/feed/") == reverse(
        "people:feed-person", kwargs={"pk": wordpress["person"].pk}
    )
    feed = client.get("/category/politics/feed/", follow=True)
    assert feed.status_code == 200 and "สภาถกงบประมาณ" in feed.content.decode()


def test_wordpress_date_archives_go_to_the_search_by_dates(client, wordpress):
    assert location(client, "/2022/") == search("2022-01-01", "2022-12-31")
    assert location(client, "/2022/09/") == search("2022-09-01", "2022-09-30")
    assert location(client, "/2022/09/12/") == search("2022-09-12", "2022-09-12")
    # The old site's own day (post_date), not the GMT one.
    assert location(client, "/2021/03/01/") == search("2021-03-01", "2021-03-01")
    assert client.get("/2021/02/").status_code == 404
    assert client.get("/2021/02/28/").status_code == 404
    # Only archives that existed: none for a month without posts, nor for a scheduled one.
    assert client.get("/2022/08/").status_code == 404
    assert client.get("/2099/").status_code == 404
    page = client.get("/2022/09/", follow=True)
    assert page.status_code == 200
    assert 'value="2022-09-01"' in page.content.decode()


def test_archive_redirects_not_doubled_and_editable(client, run_import, wordpress):
    before = Redirect.objects.count()
    redirect = Redirect.objects.get(old_path="/2022/09/")
    redirect.target_url = "/section/x/"
    redirect.save()
    items = exports.wxr_item(
        12,
        title="สภาถกงบประมาณ",
        categories=(("category", "การเมือง", "politics"), ("post_tag", "ฝุ่น", "pm25")),
    )
    run_import("import_wordpress", exports.wxr(items=items), "--section", "การเมือง")
    assert Redirect.objects.count() == before
    assert location(client, "/2022/09/") == "/section/x/"


@pytest.fixture
def blogger(run_import):
    run_import("import_blogger", exports.blogger_2018(), "--section", "ข่าวกทม.=ข่าวกรุงเทพฯ")
    return Article.objects.get(title="น้ำท่วมถนนสุขุมวิท")


def test_blogger_archives_labels_and_feeds(client, blogger):
    section = Section.objects.get(name="ข่าวกรุงเทพฯ")
    tag = Tag.objects.get(name="น้ำท่วม")
    assert location(client, "/2022/") == search("2022-01-01", "2022-12-31")
    assert location(client, "/2022/09/") == search("2022-09-01", "2022-09-30")
    assert client.get("/2022/09/12/").status_code == 404  # Blogger has no day archive
    assert location(client, "/search/label/ข่าวกทม.") == section.get_absolute_url()
    assert location(client, "/search/label/น้ำท่วม") == tag.get_absolute_url()
    assert location(client, "/feeds/posts/default/-/น้ำท่วม") == reverse(
        "articles:feed-tag", kwargs={"slug": tag.slug}
    )
    assert location(client, "/feeds/posts/default/-/ข่าวกทม.?alt=rss") == reverse(
        "articles:feed-section", kwargs={"slug": section.slug}
    )


def test_blogger_search_pages_keep_their_words_and_dates(client, blogger):
    older = "/search?updated-max=2022-09-12T15:30:00%2B07:00&max-results=7"
    assert location(client, older) == "/search/?to=2022-09-12"
    assert location(client, "/search?updated-min=2022-01-01T00:00:00Z&by-date=false") == (
        "/search/?from=2022-01-01"
    )
    words = "/search?q=" + quote("น้ำท่วม")
    assert location(client, words) == "/search/?q=" + quote("น้ำท่วม")
    # Nonsense in the dates is dropped; the search page still answers.
    assert location(client, "/search?updated-max=yesterday") == "/search/"
    assert location(client, "/search?updated-max=2022-02-30T00:00:00Z") == "/search/"
    found = client.get(words, follow=True)
    # The story is among the results (its title comes with the searched words marked).
    assert found.status_code == 200 and blogger.get_absolute_url() in found.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/2019/13/",
        "/99999/",
        "/0000/00/",
        "/2022/09/99/",
        "/2022/9/",
        "/category/",
        "/category/../feed/",
        "/category/%2e%2e/feed/",
        "/tag/%ff%fe/",
        "/author/%00/",
        "/author/" + "x" * 3000 + "/",
        "/search?updated-max=" + "9" * 5000,
        "/search?updated-max=%ED%A0%80",  # a lone surrogate, percent-escaped
        "/search?q=%00",
        "/feeds/posts/default/-/%C0%AF",  # overlong UTF-8
    ],
)
def test_hostile_archive_paths_never_fail(client, wordpress, blogger, path):
    response = client.get(path)
    assert response.status_code < 500
    if response.status_code == 301:
        assert response["Location"].startswith("/search/")
    else:
        assert response.status_code in (400, 404)
