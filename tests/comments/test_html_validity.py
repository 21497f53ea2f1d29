"""The comment pages are valid HTML (W3C Nu HTML Checker), with every state shown."""

import pytest
from django.urls import reverse

from tests.comments.helpers import make_comment, post_comment
from tests.factories import make_article
from tests.html_checker import html_problems

pytestmark = pytest.mark.django_db


def test_comment_pages_pass_the_nu_html_checker(client, settings, tmp_path):
    article = make_article()
    top = make_comment(article, body="บรรทัดแรก\nบรรทัดสอง <b>ตัวหนา</b>")
    make_comment(article, parent=top, name='"><ชื่อแปลก>')
    post_comment(client, article)  # the reader's own waiting comment
    pages = {
        "story-with-own-and-reply": client.get(article.get_absolute_url(), {"reply": top.pk}),
        "form-errors": post_comment(client, article, email="bad", body="ยังอยู่"),
        "report": client.get(reverse("comments:report", args=[top.pk])),
        "closed": client.get(make_article(comments_enabled=False).get_absolute_url()),
    }
    settings.COMMENTS_RATE_LIMITS = {**settings.COMMENTS_RATE_LIMITS, "address": (1, 600)}
    post_comment(client, article, ip="192.0.2.99")
    pages["ratelimited"] = post_comment(client, article, ip="192.0.2.99")
    for name, response in pages.items():
        assert response.status_code in (200, 400, 429), name
    problems = html_problems({name: r.content for name, r in pages.items()}, tmp_path)
    assert problems == [], "\n".join(problems)
