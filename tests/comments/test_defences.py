"""Rate limits (atomic, shared, not fooled by X-Forwarded-For) and the page cache."""

import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client, RequestFactory

from comments import ratelimit
from comments.models import Comment, RateLimitCounter
from tests.comments.helpers import make_comment, post_comment
from tests.factories import make_article

Status = Comment.Status


@pytest.fixture
def limits(settings):
    settings.COMMENTS_RATE_LIMITS = {"address": (3, 600), "email": (2, 600), "report": (2, 3600)}


@pytest.mark.django_db
class TestRateLimits:
    def test_over_the_address_limit_answers_429_with_retry_after_and_a_page(self, client, limits):
        article = make_article()
        for n in range(3):
            assert post_comment(client, article, email=f"r{n}@example.com").status_code == 302
        response = post_comment(client, article, email="r9@example.com")
        assert response.status_code == 429
        assert 0 < int(response["Retry-After"]) <= 600
        assert "กรุณาลองอีกครั้งใน" in response.content.decode()
        assert Comment.objects.count() == 3

    def test_json_readers_get_429_too(self, client, limits):
        article = make_article()
        for n in range(3):
            post_comment(client, article, email=f"r{n}@example.com")
        response = post_comment(client, article, json=True, email="r9@example.com")
        assert response.status_code == 429 and response["Retry-After"]
        assert response.json()["ok"] is False

    def test_the_email_limit_holds_across_addresses(self, client, limits):
        article = make_article()
        assert post_comment(client, article, ip="192.0.2.1", body="หนึ่ง").status_code == 302
        assert post_comment(client, article, ip="192.0.2.2", body="สอง").status_code == 302
        assert post_comment(client, article, ip="192.0.2.3", body="สาม").status_code == 429

    def test_a_forged_x_forwarded_for_does_not_reset_the_limit(self, client, limits):
        article = make_article()
        codes = [
            post_comment(
                client,
                article,
                email=f"r{n}@example.com",
                extra={"HTTP_X_FORWARDED_FOR": f"10.0.0.{n}"},
            ).status_code
            for n in range(5)
        ]
        assert codes == [302, 302, 302, 429, 429]

    def test_behind_a_trusted_proxy_the_proxys_entry_is_the_client(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        factory = RequestFactory()
        forged = factory.post(
            "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9"
        )
        assert ratelimit.client_ip(forged) == "198.51.100.9"
        direct = factory.post("/", REMOTE_ADDR="198.51.100.10")
        assert ratelimit.client_ip(direct) == "198.51.100.10"
        junk = factory.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-ip")
        assert ratelimit.client_ip(junk) == "10.0.0.1"
        settings.TRUSTED_PROXY_COUNT = 0
        assert ratelimit.client_ip(forged) == "10.0.0.1"

    def test_ipv6_clients_are_counted_by_their_64(self):
        assert ratelimit.address_identity("2001:db8:1:2:aaaa::1") == ratelimit.address_identity(
            "2001:db8:1:2:bbbb::2"
        )
        assert ratelimit.address_identity("::ffff:192.0.2.1") == "192.0.2.1"

    def test_reports_are_rate_limited(self, client, limits):
        comment = make_comment(make_article())
        url = f"/comments/report/{comment.pk}/"
        codes = [client.post(url, {"reason": "spam"}).status_code for _ in range(3)]
        assert codes == [302, 302, 429]

    def test_counters_store_no_address(self, client, limits):
        post_comment(client, make_article(), ip="198.51.100.77")
        assert RateLimitCounter.objects.exists()
        assert not RateLimitCounter.objects.filter(key__contains="198.51").exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_are_counted_exactly(settings):
    """Many workers at once: the PostgreSQL counter loses no increment."""
    settings.COMMENTS_RATE_LIMITS = {"address": (20, 600)}

    def hit(_):
        try:
            return ratelimit.hit("address", "198.51.100.1")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(hit, range(50)))
    assert results.count(None) == 20
    assert RateLimitCounter.objects.get().count == 50


@pytest.fixture
def redis_url(tmp_path, settings):
    server = shutil.which("redis-server")
    assert server, "redis-server is needed for this test: `make test` installs it"
    socket = tmp_path / "redis.sock"
    process = subprocess.Popen(  # a local test server
        [server, "--port", "0", "--unixsocket", str(socket), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        if socket.exists():
            break
        time.sleep(0.05)
    settings.REDIS_URL = f"unix://{socket}"
    yield settings.REDIS_URL
    process.terminate()
    process.wait(timeout=5)


def test_with_redis_the_limit_is_counted_there(redis_url, settings):
    settings.COMMENTS_RATE_LIMITS = {"address": (2, 600)}
    results = [ratelimit.hit("address", "198.51.100.1") for _ in range(3)]
    assert results[:2] == [None, None]
    assert 0 < results[2] <= 600


@pytest.mark.django_db
class TestPageCache:
    @pytest.fixture(autouse=True)
    def cache_on(self, settings):
        settings.PAGE_CACHE_SECONDS = 300

    def test_a_first_time_reader_is_served_from_the_cache(
        self, client, django_assert_max_num_queries
    ):
        article = make_article()
        client.get(article.get_absolute_url())
        with django_assert_max_num_queries(2):
            client.get(article.get_absolute_url())

    def test_a_reader_with_a_waiting_comment_gets_a_fresh_page_and_others_the_cached_one(
        self, client
    ):
        article = make_article()
        url = article.get_absolute_url()
        Client().get(url)  # cached
        post_comment(client, article)
        own = client.get(url)
        assert "comment--own" in own.content.decode()
        assert "private" in own["Cache-Control"]
        other = Client().get(url)
        assert "comment--own" not in other.content.decode()

    # What a comment makes stale (and that a waiting one makes nothing stale) is in
    # tests/comments/test_invalidation.py.
