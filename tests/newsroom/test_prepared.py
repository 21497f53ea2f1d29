"""The prepared cursor (newsroom/prepared.py): hot statements planned once per
connection, still counted as queries, and plain again when switched off."""

import psycopg
import pytest
from django.db import connection

from articles.story_loading import load_story
from comments.models import Comment
from newsroom.prepared import prepared_cursor
from tests.factories import make_article
from tests.fresh_django import run_django

pytestmark = pytest.mark.django_db

COUNT_PREPARED = "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s"


def prepared(fragment: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(COUNT_PREPARED, [f"%{fragment}%"])
        return cursor.fetchone()[0]


def test_a_statement_is_prepared_when_it_runs_again():
    statement = "SELECT %s::int + 41 AS prepared_probe"
    with prepared_cursor() as cursor:
        cursor.execute(statement, [1])
        assert cursor.fetchone() == (42,)
    assert prepared("prepared_probe") == 0  # once is not worth preparing
    for value in (2, 3):
        with prepared_cursor() as cursor:
            cursor.execute(statement, [value])
            assert cursor.fetchone() == (value + 41,)
    assert prepared("prepared_probe") == 1  # one plan, whatever the values


def test_its_queries_are_counted(django_assert_num_queries):
    with django_assert_num_queries(2):
        for _ in range(2):
            with prepared_cursor() as cursor:
                cursor.execute("SELECT %s::int", [7])


def test_a_story_and_its_thread_are_prepared_statements():
    article = make_article()
    Comment.objects.create(
        article=article, name="อ่าน", email="a@example.org", body="ดีมาก", status="approved"
    )
    for _ in range(2):
        assert load_story(article.pk).title == article.title
        page = Comment.objects.thread_page(article)
        assert [c.body for c in page.comments] == ["ดีมาก"] and page.total == 1
    assert prepared("WITH page AS") == 1
    assert prepared("to_jsonb(a), to_jsonb(s)") == 1


@pytest.mark.parametrize(("switch", "expected"), [("1", "1"), ("0", "0")])
def test_the_switch_for_poolers_that_drop_prepared_statements(switch, expected):
    script = (
        "from django.db import connection\n"
        "from newsroom.prepared import prepared_cursor\n"
        "for value in range(3):\n"
        "    with prepared_cursor() as cursor: cursor.execute('SELECT %s::int', [value])\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('SELECT count(*) FROM pg_prepared_statements')\n"
        "    print(cursor.fetchone()[0])\n"
    )
    result = run_django(
        {"DEBUG": "1", "DATABASE_PREPARED_STATEMENTS": switch}, "shell", "-c", script
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == expected


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_dropped_is_replaced_first():
    """As with Django's own cursor: with CONN_HEALTH_CHECKS, the first cursor of a
    request finds a persistent connection the server closed and opens a new one."""
    with prepared_cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (dropped,) = cursor.fetchone()
    # From another session, the server ends that one, as on a restart.
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [dropped])
    connection.health_check_done = False  # a new request
    with prepared_cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != dropped
