"""Stories with what their page or their cards show, each in one query.

The story page needs the story with its section, lead image, bylines (with their
people), tags, people, organisations and corrections; the ORM needs six queries for
that, and at 100,000 stories compiling them and building their instances cost the page
more CPU than its templates (bench/render.py). An archive story read for the first time
is a page-cache miss, and misses are what a busy site spends its workers on. Here the
related rows come back as JSON in the story's own row (articles/json_rows.py), set
where prefetch_related would set them, so templates, the JSON-LD and pagecache.shows()
read them without a query.
"""

from __future__ import annotations

import functools
import json
from datetime import UTC, datetime

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from newsroom.prepared import prepared_cursor
from people.models import Organisation, Person

from .json_rows import instance, json_array, prefetched, set_related
from .models import Article, Byline, Correction, Image, Section, Tag, TaggedArticle


def load_story(pk: int, *, public: bool = True) -> Article | None:
    """The story ``pk`` with everything its page shows, or None (``public``: only if
    readers may see it, by ArticleQuerySet.published(), the one definition of public)."""
    if not BIGINT_MIN <= pk <= BIGINT_MAX:  # a pk no row can have: nothing to ask
        return None
    chosen, marked = _chosen_sql(public)
    now = timezone.now()
    params = [pk if p == PK_MARK else now if p == NOW_MARK else p for p in marked]
    before, after = _story_sql()
    with prepared_cursor() as cursor:
        cursor.execute(f"{before}{chosen}{after}", params)
        row = cursor.fetchone()
    if row is None:
        return None
    story, section, image, bylines, tags, people, organisations, corrections = map(_json, row)
    article = _article(story, section, image, bylines, shared={})
    prefetched(article, "tags", [instance(Tag, tag) for tag in tags])
    prefetched(article, "people", [instance(Person, person) for person in people])
    prefetched(article, "organisations", [instance(Organisation, o) for o in organisations])
    prefetched(article, "corrections", [instance(Correction, c) for c in corrections])
    return article


# Stories' ids are bigints (settings.DEFAULT_AUTO_FIELD): past them no row can match.
BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1
# Values no story's id or clock can have, standing for the ones of each call.
PK_MARK = -(2**62) - 7
NOW_MARK = datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=UTC)


@functools.cache
def _chosen_sql(public: bool) -> tuple[str, tuple]:
    """The query choosing the story, compiled by the ORM once (it took a quarter of a
    millisecond a story) with marks where the id and the present go."""
    stories = Article.objects.filter(pk=PK_MARK)
    if public:
        stories = stories.published(now=NOW_MARK)
    sql, params = stories.values("pk").query.sql_with_params()
    if params.count(PK_MARK) != 1 or (public and NOW_MARK not in params):
        raise ImproperlyConfigured("load_story could not find its marks in the query")
    return sql, params


@functools.cache
def card_columns(alias: str) -> str:
    """SQL for what a card shows of the story ``alias``: the story without its body,
    its section, lead image and bylines (read back with :func:`cards`)."""
    section, image = Section._meta.db_table, Image._meta.db_table
    # Named columns, not to_jsonb(row) minus the body: that would read every body.
    story = ", ".join(
        f"'{field.column}', {alias}.{field.column}"
        for field in Article._meta.concrete_fields
        if field.name != "body"
    )
    # Table and column names come from the models, the alias from our own SQL.
    return (
        f"jsonb_build_object({story}), "  # noqa: S608
        f"(SELECT to_jsonb(s) FROM {section} s WHERE s.id = {alias}.section_id), "
        f"(SELECT to_jsonb(i) FROM {image} i WHERE i.id = {alias}.lead_image_id), "
        f"{_bylines_sql(alias)}"
    )


def load_cards(stories) -> list[Article]:
    """The stories of a queryset, in its order, as their cards show them (what
    for_listing() gives): two queries, their ids and then the cards."""
    return cards_by_id(list(stories.values_list("pk", flat=True)))


def cards_by_id(ids: list[int]) -> list[Article]:
    """The cards of the stories with these ids, in this order (an id with no story is
    left out). Whoever chose the ids chose what readers may see."""
    if not ids:
        return []
    table = Article._meta.db_table
    with prepared_cursor() as cursor:
        cursor.execute(f"SELECT {card_columns('a')} FROM {table} a WHERE a.id = ANY(%s)", [ids])  # noqa: S608
        found = {story.pk: story for story in cards(cursor.fetchall())}
    return [found[pk] for pk in ids if pk in found]


