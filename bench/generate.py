"""Fill a database with a large fictional newsroom, fast, for the benchmarks in bench/.

    DATABASE_URL=... DEBUG=1 .venv/bin/python bench/generate.py \\
        --articles 100000 --comments 1000000 --people 5000 [--reset | --append]

Small tables (sections, tags, organisations, people) go through the ORM's bulk_create;
the big ones (articles, comments, bylines, tags and mentions of articles) through
PostgreSQL COPY. Bulk paths skip Article.save(), so bodies are generated as HTML the
sanitiser already accepts (checked on a sample) and slugs are made here with
newsroom.slugs.thai_slugify. All text is invented from the word lists in
bench/vocabulary.py, with one seeded random generator per table, so the same arguments
give the same newsroom.

Everything is written in one transaction: a failed run leaves the database as it was.
The script refuses a database that already holds articles unless --append (add to what
is there) or --reset (TRUNCATE the content tables first) is given.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import itertools
import os
import random
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.vocabulary import (  # noqa: E402  (run as a script: the repository joins the path first)
    BYLINE_ROLES,
    COMMENT_PHRASES,
    FIGURES,
    HEADLINE_SUBJECTS,
    NICKNAMES,
    OBJECTS,
    OPENERS,
    ORG_DOMAINS,
    ORG_PREFIXES,
    ORG_REGIONS,
    PLACES,
    POSITIONS,
    QUOTES,
    REPORTER_POSITIONS,
    SECTIONS,
    SUBHEADINGS,
    SUBJECTS,
    SURNAME_PARTS,
    TAG_PLACES,
    TAG_TOPICS,
    TAILS,
    TIMES,
    TITLES,
    VERBS,
)

COMMENT_STATUSES = [("approved", 88), ("pending", 6), ("rejected", 3), ("spam", 3)]
MODERATION_REASONS = {
    "rejected": ["ถ้อยคำไม่สุภาพ", "นอกประเด็น", ""],
    "spam": ["ลิงก์โฆษณา", "ข้อความซ้ำ"],
}
# Share of articles in each non-public state; the rest are published.
ARTICLE_STATES = [("draft", 0.01), ("review", 0.004), ("unpublished", 0.003)]
SCHEDULED = 5  # the newest few published stories are scheduled for the coming hours
BREAKING = 3  # the newest public stories are breaking news

YEARS = 3
BATCH_SIZE = 5000


# --- text -------------------------------------------------------------------------------


class Writer:
    """Invented Thai copy from the vocabulary, drawn from one seeded generator."""

    def __init__(self, rng: random.Random, pool_size: int = 4000):
        self.rng = rng
        # A pool of sentences, made once: bodies and comments pick whole sentences, which
        # is an order of magnitude faster than picking 200 words per article.
        self.sentences = [self.sentence() for _ in range(pool_size)]

    def sentence(self) -> str:
        rng = self.rng
        parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)]
        if rng.random() < 0.7:
            parts.append(rng.choice(PLACES))
        if rng.random() < 0.5:
            parts.append(rng.choice(TIMES))
        if rng.random() < 0.5:
            parts.append(rng.choice(TAILS))
        text = "".join(parts)
        if rng.random() < 0.3:
            text = f"{rng.choice(OPENERS)} {text}"
        if rng.random() < 0.3:
            figure = rng.choice(FIGURES).format(
                n=rng.randint(2, 20000), p=f"{rng.randint(1, 60)}.{rng.randint(0, 9)}"
            )
            text = f"{text} {figure}"
        return text

    def headline(self) -> str:
        rng = self.rng
        text = f"{rng.choice(HEADLINE_SUBJECTS)} {rng.choice(VERBS)}{rng.choice(OBJECTS)}"
        if rng.random() < 0.8:
            text = f"{text} {rng.choice(PLACES)}"
        if rng.random() < 0.3:
            text = f"{text} {rng.choice(TIMES)}"
        return text

    def sentences_of(self, count: int) -> str:
        return " ".join(self.rng.choices(self.sentences, k=count))

    def body(self) -> str:
        """2–4 KB of HTML that clean_rich_text() returns unchanged."""
        rng = self.rng
        target = rng.randint(2048, 4096)
        out: list[str] = []
        size = 0
        while size < target:
            roll = rng.random()
            if roll < 0.06 and out:
                block = f"<h2>{rng.choice(SUBHEADINGS)}</h2>"
            elif roll < 0.12:
                block = f"<blockquote><p>“{rng.choice(QUOTES)}”</p></blockquote>"
            else:
                text = self.sentences_of(rng.randint(2, 4))
                block = f"<p><strong>{text}</strong></p>" if roll < 0.2 else f"<p>{text}</p>"
            out.append(block)
            size += len(block.encode())
        return "".join(out)

    def comment(self) -> str:
        rng = self.rng
        text = rng.choice(COMMENT_PHRASES)
        if rng.random() < 0.6:
            text = f"{text} {self.sentences_of(rng.randint(1, 2))}"
        return text


def person(rng: random.Random) -> tuple[str, str]:
    """(title, name) of an invented person."""
    title, _, given = rng.choices(TITLES, weights=[t[1] for t in TITLES])[0]
    surname = "".join(rng.sample(SURNAME_PARTS, rng.randint(2, 3)))
    return title, f"{rng.choice(given)} {surname}"


def skewed(rng: random.Random, count: int, sigma: float = 1.2) -> list[float]:
    """Cumulative weights of a log-normal popularity over `count` items, capped so that
    the most popular item gets tens of times the average, not half the total."""
    weights = [min(rng.lognormvariate(0, sigma), 40.0) for _ in range(count)]
    return list(itertools.accumulate(weights))


def pick_distinct(rng: random.Random, population: Sequence, cum: list[float], k: int) -> list:
    """Up to `k` distinct items, more popular ones more often."""
    chosen = dict.fromkeys(rng.choices(population, cum_weights=cum, k=k))
    return list(chosen)


# --- database ---------------------------------------------------------------------------


class Loader:
    """Writes rows with COPY and reports what it wrote."""

    def __init__(self, connection):
        self.connection = connection
        self.totals: dict[str, int] = {}
        self.now = datetime.now(UTC)

    def report(self, table: str, rows: int, since: float) -> None:
        seconds = time.monotonic() - since
        self.totals[table] = self.totals.get(table, 0) + rows
        rate = rows / seconds if seconds > 0 else 0
        print(
            f"  {table:<32} {rows:>10,} rows  {seconds:7.1f} s  {rate:>10,.0f} rows/s",
            flush=True,
        )

    def fill_value(self, field):
        """The value COPY writes for a column this script does not set (a field added to
        the model after this script was written): its default, NULL, or now."""
        from django.db.models.fields import NOT_PROVIDED

        if getattr(field, "db_default", NOT_PROVIDED) is not NOT_PROVIDED:
            return NOT_PROVIDED  # the database fills it: leave the column out
        if field.has_default():
            return field.get_db_prep_save(field.get_default(), self.connection)
        if field.null:
            return None
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return self.now
        if field.empty_strings_allowed:
            return ""  # what the ORM writes for a text field left empty
        raise SystemExit(
            f"bench/generate.py does not know what to put in {field.model.__name__}.{field.name}"
            " (required, no default): add it to the generator."
        )

    def copy(self, model, fields: Sequence[str], rows: Iterable[tuple], label: str = "") -> int:
        """COPY `rows` (tuples in the order of `fields`, model field names) into `model`'s
        table. Fields not listed get their default; an omitted primary key its identity."""
        from django.db.models.fields import NOT_PROVIDED

        meta = model._meta
        qn = self.connection.ops.quote_name
        given = [meta.get_field(name) for name in fields]
        extra, extra_values = [], []
        for field in meta.concrete_fields:
            if field in given or field.primary_key:
                continue
            value = self.fill_value(field)
            if value is not NOT_PROVIDED:
                extra.append(field)
                extra_values.append(value)
        columns = ", ".join(qn(field.column) for field in given + extra)
        tail = tuple(extra_values)
        since = time.monotonic()
        count = 0
        with self.connection.cursor() as cursor:
            sql = f"COPY {qn(meta.db_table)} ({columns}) FROM STDIN"
            with cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row + tail if tail else row)
                    count += 1
        self.report(label or meta.db_table, count, since)
        return count

    def reserve_ids(self, model, count: int) -> int:
        """Lock `model`'s table and return the first of `count` free ids, moving its
        identity sequence past them so that later ordinary inserts do not collide."""
        meta = model._meta
        qn = self.connection.ops.quote_name
        table, pk = meta.db_table, meta.pk.column
        with self.connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {qn(table)} IN EXCLUSIVE MODE")
            # Identifiers from the model, quoted: no outside input reaches this SQL.
            cursor.execute(f"SELECT COALESCE(MAX({qn(pk)}), 0) FROM {qn(table)}")  # noqa: S608
            first = cursor.fetchone()[0] + 1
            if count:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s)",
                    [qn(table), pk, first + count - 1],
                )
        return first


def content_models():
    from django.apps import apps

    from articles.models import Article, Byline, Section, Tag, TaggedArticle
    from comments.models import Comment
    from people.models import Organisation, Person

    models = [
        Comment,
        Byline,
        TaggedArticle,
        Article.people.through,
        Article.organisations.through,
        Article,
        Tag,
        Section,
        Person,
        Organisation,
    ]
    with contextlib.suppress(LookupError):  # people that others may rename or remove
        models.append(apps.get_model("people", "Affiliation"))
    return models


def reset(connection) -> None:
    qn = connection.ops.quote_name
    tables = ", ".join(qn(model._meta.db_table) for model in content_models())
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    print(f"  truncated {tables}", flush=True)


# --- the newsroom -----------------------------------------------------------------------


def make_sections(loader: Loader, count: int) -> list[int]:
    from articles.models import Section

    since = time.monotonic()
    ids, created = [], 0
    for position, name in enumerate(SECTIONS[:count], start=1):
        section, new = Section.objects.get_or_create(name=name, defaults={"position": position})
        ids.append(section.pk)
        created += new
    loader.report(Section._meta.db_table, created, since)
    return ids


def make_tags(loader: Loader, rng: random.Random, count: int) -> None:
    from articles.models import Tag
    from newsroom.slugs import thai_slugify

    since = time.monotonic()
    taken_names = set(Tag.objects.values_list("name", flat=True))
    taken_slugs = set(Tag.objects.values_list("slug", flat=True))
    # Topics and places first (the popular ones), then ever narrower combinations.
    years = range(2560, 2570)
    groups = [
        TAG_TOPICS + TAG_PLACES,
        [f"{t}{p}" for t in TAG_TOPICS for p in TAG_PLACES],
        [f"{t}{y}" for t in TAG_TOPICS for y in years],
        [f"{t}{p}{y}" for t in TAG_TOPICS for p in TAG_PLACES for y in years],
    ]
    for group in groups[1:]:
        rng.shuffle(group)
    tags = []
    for name in itertools.chain(*groups, (f"ประเด็น{i}" for i in itertools.count(1))):
        if len(tags) >= count:
            break
        slug = thai_slugify(name, max_length=96) or "tag"
        if name in taken_names or slug in taken_slugs:
            continue
        taken_names.add(name)
        taken_slugs.add(slug)
        tags.append(Tag(name=name, slug=slug))
    Tag.objects.bulk_create(tags, batch_size=BATCH_SIZE)
    loader.report(Tag._meta.db_table, len(tags), since)


def make_organisations(loader: Loader, rng: random.Random, count: int) -> None:
    from people.models import Organisation

    since = time.monotonic()
    names = [f"{p}{d}{r}" for p in ORG_PREFIXES for d in ORG_DOMAINS for r in ORG_REGIONS]
    rng.shuffle(names)
    names = (names * (count // len(names) + 1))[:count]
    parents = max(1, count * 3 // 5)

    def org(name: str, parent=None) -> Organisation:
        initials = "".join(ch for ch in name if "\u0e01" <= ch <= "\u0e2e")[:3]
        return Organisation(
            name=name,
            short_name=f"{initials}." if rng.random() < 0.7 else "",
            aliases=[f"{name}เดิม"] if rng.random() < 0.1 else [],
            parent=parent,
            description=f"หน่วยงานด้าน{rng.choice(ORG_DOMAINS)}",
        )

    top = Organisation.objects.bulk_create(
        [org(name) for name in names[:parents]], batch_size=BATCH_SIZE
    )
    departments = [org(name, parent=rng.choice(top)) for name in names[parents:]]
    Organisation.objects.bulk_create(departments, batch_size=BATCH_SIZE)
    loader.report(Organisation._meta.db_table, len(top) + len(departments), since)


def make_people(loader: Loader, rng: random.Random, count: int) -> None:
    from people.models import Person

    since = time.monotonic()
    reporters = max(1, count // 30)
    people = []
    for i in range(count):
        reporter = i < reporters
        title, name = person(rng)
        people.append(
            Person(
                title=title,
                name=name,
                position=rng.choice(REPORTER_POSITIONS if reporter else POSITIONS),
                bio="" if rng.random() < 0.7 else "ประวัติโดยย่อ ทำงานด้านข่าวและนโยบายสาธารณะมานาน",
                aliases=[rng.choice(NICKNAMES)] if rng.random() < 0.2 else [],
            )
        )
    Person.objects.bulk_create(people, batch_size=BATCH_SIZE)
    loader.report(Person._meta.db_table, len(people), since)


def make_articles(
    loader: Loader, seed: str, count: int, section_ids: list[int]
) -> tuple[range, list[tuple[int, datetime]]]:
    """Write `count` articles; return their ids and (id, publish time) of the public ones,
    oldest first."""
    from articles.models import Article
    from newsroom.sanitize import clean_rich_text
    from newsroom.slugs import thai_slugify

    rng = random.Random(f"{seed}-articles")
    writer = Writer(rng)
    now = loader.now
    first_id = loader.reserve_ids(Article, count)
    start = now - timedelta(days=365 * YEARS)
    span = (now - timedelta(minutes=5) - start).total_seconds()
    section_cum = list(itertools.accumulate(rng.uniform(0.3, 1.5) for _ in section_ids))
    states, shares = zip(*ARTICLE_STATES, strict=True)
    thresholds = list(itertools.accumulate(shares))
    public: list[tuple[int, datetime]] = []
    newest_public = count - SCHEDULED

    def rows():
        for i in range(count):
            article_id = first_id + i
            # Stratified times: ids grow with publish time, as in a real newsroom.
            moment = start + timedelta(seconds=span * (i + rng.random()) / count)
            roll = rng.random()
            state = next((s for s, t in zip(states, thresholds, strict=True) if roll < t), None)
            if i >= newest_public:
                status, published_at = "published", now + timedelta(hours=i - newest_public + 1)
            elif state is None:
                status, published_at = "published", moment
                public.append((article_id, moment))
            elif state == "unpublished":
                status, published_at = state, moment
            else:
                status, published_at = state, None
            breaking_until = None
            if status == "published" and newest_public - BREAKING <= i < newest_public:
                breaking_until = now + timedelta(hours=6)
            title = writer.headline()
            # thai_slugify segments titles over 60 characters with pythainlp (slow): give it
            # the longest run of whole space-separated chunks that fits.
            short = title
            while len(short) > 60 and " " in short:
                short = short.rsplit(" ", 1)[0]
            slug = thai_slugify(short[:60], max_length=60) or "-"
            body = writer.body()
            if i < 20 and clean_rich_text(body) != body:
                raise SystemExit(f"generated body is not clean HTML:\n{body[:500]}")
            created = moment - timedelta(minutes=rng.randint(10, 600))
            yield (
                article_id,
                title,
                slug,
                writer.sentences_of(rng.randint(1, 2)),
                body,
                section_ids[bisect.bisect(section_cum, rng.random() * section_cum[-1])],
                status,
                published_at,
                breaking_until,
                rng.random() < 0.95,
                created,
                max(created, published_at or created) + timedelta(minutes=rng.randint(0, 120)),
            )

    loader.copy(
        Article,
        [
            "id",
            "title",
            "slug",
            "standfirst",
            "body",
            "section",
            "status",
            "published_at",
            "breaking_until",
            "comments_enabled",
            "created_at",
            "updated_at",
        ],
        rows(),
    )
    return range(first_id, first_id + count), public


def make_links(loader: Loader, seed: str, article_ids: range) -> None:
    """Bylines, tags, people and organisations named, for every new article."""
    from articles.models import Article, Byline, Tag, TaggedArticle
    from people.models import Organisation, Person

    people = list(Person.objects.order_by("pk").values_list("pk", "position"))
    reporter_positions = set(REPORTER_POSITIONS)
    reporters = [pk for pk, position in people if position in reporter_positions]
    others = [pk for pk, position in people if position not in reporter_positions] or reporters
    reporters = reporters or others
    tag_ids = list(Tag.objects.order_by("pk").values_list("pk", flat=True))
    org_ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))

    def links(name: str, population: list[int], low: int, high: int) -> Callable:
        rng = random.Random(f"{seed}-{name}")
        cum = skewed(rng, len(population)) if population else []

        def rows(make: Callable[[int, int, int], tuple]):
            if not population:
                return
            for article_id in article_ids:
                picks = pick_distinct(rng, population, cum, rng.randint(low, high))
                for position, pk in enumerate(picks):
                    yield make(article_id, pk, position)

        return rows

    bylines = links("bylines", reporters, 1, 2)
    loader.copy(
        Byline,
        ["article", "person", "role", "position"],
        bylines(lambda a, p, pos: (a, p, BYLINE_ROLES[pos * 2 + (a % 2)], pos)),
    )
    tagged = links("tags", tag_ids, 2, 4)
    loader.copy(TaggedArticle, ["content_object", "tag"], tagged(lambda a, t, _: (a, t)))
    named = links("people", others, 1, 3)
    loader.copy(
        Article.people.through,
        ["article", "person"],
        named(lambda a, p, _: (a, p)),
    )
    orgs = links("organisations", org_ids, 0, 2)
    loader.copy(
        Article.organisations.through,
        ["article", "organisation"],
        orgs(lambda a, o, _: (a, o)),
    )


def make_comments(
    loader: Loader, seed: str, count: int, public: list[tuple[int, datetime]]
) -> None:
    """`count` comments over the public articles: a few stories draw most of them, the
    newest week draws more, a fifth are replies (one level) to an approved comment."""
    from comments.models import Comment

    if not public or not count:
        return
    rng = random.Random(f"{seed}-comments")
    writer = Writer(rng, pool_size=1500)
    now = loader.now
    recent = now - timedelta(days=7)
    weights = [
        min(rng.lognormvariate(0, 1.2), 40.0) * (4 if published > recent else 1)
        for _, published in public
    ]
    per_article = [0] * len(public)
    for index in rng.choices(range(len(public)), weights=weights, k=count):
        per_article[index] += 1
    statuses, status_weights = zip(*COMMENT_STATUSES, strict=True)
    first_id = loader.reserve_ids(Comment, count)

    def rows():
        next_id = first_id
        for (article_id, published), n in zip(public, per_article, strict=True):
            if not n:
                continue
            room = max(60.0, (now - published).total_seconds() - 60)
            # Most comments come in the first hours after publication.
            offsets = sorted(min(rng.expovariate(1 / 28800), room) for _ in range(n))
            approved_top: list[int] = []
            for offset, status in zip(
                offsets, rng.choices(statuses, weights=status_weights, k=n), strict=True
            ):
                created = published + timedelta(seconds=offset)
                parent = None
                if approved_top and rng.random() < 0.2:
                    parent = rng.choice(approved_top)
                elif status == "approved":
                    approved_top.append(next_id)
                moderated_at = None
                reason = ""
                if status != "pending":
                    moderated_at = min(created + timedelta(minutes=rng.randint(2, 360)), now)
                    reason = rng.choice(MODERATION_REASONS.get(status, [""]))
                reader = rng.randrange(200_000)
                yield (
                    next_id,
                    article_id,
                    parent,
                    f"{rng.choice(NICKNAMES)}{reader % 1000 if reader % 3 else ''}",
                    f"reader{reader}@example.com",
                    writer.comment(),
                    status,
                    created,
                    moderated_at,
                    reason,
                )
                next_id += 1

    loader.copy(
        Comment,
        [
            "id",
            "article",
            "parent",
            "name",
            "email",
            "body",
            "status",
            "created_at",
            "moderated_at",
            "moderation_reason",
        ],
        rows(),
    )


# --- command line -----------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Fill a database with a large fictional newsroom for benchmarks.",
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=5_000)
    parser.add_argument("--organisations", type=int, default=500)
    parser.add_argument("--tags", type=int, default=2_000)
    parser.add_argument("--sections", type=int, default=10, choices=range(1, len(SECTIONS) + 1))
    parser.add_argument("--seed", default="newsroom", help="same seed, same newsroom")
    parser.add_argument("--database-url", help="instead of the DATABASE_URL environment variable")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--append", action="store_true", help="add to a database that already holds articles"
    )
    mode.add_argument(
        "--reset",
        action="store_true",
        help="TRUNCATE the content tables (articles, comments, people, ...) first",
    )
    parser.add_argument(
        "--vacuum",
        action="store_true",
        help="VACUUM ANALYZE instead of ANALYZE at the end (slower; steadier first reads)",
    )
    args = parser.parse_args(argv)
    for name in ("articles", "comments", "people", "organisations", "tags"):
        if getattr(args, name) < 0:
            parser.error(f"--{name} must not be negative")
    return args


def setup_django(database_url: str | None) -> None:
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    setup_django(args.database_url)

    from django.core.cache import cache
    from django.db import connection, transaction

    from articles.models import Article

    settings = connection.settings_dict
    print(
        f"Generating into database {settings['NAME']!r} on {settings['HOST'] or 'localhost'}: "
        f"{args.articles:,} articles, {args.comments:,} comments, {args.people:,} people",
        flush=True,
    )
    if Article.objects.exists() and not (args.append or args.reset):
        print(
            "This database already holds articles: pass --append to add to them or --reset "
            "to empty the content tables first.",
            file=sys.stderr,
        )
        return 2

    started = time.monotonic()
    loader = Loader(connection)
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Nothing is lost on a crash that a rerun would not rebuild.
            cursor.execute("SET LOCAL synchronous_commit = off")
        if args.reset:
            reset(connection)
        base = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        # Appending with the same seed must not repeat the same newsroom.
        seed = f"{args.seed}-{base}"
        section_ids = make_sections(loader, args.sections)
        make_tags(loader, random.Random(f"{seed}-tags"), args.tags)
        make_organisations(loader, random.Random(f"{seed}-orgs"), args.organisations)
        make_people(loader, random.Random(f"{seed}-people"), args.people)
        article_ids, public = make_articles(loader, seed, args.articles, section_ids)
        make_links(loader, seed, article_ids)
        make_comments(loader, seed, args.comments, public)
        since = time.monotonic()
        print("  committing (foreign keys are checked now) ...", flush=True)
    print(f"  {'commit':<32} {'':>10}       {time.monotonic() - since:7.1f} s", flush=True)

    since = time.monotonic()
    qn = connection.ops.quote_name
    command = "VACUUM ANALYZE" if args.vacuum else "ANALYZE"
    with connection.cursor() as cursor:
        for model in content_models():
            cursor.execute(f"{command} {qn(model._meta.db_table)}")
    print(f"  {command.lower():<32} {'':>10}       {time.monotonic() - since:7.1f} s", flush=True)
    # Pages cached from the old contents would hide the new ones.
    cache.clear()

    elapsed = time.monotonic() - started
    rows = sum(loader.totals.values())
    print(
        f"Done: {rows:,} rows in {elapsed:.1f} s ({rows / elapsed:,.0f} rows/s). "
        f"Database now holds {Article.objects.count():,} articles.",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
