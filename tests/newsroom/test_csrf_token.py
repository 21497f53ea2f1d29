"""The cheap CSRF token of cached pages (newsroom/csrf_token.py) is Django's own kind."""

import re
from collections import Counter

import pytest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CsrfViewMiddleware, _unmask_cipher_token
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from newsroom.csrf_token import random_string, reader_token
from tests.comments.helpers import form_data
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_random_strings_use_every_allowed_character_equally():
    draws = [random_string() for _ in range(6000)]
    assert all(len(draw) == 32 for draw in draws)
    assert len(set(draws)) == len(draws)
    counts = Counter("".join(draws))
    assert set(counts) == set(CSRF_ALLOWED_CHARS)
    # 192,000 characters, about 3,100 of each. Taking bytes modulo 62 without
    # rejecting the top ones would give eight characters a quarter more than the rest.
    assert max(counts.values()) / min(counts.values()) < 1.15


def test_a_first_visit_gets_a_new_secret_for_its_cookie(rf):
    request = rf.get("/")
    CsrfViewMiddleware(lambda r: None).process_request(request)
    token = reader_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    assert len(token) == 64 and len(secret) == 32
    assert _unmask_cipher_token(token) == secret
    again = reader_token(request)
    assert again != token and _unmask_cipher_token(again) == secret


def test_a_returning_reader_keeps_the_secret_in_their_cookie(rf):
    secret = random_string()
    request = rf.get("/", HTTP_COOKIE=f"csrftoken={secret}")
    CsrfViewMiddleware(lambda r: None).process_request(request)
    token = reader_token(request)
    assert request.META["CSRF_COOKIE"] == secret
    assert _unmask_cipher_token(token) == secret


def test_a_reader_served_from_the_page_cache_can_post_a_comment():
    article = make_article()
    Client().get(article.get_absolute_url())  # rendered and stored by someone else
    reader = Client(enforce_csrf_checks=True)
    html = reader.get(article.get_absolute_url()).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    posted = reader.post(
        reverse("comments:post", args=[article.pk]), form_data(article, csrfmiddlewaretoken=token)
    )
    assert posted.status_code == 302
    assert Comment.objects.filter(article=article).count() == 1
    # Without the token the same reader is refused.
    refused = reader.post(reverse("comments:post", args=[article.pk]), form_data(article))
    assert refused.status_code == 403
    assert Comment.objects.filter(article=article).count() == 1
