"""CDN purges (newsroom/cdn.py): the requests each backend makes, against a real HTTP
server on 127.0.0.1 that records them; the outbox that keeps failed purges; the
`send_purges` command."""

import json
import socket
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from newsroom import cdn
from newsroom.models import PendingPurge
from tests.fresh_django import run_django


class Recorder(ThreadingHTTPServer):
    """Answers every request with ``status`` and ``body`` and remembers it."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), RecordingHandler)
        self.requests: list[dict] = []
        self.status = 200
        self.body = b'{"success": true}'

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class RecordingHandler(BaseHTTPRequestHandler):
    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.server.requests.append(
            {
                "method": self.command,
                "path": self.path,
                "headers": dict(self.headers.items()),
                "body": self.rfile.read(length),
            }
        )
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.server.body)))
        self.end_headers()
        self.wfile.write(self.server.body)

    do_GET = do_POST = do_PURGE = answer

    def log_message(self, *args):  # quiet test output
        pass


@pytest.fixture
def server():
    recorder = Recorder()
    thread = threading.Thread(target=recorder.serve_forever, daemon=True)
    thread.start()
    yield recorder
    recorder.shutdown()
    recorder.server_close()
    thread.join()


@pytest.fixture
def closed_port() -> int:
    """A port nothing listens on: the CDN is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def cdn_settings(settings, server):
    settings.CDN_PURGE_BACKEND = "varnish"
    settings.CDN_PURGE_URL = server.url + "/"
    settings.CDN_SOFT_PURGE = False
    settings.CDN_PURGE_TIMEOUT = 2
    settings.CDN_PURGE_IN_BACKGROUND = False
    settings.FASTLY_API_URL = server.url
    settings.FASTLY_SERVICE_ID = "SERVICE1"
    settings.FASTLY_API_TOKEN = "fastly-token"
    settings.CLOUDFLARE_API_URL = server.url + "/client/v4"
    settings.CLOUDFLARE_ZONE_ID = "ZONE1"
    settings.CLOUDFLARE_API_TOKEN = "cloudflare-token"
    return settings


def purge_now(capture, keys):
    """Purge as the page cache does, and run the after-commit callbacks."""
    with capture(execute=True):
        cdn.purge(keys)


def header(request: dict, name: str) -> str:
    found = {key.lower(): value for key, value in request["headers"].items()}
    return found.get(name.lower(), "")


def sent_keys(requests: list[dict], header_name: str) -> list[str]:
    return [key for request in requests for key in header(request, header_name).split()]


# The three backends


@pytest.mark.django_db
def test_varnish_gets_a_purge_request_naming_the_keys(server, django_capture_on_commit_callbacks):
    purge_now(django_capture_on_commit_callbacks, ["stories", "article-7", "article-7"])
    [request] = server.requests
    assert request["method"] == "PURGE"
    assert request["path"] == "/"
    assert header(request, "xkey-purge") == "article-7 stories"
    assert not header(request, "xkey-softpurge")
    assert not PendingPurge.objects.exists()


@pytest.mark.django_db
def test_varnish_soft_purge_by_setting(server, settings, django_capture_on_commit_callbacks):
    settings.CDN_SOFT_PURGE = True
    purge_now(django_capture_on_commit_callbacks, ["article-7"])
    [request] = server.requests
    assert header(request, "xkey-softpurge") == "article-7"
    assert not header(request, "xkey-purge")


@pytest.mark.django_db
def test_varnish_requests_keep_their_header_within_varnish_limits(
    server, django_capture_on_commit_callbacks
):
    keys = [f"stories-section-{n:010d}" for n in range(1000)]
    purge_now(django_capture_on_commit_callbacks, keys)
    assert len(server.requests) > 1
    assert all(
        len(header(request, "xkey-purge")) <= cdn.VARNISH_HEADER_BYTES
        for request in server.requests
    )
    assert sorted(sent_keys(server.requests, "xkey-purge")) == sorted(keys)


