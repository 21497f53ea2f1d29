"""Anonymous pages are cached whole, and never outlive the content they show."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_article, make_section, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_a_cached_page_is_served_without_rendering_again(client, django_assert_max_num_queries):
    make_article(title="ข่าวแรก")
    first = client.get("/")
    with django_assert_max_num_queries(2):  # the content version and the page itself
        second = client.get("/")
    assert second.status_code == 200
    assert second.content == first.content
    assert "ข่าวแรก" in second.content.decode()


def test_a_newly_published_story_is_on_the_home_page_at_once(client):
    make_article(title="ข่าวเก่า")
    assert "ข่าวใหม่ล่าสุด" not in client.get("/").content.decode()
    make_article(title="ข่าวใหม่ล่าสุด")
    assert "ข่าวใหม่ล่าสุด" in client.get("/").content.decode()


def test_editing_a_section_name_shows_on_cached_pages(client):
    section = make_section(name="หมวดเดิม")
    make_article(section=section)
    assert "หมวดเดิม" in client.get("/").content.decode()
    section.name = "หมวดใหม่"
    section.save()
    assert "หมวดใหม่" in client.get("/").content.decode()


def test_a_scheduled_story_appears_when_its_time_comes(client, monkeypatch):
    now = timezone.now()
    make_article(title="ข่าวปัจจุบัน")
    make_article(title="ข่าวตั้งเวลา", published_at=now + timedelta(minutes=30))
    assert "ข่าวตั้งเวลา" not in client.get("/").content.decode()
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=31))
    assert "ข่าวตั้งเวลา" in client.get("/").content.decode()


def test_breaking_news_leaves_the_ticker_at_its_end_time(client, monkeypatch):
    now = timezone.now()
    make_article(title="ข่าวด่วนมาก", breaking_until=now + timedelta(minutes=5))
    assert 'class="ticker"' in client.get("/").content.decode()
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=6))
    assert 'class="ticker"' not in client.get("/").content.decode()


def test_readers_and_cdns_may_keep_public_pages_and_revalidate_by_etag(client, settings):
    make_article()
    response = client.get("/")
    assert "public" in response["Cache-Control"]
    assert f"max-age={settings.PAGE_MAX_AGE}" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    make_article(title="ข่าวที่ทำให้หน้าแรกเปลี่ยน")
    changed = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "ข่าวที่ทำให้หน้าแรกเปลี่ยน" in changed.content.decode()
    in_english = client.get("/en/", HTTP_IF_NONE_MATCH=changed["ETag"])
    assert in_english.status_code == 200  # another language is another page
    assert '<html lang="en">' in in_english.content.decode()


def test_staff_always_get_a_fresh_private_page(client):
    make_article(title="ข่าวสำหรับทีมงาน")
    client.get("/")  # cached for readers
    client.force_login(make_staff("desk"))
    response = client.get("/")
    assert "private" in response["Cache-Control"]
    assert "ข่าวสำหรับทีมงาน" in response.content.decode()


def test_each_language_has_its_own_cached_page(client):
    make_article()
    assert '<html lang="th">' in client.get("/").content.decode()
    assert '<html lang="en">' in client.get("/en/").content.decode()
    assert '<html lang="th">' in client.get("/").content.decode()


def test_a_form_on_a_cached_page_gets_each_readers_own_csrf_token(rf, settings):
    """Two readers served the same cached page each get a token that matches their cookie."""
    from django.http import HttpResponse
    from django.middleware.csrf import CsrfViewMiddleware, _unmask_cipher_token
    from django.template import engines

    from newsroom.pagecache import cache_for_readers

    template = engines["django"].from_string(
        '<form method="post"><input name="csrfmiddlewaretoken" value="{{ csrf_placeholder }}">'
    )

    @cache_for_readers
    def view(request):
        return HttpResponse(template.render({}, request))

    def visit():
        request = rf.get("/with-form/")
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
        CsrfViewMiddleware(lambda r: None).process_request(request)
        response = view(request)
        token = response.content.decode().split('value="')[1].split('"')[0]
        return request, response, token

    first_request, _, first_token = visit()
    second_request, second, second_token = visit()
    assert "__newsroom_csrf_token__" not in second.content.decode()
    assert first_token != second_token
    for request, token in [(first_request, first_token), (second_request, second_token)]:
        secret = request.META["CSRF_COOKIE"]
        assert _unmask_cipher_token(token) == secret
    assert "private" in second["Cache-Control"]


def test_a_story_with_a_long_thai_address_is_cached_too(client, django_assert_max_num_queries):
    """The percent-encoded path is longer than a cache key may be: the key is hashed."""
    article = make_article(title="ผู้ว่าราชการกรุงเทพมหานครลงพื้นที่ตรวจความพร้อมรับมือน้ำท่วม" * 2)
    assert len(article.get_absolute_url()) > 250
    client.get(article.get_absolute_url())
    with django_assert_max_num_queries(2):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_a_worker_serves_a_page_it_just_served_without_asking_the_shared_cache(
    client, django_assert_num_queries
):
    make_article(title="ข่าวยอดนิยม")
    first = client.get("/")
    # The database cache is a query per lookup: none means neither the version nor the
    # page came from it.
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second.content == first.content


def test_another_workers_change_reaches_pages_this_worker_keeps(client, monkeypatch):
    """A save in another process writes a new version to the shared cache only; this
    worker sees it once its remembered version is older than LOCAL_SECONDS."""
    from django.core.cache import cache

    from newsroom import pagecache

    article = make_article(title="หัวข้อเดิม")
    assert "หัวข้อเดิม" in client.get("/").content.decode()
    type(article).objects.filter(pk=article.pk).update(title="หัวข้อใหม่")  # no signals
    cache.set(pagecache.VERSION_KEY, pagecache._new_state(), None)
    assert "หัวข้อเดิม" in client.get("/").content.decode()  # within the second
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 0)
    assert "หัวข้อใหม่" in client.get("/").content.decode()


def test_a_workers_own_copies_are_bounded_in_number_bytes_and_time(monkeypatch):
    from newsroom import pagecache

    pages = pagecache._RecentPages(max_entries=3, max_bytes=100)

    def page(size):
        return (200, "text/html", b"x" * size, {})

    for key in "abcd":
        pages.set(key, page(10), 60)
    assert pages.get("a") is None  # the oldest went first
    assert all(pages.get(key) is not None for key in "bcd")
    pages.set("e", page(20), 60)  # b was used least recently
    assert pages.get("b") is None
    pages.set("big", page(26), 60)  # more than a quarter of the budget: never kept
    assert pages.get("big") is None
    for key in "fgh":
        pages.set(key, page(24), 60)
    assert sum(pages.get(key) is not None for key in "cdefgh") == 3  # 100 bytes at most
    now = pagecache.time.monotonic()
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: now + 61)
    assert pages.get("h") is None


def test_a_hit_served_before_the_view_keeps_every_header_and_the_readers_token(
    client, django_assert_num_queries
):
    """PageCacheMiddleware answers a reader without a session ahead of URL resolving and
    authentication; the security headers, the CSRF cookie and the form's token still
    come with the page, and the token matches the cookie."""
    from django.middleware.csrf import _unmask_cipher_token

    article = make_article(title="ข่าวที่มีกล่องความคิดเห็น")
    url = article.get_absolute_url()
    client.get(url)  # rendered and stored
    reader = type(client)()
    with django_assert_num_queries(0):
        response = reader.get(url)
    html = response.content.decode()
    assert "ข่าวที่มีกล่องความคิดเห็น" in html
    assert "Content-Security-Policy" in response.headers
    assert response["X-Frame-Options"] == "DENY"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert _unmask_cipher_token(token) == response.cookies["csrftoken"].value
    assert "private" in response["Cache-Control"]
    assert not hasattr(response.wsgi_request, "user")  # answered above authentication
