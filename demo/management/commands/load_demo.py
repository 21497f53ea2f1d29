"""`manage.py load_demo [--force]`: fill the database with a demo newsroom.

Sections, organisations, people, 36 articles with generated lead images (one covered
live, with a dozen updates; content in demo/content.py) and, in development only, four
staff accounts that share a
published password. Every row is found by a natural key before it is written, so a
second run updates the same rows instead of adding new ones, and the whole load is one
transaction.
"""

import hashlib
import io
import time
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from PIL import Image as Picture
from PIL import ImageColor, ImageDraw, ImageOps

from articles.models import (
    Article,
    Byline,
    Image,
    LiveUpdate,
    LiveUpdateRevision,
    Section,
    Tag,
)
from articles.renditions import generate_renditions, rendition_names
from comments.models import Comment
from demo import content
from people.models import Affiliation, Organisation, Person

# Known to everyone who reads this file: the accounts exist only when DEBUG is on.
DEMO_PASSWORD = "newsroom-demo"  # noqa: S105 published demo password, development only

# (username, role): each account joins the role's group, made by articles' migration
# 0004_roles; the one without a role is the superuser.
DEMO_ACCOUNTS = (
    ("reporter", "Reporter"),
    ("editor", "Editor"),
    ("moderator", "Moderator"),
    ("admin", None),
)

BREAKING_FOR = timedelta(hours=12)
IMAGE_SIZE = (1200, 675)
IMAGE_QUALITY = 70


class Command(BaseCommand):
    help = (
        "Load a demo newsroom (sections, people, organisations, articles, images) and, with "
        "DEBUG on, the staff accounts reporter, editor, moderator and admin. Safe to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo content even with DEBUG off (staff accounts are still skipped).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: load_demo writes demo content into this database; "
                "run it with --force to load the content anyway (without the demo accounts)."
            )
        with_accounts = bool(settings.DEBUG)
        started = time.monotonic()
        written: list[str] = []  # files stored by this run, removed again on failure
        try:
            with transaction.atomic():
                self.load(now=timezone.now(), with_accounts=with_accounts, written=written)
        except BaseException:
            storage = Image._meta.get_field("file").storage
            for name in written:
                storage.delete(name)
            raise
        self.report(seconds=time.monotonic() - started, with_accounts=with_accounts)

    def load(self, *, now: datetime, with_accounts: bool, written: list[str]) -> None:
        sections = load_sections()
        organisations = load_organisations()
        people = load_people(organisations)
        if with_accounts:
            load_accounts(people)
        load_articles(
            now=now, sections=sections, organisations=organisations, people=people, written=written
        )
        load_live_updates(people)
        load_comments()

    def report(self, *, seconds: float, with_accounts: bool) -> None:
        articles = Article.objects.all()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo newsroom loaded in {seconds:.1f} s: "
                f"{Section.objects.count()} sections, "
                f"{articles.count()} articles ({articles.published().count()} public), "
                f"{Person.objects.count()} people, "
                f"{Organisation.objects.count()} organisations, "
                f"{Tag.objects.count()} tags, "
                f"{Image.objects.count()} images, "
                f"{Comment.objects.count()} comments."
            )
        )
        if with_accounts:
            names = ", ".join(
                f"{username} ({role or 'superuser'})" for username, role in DEMO_ACCOUNTS
            )
            self.stdout.write(
                self.style.SUCCESS(f"Staff accounts: {names}; password: {DEMO_PASSWORD}")
            )
        else:
            self.stdout.write(
                self.style.WARNING("DEBUG is off: staff accounts skipped, none were created.")
            )


def load_sections() -> dict[str, Section]:
    sections = {}
    for spec in content.SECTIONS:
        sections[spec["name"]], _ = Section.objects.update_or_create(
            name=spec["name"],
            defaults={"position": spec["position"], "description": spec["description"]},
        )
    return sections


def load_organisations() -> dict[str, Organisation]:
    organisations: dict[str, Organisation] = {}
    for key, spec in content.ORGANISATIONS.items():
        organisations[key], _ = Organisation.objects.update_or_create(
            name=spec["name"],
            defaults={
                "short_name": spec["short_name"],
                "aliases": spec["aliases"],
                "description": spec["description"],
                "parent": organisations[spec["parent"]] if spec["parent"] else None,
            },
        )
    return organisations