@pytest.mark.django_db
def test_fastly_gets_surrogate_keys_256_a_request(
    server, settings, django_capture_on_commit_callbacks
):
    settings.CDN_PURGE_BACKEND = "fastly"
    keys = [f"article-{n}" for n in range(600)]
    purge_now(django_capture_on_commit_callbacks, keys)
    assert [len(header(r, "Surrogate-Key").split()) for r in server.requests] == [256, 256, 88]
    for request in server.requests:
        assert request["method"] == "POST"
        assert request["path"] == "/service/SERVICE1/purge"
        assert header(request, "Fastly-Key") == "fastly-token"
        assert not header(request, "Fastly-Soft-Purge")
    assert sorted(sent_keys(server.requests, "Surrogate-Key")) == sorted(keys)


@pytest.mark.django_db
def test_fastly_soft_purge_by_setting(server, settings, django_capture_on_commit_callbacks):
    settings.CDN_PURGE_BACKEND = "fastly"
    settings.CDN_SOFT_PURGE = True
    purge_now(django_capture_on_commit_callbacks, ["article-1"])
    [request] = server.requests
    assert header(request, "Fastly-Soft-Purge") == "1"


@pytest.mark.django_db
def test_cloudflare_gets_tags_as_json_100_a_request(
    server, settings, django_capture_on_commit_callbacks
):
    settings.CDN_PURGE_BACKEND = "cloudflare"
    keys = [f"person-{n}" for n in range(250)]
    purge_now(django_capture_on_commit_callbacks, keys)
    bodies = [json.loads(request["body"]) for request in server.requests]
    assert [len(body["tags"]) for body in bodies] == [100, 100, 50]
    assert sorted(tag for body in bodies for tag in body["tags"]) == sorted(keys)
    for request in server.requests:
        assert request["method"] == "POST"
        assert request["path"] == "/client/v4/zones/ZONE1/purge_cache"
        assert header(request, "Authorization") == "Bearer cloudflare-token"
        assert header(request, "Content-Type") == "application/json"
    assert not PendingPurge.objects.exists()


@pytest.mark.django_db
def test_cloudflare_answer_without_success_is_a_failure(
    server, settings, django_capture_on_commit_callbacks
):
    settings.CDN_PURGE_BACKEND = "cloudflare"
    server.body = b'{"success": false, "errors": [{"code": 1134, "message": "quota"}]}'
    purge_now(django_capture_on_commit_callbacks, ["tag-3"])
    [pending] = PendingPurge.objects.all()
    assert pending.keys == "tag-3"
    assert "did not confirm" in pending.last_error


# Nothing to send


@pytest.mark.django_db
def test_nothing_is_written_or_sent_without_a_cdn(
    server, settings, django_capture_on_commit_callbacks
):
    settings.CDN_PURGE_BACKEND = ""
    purge_now(django_capture_on_commit_callbacks, ["article-1"])
    assert server.requests == []
    assert not PendingPurge.objects.exists()


@pytest.mark.django_db
def test_no_keys_no_request(server, django_capture_on_commit_callbacks):
    purge_now(django_capture_on_commit_callbacks, [])
    assert server.requests == []
    assert not PendingPurge.objects.exists()


# After the commit, and only then


@pytest.mark.django_db(transaction=True)
def test_purge_is_sent_after_the_commit(server):
    with transaction.atomic():
        cdn.purge(["article-5"])
        assert server.requests == []
    assert [header(r, "xkey-purge") for r in server.requests] == ["article-5"]
    assert not PendingPurge.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_purges_nothing(server):
    with pytest.raises(RuntimeError), transaction.atomic():
        cdn.purge(["article-5"])
        raise RuntimeError("the save failed")
    assert server.requests == []
    assert not PendingPurge.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_purge_is_sent_from_a_background_thread(server, settings):
    """After CDN_PURGE_DELAY: by then every worker has seen the change, so the CDN
    cannot fetch the old page again from one of them."""
    settings.CDN_PURGE_IN_BACKGROUND = True
    settings.CDN_PURGE_DELAY = 0.5
    cdn.purge(["article-9"])
    assert not server.requests  # not yet
    assert cdn.wait_for_background()
    assert [header(r, "xkey-purge") for r in server.requests] == ["article-9"]
    assert not PendingPurge.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_purge_that_fails_in_the_background_stays_in_the_outbox(settings, closed_port):
    settings.CDN_PURGE_URL = f"http://127.0.0.1:{closed_port}/"
    settings.CDN_PURGE_IN_BACKGROUND = True
    settings.CDN_PURGE_DELAY = 0
    cdn.purge(["article-9"])
    assert cdn.wait_for_background()
    [pending] = PendingPurge.objects.all()
    assert pending.attempts == 1


