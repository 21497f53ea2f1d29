"""List the people and organisations stories name but are not linked to; link them with
--accept. For imported and older stories: the admin's panel does the same while writing.

    manage.py suggest_entities [--since 2565-01-01|2022-01-01] [--article ID ...] [--accept]
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from articles.models import Article
from newsroom.progress import ProgressBar
from people.suggestions import article_link_entities, suggest_for_article


class Command(BaseCommand):
    help = "List suggested links of stories to the people and organisations they name."

    def add_arguments(self, parser):
        parser.add_argument(
            "--since", help="only stories published (or created) on or after this ISO date"
        )
        parser.add_argument("--article", type=int, nargs="+", help="only these story ids")
        parser.add_argument(
            "--accept", action="store_true", help="link every suggestion (no new people)"
        )

    def handle(self, *args, since=None, article=None, accept=False, **options):
        articles = Article.objects.order_by("pk")
        if article:
            articles = articles.filter(pk__in=article)
        if since:
            try:
                day = date.fromisoformat(since)
            except ValueError as error:
                raise CommandError(f"--since: not a date: {since}") from error
            if day.year > 2400:  # typed in the Buddhist era
                day = day.replace(year=day.year - 543)
            articles = articles.filter(
                Q(published_at__date__gte=day) | Q(published_at=None, created_at__date__gte=day)
            )
        total = articles.count()
        progress = ProgressBar(self.stdout, "stories")
        done, suggested, linked, new_people = 0, 0, 0, set()
        for story in articles.iterator(chunk_size=200):
            found = suggest_for_article(story)
            people_ids, organisation_ids = found.unlinked_ids()
            new_people.update((n.title, n.name) for n in found.new_people)
            if people_ids or organisation_ids or found.new_people:
                progress.interrupt()
                self.report(story, found)
            suggested += len(people_ids) + len(organisation_ids)
            if accept:
                linked += article_link_entities(
                    article=story, people=people_ids, organisations=organisation_ids
                )
            done += 1
            progress(done, total)
        progress.finish()
        summary = (
            f"{done} stories read, {suggested} links suggested, {linked} linked, "
            f"{len(new_people)} possible new people"
        )
        self.stdout.write(self.style.SUCCESS(summary))

    def report(self, story, found) -> None:
        self.stdout.write(f"#{story.pk} {story.title}")
        for suggestion in found.people + found.organisations:
            if not suggestion.linked:
                self.stdout.write(f"  + {suggestion.entity} ({', '.join(suggestion.written)})")
        for new in found.new_people:
            self.stdout.write(f"  ? {new.title} {new.name} (not in the database)")
