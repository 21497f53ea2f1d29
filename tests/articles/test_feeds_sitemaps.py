"""RSS/Atom feeds, sitemaps, the Google News sitemap and robots.txt."""

import html
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import feeds, sitemaps
from articles.models import Article
from tests.factories import make_article, make_person, make_section

pytestmark = pytest.mark.django_db

DC = "{http://purl.org/dc/elements/1.1/}"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"

# Queries a feed may make, whatever its number of items: the stories, their bylines
# (with person) and their tags; plus the section, tag or person it follows.
LATEST_FEED_QUERIES = 3
OBJECT_FEED_QUERIES = 4
# A person's also counts the stories they are linked to (which plan reads their list:
# ArticleQuerySet.by_or_naming), kept with the list on a site with the page cache on.
PERSON_FEED_QUERIES = OBJECT_FEED_QUERIES + 1


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Count the feed's own queries, not the page cache's (tested separately)."""
    settings.PAGE_CACHE_SECONDS = 0


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 the site's own output, parsed in a test


def hours_ago(hours: float) -> datetime:
    return timezone.now() - timedelta(hours=hours)


def rss_items(response) -> tuple[ET.Element, list[ET.Element]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel = parse_xml(response.content).find("channel")
    return channel, channel.findall("item")


def titles(items: list[ET.Element]) -> list[str]:
    return [item.findtext("title") for item in items]


def hidden_stories(section=None) -> None:
    """A draft and a story scheduled for tomorrow: never in a feed or a sitemap."""
    section = section or make_section()
    make_article(title="ร่างข่าว", status=Article.Status.DRAFT, section=section)
    make_article(title="ข่าวตั้งเวลา", published_at=hours_ago(-24), section=section)


def url_locations(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return [url.findtext(f"{SITEMAP}loc") for url in parse_xml(response.content)]


# Feeds


def test_latest_feed_lists_public_stories_newest_first(client, settings):
    settings.SITE_NAME = "ข่าวทดสอบออนไลน์"
    make_article(title="เก่าสุด", published_at=hours_ago(3))
    make_article(title="ใหม่สุด", published_at=hours_ago(1))
    make_article(title="กลาง", published_at=hours_ago(2))
    hidden_stories()

    channel, items = rss_items(client.get(reverse("articles:feed-latest")))

    assert titles(items) == ["ใหม่สุด", "กลาง", "เก่าสุด"]
    assert "ข่าวทดสอบออนไลน์" in channel.findtext("title")
    assert channel.findtext("language") == "th"
    assert channel.findtext("link") == "http://testserver/"
    assert channel.find(f"{ATOM}link").get("href") == "http://testserver/feeds/latest/"


def test_feed_holds_the_newest_stories_only(client, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_SIZE", 2)
    for hours in (1, 2, 3):
        make_article(title=f"ข่าว {hours}", published_at=hours_ago(hours))

    _, items = rss_items(client.get(reverse("articles:feed-latest")))

    assert titles(items) == ["ข่าว 1", "ข่าว 2"]


def test_pubdate_is_rfc_2822_in_bangkok_time_and_exact(client):
    # 17:30 UTC on Sunday the 11th is half past midnight on Monday the 12th in Bangkok.
    published = datetime(2022, 9, 11, 17, 30, 15, tzinfo=UTC)
    make_article(published_at=published)

    _, [item] = rss_items(client.get(reverse("articles:feed-latest")))

    pub_date = item.findtext("pubDate")
    assert pub_date == "Mon, 12 Sep 2022 00:30:15 +0700"
    assert parsedate_to_datetime(pub_date) == published


def test_thai_text_and_markup_characters_round_trip(client):
    title = 'ผู้ว่าฯ กทม. & "ครม." <ด่วน> น้ำท่วม ๒๕๖๕'
    standfirst = "ราคาน้ำมัน < 30 บาท & ผู้ใช้รถ 'ยิ้ม'"
    make_article(title=title, standfirst=standfirst)

    response = client.get(reverse("articles:feed-latest"))
    _, [item] = rss_items(response)

    assert item.findtext("title") == title
    # The description is HTML: the plain-text standfirst arrives escaped, and a reader
    # shows exactly what was typed.
    assert html.unescape(item.findtext("description")) == standfirst
    assert item.findtext("description") == html.escape(standfirst)
    assert "ผู้ว่าฯ กทม. &amp; " in response.content.decode()


def test_item_link_guid_authors_and_categories(client):
    writers = [make_person(title="นาย", name="สมชาย ใจดี"), make_person(title="ดร.", name="ก้อง ฟ้า")]
    article = make_article(bylines=writers)
    article.tags.add("การเมือง", "กทม.")

    _, [item] = rss_items(client.get(reverse("articles:feed-latest")))

    url = f"http://testserver{article.get_absolute_url()}"
    assert item.findtext("link") == url
    assert item.findtext("guid") == url
    assert item.find("guid").get("isPermaLink") == "true"
    assert item.findtext(f"{DC}creator") == "นายสมชาย ใจดี, ดร. ก้อง ฟ้า"
    assert sorted(category.text for category in item.findall("category")) == ["กทม.", "การเมือง"]


def test_item_without_byline_has_no_author(client):
    make_article()

    _, [item] = rss_items(client.get(reverse("articles:feed-latest")))

    assert item.find(f"{DC}creator") is None


def test_atom_feed_of_the_latest_stories(client):
    article = make_article(title="ข่าว & <อะตอม>", standfirst="สรุป < ข่าว")

    response = client.get(reverse("articles:feed-latest-atom"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = parse_xml(response.content)
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "ข่าว & <อะตอม>"
    assert entry.find(f"{ATOM}link").get("href").endswith(article.get_absolute_url())
    assert entry.findtext(f"{ATOM}published").endswith("+07:00")


def test_section_feed_has_only_that_sections_stories(client, settings):
    section, other = make_section(name="การเมือง"), make_section(name="กีฬา")
    make_article(title="ข่าวการเมือง", section=section)
    make_article(title="ข่าวกีฬา", section=other)
    hidden_stories(section)

    url = reverse("articles:feed-section", kwargs={"slug": section.slug})
    channel, items = rss_items(client.get(url))

    assert titles(items) == ["ข่าวการเมือง"]
    assert settings.SITE_NAME in channel.findtext("title")
    assert "การเมือง" in channel.findtext("title")
    assert channel.findtext("link") == f"http://testserver{section.get_absolute_url()}"


def test_tag_feed_has_only_stories_with_that_tag(client):
    tagged = make_article(title="มีแท็ก")
    tagged.tags.add("น้ำท่วม")
    make_article(title="ไม่มีแท็ก").tags.add("ภัยแล้ง")
    draft = make_article(title="ร่าง", status=Article.Status.DRAFT)
    draft.tags.add("น้ำท่วม")
    tag = tagged.tags.get()

    channel, items = rss_items(client.get(reverse("articles:feed-tag", kwargs={"slug": tag.slug})))

    assert titles(items) == ["มีแท็ก"]
    assert "น้ำท่วม" in channel.findtext("title")


def test_person_feed_has_stories_they_wrote_or_that_name_them(client):
    person, other = make_person(name="ชัชชาติ สิทธิพันธุ์"), make_person()
    make_article(title="เขียนเอง", bylines=[person], published_at=hours_ago(1))
    make_article(title="ถูกกล่าวถึง", published_at=hours_ago(2)).people.add(person)
    both = make_article(title="ทั้งสองอย่าง", bylines=[person, other], published_at=hours_ago(3))
    both.people.add(person)
    make_article(title="คนอื่น", bylines=[other], published_at=hours_ago(4))
    make_article(title="ร่าง", bylines=[person], status=Article.Status.DRAFT)

    url = reverse("people:feed-person", kwargs={"pk": person.pk})
    channel, items = rss_items(client.get(url))

    assert titles(items) == ["เขียนเอง", "ถูกกล่าวถึง", "ทั้งสองอย่าง"]
    assert person.full_name in channel.findtext("title")


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/section/ไม่มีหมวดนี้/",
        "/feeds/tag/ไม่มีแท็กนี้/",
        "/feeds/people/999999/",
    ],
)
def test_feed_of_something_unknown_is_404(client, url):
    make_article()

    assert client.get(url).status_code == 404


def test_feeds_are_cached_for_readers_like_pages(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    make_article(title="ข่าวแรก")
    url = reverse("articles:feed-latest")
    first = client.get(url)

    second = client.get(url)

    assert second.content == first.content
    assert second["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert "public" in second["Cache-Control"]
    assert second["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="ข่าวใหม่")  # a new story: the feed's list changed
    assert titles(rss_items(client.get(url))[1]) == ["ข่าวใหม่", "ข่าวแรก"]


def build_stories(count: int) -> dict[str, str]:
    """`count` public stories in one section, each with two bylines and three tags;
    returns the URL of every kind of feed over them."""
    section = make_section()
    writers = [make_person(), make_person()]
    for n in range(count):
        article = make_article(section=section, bylines=writers, published_at=hours_ago(n + 1))
        article.tags.add("การเมือง", "กทม.", f"แท็ก{n}")
    tag = article.tags.get(name="การเมือง")
    return {
        "latest": reverse("articles:feed-latest"),
        "atom": reverse("articles:feed-latest-atom"),
        "section": reverse("articles:feed-section", kwargs={"slug": section.slug}),
        "tag": reverse("articles:feed-tag", kwargs={"slug": tag.slug}),
        "person": reverse("people:feed-person", kwargs={"pk": writers[0].pk}),
    }


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_feed_queries_do_not_grow_with_the_number_of_stories(client, django_assert_max_num_queries):
    budgets = {
        "latest": LATEST_FEED_QUERIES,
        "atom": LATEST_FEED_QUERIES,
        "section": OBJECT_FEED_QUERIES,
        "tag": OBJECT_FEED_QUERIES,
        "person": PERSON_FEED_QUERIES,
    }
    few = {kind: count_queries(client, url) for kind, url in build_stories(5).items()}
    Article.objects.all().delete()

    urls = build_stories(25)
    many = {kind: count_queries(client, url) for kind, url in urls.items()}

    assert many == few == budgets
    for kind, url in urls.items():
        with django_assert_max_num_queries(budgets[kind]):
            response = client.get(url)
        if kind == "atom":
            assert len(parse_xml(response.content).findall(f"{ATOM}entry")) == 25
            continue
        _, items = rss_items(response)
        assert len(items) == 25
        assert all(item.findtext(f"{DC}creator") for item in items)
        assert all(len(item.findall("category")) == 3 for item in items)


# Sitemaps


def test_sitemap_xml_is_an_index_of_the_sitemaps(client):
    make_article()

    response = client.get(reverse("sitemap"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = parse_xml(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    locations = [node.findtext(f"{SITEMAP}loc") for node in root]
    assert locations == [
        f"http://testserver/sitemap-{name}.xml"
        for name in ("pages", "sections", "tags", "articles")
    ]


def test_article_sitemap_lists_public_stories_with_lastmod(client):
    public = [make_article(published_at=hours_ago(n)) for n in (1, 2)]
    hidden_stories()

    response = client.get(reverse("sitemap-section", kwargs={"section": "articles"}))

    urls = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in parse_xml(response.content)
    }
    assert set(urls) == {f"http://testserver{a.get_absolute_url()}" for a in public}
    for article in public:
        lastmod = urls[f"http://testserver{article.get_absolute_url()}"]
        assert lastmod.endswith("+07:00")
        assert datetime.fromisoformat(lastmod) == article.updated_at


def test_article_sitemap_pages_are_listed_in_the_index(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    for n in range(5):
        make_article(published_at=hours_ago(n + 1))

    index = parse_xml(client.get(reverse("sitemap")).content)
    locations = [node.findtext(f"{SITEMAP}loc") for node in index]
    page_3 = client.get(reverse("sitemap-section", kwargs={"section": "articles"}), {"p": 3})

    assert "http://testserver/sitemap-articles.xml?p=3" in locations
    assert len(url_locations(page_3)) == 1


def test_section_and_tag_sitemaps(client):
    section = make_section(name="ต่างประเทศ")
    make_article(section=section).tags.add("การเมือง")
    make_article(status=Article.Status.DRAFT).tags.add("ร่างเท่านั้น")

    sections = url_locations(client.get("/sitemap-sections.xml"))
    tags = url_locations(client.get("/sitemap-tags.xml"))
    pages = url_locations(client.get("/sitemap-pages.xml"))

    assert f"http://testserver{section.get_absolute_url()}" in sections
    tag = Article.objects.get(section=section).tags.get()
    assert tags == [f"http://testserver{tag.get_absolute_url()}"]
    assert pages == ["http://testserver/"]


def test_sitemaps_use_https_when_the_site_does(client, settings):
    settings.HTTPS = True
    article = make_article()

    index = parse_xml(client.get(reverse("sitemap")).content)
    locations = url_locations(client.get("/sitemap-articles.xml"))

    assert all(node.findtext(f"{SITEMAP}loc").startswith("https://") for node in index)
    assert locations == [f"https://testserver{article.get_absolute_url()}"]


def test_article_sitemap_queries_do_not_grow(client, django_assert_max_num_queries):
    for n in range(25):
        make_article(published_at=hours_ago(n + 1))

    with django_assert_max_num_queries(2):  # count, then the page
        assert len(url_locations(client.get("/sitemap-articles.xml"))) == 25


# Google News sitemap


def test_news_sitemap_has_the_last_two_days_only(client, settings):
    settings.SITE_NAME = "ข่าวทดสอบออนไลน์"
    recent = make_article(title='น้ำท่วม & "ฝนตก" <หนัก>', published_at=hours_ago(5))
    yesterday = make_article(published_at=hours_ago(40))
    make_article(published_at=hours_ago(50))
    hidden_stories()

    response = client.get(reverse("news-sitemap"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    urls = parse_xml(response.content).findall(f"{SITEMAP}url")
    assert [url.findtext(f"{SITEMAP}loc") for url in urls] == [
        f"http://testserver{recent.get_absolute_url()}",
        f"http://testserver{yesterday.get_absolute_url()}",
    ]
    news = urls[0].find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "ข่าวทดสอบออนไลน์"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "th"
    assert news.findtext(f"{NEWS}title") == 'น้ำท่วม & "ฝนตก" <หนัก>'
    published = news.findtext(f"{NEWS}publication_date")
    assert published.endswith("+07:00")
    assert datetime.fromisoformat(published) == recent.published_at.replace(microsecond=0)


def test_news_sitemap_queries_do_not_grow(client, django_assert_max_num_queries):
    for n in range(25):
        make_article(published_at=hours_ago(n + 1))

    with django_assert_max_num_queries(1):
        response = client.get(reverse("news-sitemap"))

    assert len(parse_xml(response.content)) == 25


# robots.txt


def test_robots_txt(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