def load_people(organisations: dict[str, Organisation]) -> dict[str, Person]:
    people = {}
    for key, spec in content.PEOPLE.items():
        person, _ = Person.objects.update_or_create(
            title=spec["title"],
            name=spec["name"],
            defaults={"position": spec["position"], "bio": spec["bio"], "aliases": spec["aliases"]},
        )
        for organisation_key, role, start_date in spec["affiliations"]:
            Affiliation.objects.update_or_create(
                person=person,
                organisation=organisations[organisation_key],
                defaults={"role": role, "start_date": start_date},
            )
        people[key] = person
    return people


def load_accounts(people: dict[str, Person]) -> None:
    """The demo staff accounts in their roles, and the reporters' bylines."""
    signs_for = {
        spec["account"]: people[key] for key, spec in content.PEOPLE.items() if spec.get("account")
    }
    user_model = get_user_model()
    for username, role in DEMO_ACCOUNTS:
        user, _ = user_model.objects.get_or_create(username=username)
        person = signs_for.get(username)
        if person is not None:
            user.first_name, _, user.last_name = person.name.partition(" ")
        user.email = f"{username}@example.com"
        user.is_active = True
        user.is_staff = True
        user.is_superuser = role is None
        # Set every run, so the published password always works.
        user.set_password(DEMO_PASSWORD)
        user.save()
        if role is not None:
            try:
                user.groups.set([Group.objects.get(name=role)])
            except Group.DoesNotExist as missing:
                raise CommandError(
                    f"The {role} role is missing: run `manage.py migrate`."
                ) from missing
        if person is not None and person.user_id != user.pk:
            Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
            person.user = user
            person.save(update_fields=["user"])


def load_articles(
    *,
    now: datetime,
    sections: dict[str, Section],
    organisations: dict[str, Organisation],
    people: dict[str, Person],
    written: list[str],
) -> None:
    for spec in content.ARTICLES:
        state = spec.get("state")
        if state == "draft":
            status, published_at = Article.Status.DRAFT, None
        else:
            # A negative age is a publish time in the future: a scheduled story.
            status = Article.Status.PUBLISHED
            published_at = now - timedelta(hours=spec["age_hours"])
        section = sections[spec["section"]]
        bylines = [(people[key], role) for key, role in spec["bylines"]]
        lead_image = None
        if spec["image"]:
            lead_image = demo_image(spec["image"], colour=section_colour(section), written=written)
        article, _ = Article.objects.update_or_create(
            title=spec["title"],
            defaults={
                "section": section,
                "standfirst": spec["standfirst"],
                "body": "\n".join(spec["body"]),
                "status": status,
                "published_at": published_at,
                "breaking_until": now + BREAKING_FOR if state == "breaking" else None,
                # Live since it went out; no end time: an editor ends it (the desk).
                "live_since": published_at if state == "live" else None,
                "live_until": None,
                "lead_image": lead_image,
                "comments_enabled": True,
                "created_by": bylines[0][0].user,
            },
        )
        article.people.set(people[key] for key in spec["people"])
        article.organisations.set(organisations[key] for key in spec["organisations"])
        article.tags.set(spec["tags"])
        set_bylines(article, bylines)


def load_live_updates(people: dict[str, Person]) -> None:
    """The live story's updates, found again by their text; written by the demo
    reporter and editor (their accounts when they exist), spread over its coverage."""
    article = Article.objects.get(live_since__isnull=False, title__in=live_titles())
    latest = article.live_since
    for minutes, writer, body, pinned in content.LIVE_UPDATES:
        person = people[writer]
        created_at = article.live_since + timedelta(minutes=minutes)
        update, created = LiveUpdate.objects.update_or_create(
            article=article,
            body=body,
            defaults={
                "author": person.user,
                "author_name": person.full_name,
                "pinned": pinned,
                "created_at": created_at,
                "deleted_at": None,
            },
        )
        if created:
            LiveUpdateRevision.objects.create(
                update=update,
                action=LiveUpdateRevision.Action.POSTED,
                body=update.body,
                pinned=pinned,
                changed_by=person.user,
                changed_at=created_at,
            )
        latest = max(latest, created_at)
    # The story's live change time is its newest update's (feeds, sitemaps, cards).
    Article.objects.filter(pk=article.pk).update(live_changed_at=latest)


