"""What import_blogger and import_wordpress share: options, the one transaction, the
progress bars, the summary, and what follows a successful import.

One transaction holds the whole import, so a file that turns out to be malformed half
way through (or any failure) leaves the database exactly as it was; ``--dry-run`` runs
everything and rolls back. After the commit the written articles are re-indexed for
search and the page cache is dropped: the bulk writes send no signals.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from newsroom import pagecache
from newsroom.progress import ProgressBar
from search import engine

from .items import Skipped
from .media import MediaFolder
from .writer import Options, Summary, Tally, Writer
from .xmlstream import MalformedExport


class ImportCommand(BaseCommand):
    source = ""  # ImportedItem.source

    def add_arguments(self, parser):
        parser.add_argument("file", help="The export file (XML).")
        parser.add_argument(
            "--section",
            action="append",
            default=[],
            metavar="LABEL[=SECTION]",
            help="Posts with this label or category go in a section of that name (or of "
            "the given name) instead of getting it as a tag. Repeat for more; the first "
            "matching label of a post wins.",
        )
        parser.add_argument(
            "--default-section",
            default=_("Archive"),
            help="The section of posts with no label mapped by --section.",
        )
        parser.add_argument(
            "--pages-section", default=_("Pages"), help="The section imported pages go in."
        )
        parser.add_argument("--skip-pages", action="store_true", help="Leave pages out.")
        parser.add_argument(
            "--keep-spam",
            action="store_true",
            help="Keep spam and trashed comments, as spam, instead of leaving them out.",
        )
        parser.add_argument(
            "--media-dir",
            help="A folder of the old site's images, downloaded beforehand: those found "
            "there are imported into the image library and the bodies rewritten.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Do everything, then roll it all back."
        )

    def posts(self, path: Path, progress):
        raise NotImplementedError

    def comments(self, path: Path, progress):
        raise NotImplementedError

    def writer_options(self, **options) -> Options:
        sections = {}
        for mapping in options["section"]:
            label, _sep, name = mapping.partition("=")
            sections[label.strip()] = (name or label).strip()
        return Options(
            source=self.source,
            default_section=options["default_section"],
            pages_section=options["pages_section"],
            section_labels=sections,
            skip_pages=options["skip_pages"],
            keep_spam=options["keep_spam"],
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        dry_run = options["dry_run"]
        media = None
        if options["media_dir"]:
            folder = Path(options["media_dir"])
            if not folder.is_dir():
                raise CommandError(_("No such folder: %(path)s") % {"path": folder})
            media = MediaFolder(folder, source=self.source, dry_run=dry_run)
        writer = Writer(self.writer_options(**options), media=media, report=self.report)
        try:
            with transaction.atomic():
                # Bars follow the bytes read: an export's items are not counted in advance.
                posts_read = ProgressBar(self.stdout, _("posts"), counts=False)
                writer.write_posts(self.posts(path, posts_read))
                comments_read = ProgressBar(self.stdout, _("comments"), counts=False)
                writer.write_comments(self.comments(path, comments_read))
                if dry_run:
                    transaction.set_rollback(True)
        except MalformedExport as error:
            if media is not None:
                media.discard_stored_files()
            raise CommandError(
                _("%(error)s (not well-formed XML: nothing was imported)") % {"error": error}
            ) from None
        except BaseException:
            if media is not None:
                media.discard_stored_files()
            raise
        if not dry_run:
            pagecache.invalidate()
            engine.vocabulary_changed()
            ids = writer.summary.article_ids
            if ids:
                self.stdout.write(
                    _("Indexing %(count)d articles for search…") % {"count": len(ids)}
                )
                engine.index_article_ids(ids)
        self.write_summary(writer.summary, media, dry_run=dry_run)

    def report(self, skipped: Skipped) -> None:
        self.stderr.write(
            _("Skipped %(kind)s %(id)s: %(reason)s")
            % {"kind": skipped.kind, "id": skipped.source_id, "reason": skipped.reason}
        )

    def write_summary(self, summary: Summary, media: MediaFolder | None, *, dry_run: bool):
        write = self.stdout.write
        for label, tally in (
            (_("Posts"), summary.posts),
            (_("Pages"), summary.pages),
            (_("Comments"), summary.comments),
        ):
            write(self.tally_line(label, tally))
            for reason, count in sorted(tally.skipped.items()):
                write(f"  - {reason}: {count}")
        if summary.statuses:
            statuses = ", ".join(f"{name} {n}" for name, n in sorted(summary.statuses.items()))
            write(_("Written by status: %(statuses)s") % {"statuses": statuses})
        write(
            _("Redirects created: %(redirects)d; people created: %(people)d")
            % {"redirects": summary.redirects, "people": summary.people}
        )
        if media is not None:
            write(
                _(
                    "Images imported: %(imported)d, already in the library: %(reused)d, "
                    "not in the media folder: %(missing)d, unreadable: %(broken)d"
                )
                % vars(media)
            )
        if dry_run:
            write(self.style.WARNING(_("Dry run: nothing was written.")))
        else:
            write(self.style.SUCCESS(_("Import finished.")))

    @staticmethod
    def tally_line(label: str, tally: Tally) -> str:
        return _(
            "%(label)s: created %(created)d, updated %(updated)d, unchanged %(unchanged)d, "
            "skipped %(skipped)d"
        ) % {
            "label": label,
            "created": tally.created,
            "updated": tally.updated,
            "unchanged": tally.unchanged,
            "skipped": sum(tally.skipped.values()),
        }
