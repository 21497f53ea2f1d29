"""The comment form on a shared, cached story page: no reader's token in it; the reader's
tokens come from /comments/token/ (comments.js) or with the form handed back (no script);
forged cross-site posts are refused and the bot timer measures the reader."""

import re

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import translation

from comments.forms import make_token, token_signal
from comments.models import Comment
from tests.comments.helpers import THAI_BODY, form_data
from tests.factories import make_article

pytestmark = pytest.mark.django_db

Flag = Comment.Flag
ORIGIN = "http://testserver"


def field_value(html: str, name: str) -> str:
    """The value of the form's hidden field ``name`` ("" when it has none)."""
    tag = re.search(rf'<input type="hidden" name="{name}"[^>]*>', html)
    assert tag, f"no hidden {name} field"
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return value.group(1) if value else ""


def issued(token: str) -> int:
    """When a timing token was made (whole seconds, as signed)."""
    return signing.b62_decode(token.split(":")[-2])


def fetch_tokens(client, article) -> dict:
    response = client.get(reverse("comments:token", args=[article.pk]))
    assert response.status_code == 200
    return response.json()


def post(client, article, data, **headers):
    return client.post(reverse("comments:post", args=[article.pk]), data, headers=headers)


def without_tokens(article, **fields) -> dict:
    data = form_data(article, **fields)
    data["token"] = ""
    return data


@pytest.fixture
def browser_client():
    """A reader's browser: Django checks its CSRF token like a real one's."""
    return Client(enforce_csrf_checks=True)


class TestTheSharedPage:
    def test_the_form_holds_no_csrf_or_timing_token(self, client):
        html = client.get(make_article().get_absolute_url()).content.decode()
        assert field_value(html, "csrfmiddlewaretoken") == ""
        assert field_value(html, "token") == ""
        assert 'data-token-url="/comments/token/' in html

    @pytest.mark.parametrize("cache_seconds", [0, 300])
    def test_the_page_is_the_same_bytes_for_every_anonymous_reader(self, settings, cache_seconds):
        settings.PAGE_CACHE_SECONDS = cache_seconds
        article = make_article()
        first, second = Client(), Client()
        first.cookies["csrftoken"] = "a" * 32  # a reader who fetched tokens before
        second.cookies["newsroom_consent"] = "yes"
        one = first.get(article.get_absolute_url())
        two = second.get(article.get_absolute_url())
        assert one.content == two.content
        for response in (one, two):
            assert "private" not in response.get("Cache-Control", "")
            assert "csrftoken" not in response.cookies


class TestTokens:
    def test_the_token_endpoint_gives_this_readers_tokens_privately(self, browser_client):
        article = make_article()
        response = browser_client.get(reverse("comments:token", args=[article.pk]))
        assert response["Cache-Control"] == "private, no-store"
        data = response.json()
        assert data["csrf"] and data["token"]
        assert "csrftoken" in response.cookies  # Django's CSRF cookie, set with the token
        assert token_signal(data["token"], article) is None

    def test_no_tokens_for_a_story_that_is_not_published(self, client):
        draft = make_article(status="draft")
        assert client.get(reverse("comments:token", args=[draft.pk])).status_code == 404

    def test_a_comment_sent_with_fetched_tokens_is_taken(self, browser_client):
        article = make_article()
        browser_client.get(article.get_absolute_url())  # the shared page
        tokens = fetch_tokens(browser_client, article)
        data = form_data(article, token=tokens["token"], csrfmiddlewaretoken=tokens["csrf"])
        response = post(browser_client, article, data, Origin=ORIGIN, Accept="application/json")
        assert response.json()["status"] == "pending"
        comment = Comment.objects.get()
        assert comment.status == Comment.Status.PENDING and Flag.TOO_FAST not in comment.flags

    def test_sent_straight_after_fetching_the_tokens_is_too_fast(self, browser_client, settings):
        settings.COMMENTS_MIN_SECONDS = 60
        article = make_article()
        tokens = fetch_tokens(browser_client, article)
        data = form_data(article, token=tokens["token"], csrfmiddlewaretoken=tokens["csrf"])
        assert post(browser_client, article, data, Origin=ORIGIN).status_code == 302
        comment = Comment.objects.get()
        # Held for a person, not thrown away as spam: "too fast" alone is no proof.
        assert comment.status == Comment.Status.PENDING and comment.flags[0] == Flag.TOO_FAST

    def test_the_timer_starts_when_the_token_is_asked_for(self, settings):
        settings.COMMENTS_MIN_SECONDS = 3
        article = make_article()
        token = make_token(article)
        assert token_signal(token, article, now=issued(token) + 1) == Flag.TOO_FAST
        assert token_signal(token, article, now=issued(token) + 4) is None

    def test_a_handed_back_form_may_be_sent_again_after_a_second(self, settings):
        settings.COMMENTS_MIN_SECONDS = 60
        article = make_article()
        token = make_token(article, resend=True)
        assert token_signal(token, article, now=issued(token) + 0.5) == Flag.TOO_FAST
        assert token_signal(token, article, now=issued(token) + 2) is None
        assert token_signal(make_token(make_article(), resend=True), article) == Flag.BAD_TOKEN


