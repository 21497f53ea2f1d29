"""Search accuracy on the larger set (tests/search/accuracy_set.py), whose queries are
exact when every story the query must find is found and no story it must not find is.
Issue 15 asks for 95 % exact; the engine reaches 95.2 % (160 of 168) today, and the
test holds that floor against regressions (MIN_EXACT, raised as the engine improves).
Precision, recall and the exact rate, overall and per category, and the queries that
miss are printed (pytest -s) and are in the failure message.

recall     found must-stories / all must-stories
precision  found must-stories / (found must-stories + found must-not stories)
exact      queries with every must-story found and no must-not story found
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Section
from people.models import Organisation, Person
from search import engine
from search.models import Synonym
from tests.search import accuracy_set as data

TARGET_EXACT = 0.95  # issue 15's target
MIN_EXACT = 0.95  # reached: 160 of 168 queries exact


def build() -> dict[str, Article]:
    """Create the newsroom of the set; returns every story by key, hidden ones too."""
    for terms in data.SYNONYMS:
        Synonym.objects.get_or_create(terms=terms)
    people = {key: Person.objects.create(**fields) for key, fields in data.PEOPLE.items()}
    organisations = {
        key: Organisation.objects.create(**fields) for key, fields in data.ORGANISATIONS.items()
    }
    sections = {key: Section.objects.create(name=name) for key, name in data.SECTIONS.items()}
    now = timezone.now()
    stories = {}
    for n, (key, story) in enumerate({**data.STORIES, **data.HIDDEN}.items()):
        status, published_at = Article.Status.PUBLISHED, now - timedelta(hours=n + 1)
        if key == "draft":
            status, published_at = Article.Status.DRAFT, None
        elif key == "scheduled":
            published_at = now + timedelta(days=1)
        article = Article.objects.create(
            section=sections[story.section],
            title=story.title,
            standfirst=story.standfirst,
            body=f"<p>{story.body}</p>",
            status=status,
            published_at=published_at,
        )
        article.people.set([people[p] for p in story.people])
        article.organisations.set([organisations[o] for o in story.organisations])
        if story.tags:
            article.tags.add(*story.tags)
        stories[key] = article
    return stories


@dataclass
class Score:
    queries: int = 0
    exact: int = 0
    must: int = 0
    must_found: int = 0
    must_not_found: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, query: data.Query, found: set[str], must_not: frozenset[str]) -> None:
        missing, extra = query.must - found, must_not & found
        self.queries += 1
        self.exact += not missing and not extra
        self.must += len(query.must)
        self.must_found += len(query.must) - len(missing)
        self.must_not_found += len(extra)
        if missing or extra:
            self.misses.append(
                f"[{query.category}] {query.text!r}: "
                f"missing {sorted(missing)}, must not find {sorted(extra)}"
            )

    @property
    def recall(self) -> float:
        return self.must_found / self.must if self.must else 1.0

    @property
    def precision(self) -> float:
        judged = self.must_found + self.must_not_found
        return self.must_found / judged if judged else 1.0

    @property
    def exact_rate(self) -> float:
        return self.exact / self.queries if self.queries else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name:<16} {self.queries:>4} queries  precision {self.precision:6.1%}  "
            f"recall {self.recall:6.1%}  exact {self.exact:>3}/{self.queries:<3} "
            f"({self.exact_rate:.1%})"
        )


def test_the_set_is_big_and_well_formed():
    assert len(data.STORIES) >= 60
    assert len(data.QUERIES) >= 150
    per_category = Counter(query.category for query in data.QUERIES)
    assert set(per_category) == set(data.CATEGORIES)
    assert min(per_category.values()) >= 12, per_category
    assert len({(query.category, query.text) for query in data.QUERIES}) == len(data.QUERIES)
    for query in data.QUERIES:
        assert query.must, query.text
        assert query.must_not, query.text
        assert not query.must & query.must_not, query.text
        assert query.must | query.must_not <= set(data.STORIES), query.text


def test_every_trap_query_has_a_story_that_holds_its_letters_in_another_word():
    def text(story: data.Story) -> str:
        return " ".join([story.title, story.standfirst, story.body])

    for query in data.QUERIES:
        if query.category == "trap":
            traps = [key for key in query.must_not if query.text in text(data.STORIES[key])]
            assert traps, query.text


@pytest.mark.django_db
def test_at_least_95_percent_of_queries_find_what_a_thai_reader_means(
    django_capture_on_commit_callbacks,
):
    # Built through the ORM as editors would, so the signals index the stories (and
    # the names join the dictionary) when the transaction "commits".
    with django_capture_on_commit_callbacks(execute=True):
        stories = build()
    key_of = {article.pk: key for key, article in stories.items()}
    hidden = frozenset(data.HIDDEN)
    total = Score()
    by_category = {category: Score() for category in data.CATEGORIES}
    for query in data.QUERIES:
        found = {key_of[pk] for pk in engine.search(query.text).values_list("pk", flat=True)}
        for score in (total, by_category[query.category]):
            score.add(query, found, query.must_not | hidden)
    report = "\n".join(
        [
            "search accuracy set:",
            *(by_category[category].line(category) for category in data.CATEGORIES),
            total.line("all"),
            *(f"  {miss}" for miss in total.misses),
        ]
    )
    print("\n" + report)
    assert total.exact_rate >= MIN_EXACT, report