def live_titles() -> list[str]:
    return [spec["title"] for spec in content.ARTICLES if spec.get("state") == "live"]


def load_comments() -> None:
    """A few readers' comments, some approved (the thread shows them) and some waiting
    (the moderators' queue shows them). Found again by story, name and text."""
    made: list[Comment] = []
    for title, name, email, text, status, hours, parent in content.COMMENTS:
        article = Article.objects.get(title=title)
        comment, _ = Comment.objects.update_or_create(
            article=article,
            name=name,
            body=text,
            defaults={
                "email": email,
                "status": status,
                "parent": made[parent] if parent is not None else None,
            },
        )
        # created_at is set on insert; the story's time plus a few hours reads naturally.
        Comment.objects.filter(pk=comment.pk).update(
            created_at=article.published_at + timedelta(hours=hours)
        )
        made.append(comment)


def set_bylines(article: Article, bylines: Iterable[tuple[Person, str]]) -> None:
    bylines = list(bylines)
    article.bylines.exclude(person__in=[person for person, _ in bylines]).delete()
    for position, (person, role) in enumerate(bylines):
        Byline.objects.update_or_create(
            article=article, person=person, defaults={"role": role, "position": position}
        )


def section_colour(section: Section) -> str:
    colours = {spec["name"]: spec["colour"] for spec in content.SECTIONS}
    return colours.get(section.name, "#475569")


def demo_image(spec: dict[str, str], *, colour: str, written: list[str]) -> Image:
    """The Image whose alt text is spec["alt"]; its picture is drawn only when missing."""
    image = Image.objects.filter(alt_text=spec["alt"]).order_by("pk").first()
    if image is None:
        image = Image(alt_text=spec["alt"])
    image.caption = spec["caption"]
    image.credit = content.IMAGE_CREDIT
    drawn = not image.file or not image.file.storage.exists(image.file.name)
    if drawn:
        name = f"demo-{hashlib.sha256(spec['alt'].encode()).hexdigest()[:16]}.jpg"
        # ImageField reads width and height from the content, which needs a name to count.
        picture = ContentFile(render_picture(seed=spec["alt"], colour=colour), name=name)
        image.file.save(name, picture, save=False)
        written.append(image.file.name)
    image.save()
    if drawn:  # a new picture's renditions are this run's files too
        written.extend(rendition_names(image))
    generate_renditions(image)  # skips the files already there, so a second run stays fast
    return image


def render_picture(*, seed: str, colour: str) -> bytes:
    """A JPEG in the section's colour: a diagonal gradient, soft discs and a skyline,
    varied by `seed` so that no two stories share a picture."""
    noise = hashlib.sha256(seed.encode()).digest()  # 32 stable bytes of variety
    width, height = IMAGE_SIZE
    base = ImageColor.getrgb(colour)
    dark = tuple(channel * 35 // 100 for channel in base)
    light = tuple(channel + (255 - channel) * 3 // 5 for channel in base)

    vertical = Picture.linear_gradient("L")
    horizontal = vertical.rotate(90 if noise[0] % 2 else -90)
    gray = Picture.blend(vertical.resize(IMAGE_SIZE), horizontal.resize(IMAGE_SIZE), 0.5)
    picture = ImageOps.colorize(gray, dark, light).convert("RGBA")

    overlay = Picture.new("RGBA", IMAGE_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for i in range(5):
        x = noise[1 + i] * width // 255
        y = noise[6 + i] * height // 255 // 2
        radius = 40 + noise[11 + i] % 160
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, 45))
    x, i = 0, 0
    while x < width:
        building = 50 + noise[i % 32] % 90
        top = height - 60 - noise[(i * 7 + 3) % 32] * 5 // 4
        draw.rectangle((x, top, x + building - 8, height), fill=(*dark, 230))
        x, i = x + building, i + 1

    buffer = io.BytesIO()
    Picture.alpha_composite(picture, overlay).convert("RGB").save(
        buffer, "JPEG", quality=IMAGE_QUALITY
    )
    return buffer.getvalue()
