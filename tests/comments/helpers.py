"""Helpers shared by the comment tests."""

from django.urls import reverse
from django.utils import translation

from articles.models import Article
from comments.forms import make_token
from comments.models import Comment

THAI_BODY = "ข่าวนี้ดีมากครับ\nขอบคุณทีมข่าว"


def open_page_cache_off(settings) -> None:
    settings.PAGE_CACHE_SECONDS = 0


def form_data(article: Article, **overrides) -> dict:
    data = {
        "name": "สมชาย ใจดี",
        "email": "somchai@example.com",
        "body": THAI_BODY,
        "parent": "",
        "website": "",
        "token": make_token(article),
    }
    data.update(overrides)
    return data


def post_comment(
    client,
    article: Article,
    *,
    json: bool = False,
    ip: str = "203.0.113.7",
    extra=None,
    language: str = "th",
    **fields,
):
    """Post as the form on the story's page in `language` does (/en/... for English)."""
    headers = {"Accept": "application/json"} if json else {}
    with translation.override(language):
        url = reverse("comments:post", args=[article.pk])
    return client.post(
        url,
        form_data(article, **fields),
        headers=headers,
        REMOTE_ADDR=ip,
        **(extra or {}),
    )


def make_comment(article: Article, **kw) -> Comment:
    kw.setdefault("name", "ผู้อ่าน")
    kw.setdefault("email", "reader@example.com")
    kw.setdefault("body", "ความเห็นทดสอบ")
    kw.setdefault("status", Comment.Status.APPROVED)
    return Comment.objects.create(article=article, **kw)