def cards(rows) -> list[Article]:
    """The stories of rows starting with :func:`card_columns`, as for_listing() gives
    them. A section or person on several cards is one instance, as prefetch_related
    leaves it: the home page's 50 cards have 10 sections and a few reporters."""
    shared: dict = {}
    return [_article(*map(_json, row[:4]), shared=shared) for row in rows]


def _article(story: dict, section, image, bylines: list, *, shared: dict) -> Article:
    """The story of one row, its section, image and people taken from ``shared`` (by
    model and id) when an earlier row of the same read had them."""
    article = instance(Article, story)
    set_related(article, "section", _shared(Section, section, shared))
    set_related(article, "lead_image", _shared(Image, image, shared))
    lines = []
    for byline_row, person_row in bylines:
        byline = instance(Byline, byline_row)
        set_related(byline, "person", _shared(Person, person_row, shared))
        set_related(byline, "article", article)
        lines.append(byline)
    prefetched(article, "bylines", lines)
    return article


def _shared(model, row: dict | None, shared: dict):
    if row is None:
        return None
    key = (model, row["id"])
    if key not in shared:
        shared[key] = instance(model, row)
    return shared[key]


def _json(value):
    """Django has psycopg read jsonb as text; a missing row (no lead image) is NULL."""
    return None if value is None else json.loads(value)


@functools.cache
def _bylines_sql(alias: str) -> str:
    byline, person = Byline._meta.db_table, Person._meta.db_table
    # Each byline's person read by its id: as a join, PostgreSQL merges the story's one
    # or two bylines with the people table read in id order from its first row (3 ms
    # for the home page's 50 cards at 5,000 people, 1.7 ms this way).
    return json_array(
        f"jsonb_build_array(to_jsonb(b), (SELECT to_jsonb(p) FROM {person} p "  # noqa: S608 table names from the models
        "WHERE p.id = b.person_id))",
        "b.position, b.id",
        f"{byline} b WHERE b.article_id = {alias}.id",
    )


@functools.cache
def _story_sql() -> tuple[str, str]:
    """One row: the story, its section and lead image, and its lists as JSON arrays in
    the order the ORM's prefetches give them (each model's Meta.ordering). The statement
    around the chosen story's filter, built once."""
    article, section, image = (m._meta.db_table for m in (Article, Section, Image))
    person, tag, organisation, correction = (
        m._meta.db_table for m in (Person, Tag, Organisation, Correction)
    )
    tagged = TaggedArticle._meta
    people = Article.people.through._meta
    organisations = Article.organisations.through._meta

    def joined(meta, other: str) -> str:
        """The link table ``meta`` joined to ``other``'s row, for the story ``a``."""
        ours = next(f for f in meta.concrete_fields if f.related_model is Article)
        theirs = next(f for f in meta.concrete_fields if f.is_relation and f is not ours)
        return (
            f"JOIN {meta.db_table} x ON x.{theirs.column} = {other}.id AND x.{ours.column} = a.id"
        )

    tags_sql = json_array("to_jsonb(t)", "t.name, t.id", f"{tag} t {joined(tagged, 't')}")
    people_sql = json_array("to_jsonb(p)", "p.name, p.id", f"{person} p {joined(people, 'p')}")
    organisations_sql = json_array(
        "to_jsonb(o)", "o.name, o.id", f"{organisation} o {joined(organisations, 'o')}"
    )
    corrections_sql = json_array(
        "to_jsonb(c)", "c.created_at, c.id", f"{correction} c WHERE c.article_id = a.id"
    )
    # Table and column names come from the models; values are parameters.
    return (
        f"""
        SELECT to_jsonb(a), to_jsonb(s), to_jsonb(i), {_bylines_sql("a")},
            {tags_sql}, {people_sql}, {organisations_sql}, {corrections_sql}
        FROM {article} a
        LEFT JOIN {section} s ON s.id = a.section_id
        LEFT JOIN {image} i ON i.id = a.lead_image_id
        WHERE a.id IN (""",  # noqa: S608
        ")",
    )