# Failures and the outbox


@pytest.mark.django_db
def test_a_cdn_that_is_down_leaves_the_purge_for_send_purges(
    server, settings, closed_port, django_capture_on_commit_callbacks
):
    settings.CDN_PURGE_URL = f"http://127.0.0.1:{closed_port}/"
    purge_now(django_capture_on_commit_callbacks, ["article-1", "stories"])
    [pending] = PendingPurge.objects.all()
    assert pending.keys == "article-1 stories"
    assert pending.attempts == 1
    assert "Connection refused" in pending.last_error

    settings.CDN_PURGE_URL = server.url + "/"
    call_command("send_purges", "--all", stdout=(out := _Output()))
    assert [header(r, "xkey-purge") for r in server.requests] == ["article-1 stories"]
    assert not PendingPurge.objects.exists()
    assert "Sent 1 purge(s): 2 key(s) in 1 request(s)" in out.text


@pytest.mark.django_db
def test_an_error_answer_leaves_the_purge_for_a_later_attempt(
    server, django_capture_on_commit_callbacks, monkeypatch
):
    server.status = 500
    purge_now(django_capture_on_commit_callbacks, ["comments-4"])
    [pending] = PendingPurge.objects.all()
    assert "HTTP 500" in pending.last_error
    assert len(server.requests) == 1

    # Not due yet: the run does nothing and says when the next attempt is.
    server.status = 200
    call_command("send_purges", stdout=(out := _Output()))
    assert len(server.requests) == 1
    assert "1 purge(s) waiting" in out.text

    later = timezone.now() + cdn.retry_delay(1) + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("send_purges", stdout=(out := _Output()))
    assert [header(r, "xkey-purge") for r in server.requests] == ["comments-4", "comments-4"]
    assert not PendingPurge.objects.exists()
    # Run again: nothing left, nothing sent.
    call_command("send_purges", stdout=(out := _Output()))
    assert "Nothing to purge." in out.text
    assert len(server.requests) == 2


@pytest.mark.django_db
def test_a_timeout_counts_as_a_failure(settings, django_capture_on_commit_callbacks):
    # Accepts connections (the backlog) but never answers.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(5)
        settings.CDN_PURGE_URL = f"http://127.0.0.1:{silent.getsockname()[1]}/"
        settings.CDN_PURGE_TIMEOUT = 0.2
        purge_now(django_capture_on_commit_callbacks, ["article-2"])
    [pending] = PendingPurge.objects.all()
    assert pending.attempts == 1
    assert "timed out" in pending.last_error


def test_retry_delay_doubles_up_to_an_hour():
    assert [cdn.retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [10, 20, 40, 80]
    assert cdn.retry_delay(30) == timedelta(hours=1)


@pytest.mark.django_db
def test_repeated_failures_back_off_and_merge_into_one_row(
    server, django_capture_on_commit_callbacks, monkeypatch
):
    server.status = 503
    start = timezone.now()
    purge_now(django_capture_on_commit_callbacks, ["article-1"])
    first = PendingPurge.objects.get()
    assert first.next_attempt_at >= start + timedelta(seconds=10)

    # The next purge, once the first is due, takes it along: still failing, the two
    # become one row with both keys, waiting twice as long.
    now = first.next_attempt_at + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: now)
    purge_now(django_capture_on_commit_callbacks, ["article-2"])
    assert header(server.requests[-1], "xkey-purge") == "article-1 article-2"
    merged = PendingPurge.objects.get()
    assert merged.keys == "article-1 article-2"
    assert merged.attempts == 2
    assert merged.next_attempt_at == now + timedelta(seconds=20)

    # A purge before the merged row is due does not send it.
    purge_now(django_capture_on_commit_callbacks, ["article-3"])
    assert header(server.requests[-1], "xkey-purge") == "article-3"
    assert PendingPurge.objects.count() == 2

    # When the CDN answers again, everything waiting goes with the next purge.
    server.status = 200
    purge_now(django_capture_on_commit_callbacks, ["article-4"])
    assert sorted(sent_keys(server.requests[-2:], "xkey-purge")) == [
        "article-1",
        "article-2",
        "article-3",
        "article-4",
    ]
    assert not PendingPurge.objects.exists()


