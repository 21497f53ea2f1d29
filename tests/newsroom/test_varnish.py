"""The shipped VCL (deploy/varnish/newsroom.vcl) in a real varnishd, in front of the
live server: what it caches, what it passes, purges by key, stale pages.

Never skipped: without varnishd and vmod xkey these fail saying how to get them
(`make test-tools` installs Debian's varnish and varnish-modules when it can).
"""

import glob
import http.client
import os
import signal
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.newsroom import varnish_urls

ROOT = Path(__file__).resolve().parents[2]
VCL = ROOT / "deploy" / "varnish" / "newsroom.vcl"
VARNISHD = "/usr/sbin/varnishd"
VARNISHADM = "/usr/bin/varnishadm"
XKEY_VMOD = "/usr/lib/*/varnish/vmods/libvmod_xkey.so"

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class Varnish:
    port: int
    proxy_port: int  # the same Varnish, reached with a PROXY header naming the client
    workdir: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def adm(self, *args: str) -> str:
        result = subprocess.run(
            [VARNISHADM, "-n", str(self.workdir), *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def vcl_for(backend_port: int) -> str:
    """The shipped VCL with the live server as its backend.

    The health probe asks for /robots.txt instead of /healthz: pytest-django lets the
    live server use the database only while a test runs, and a probe between tests
    would mark the app sick. (The tests make it sick on purpose with varnishadm.)
    """
    text = VCL.read_text()
    for old, new in (
        ('.port = "8000";', f'.port = "{backend_port}";'),
        ('.url = "/healthz";', '.url = "/robots.txt";'),
    ):
        assert text.count(old) == 1, f"the VCL no longer says {old}"
        text = text.replace(old, new)
    return text


def request(
    varnish: Varnish, path: str, method: str = "GET", headers: dict | None = None
) -> tuple[int, http.client.HTTPMessage, str]:
    connection = http.client.HTTPConnection("127.0.0.1", varnish.port, timeout=30)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        connection.close()


def purge(varnish: Varnish, *keys: str, soft: bool = False) -> tuple[int, str]:
    header = "xkey-softpurge" if soft else "xkey-purge"
    connection = http.client.HTTPConnection("127.0.0.1", varnish.port, timeout=30)
    try:
        connection.request("PURGE", "/", headers={header: " ".join(keys)})
        response = connection.getresponse()
        response.read()
        return response.status, response.reason
    finally:
        connection.close()


def wait_until_answering(process: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"varnishd stopped at start:\n{log.read_text()}", pytrace=False)
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("PURGE", "/", headers={"xkey-purge": "startup-check"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.1)
    pytest.fail(f"varnishd did not answer within a minute:\n{log.read_text()}", pytrace=False)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()  # the manager stops its child, then itself
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the child too: it shares the group
        process.wait()


@pytest.fixture(scope="session")
def varnish(live_server, tmp_path_factory):
    if not os.access(VARNISHD, os.X_OK) or not glob.glob(XKEY_VMOD):
        pytest.fail(
            f"varnishd ({VARNISHD}) with vmod xkey is needed: install Debian's varnish and "
            "varnish-modules (apt-get install varnish varnish-modules, or make test-tools)",
            pytrace=False,
        )
    directory = tmp_path_factory.mktemp("varnish")
    vcl = directory / "newsroom.vcl"
    vcl.write_text(vcl_for(urlsplit(live_server.url).port))
    log = directory / "varnishd.log"
    port, proxy_port = free_port(), free_port()
    with log.open("w") as output:
        process = subprocess.Popen(
            [
                VARNISHD,
                "-F",  # in the foreground: this process is the one to stop
                "-j",
                "none",  # no jail: the test user runs it all (and may not be root)
                "-n",
                str(directory / "work"),
                "-a",
                f"127.0.0.1:{port}",
                "-a",
                f"127.0.0.1:{proxy_port},PROXY",
                "-f",
                str(vcl),
                "-s",
                "malloc,64m",
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_answering(process, port, log)
        yield Varnish(port=port, proxy_port=proxy_port, workdir=directory / "work")
    finally:
        stop(process)


@pytest.fixture(autouse=True)
def test_pages(settings):
    settings.ROOT_URLCONF = "tests.newsroom.varnish_urls"
    varnish_urls.failing.clear()


def wait_for(condition, seconds: float = 30) -> None:
    """Wait for something Varnish does in the background (a fetch after a stale hit)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.05)


def unique(prefix: str = "p") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def renders(name: str) -> int:
    return varnish_urls.renders[name]


# Caching and keys


def test_a_public_page_is_cached_and_its_keys_are_hidden(varnish):
    name = unique()
    path = f"/_varnish/page/{name}/?keys=article-1,stories"
    status, headers, body = request(varnish, path)
    assert (status, headers["X-Cache"], body) == (200, "MISS", f"page {name} render 1")
    status, headers, body = request(varnish, path)
    assert (status, headers["X-Cache"], body) == (200, "HIT", f"page {name} render 1")
    assert renders(name) == 1
    for hidden in ("Surrogate-Key", "xkey", "Cache-Tag", "X-Newsroom-SWR"):
        assert hidden not in headers


def test_head_is_answered_from_the_cache(varnish):
    name = unique()
    request(varnish, f"/_varnish/page/{name}/")
    status, headers, _ = request(varnish, f"/_varnish/page/{name}/", method="HEAD")
    assert (status, headers["X-Cache"], renders(name)) == (200, "HIT", 1)


def test_purge_by_key_drops_exactly_the_pages_carrying_it(varnish):
    one, two, other = unique("one"), unique("two"), unique("other")
    key_one, shared, key_other = unique("article-"), unique("stories-"), unique("article-")
    paths = {
        one: f"/_varnish/page/{one}/?keys={key_one},{shared}",
        two: f"/_varnish/page/{two}/?keys={shared}",
        other: f"/_varnish/page/{other}/?keys={key_other}",
    }
    for path in paths.values():
        request(varnish, path)
        assert request(varnish, path)[1]["X-Cache"] == "HIT"

    assert purge(varnish, key_one) == (200, "Purged 1")
    assert request(varnish, paths[one])[1]["X-Cache"] == "MISS"
    assert request(varnish, paths[two])[1]["X-Cache"] == "HIT"
    assert request(varnish, paths[other])[1]["X-Cache"] == "HIT"

    assert purge(varnish, shared, unique("nothing-")) == (200, "Purged 2")
    assert request(varnish, paths[one])[2] == f"page {one} render 3"
    assert request(varnish, paths[two])[2] == f"page {two} render 2"
    assert request(varnish, paths[other])[1]["X-Cache"] == "HIT"
    assert renders(other) == 1


def test_a_soft_purge_serves_the_old_page_once_while_fetching_the_new(varnish):
    name, key = unique(), unique("article-")
    path = f"/_varnish/page/{name}/?keys={key}&swr=60"
    request(varnish, path)
    assert purge(varnish, key, soft=True) == (200, "Purged 1")
    status, headers, body = request(varnish, path)
    assert (status, headers["X-Cache"], body) == (200, "HIT-STALE", f"page {name} render 1")
    # The background fetch lands; then the fresh page is a plain hit.
    wait_for(lambda: request(varnish, path)[2] == f"page {name} render 2")
    assert request(varnish, path)[1]["X-Cache"] == "HIT"


def test_past_stale_while_revalidate_the_reader_gets_a_fresh_page(varnish):
    name, key = unique(), unique("article-")
    path = f"/_varnish/page/{name}/?keys={key}"  # stale-while-revalidate=0
    request(varnish, path)
    purge(varnish, key, soft=True)
    status, headers, body = request(varnish, path)
    assert (status, headers["X-Cache"], body) == (200, "MISS", f"page {name} render 2")


def test_a_purge_needs_a_key(varnish):
    status, _ = http_purge_without_key(varnish)
    assert status == 400


def http_purge_without_key(varnish):
    connection = http.client.HTTPConnection("127.0.0.1", varnish.port, timeout=30)
    try:
        connection.request("PURGE", "/")
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# The purge ACL, through the PROXY listener: the header says who the client is.


def proxied_purge(varnish: Varnish, client: str, key: str) -> int:
    with socket.create_connection(("127.0.0.1", varnish.proxy_port), timeout=30) as sock:
        sock.sendall(
            f"PROXY TCP4 {client} 127.0.0.1 40000 80\r\n"
            f"PURGE / HTTP/1.1\r\nHost: news.example.org\r\nxkey-purge: {key}\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    return int(answer.split(b" ", 2)[1])


def test_only_listed_addresses_may_purge(varnish):
    name, key = unique(), unique("article-")
    path = f"/_varnish/page/{name}/?keys={key}"
    request(varnish, path)
    assert proxied_purge(varnish, "203.0.113.9", key) == 403
    assert request(varnish, path)[1]["X-Cache"] == "HIT"
    assert proxied_purge(varnish, "127.0.0.1", key) == 200
    assert request(varnish, path)[1]["X-Cache"] == "MISS"


# What is never shared


def test_a_reader_with_a_session_gets_the_app_not_the_cache(varnish):
    name = unique()
    path = f"/_varnish/page/{name}/"
    request(varnish, path)
    for expected in (2, 3):
        status, headers, body = request(varnish, path, headers={"Cookie": "sessionid=abc"})
        assert (status, headers["X-Cache"]) == (200, "PASS")
        assert body == f"page {name} render {expected}"
    # The session's pages were not stored: others still get the cached one.
    assert request(varnish, path)[2] == f"page {name} render 1"


def test_other_cookies_are_dropped_so_readers_share_the_page(varnish):
    name = unique()
    path = f"/_varnish/cookies/{name}/"
    first = request(varnish, path, headers={"Cookie": "csrftoken=abc; _ga=GA1.2.3"})
    assert first[2] == f"cookies {name} render 1: "
    second = request(varnish, path, headers={"Cookie": "_ga=GA1.9.9"})
    assert (second[1]["X-Cache"], second[2]) == ("HIT", first[2])


@pytest.mark.parametrize("kind", ["cookie", "private", "unmarked"])
def test_pages_with_set_cookie_private_or_no_public_mark_are_not_cached(varnish, kind):
    name = unique()
    for expected in (1, 2):
        status, headers, body = request(varnish, f"/_varnish/{kind}/{name}/")
        assert status == 200
        assert body.endswith(f"render {expected}")
        assert headers["X-Cache"] != "HIT"
    if kind == "cookie":
        assert "reader=one" in headers["Set-Cookie"]


@pytest.mark.parametrize("path", ["/admin/", "/comments/post/1/", "/language/en/?next=/"])
def test_the_desk_comments_and_language_switch_go_to_the_app(varnish, path):
    for _ in range(2):
        _, headers, _ = request(varnish, path, headers={"Cookie": "csrftoken=abc"})
        assert headers["X-Cache"] == "PASS"


def test_posts_go_to_the_app(varnish):
    name = unique()
    status, headers, _ = request(varnish, f"/_varnish/page/{name}/", method="POST")
    assert headers["X-Cache"] == "PASS"
    assert status == 403  # Django's CSRF check answered: the app saw it


# Stale pages while the app fails


def test_the_last_good_page_is_served_while_the_app_answers_errors(varnish):
    name, key = unique(), unique("article-")
    path = f"/_varnish/page/{name}/?keys={key}"
    request(varnish, path)
    varnish_urls.failing.add(name)
    purge(varnish, key, soft=True)  # the page is past its time
    status, headers, body = request(varnish, path)
    assert (status, headers["X-Cache"], body) == (200, "HIT-STALE", f"page {name} render 1")
    # The app was asked, and failed; serving the stale copy also started a background
    # fetch, which fails too (waited for, so that it cannot land after the app is back).
    wait_for(lambda: renders(name) == 3)
    varnish_urls.failing.discard(name)
    status, headers, body = request(varnish, path)
    assert (status, headers["X-Cache"], body) == (200, "MISS", f"page {name} render 4")


def test_the_last_good_page_is_served_while_the_app_is_down(varnish):
    name, key, missing = unique(), unique("article-"), unique()
    path = f"/_varnish/page/{name}/?keys={key}"
    request(varnish, path)
    purge(varnish, key, soft=True)
    varnish.adm("backend.set_health", "boot.default", "sick")
    try:
        status, headers, body = request(varnish, path)
        assert (status, headers["X-Cache"], body) == (200, "HIT-STALE", f"page {name} render 1")
        assert renders(name) == 1  # a sick app is not asked
        assert request(varnish, f"/_varnish/page/{missing}/")[0] == 503  # nothing to serve
    finally:
        varnish.adm("backend.set_health", "boot.default", "auto")
    assert request(varnish, path)[2] == f"page {name} render 2"


# The whole chain: the app's keys, its purges after commit, Varnish. Needs the per-key
# page cache of issue 13 (pages carrying Surrogate-Key, invalidate_keys calling
# newsroom.cdn.purge after the commit).


def app_headers(live_server, path: str) -> http.client.HTTPMessage:
    """The app's own answer, not through Varnish."""
    connection = http.client.HTTPConnection("127.0.0.1", urlsplit(live_server.url).port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.headers
    finally:
        connection.close()


def test_publishing_editing_and_approving_purge_exactly_their_pages(varnish, live_server, settings):
    from comments.services import comment_moderate
    from tests.comments.helpers import make_comment
    from tests.factories import make_article, make_member, make_section

    settings.PAGE_CACHE_SECONDS = 300
    settings.CDN_PURGE_BACKEND = "varnish"
    settings.CDN_PURGE_URL = varnish.url
    settings.CDN_PURGE_IN_BACKGROUND = False  # sent in the saving thread: no waiting here
    varnish.adm("ban", "obj.status", "!=", "0")  # start from an empty cache

    politics, sport = make_section(name="การเมือง"), make_section(name="กีฬา")
    story = make_article(section=politics, title="ข่าวการเมืองฉบับแรก")
    other = make_article(section=sport, title="ข่าวกีฬาวันนี้")
    comment = make_comment(story, status="pending", body="ความเห็นที่รออนุมัติ")
    pages = {
        "home": "/",
        "story": story.get_absolute_url(),
        "other": other.get_absolute_url(),
        "politics": politics.get_absolute_url(),
        "sport": sport.get_absolute_url(),
    }
    keys = app_headers(live_server, pages["story"]).get("Surrogate-Key", "").split()
    assert f"article-{story.pk}" in keys, "the story's page does not name its key"
    assert f"comments-{story.pk}" in keys

    def cache_states() -> dict[str, str]:
        return {name: request(varnish, path)[1]["X-Cache"] for name, path in pages.items()}

    cache_states()
    assert set(cache_states().values()) == {"HIT"}

    # Editing a story: its page and every list showing its card.
    story.title = "ข่าวการเมืองฉบับแก้ไข"
    story.save()
    assert cache_states() == {
        "home": "MISS",
        "story": "MISS",
        "other": "HIT",
        "politics": "MISS",
        "sport": "HIT",
    }
    assert "ข่าวการเมืองฉบับแก้ไข" in request(varnish, pages["story"])[2]

    # Publishing a story: the lists it joins; the other stories' pages stay.
    make_article(section=sport, title="ข่าวกีฬาใหม่")
    assert cache_states() == {
        "home": "MISS",
        "story": "HIT",
        "other": "HIT",
        "politics": "HIT",
        "sport": "MISS",
    }
    assert "ข่าวกีฬาใหม่" in request(varnish, pages["sport"])[2]

    # Approving a comment: the story's page (its thread and count), not the lists.
    moderator = make_member("moderator", "Moderator")
    comment_moderate(comment=comment, moderator=moderator, action="approve")
    states = cache_states()
    assert states["story"] == "MISS"
    assert {name: states[name] for name in ("other", "politics", "sport")} == {
        "other": "HIT",
        "politics": "HIT",
        "sport": "HIT",
    }
    assert "ความเห็นที่รออนุมัติ" in request(varnish, pages["story"])[2]
