"""JSON-LD (NewsArticle, BreadcrumbList) and the feed links of a page's <head>."""

import json
import re
from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.urls import reverse

from articles.models import Article
from articles.story_loading import load_story
from articles.structured_data import breadcrumbs, news_article
from tests.factories import make_article, make_image, make_organisation, make_person, make_section

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def render(source: str, **context) -> str:
    return Template("{% load seo %}" + source).render(Context(context))


def parse_json_ld(rendered: str) -> list[dict]:
    return [json.loads(block) for block in SCRIPT.findall(rendered)]


def fetch(article: Article) -> Article:
    """The story as its page loads it: every relation the JSON-LD reads, prefetched."""
    return load_story(article.pk)


@pytest.fixture
def story():
    writers = [make_person(title="นาย", name="สมชาย ใจดี"), make_person(title="ดร.", name="ก้อง ฟ้า")]
    article = make_article(
        title="ผู้ว่าฯ ชัชชาติ ลงพื้นที่น้ำท่วม",
        standfirst="กทม. เร่งระบายน้ำ",
        section=make_section(name="ข่าวกรุงเทพฯ"),
        # Sunday 17:30 UTC is Monday 00:30 in Bangkok.
        published_at=datetime(2022, 9, 11, 17, 30, tzinfo=UTC),
        lead_image=make_image(),
        bylines=writers,
    )
    article.tags.add("น้ำท่วม", "กทม.")
    article.people.add(make_person(title="นาย", name="ชัชชาติ สิทธิพันธุ์"))
    article.organisations.add(make_organisation(name="กรุงเทพมหานคร", short_name="กทม."))
    return fetch(article)


def test_news_article_fields(story, rf):
    request = rf.get("/")

    [data] = parse_json_ld(render("{% json_ld data %}", data=news_article(story, request)))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "ผู้ว่าฯ ชัชชาติ ลงพื้นที่น้ำท่วม"
    assert data["description"] == "กทม. เร่งระบายน้ำ"
    assert data["datePublished"] == "2022-09-12T00:30:00+07:00"
    assert data["dateModified"].endswith("+07:00")
    assert data["inLanguage"] == "th"
    page = f"http://testserver{story.get_absolute_url()}"
    assert data["mainEntityOfPage"] == page
    assert data["articleSection"] == "ข่าวกรุงเทพฯ"
    assert sorted(data["keywords"]) == ["กทม.", "น้ำท่วม"]
    # The 16:9 and the square crop around the focal point, as Google asks.
    wide, square = data["image"]
    assert wide.startswith("http://testserver/media/renditions/")
    assert "-16x9-f500x500-" in wide
    assert "-1x1-f500x500-" in square


def test_authors_are_people_with_their_pages(story, rf):
    data = news_article(story, rf.get("/"))

    writers = [byline.person for byline in story.bylines.all()]
    assert data["author"] == [
        {
            "@type": "Person",
            "name": person.full_name,
            "url": f"http://testserver{person.get_absolute_url()}",
        }
        for person in writers
    ]
    assert [author["name"] for author in data["author"]] == ["นายสมชาย ใจดี", "ดร. ก้อง ฟ้า"]


def test_publisher_has_an_absolute_logo_url(story, rf, settings):
    settings.SITE_NAME = "ข่าวทดสอบออนไลน์"

    publisher = news_article(story, rf.get("/"))["publisher"]

    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "ข่าวทดสอบออนไลน์"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"] == "http://testserver/static/newsroom/logo.png"


def test_mentions_name_the_people_and_organisations(story, rf):
    mentions = news_article(story, rf.get("/"))["mentions"]

    person = story.people.get()
    organisation = story.organisations.get()
    assert mentions == [
        {
            "@type": "Person",
            "name": "นายชัชชาติ สิทธิพันธุ์",
            "url": f"http://testserver{person.get_absolute_url()}",
        },
        {
            "@type": "Organization",
            "name": "กรุงเทพมหานคร",
            "alternateName": "กทม.",
            "url": f"http://testserver{organisation.get_absolute_url()}",
        },
    ]


def test_prefetched_story_costs_no_query(story, rf, django_assert_num_queries):
    request = rf.get("/")

    with django_assert_num_queries(0):
        news_article(story, request)


def test_english_headline_and_bare_story(rf):
    """No Thai in the headline: English. No byline, image, tags or mentions: the
    newsroom is the author and the empty fields are left out."""
    article = fetch(make_article(title="Bangkok floods: what we know"))

    data = news_article(article, rf.get("/"))

    assert data["inLanguage"] == "en"
    assert data["author"] == [
        {"@type": "Organization", "name": data["publisher"]["name"], "url": "http://testserver/"}
    ]
    assert not {"image", "keywords", "mentions", "description"} & data.keys()


def test_long_headline_is_cut_to_110_characters(rf):
    article = fetch(make_article(title="ข่าว" * 40))

    headline = news_article(article, rf.get("/"))["headline"]

    assert len(headline) == 110
    assert headline.endswith("…")


def test_urls_use_https_when_the_site_does(story, rf, settings):
    settings.HTTPS = True

    data = news_article(story, rf.get("/"))

    assert data["url"].startswith("https://testserver/")
    assert data["publisher"]["logo"]["url"].startswith("https://")


def test_script_in_a_headline_cannot_leave_the_json(rf):
    title = '</script><script>alert(1)</script> & "quotes"'
    article = fetch(make_article(title=title))

    rendered = render("{% json_ld data %}", data=news_article(article, rf.get("/")))

    assert rendered.count("</script>") == 1
    assert "<script>" not in rendered
    [data] = parse_json_ld(rendered)
    assert data["headline"] == title


def test_breadcrumbs(rf):
    data = breadcrumbs([("หน้าแรก", "/"), ("การเมือง", "/section/การเมือง/")], rf.get("/"))

    assert data["@type"] == "BreadcrumbList"
    assert data["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "หน้าแรก", "item": "http://testserver/"},
        {
            "@type": "ListItem",
            "position": 2,
            "name": "การเมือง",
            "item": "http://testserver/section/%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B9%80%E0%B8%A1"
            "%E0%B8%B7%E0%B8%AD%E0%B8%87/",
        },
    ]


def test_article_json_ld_tag_writes_the_story_and_its_breadcrumbs(story, rf):
    rendered = render("{% article_json_ld article %}", article=story, request=rf.get("/"))

    article, trail = parse_json_ld(rendered)
    assert article["@type"] == "NewsArticle"
    assert trail["@type"] == "BreadcrumbList"
    items = trail["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3]
    assert [item["name"] for item in items[1:]] == ["ข่าวกรุงเทพฯ", story.title]
    assert items[0]["item"] == "http://testserver/"
    assert items[2]["item"] == f"http://testserver{story.get_absolute_url()}"


def test_alternate_feed_link_is_escaped():
    rendered = render(
        "{% alternate_feed url title %}",
        url=reverse("articles:feed-tag", kwargs={"slug": "น้ำท่วม"}),
        title='ข่าว "น้ำท่วม" & <ฝน>',
    )

    assert rendered == (
        '<link rel="alternate" type="application/rss+xml" '
        'title="ข่าว &quot;น้ำท่วม&quot; &amp; &lt;ฝน&gt;" '
        'href="/feeds/tag/%E0%B8%99%E0%B9%89%E0%B8%B3%E0%B8%97%E0%B9%88%E0%B8%A7%E0%B8%A1/">'
    )