@pytest.mark.django_db
def test_only_the_keys_not_purged_are_kept(server, settings, django_capture_on_commit_callbacks):
    settings.CDN_PURGE_BACKEND = "cloudflare"
    keys = [f"tag-{n:03d}" for n in range(250)]
    # The second request of three fails: the first 100 tags are done.
    answers = iter([b'{"success": true}', b'{"success": false}'])
    original = RecordingHandler.answer

    def answer(handler):
        handler.server.body = next(answers, b'{"success": true}')
        original(handler)

    RecordingHandler.do_POST = answer
    try:
        purge_now(django_capture_on_commit_callbacks, keys)
    finally:
        RecordingHandler.do_POST = original
    assert len(server.requests) == 2
    pending = PendingPurge.objects.get()
    assert pending.keys.split() == keys[100:]


@pytest.mark.django_db
def test_a_purge_left_by_a_process_that_died_is_sent_by_send_purges(
    server, django_capture_on_commit_callbacks
):
    # The row is written, and the process dies before its after-commit callback runs.
    with django_capture_on_commit_callbacks(execute=False):
        cdn.purge(["section-3"])
    assert server.requests == []
    call_command("send_purges", stdout=_Output())
    assert [header(r, "xkey-purge") for r in server.requests] == ["section-3"]
    assert not PendingPurge.objects.exists()


@pytest.mark.django_db
def test_a_purge_being_sent_is_not_sent_twice(server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        cdn.purge(["section-3"])
    claimed = cdn._claim(due_only=True)  # another sender has it now
    assert len(claimed) == 1
    summary = cdn.send_pending()
    assert (summary.sent, server.requests) == (0, [])


@pytest.mark.django_db
def test_a_failed_send_keeps_its_keys_when_another_sender_took_some_rows(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False):
        cdn.purge(["article-1"])
        cdn.purge(["article-2"])
    rows = cdn._claim(due_only=True)
    oldest = min(row.created_at for row in rows)
    PendingPurge.objects.filter(pk=rows[0].pk).delete()  # sent by the other sender
    cdn._keep_for_later(rows, cdn.PurgeFailed("down", ["article-1", "article-2"]))
    kept = PendingPurge.objects.get()
    assert (kept.keys, kept.attempts, kept.created_at) == ("article-1 article-2", 1, oldest)


@pytest.mark.django_db
def test_send_purges_fails_loudly_when_the_cdn_refuses(server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        cdn.purge(["section-3"])
    server.status = 403
    with pytest.raises(CommandError, match="HTTP 403"):
        call_command("send_purges", stdout=_Output())
    assert PendingPurge.objects.get().attempts == 1


@pytest.mark.django_db
def test_send_purges_without_a_cdn_sends_nothing(server, settings):
    settings.CDN_PURGE_BACKEND = ""
    call_command("send_purges", stdout=(out := _Output()))
    assert "No CDN configured" in out.text
    assert server.requests == []


class _Output:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


# Settings, read in a fresh interpreter


def test_an_unknown_cdn_is_refused_at_start():
    result = run_django({"DEBUG": "1", "CDN_PURGE_BACKEND": "akamai"}, "check")
    assert result.returncode != 0
    assert "CDN_PURGE_BACKEND" in result.stderr


def test_a_cdn_without_its_credentials_is_refused_at_start():
    result = run_django(
        {"DEBUG": "1", "CDN_PURGE_BACKEND": "fastly", "FASTLY_SERVICE_ID": "S1"}, "check"
    )
    assert result.returncode != 0
    assert "needs FASTLY_API_TOKEN" in result.stderr


def test_a_configured_cdn_starts():
    result = run_django(
        {
            "DEBUG": "1",
            "CDN_PURGE_BACKEND": "cloudflare",
            "CLOUDFLARE_ZONE_ID": "Z1",
            "CLOUDFLARE_API_TOKEN": "token",
        },
        "check",
    )
    assert result.returncode == 0, result.stderr
