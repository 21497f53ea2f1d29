"""English at its own addresses (/en/...), Thai at the plain ones: no cookie, no Vary.

A public page's language comes from its path alone (newsroom/languages.py), so every
address is one page for every reader and a CDN may share it.
"""

import json
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article, make_organisation, make_person, make_section, make_staff

pytestmark = pytest.mark.django_db

THAI_SKIP_LINK = "ข้ามไปยังเนื้อหา"  # "Skip to content", from the Thai catalogue


class Links(HTMLParser):
    """Every address a page points at: (tag, attribute value, the tag's attributes)."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str, dict]] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "action"):
            if attrs.get(name):
                self.found.append((tag, attrs[name], attrs))
        self._in_json_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag):
        self._in_json_ld = False


def links(response) -> Links:
    assert response.status_code == 200, response.status_code
    parser = Links()
    parser.feed(response.content.decode())
    return parser


def alternates(response) -> dict[str, str]:
    return {
        attrs["hreflang"]: href
        for tag, href, attrs in links(response).found
        if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs
    }


def canonical(response) -> str:
    return next(
        href for tag, href, attrs in links(response).found if attrs.get("rel") == "canonical"
    )


def switch_links(response) -> dict[str, str]:
    page = response.content.decode()
    nav = page.split('class="language-switch"')[1].split("</nav>")[0]
    parser = Links()
    parser.feed(nav)
    return {attrs["hreflang"]: href for _tag, href, attrs in parser.found}


def vary(response) -> set[str]:
    return {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}


def story() -> Article:
    section = make_section(name="การเมือง")
    article = make_article(title="ข่าวการเมืองวันนี้", section=section, bylines=[make_person()])
    article.people.add(make_person(name="สมหญิง ใจดี"))
    article.organisations.add(make_organisation(name="กรมทดสอบ"))
    article.tags.add("เลือกตั้ง")
    return article


class TestAddresses:
    def test_thai_at_the_plain_address_english_under_en(self, client):
        article = story()
        thai = client.get(article.get_absolute_url())
        english = client.get(f"/en{article.get_absolute_url()}")
        thai_page, english_page = thai.content.decode(), english.content.decode()
        assert thai.status_code == english.status_code == 200
        assert '<html lang="th">' in thai_page and THAI_SKIP_LINK in thai_page
        assert "ข่าวที่เกี่ยวข้อง" in thai_page or "ในข่าวนี้" in thai_page
        assert '<html lang="en">' in english_page and "Skip to content" in english_page
        assert "In this story" in english_page and "ในข่าวนี้" not in english_page
        assert THAI_SKIP_LINK not in english_page
        assert thai["Content-Language"] == "th" and english["Content-Language"] == "en"
        # The story itself is the same story, in the language it was written in.
        assert article.title in english_page

    def test_every_kind_of_public_page_has_an_english_address(self, client):
        article = story()
        person = article.people.get()
        organisation = article.organisations.get()
        for path in [
            "/",
            article.get_absolute_url(),
            article.section.get_absolute_url(),
            article.tags.get().get_absolute_url(),
            person.get_absolute_url(),
            organisation.get_absolute_url(),
            "/search/?q=การเมือง",
        ]:
            response = client.get(f"/en{path}")
            assert response.status_code == 200, path
            assert '<html lang="en">' in response.content.decode(), path

    def test_a_thai_browser_setting_or_an_old_cookie_never_changes_a_public_page(self, client):
        make_article()
        client.cookies["newsroom_language"] = "en"  # left by the old switch
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert '<html lang="th">' in response.content.decode()
        assert response["Content-Language"] == "th"
        english = client.get("/en/", HTTP_ACCEPT_LANGUAGE="th")
        assert '<html lang="en">' in english.content.decode()

    def test_the_language_middleware_adds_no_vary(self, client):
        make_article()
        for path in ["/", "/en/", "/robots.txt", "/en/nonexistent/"]:
            response = client.get(path)
            assert "accept-language" not in vary(response), path
        # Pages that the page cache does not touch show the middleware's own headers.
        for path in ["/robots.txt", "/en/nonexistent/", "/nonexistent/"]:
            assert "cookie" not in vary(client.get(path)), path

    def test_public_pages_do_not_vary_on_cookie(self, client):
        article = make_article()
        for path in ["/", "/en/", article.get_absolute_url()]:
            assert "cookie" not in vary(client.get(path)), path

    def test_the_canonical_slug_redirect_keeps_the_language(self, client):
        article = make_article(title="ข่าวที่มีชื่อ")
        Article.objects.filter(pk=article.pk).update(slug="right-slug")
        response = client.get(f"/en/news/{article.pk}/wrong-slug/")
        assert response.status_code == 301
        assert response["Location"] == f"/en/news/{article.pk}/right-slug/"
        thai = client.get(f"/news/{article.pk}/wrong-slug/")
        assert thai["Location"] == f"/news/{article.pk}/right-slug/"

    def test_a_missing_english_page_is_an_english_404(self, client):
        response = client.get("/en/nonexistent/")
        assert response.status_code == 404
        page = response.content.decode()
        assert '<html lang="en">' in page and "Page not found" in page
        assert "ไม่พบหน้าที่ต้องการ" not in page
        assert 'href="/en/"' in page  # "Go to the front page", the English one
        thai = client.get("/nonexistent/").content.decode()
        assert "ไม่พบหน้าที่ต้องการ" in thai

    def test_no_thai_prefix_and_no_unprefixed_english(self, client):
        article = make_article()
        assert client.get(f"/th{article.get_absolute_url()}").status_code == 404
        assert client.get("/en").status_code == 301  # the slash is added
        assert client.get("/en/admin/").status_code == 404
        assert client.get("/en/robots.txt").status_code == 404


class TestOldSwitchLinks:
    @pytest.mark.parametrize(
        ("code", "next_", "location"),
        [
            ("en", "/news/5/x/", "/en/news/5/x/"),
            ("th", "/en/news/5/x/", "/news/5/x/"),
            ("en", "/en/news/5/x/", "/en/news/5/x/"),
            ("th", "/section/x/?page=2", "/section/x/?page=2"),
            (
                "en",
                "/search/?q=%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7",
                "/en/search/?q=%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7",
            ),
            ("en", "http://testserver/tag/x/", "/en/tag/x/"),
            ("en", "https://evil.example/", "/en/"),
            ("en", "//evil.example/news/5/x/", "/en/"),
            ("th", "https://evil.example/", "/"),
        ],
    )
    def test_old_links_redirect_for_good_without_a_cookie(self, client, code, next_, location):
        response = client.get(f"/language/{code}/", {"next": next_})
        assert response.status_code == 301
        assert response["Location"] == location
        assert "newsroom_language" not in response.cookies

    def test_no_next_is_the_home_page_and_an_unknown_language_is_404(self, client):
        assert client.get("/language/en/")["Location"] == "/en/"
        assert client.get("/language/xx/").status_code == 404


class TestHreflang:
    def assert_alternates(self, client, thai_path: str, english_path: str):
        for path in (thai_path, english_path):
            response = client.get(path)
            assert alternates(response) == {
                "th": f"http://testserver{thai_path}",
                "en": f"http://testserver{english_path}",
                "x-default": f"http://testserver{thai_path}",
            }, path
        # The canonical link stays the page's own language.
        return canonical(client.get(thai_path)), canonical(client.get(english_path))

    def test_home(self, client):
        make_article()
        thai, english = self.assert_alternates(client, "/", "/en/")
        assert (thai, english) == ("http://testserver/", "http://testserver/en/")

    def test_article(self, client):
        article = story()
        url = article.get_absolute_url()
        thai, english = self.assert_alternates(client, url, f"/en{url}")
        assert thai == f"http://testserver{url}" and english == f"http://testserver/en{url}"

    def test_section_and_its_second_page(self, client):
        section = make_section(name="กีฬา")
        for _ in range(21):
            make_article(section=section)
        url = section.get_absolute_url()
        self.assert_alternates(client, url, f"/en{url}")
        _thai, english = self.assert_alternates(client, f"{url}?page=2", f"/en{url}?page=2")
        assert english == f"http://testserver/en{url}?page=2"

    def test_search_keeps_its_query(self, client):
        make_article(title="ข่าวฟุตบอล")
        response = client.get("/en/search/", {"q": "ฟุตบอล"})
        found = alternates(response)
        assert urlsplit(found["th"]).path == "/search/"
        assert urlsplit(found["en"]).path == "/en/search/"
        assert urlsplit(found["en"]).query == urlsplit(found["th"]).query != ""

    def test_https_sites_name_https_addresses(self, client, settings):
        settings.HTTPS = True
        settings.SECURE_SSL_REDIRECT = False
        make_article()
        found = alternates(client.get("/en/"))
        assert found["en"] == "https://testserver/en/" and found["th"] == "https://testserver/"

    def test_the_404_page_names_no_alternates(self, client):
        response = client.get("/en/nonexistent/")
        assert 'hreflang="th"' not in response.content.decode().split("</head>")[0]


class TestLanguageSwitch:
    def test_it_links_straight_to_the_same_page_in_the_other_language(self, client):
        article = story()
        url = article.get_absolute_url()
        assert switch_links(client.get(url)) == {"en": f"/en{url}"}
        assert switch_links(client.get(f"/en{url}")) == {"th": url}
        page = client.get(f"/en{url}").content.decode()
        assert f'<a href="{url}" hreflang="th" lang="th">ภาษาไทย</a>' in page

    def test_it_keeps_the_page_number_and_the_query(self, client):
        section = make_section(name="บันเทิง")
        for _ in range(21):
            make_article(section=section)
        url = section.get_absolute_url()
        assert switch_links(client.get(f"{url}?page=2")) == {"en": f"/en{url}?page=2"}
        search = switch_links(client.get("/en/search/", {"q": "ข่าว"}))
        assert search["th"].startswith("/search/?q=%E0%B8%82")


class TestEnglishPagesLinkToEnglishPages:
    ALWAYS_PLAIN = ("/static/", "/media/", "/favicon.ico")

    def assert_english_links(self, client, path: str):
        response = client.get(path)
        found = links(response)
        internal = []
        for tag, href, attrs in found.found:
            parts = urlsplit(href)
            if parts.netloc not in ("", "testserver") or href.startswith(("#", "?")):
                continue
            if parts.path.startswith(self.ALWAYS_PLAIN):
                continue
            if attrs.get("hreflang") in ("th", "x-default"):
                continue  # the Thai twin, named on purpose
            internal.append((tag, parts.path))
        assert internal, path
        stray = [item for item in internal if not item[1].startswith("/en/")]
        assert not stray, f"{path}: {stray}"
        for block in found.json_ld:
            for url in _json_urls(json.loads(block)):
                assert urlsplit(url).path.startswith("/en/") or url.endswith(".png"), url
        return internal

    def test_article_page(self, client):
        article = story()
        internal = self.assert_english_links(client, f"/en{article.get_absolute_url()}")
        paths = {path for _tag, path in internal}
        assert f"/en{article.section.get_absolute_url()}" in paths  # breadcrumbs, section
        assert f"/en{article.people.get().get_absolute_url()}" in paths
        assert f"/en{article.bylines.get().person.get_absolute_url()}" in paths
        assert f"/en{reverse('comments:post', args=[article.pk])}" in paths  # the form
        assert ("form", "/en/search/") in internal
        assert ("link", "/en/feeds/latest/") in internal

    def test_home_section_tag_people_and_search(self, client):
        article = story()
        for path in [
            "/",
            article.section.get_absolute_url(),
            article.tags.get().get_absolute_url(),
            article.people.get().get_absolute_url(),
            article.organisations.get().get_absolute_url(),
            "/search/?q=การเมือง",
        ]:
            self.assert_english_links(client, f"/en{path}")

    def test_english_feed_links_to_english_pages(self, client):
        article = make_article()
        feed = client.get("/en/feeds/latest/").content.decode()
        assert f"http://testserver/en{article.get_absolute_url()}" in feed
        thai_feed = client.get("/feeds/latest/").content.decode()
        assert f"http://testserver{article.get_absolute_url()}" in thai_feed
        assert "/en/" not in thai_feed

    def test_a_comment_posted_on_an_english_page_comes_back_to_it(self, client):
        from tests.comments.helpers import form_data

        article = make_article()
        response = client.post(
            f"/en{reverse('comments:post', args=[article.pk])}", form_data(article)
        )
        assert response.status_code == 302
        assert response["Location"].startswith(f"/en{article.get_absolute_url()}#")


def _json_urls(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("url", "item", "@id") and isinstance(value, str):
                yield value
            else:
                yield from _json_urls(value)
    elif isinstance(data, list):
        for value in data:
            yield from _json_urls(value)


class TestNotPages:
    def test_sitemaps_robots_and_health_stay_at_the_plain_addresses(self, client):
        article = make_article()
        sitemap = client.get("/sitemap-articles.xml").content.decode()
        assert f"http://testserver{article.get_absolute_url()}" in sitemap
        assert "/en/" not in sitemap  # English pages are named by their hreflang links
        robots = client.get("/robots.txt").content.decode()
        assert "Disallow: /en/search/" in robots
        assert client.get("/healthz").status_code == 200


class TestDesk:
    def test_the_desk_follows_its_own_switch_and_the_site_does_not(self, client):
        client.force_login(make_staff("desk", is_superuser=True))
        thai = client.get("/admin/")
        assert '<html lang="th"' in thai.content.decode()
        assert 'href="/admin/language/en/?next=/admin/"' in thai.content.decode()
        assert "cookie" in vary(thai)  # the desk's language is the cookie's

        response = client.get("/admin/language/en/", {"next": "/admin/"})
        assert response.status_code == 302 and response["Location"] == "/admin/"
        assert response.cookies["newsroom_language"].value == "en"
        english = client.get("/admin/")
        assert '<html lang="en"' in english.content.decode()
        assert 'href="/admin/language/th/?next=/admin/"' in english.content.decode()
        # The cookie is the desk's alone: the public site stays at its addresses.
        assert '<html lang="th">' in client.get("/").content.decode()

        back = client.get("/admin/language/th/", {"next": "https://evil.example/"})
        assert back["Location"] == "/admin/"
        assert '<html lang="th"' in client.get("/admin/").content.decode()


def test_the_500_page_sends_readers_to_the_front_page_of_their_language():
    from django.template import loader
    from django.utils import translation

    with translation.override("en"):
        english = loader.get_template("500.html").render()  # as Django's server_error does
    assert 'href="/en/"' in english and "Something went wrong" in english
    with translation.override("th"):
        thai = loader.get_template("500.html").render()
    assert 'href="/"' in thai and '<html lang="th">' in thai
