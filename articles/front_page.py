"""The home page's stories: the editors' picks first, in their places, then the newest.

Editors put a public story in a place (the lead, or a top story under it), optionally
until an end time; a place nobody chose, or whose pick ended or whose story is no longer
public, is filled automatically by the newest stories, each shown once. The picks are
changed through the services here (the desk's board and the story list's action call
them); articles/page_keys.py makes the home page stale when they change or end.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Article, FrontPagePick, Section
from .story_loading import cards_by_id

#: The key of the home page's lead and top stories (newsroom/pagecache.py): it goes
#: stale when a pick changes or ends.
FRONT_PAGE_KEY = "front-page"
LATEST_PER_SECTION = 4


def can_arrange(user) -> bool:
    return user.has_perm("articles.arrange_front_page")


# ---------------------------------------------------------------------------------
# What the home page shows


def front_page_stories() -> dict:
    """The lead, the top stories and the latest of each section, each story once, in a
    fixed number of queries however many picks and stories there are."""
    picked = dict(FrontPagePick.objects.live().values_list("position", "article_id"))
    # A section's newest stories may be picks (or the lead), shown above: read enough of
    # each section that it still has its own LATEST_PER_SECTION without them.
    latest = Article.objects.latest_per_section(LATEST_PER_SECTION + len(picked) + 1)
    # Both lists hold public stories only (FrontPagePick.live() asks for them too).
    found = {article.pk: article for article in cards_by_id([*{*latest, *picked.values()}])}
    lead = found.get(picked.get(FrontPagePick.LEAD))
    top = [
        found[pk]
        for position, pk in sorted(picked.items())
        if position != FrontPagePick.LEAD and pk in found
    ]
    shown = {article.pk for article in top} | ({lead.pk} if lead else set())
    rest = sorted(
        (article for article in found.values() if article.pk not in shown),
        key=lambda article: (article.published_at, article.pk),
        reverse=True,
    )
    if lead is None and rest:
        lead = rest.pop(0)  # no lead chosen: the newest story
    by_section: dict[Section, list[Article]] = {}
    for article in sorted(rest, key=lambda a: (a.section.position, a.section.name)):
        stories = by_section.setdefault(article.section, [])
        if len(stories) < LATEST_PER_SECTION:
            stories.append(article)
    return {"lead": lead, "top": top, "sections": list(by_section.items())}


# ---------------------------------------------------------------------------------
# Changing the picks


@dataclass
class Placed:
    pick: FrontPagePick
    #: The story pushed off the last place to make room, if any.
    dropped: Article | None = None


def _lock_picks() -> dict[int, FrontPagePick]:
    """The picks by place, locked until the transaction ends: two editors arranging the
    page at once take turns (the home page's reads are not held up)."""
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {FrontPagePick._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
    return {pick.position: pick for pick in FrontPagePick.objects.select_related("article")}


def _check_allowed(user) -> None:
    if not can_arrange(user):
        raise PermissionDenied(_("Only editors arrange the front page."))


def _check_position(position: int) -> None:
    if not FrontPagePick.LEAD <= position <= FrontPagePick.LAST_POSITION:
        raise ValidationError(_("There is no such place on the front page."), code="position")


def front_page_place(
    *, article: Article, position: int, expires_at: datetime | None = None, user
) -> Placed:
    """Put a public story in a place. A story already there moves down a place (and the
    ones under it, up to the first free place); one pushed past the last place leaves
    the front page. A story already elsewhere on the front page moves here."""
    _check_allowed(user)
    _check_position(position)
    if not Article.objects.published().filter(pk=article.pk).exists():
        raise ValidationError(
            _("Only a published story can go on the front page."), code="not_public"
        )
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError(_("The end time has already passed."), code="expired")
    with transaction.atomic():
        picks = _lock_picks()
        for place, pick in list(picks.items()):
            # An ended pick shows nothing: its place is free again.
            if pick.has_ended or (pick.article_id == article.pk and place != position):
                pick.delete()
                del picks[place]
        mine = picks.get(position)
        if mine is not None and mine.article_id == article.pk:
            mine.expires_at, mine.chosen_by, mine.chosen_at = expires_at, user, timezone.now()
            mine.save()
            return Placed(mine)
        dropped = None
        free = position
        while free in picks:
            free += 1
        # Move the run of stories between the place and the first free one down a place,
        # from the bottom up; the last place's story leaves.
        for place in range(free - 1, position - 1, -1):
            pick = picks.pop(place)
            if place == FrontPagePick.LAST_POSITION:
                dropped = pick.article
                pick.delete()
            else:
                pick.position = place + 1
                pick.save()
        pick = FrontPagePick.objects.create(
            article=article, position=position, expires_at=expires_at, chosen_by=user
        )
        return Placed(pick, dropped)


def front_page_move(*, pick: FrontPagePick, by: int, user) -> FrontPagePick:
    """Move a pick ``by`` places (-1: up, towards the lead; 1: down), swapping with the
    story there, if any."""
    _check_allowed(user)
    with transaction.atomic():
        picks = _lock_picks()
        current = next((p for p in picks.values() if p.pk == pick.pk), None)
        if current is None:
            raise ValidationError(_("That story is no longer on the front page."), code="gone")
        target = current.position + by
        _check_position(target)
        other = picks.get(target)
        if other is not None:  # the unique place is checked at commit: a swap passes
            other.position = current.position
            other.save()
        current.position = target
        current.save()
        return current


def front_page_remove(*, pick: FrontPagePick, user) -> None:
    """Take a pick off: its place is filled automatically again."""
    _check_allowed(user)
    with transaction.atomic():
        _lock_picks()
        FrontPagePick.objects.filter(pk=pick.pk).delete()
