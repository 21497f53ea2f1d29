"""Search accuracy on an editor's corpus: at least 95% of queries find exactly the
stories an editor expects (tests/search/corpus.py). The score is printed (pytest -s)
and is in the failure message."""

import pytest

from search import engine
from tests.search import corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(django_capture_on_commit_callbacks):
    # Built through the ORM as editors would, so the signals keep the index (and the
    # dictionary of names) current when the transaction "commits".
    with django_capture_on_commit_callbacks(execute=True):
        built = corpus.build()
    return built


def test_corpus_is_big_enough():
    assert len(corpus.STORIES) >= 40
    assert len(corpus.QUERIES) >= 40


def test_at_least_95_percent_of_queries_find_exactly_the_expected_stories(stories):
    key_of = {article.pk: key for key, article in stories.items()}
    failures = []
    for query, expected in corpus.QUERIES.items():
        found = {key_of[pk] for pk in engine.search(query).values_list("pk", flat=True)}
        if found != expected:
            failures.append(
                f"{query!r}: missing {sorted(expected - found)}, extra {sorted(found - expected)}"
            )
    total = len(corpus.QUERIES)
    score = (total - len(failures)) / total
    report = f"search accuracy: {total - len(failures)}/{total} queries exact ({score:.1%})"
    print("\n" + report + "".join(f"\n  {line}" for line in failures))
    assert score >= 0.95, report + "\n" + "\n".join(failures)


def test_hidden_stories_are_found_by_the_desk_only(stories):
    desk = set(engine.matching_article_ids("ผู้ว่าฯ"))
    assert stories["draft"].pk in desk
    readers = set(engine.search("ผู้ว่าฯ").values_list("pk", flat=True))
    assert stories["draft"].pk not in readers
    assert stories["scheduled"].pk not in set(engine.search("น้ำท่วม").values_list("pk", flat=True))