class TestForgedPosts:
    @pytest.mark.parametrize(
        "headers",
        [
            {"Origin": "https://evil.example"},
            {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
            {"Sec-Fetch-Site": "cross-site", "Referer": "https://evil.example/page"},
            {"Referer": "https://evil.example/page"},
            {"Origin": "null"},
            {},  # nothing says where it came from
        ],
    )
    def test_a_cross_site_post_without_a_token_is_refused(self, browser_client, headers):
        article = make_article()
        response = post(browser_client, article, without_tokens(article), **headers)
        assert response.status_code == 403
        assert Comment.objects.count() == 0

    def test_a_cross_site_post_with_a_valid_token_is_refused_by_the_origin_check(
        self, browser_client
    ):
        article = make_article()
        tokens = fetch_tokens(browser_client, article)
        data = form_data(article, token=tokens["token"], csrfmiddlewaretoken=tokens["csrf"])
        response = post(browser_client, article, data, Origin="https://evil.example")
        assert response.status_code == 403
        assert Comment.objects.count() == 0

    def test_a_same_origin_claim_by_one_header_and_cross_site_by_another_is_refused(
        self, browser_client
    ):
        article = make_article()
        data = without_tokens(article)
        response = post(
            browser_client, article, data, Origin=ORIGIN, **{"Sec-Fetch-Site": "cross-site"}
        )
        assert response.status_code == 403


class TestWithoutScript:
    """A reader without script sends the shared form without tokens: it comes back,
    text kept, tokens filled in, and the second send is taken."""

    @pytest.mark.parametrize(
        "headers",
        [
            {"Origin": ORIGIN, "Sec-Fetch-Site": "same-origin"},
            {"Origin": ORIGIN},
            {"Referer": f"{ORIGIN}/news/1/"},
        ],
    )
    def test_the_form_comes_back_with_the_text_kept_and_then_goes(self, browser_client, headers):
        article = make_article()
        browser_client.get(article.get_absolute_url())
        first = post(browser_client, article, without_tokens(article), **headers)
        assert first.status_code == 400
        assert first["Cache-Control"] == "private, no-store"
        assert Comment.objects.count() == 0
        html = first.content.decode()
        assert "กรุณาตรวจความคิดเห็นของคุณ" in html  # "please check ... send again"
        assert "ข่าวนี้ดีมากครับ" in html and 'value="สมชาย ใจดี"' in html
        csrf, token = field_value(html, "csrfmiddlewaretoken"), field_value(html, "token")
        assert csrf and token

        data = form_data(article, token=token, csrfmiddlewaretoken=csrf)
        second = post(browser_client, article, data, **headers)
        assert second.status_code == 302
        comment = Comment.objects.get()
        assert comment.status == Comment.Status.PENDING and comment.body == THAI_BODY

    def test_in_english_for_an_english_reader(self, browser_client):
        article = make_article()
        with translation.override("en"):  # the form on the story's English page
            url = reverse("comments:post", args=[article.pk])
        assert url.startswith("/en/")
        html = browser_client.post(url, without_tokens(article), headers={"Origin": ORIGIN})
        assert "Please check your comment" in html.content.decode()

    def test_a_reply_stays_a_reply(self, browser_client):
        from tests.comments.helpers import make_comment

        article = make_article()
        top = make_comment(article, name="คุณแดง")
        response = post(
            browser_client, article, without_tokens(article, parent=str(top.pk)), Origin=ORIGIN
        )
        html = response.content.decode()
        assert f'name="parent" value="{top.pk}"' in html
        assert "<bdi data-comments-reply-name>คุณแดง</bdi>" in html

    def test_a_script_without_tokens_gets_fresh_ones_in_json(self, browser_client):
        article = make_article()
        response = post(
            browser_client,
            article,
            without_tokens(article),
            Origin=ORIGIN,
            Accept="application/json",
        )
        assert response.status_code == 400
        data = response.json()
        assert data["ok"] is False and data["csrf"] and data["token"]
        assert Comment.objects.count() == 0


class TestOldForms:
    def test_an_old_form_asks_to_send_again_keeps_the_text_and_then_goes(self, client, settings):
        article = make_article()
        old = form_data(article)
        settings.COMMENTS_FORM_MAX_AGE = -1  # every token is too old
        response = post(client, article, old)
        assert response.status_code == 400
        html = response.content.decode()
        assert "ข่าวนี้ดีมากครับ" in html
        assert "แบบฟอร์มนี้เก่าเกินไป" in html  # "this form is too old"
        fresh = field_value(html, "token")
        assert fresh and fresh != old["token"]
        assert Comment.objects.count() == 0
        settings.COMMENTS_FORM_MAX_AGE = 3600
        assert post(client, article, {**old, "token": fresh}).status_code == 302
        assert Comment.objects.get().status == Comment.Status.PENDING

    def test_a_script_gets_a_fresh_token_with_the_message(self, client, settings):
        article = make_article()
        settings.COMMENTS_FORM_MAX_AGE = -1
        response = post(client, article, form_data(article), Accept="application/json")
        assert response.status_code == 400
        assert response.json()["token"]


class TestBlankFormFields:
    """A blank form's fields are rendered once per language (comments/forms.py,
    fields_html); a form with a reader's text or a reply in it never comes from there."""

    def test_each_language_gets_its_own_labels(self):
        article = make_article()
        for _ in range(2):  # the second time from the kept copy
            thai = Client().get(article.get_absolute_url()).content.decode()
            english = Client().get(f"/en{article.get_absolute_url()}").content.decode()
            assert 'for="comment-name">ชื่อ' in thai and ">Name" not in thai
            assert 'for="comment-name">Name' in english and ">ชื่อ" not in english

    def test_a_reply_form_is_not_kept_for_others(self):
        article = make_article()
        reply_to = Comment.objects.create(
            article=article, name="ผู้อ่าน", email="r@example.org", body="ดี", status="approved"
        )
        url = article.get_absolute_url()
        replying = Client().get(f"{url}?reply={reply_to.pk}").content.decode()
        assert field_value(replying, "parent") == str(reply_to.pk)
        assert field_value(Client().get(url).content.decode(), "parent") == ""
