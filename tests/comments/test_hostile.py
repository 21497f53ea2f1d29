"""Hostile input in every field: a 4xx or a safely escaped comment, never a 500; and 300
comments at once, none lost."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.template.defaultfilters import linebreaksbr
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comments.models import Comment
from tests.comments.helpers import form_data, post_comment
from tests.factories import make_article

Status = Comment.Status

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">คลิก</a>',
    "javascript:alert(document.cookie)",
    "<svg/onload=alert(1)>",
    "ปกติ\u202eแต่กลับด้าน",
    "{{ 7|add:7 }} {% csrf_token %}",
    "\u200b\u200b\u200b",
    "ก" * 100_000,
    " \n\t ",
    "'; DROP TABLE comments_comment; --",
]


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["name", "email", "body", "parent", "token", "website"])
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_values_are_refused_or_stored_and_escaped(client, field, value):
    article = make_article()
    response = post_comment(client, article, **{field: value})
    assert response.status_code in (302, 400), response.status_code
    for comment in Comment.objects.all():
        comment.status = Status.APPROVED
        comment.save()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    for dangerous in ("<script>alert", "<img src=x", "<svg/onload", 'href="javascript:'):
        assert dangerous not in html
    assert "\u202e" not in html


@pytest.mark.django_db
def test_nul_bytes_and_invalid_utf8_are_4xx(client):
    article = make_article()
    assert post_comment(client, article, body="ก\x00ข").status_code == 400
    assert post_comment(client, article, name="\x00").status_code == 400
    raw = "&".join(
        f"{key}={value}" for key, value in form_data(article, body="").items() if key != "body"
    )
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        data=(raw + "&body=%FF%FE%C3%28").encode(),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (302, 400)
    assert all("\x00" not in body for body in Comment.objects.values_list("body", flat=True))


@pytest.mark.django_db
def test_a_body_with_a_million_characters_is_4xx(client):
    article = make_article()
    response = post_comment(client, article, body="x" * 1_000_000)
    assert response.status_code in (400, 413)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.text(max_size=120),
    email=st.one_of(st.emails(), st.text(max_size=60)),
    body=st.text(max_size=400),
    parent=st.one_of(st.just(""), st.integers().map(str), st.text(max_size=10)),
    website=st.one_of(st.just(""), st.text(max_size=20)),
)
def test_any_form_input_gets_a_4xx_or_a_stored_escaped_comment(
    client, name, email, body, parent, website
):
    article = make_article()
    response = post_comment(
        client, article, name=name, email=email, body=body, parent=parent, website=website
    )
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        comment = Comment.objects.latest("pk")
        comment.status = Status.APPROVED
        comment.save()
        page = client.get(article.get_absolute_url())
        assert page.status_code == 200
        html = page.content.decode()
        assert linebreaksbr(comment.body, autoescape=True) in html
        assert str(escape(comment.name)) in html


@pytest.mark.django_db(transaction=True)
def test_300_comments_posted_at_once_are_all_stored_pending():
    article = make_article()

    def post(n):
        try:
            response = post_comment(
                Client(),
                article,
                ip=f"198.51.{n // 250}.{n % 250 + 1}",
                email=f"reader{n}@example.com",
                body=f"ความเห็นที่ {n}",
            )
            return response.status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=12) as pool:
        codes = list(pool.map(post, range(300)))
    assert codes == [302] * 300
    assert Comment.objects.filter(article=article, status=Status.PENDING).count() == 300
    assert len(set(Comment.objects.values_list("body", flat=True))) == 300
