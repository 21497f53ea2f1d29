"""The thread comes a page at a time: page size and order from settings, the reader may
switch the order, each page has its own address, and a page costs the same queries
with 5 comments or 300."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment
from newsroom import pagecache
from tests.comments.helpers import make_comment, post_comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db

Status = Comment.Status


@pytest.fixture(autouse=True)
def _small_pages(settings):
    settings.COMMENTS_PAGE_SIZE = 3
    settings.COMMENTS_ORDER = "oldest"


def thread(article, count: int, *, replies_to_each: int = 0) -> list[Comment]:
    """``count`` top-level comments a minute apart ("ความเห็น 0", "ความเห็น 1", ...)."""
    start = timezone.now() - timedelta(days=1)
    tops = []
    for n in range(count):
        top = make_comment(article, body=f"ความเห็น {n}")
        Comment.objects.filter(pk=top.pk).update(created_at=start + timedelta(minutes=n))
        tops.append(top)
        for r in range(replies_to_each):
            make_comment(article, parent=top, body=f"ตอบ {n}-{r}")
    return tops


def page(client, article, **params) -> str:
    response = client.get(article.get_absolute_url(), params)
    assert response.status_code == 200
    return response.content.decode()


def shown(html: str) -> list[str]:
    return re.findall(r'<p class="comment__body" dir="auto">(ความเห็น \d+)</p>', html)


class TestPages:
    def test_the_story_shows_the_first_page_oldest_first_with_a_link_on(self, client):
        article = make_article()
        thread(article, 7)
        html = page(client, article)
        assert shown(html) == ["ความเห็น 0", "ความเห็น 1", "ความเห็น 2"]
        assert f'href="{article.get_absolute_url()}?page=2#comments" rel="next"' in html
        assert "หน้า 1 จาก 3" in html
        assert 'rel="prev"' not in html

    def test_the_count_is_of_every_visible_comment_replies_included(self, client):
        article = make_article()
        thread(article, 4, replies_to_each=1)
        make_comment(article, status=Status.PENDING)
        assert "8 ความคิดเห็น" in page(client, article)

    def test_later_pages_and_the_last(self, client):
        article = make_article()
        thread(article, 7)
        second = page(client, article, page=2)
        assert shown(second) == ["ความเห็น 3", "ความเห็น 4", "ความเห็น 5"]
        assert f'href="{article.get_absolute_url()}#comments" rel="prev"' in second
        assert "?page=3#comments" in second
        last = page(client, article, page=3)
        assert shown(last) == ["ความเห็น 6"]
        assert 'rel="next"' not in last

    @pytest.mark.parametrize("wanted", ["99", "999999999999999999999"])
    def test_a_page_past_the_last_shows_the_last(self, client, wanted):
        article = make_article()
        thread(article, 7)
        assert shown(page(client, article, page=wanted)) == ["ความเห็น 6"]

    @pytest.mark.parametrize("wanted", ["0", "-1", "abc", ""])
    def test_a_page_that_is_no_number_shows_the_first(self, client, wanted):
        article = make_article()
        thread(article, 4)
        assert shown(page(client, article, page=wanted))[0] == "ความเห็น 0"

    def test_no_page_links_when_one_page_holds_all(self, client):
        article = make_article()
        thread(article, 3)
        html = page(client, article)
        assert len(shown(html)) == 3
        assert "comments__pages" not in html

    def test_replies_come_with_their_comment_oldest_first_on_any_page(self, client):
        article = make_article()
        tops = thread(article, 5)
        make_comment(article, parent=tops[4], body="ตอบก่อน")
        make_comment(article, parent=tops[4], body="ตอบทีหลัง")
        make_comment(article, parent=tops[4], body="ตอบที่ซ่อน", status=Status.PENDING)
        html = page(client, article, page=2)
        assert html.index("ความเห็น 4") < html.index("ตอบก่อน") < html.index("ตอบทีหลัง")
        assert "ตอบที่ซ่อน" not in html
        assert "ตอบก่อน" not in page(client, article)

    def test_the_page_size_comes_from_settings(self, client, settings):
        settings.COMMENTS_PAGE_SIZE = 5
        article = make_article()
        thread(article, 7)
        assert len(shown(page(client, article))) == 5


class TestOrder:
    def test_the_reader_may_ask_for_newest_first_and_the_links_keep_it(self, client):
        article = make_article()
        thread(article, 7)
        html = page(client, article, order="newest")
        assert shown(html) == ["ความเห็น 6", "ความเห็น 5", "ความเห็น 4"]
        assert "?page=2&amp;order=newest#comments" in html
        assert f'href="{article.get_absolute_url()}#comments">แสดงเก่าสุดก่อน' in html
        assert shown(page(client, article, order="newest", page=3)) == ["ความเห็น 0"]

    def test_the_default_order_is_a_setting(self, client, settings):
        settings.COMMENTS_ORDER = "newest"
        article = make_article()
        thread(article, 4)
        html = page(client, article)
        assert shown(html)[0] == "ความเห็น 3"
        assert "?order=oldest#comments" in html
        assert shown(page(client, article, order="oldest"))[0] == "ความเห็น 0"

    def test_an_unknown_order_is_the_default(self, client):
        article = make_article()
        thread(article, 2)
        assert shown(page(client, article, order="sideways")) == ["ความเห็น 0", "ความเห็น 1"]


class TestRepliesOnLaterPages:
    def test_the_reply_link_keeps_the_page_and_fills_the_form(self, client):
        article = make_article()
        tops = thread(article, 8)
        target = tops[7]
        html = page(client, article, page=3)
        assert f"{article.get_absolute_url()}?page=3&amp;reply={target.pk}#comment-form" in html
        replying = page(client, article, page=3, reply=target.pk)
        assert f'name="parent" value="{target.pk}"' in replying
        assert "ความเห็น 7" in replying
        assert post_comment(client, article, parent=str(target.pk)).status_code == 302
        assert Comment.objects.latest("pk").parent == target

    def test_a_reply_to_a_comment_on_another_page_still_names_it(self, client):
        article = make_article()
        tops = thread(article, 8)
        Comment.objects.filter(pk=tops[7].pk).update(name="คุณแดง")
        html = page(client, article, reply=tops[7].pk)  # page 1 does not show it
        assert f'name="parent" value="{tops[7].pk}"' in html
        assert "<bdi data-comments-reply-name>คุณแดง</bdi>" in html


class TestCost:
    def queries(self, client, article, **params) -> int:
        with CaptureQueriesContext(connection) as captured:
            page(client, article, **params)
        return len(captured)

    def test_a_page_costs_the_same_with_5_comments_or_300(
        self, settings, django_assert_max_num_queries
    ):
        settings.COMMENTS_PAGE_SIZE = 50
        small, large = make_article(), make_article()
        for article, count in ((small, 5), (large, 300)):
            rows = Comment.objects.bulk_create(
                Comment(article=article, name="ผู้อ่าน", email="r@example.com", body="ดี")
                for _ in range(count)
            )
            Comment.objects.bulk_create(
                Comment(article=article, parent=rows[n], name="ตอบ", email="r@e.com", body="ตอบ")
                for n in range(0, count, 2)
            )
            Comment.objects.filter(article=article).update(status=Status.APPROVED)
        client = Client()
        counts = {
            "small": self.queries(client, small),
            "large": self.queries(client, large),
            "large, page 4": self.queries(client, large, page=4),
        }
        assert len(set(counts.values())) == 1, counts
        # Past the last page: the counts, then the last page (two queries, only then).
        assert self.queries(client, small, page=4) == counts["small"] + 2
        with django_assert_max_num_queries(17):  # tests/articles/test_query_budgets.py
            html = page(client, large, page=4)
        assert html.count('class="comment"') == 50 + 25
        assert "303 ความคิดเห็น" not in html and "450 ความคิดเห็น" in html


def test_the_page_says_it_shows_the_storys_comments(client, monkeypatch):
    recorded = []
    real = pagecache.shows

    def shows(request, *keys):
        recorded.extend(keys)
        return real(request, *keys)

    monkeypatch.setattr(pagecache, "shows", shows)
    article = make_article()
    page(client, article, page=2)
    assert f"comments-{article.pk}" in recorded


def test_replies_are_nested_under_their_comment_with_what_readers_wrote_escaped(client):
    article = make_article()
    top = make_comment(article, name='ก"><b>', body="บรรทัดแรก\nบรรทัดสอง <i>")
    make_comment(article, parent=top, name="<script>ตอบ</script>", body="ตอบ & ถาม")
    html = client.get(article.get_absolute_url()).content.decode()
    nested = re.search(
        r'<li class="comment-list__item">\s*<div class="comment" id="comment-(\d+)">.*?'
        r'<ol class="comment-list comment-list--replies">\s*'
        r'<li class="comment-list__item"><div class="comment" id="comment-(\d+)">',
        html,
        re.S,
    )
    assert nested is not None
    assert int(nested[1]) == top.pk and int(nested[2]) != top.pk
    assert "บรรทัดแรก<br>บรรทัดสอง &lt;i&gt;" in html
    assert "ตอบ &amp; ถาม" in html
    assert 'data-name="ก&quot;&gt;&lt;b&gt;"' in html
    assert "&lt;script&gt;ตอบ&lt;/script&gt;" in html
    assert "<script>ตอบ" not in html and '"><b>' not in html
