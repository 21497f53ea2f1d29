"""Suggested links of a story to the people and organisations it names.

The matcher (people/matcher.py) finds names; this module turns them into suggestions
an editor decides on — which are already linked, which new people could be created —
and links the ones an editor accepts (the admin's bulk action, ``suggest_entities
--accept``). Nothing is linked otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import transaction
from django.db.models import F
from django.urls import reverse

from articles.models import Article
from search.engine import html_to_text

from . import matcher
from .models import Organisation, Person

#: Text beyond this is not read (a story is tens of KB; this bounds a forged request).
MAX_TEXT_CHARS = 200_000


@dataclass
class Suggestion:
    entity: Person | Organisation
    written: list[str]  # how the story writes it, title included, first seen first
    linked: bool


@dataclass
class NewPerson:
    title: str
    name: str

    @property
    def add_url(self) -> str:
        """The person form, prefilled with the title kept apart from the name."""
        query = urlencode({"title": self.title, "name": self.name})
        return f"{reverse('admin:people_person_add')}?{query}"


@dataclass
class Suggestions:
    people: list[Suggestion] = field(default_factory=list)
    organisations: list[Suggestion] = field(default_factory=list)
    new_people: list[NewPerson] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.people or self.organisations or self.new_people)

    def unlinked_ids(self) -> tuple[list[int], list[int]]:
        return (
            [s.entity.pk for s in self.people if not s.linked],
            [s.entity.pk for s in self.organisations if not s.linked],
        )


def story_text(title: str, standfirst: str, body: str) -> str:
    """The words of a story the matcher reads: headline, standfirst, body as text."""
    text = "\n".join((title or "", standfirst or "", html_to_text(body or "")))
    return text[:MAX_TEXT_CHARS]


def suggest(
    text: str,
    *,
    linked_people: set[int] | frozenset[int] = frozenset(),
    linked_organisations: set[int] | frozenset[int] = frozenset(),
) -> Suggestions:
    """What ``text`` names, each marked linked or not; two queries, whatever it names."""
    if not text.strip():
        return Suggestions()  # an empty new story: not worth loading the names
    findings = matcher.find_names(text)
    written: dict[tuple[str, int], list[str]] = {}
    for mention in findings.mentions:
        forms = written.setdefault((mention.kind, mention.pk), [])
        form = mention.title + findings.written(mention)
        if form not in forms:
            forms.append(form)

    def suggestions(kind: str, queryset, linked) -> list[Suggestion]:
        ids = findings.ids(kind)
        found = queryset.in_bulk(ids)
        return [
            Suggestion(entity=found[pk], written=written[kind, pk], linked=pk in linked)
            for pk in ids
            if pk in found  # deleted since the index was built
        ]

    return Suggestions(
        people=suggestions(matcher.PERSON, Person.objects.all(), set(linked_people)),
        organisations=suggestions(
            matcher.ORGANISATION, Organisation.objects.all(), set(linked_organisations)
        ),
        new_people=[NewPerson(c.title, c.name) for c in findings.candidates],
    )


def suggest_for_article(article: Article) -> Suggestions:
    return suggest(
        story_text(article.title, article.standfirst, article.body),
        linked_people=set(article.people.values_list("pk", flat=True)),
        linked_organisations=set(article.organisations.values_list("pk", flat=True)),
    )


@transaction.atomic
def article_link_entities(*, article: Article, people: list[int], organisations: list[int]) -> int:
    """Link people and organisations an editor accepted; returns how many were new.

    The story's version moves on, so a copy of it open in someone's form (which holds
    the old list of people) is refused on save instead of silently unlinking them.
    """
    new_people = set(people) - set(article.people.values_list("pk", flat=True))
    new_organisations = set(organisations) - set(article.organisations.values_list("pk", flat=True))
    if new_people:
        article.people.add(*new_people)
    if new_organisations:
        article.organisations.add(*new_organisations)
    added = len(new_people) + len(new_organisations)
    if added:
        Article.objects.filter(pk=article.pk).update(version=F("version") + 1)
    return added
