"""What import_blogger and import_wordpress share: options, the one transaction, the
progress bars, the summary, and what follows a successful import.

One transaction holds the whole import, so a file that turns out to be malformed half
way through (or any failure) leaves the database exactly as it was; ``--dry-run`` runs
everything and rolls back. After the commit the written articles are re-indexed for
search and the page cache is dropped: the bulk writes send no signals.

Whatever the file holds, the command ends with a summary or with one line saying why
it stopped (CommandError: exit status 1), never a traceback: a file that is not XML
(unless ``--recover``), not the export the command reads, or whose posts and pages
were all skipped imports nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from newsroom import pagecache
from newsroom.progress import ProgressBar
from search import engine

from .items import Skipped
from .media import MediaFolder
from .recovery import Recovery, Unreadable
from .writer import SECTION_MAX, Options, Summary, Tally, Writer
from .xmlstream import MalformedExport, NotAnExport


class NothingImported(Exception):
    """Every post and page of the file was skipped: the import is rolled back."""


class ImportCommand(BaseCommand):
    source = ""  # ImportedItem.source
    recovery_unit = ""  # the element --recover leaves out whole ("entry", "item")
    known_prefixes: dict[str, str] = {}  # declared by --recover where the file lost them

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
        parser.add_argument(
            "--recover",
            action="store_true",
            help="Read a file that is not well-formed XML as far as possible: prefixes the "
            "format knows are declared where the file lost them, entries that still cannot "
            "be read are left out and their lines listed, the rest is imported.",
        )

    def posts(self, path: Path, progress, recovery: Recovery | None):
        raise NotImplementedError

    def comments(self, path: Path, progress, recovery: Recovery | None):
        raise NotImplementedError

    def writer_options(self, **options) -> Options:
        sections = {}
        for mapping in options["section"]:
            label, _sep, name = mapping.partition("=")
            sections[label.strip()] = (name or label).strip()
        for name in [*sections.values(), options["default_section"], options["pages_section"]]:
            if not name or len(name) > SECTION_MAX:
                raise CommandError(
                    _("A section name must have 1 to %(max)d characters: %(name)s")
                    % {"max": SECTION_MAX, "name": repr(name[: SECTION_MAX + 20])}
                )
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
        recovery = None
        self.path, self.recovering = path, options["recover"]
        self.unreadable: dict[Unreadable, None] = {}
        if self.recovering:
            recovery = Recovery(self.recovery_unit, self.known_prefixes, self.report_unreadable)
        self.committed = False
        try:
            with transaction.atomic():
                # Run first once committed: a failure after this point (in what the commit
                # sets off) is no reason to say that nothing was imported.
                transaction.on_commit(self.mark_committed)
                # Bars follow the bytes read: an export's items are not counted in advance.
                posts_read = ProgressBar(self.stdout, _("posts"), counts=False)
                writer.write_posts(self.posts(path, posts_read, recovery))
                comments_read = ProgressBar(self.stdout, _("comments"), counts=False)
                writer.write_comments(self.comments(path, comments_read, recovery))
                self.check_something_imported(writer.summary)
                if dry_run:
                    transaction.set_rollback(True)
        except BaseException as error:
            if media is not None:
                media.discard_stored_files()
            message = self.failure(error)
            if message is None:
                raise
            raise CommandError(message) from None
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

    def failure(self, error: BaseException) -> str | None:
        """The one line that says why nothing was imported, or None for a failure that
        is no fault of the file (interrupted, a bug, after the commit): raised as it is."""
        if self.committed:
            return None
        if isinstance(error, MalformedExport) and self.recovering:
            return _("%(error)s (not well-formed XML: nothing was imported)") % {"error": error}
        if isinstance(error, MalformedExport):
            return _(
                "%(error)s (not well-formed XML: nothing was imported; --recover imports "
                "what can be read)"
            ) % {"error": error}
        if isinstance(error, NotAnExport | NothingImported):
            return f"{self.path}: {error}"
        if isinstance(error, OSError):  # the file unreadable, the media storage full...
            return _("%(path)s: %(error)s: nothing was imported.") % {
                "path": error.filename or self.path,
                "error": error.strerror or error,
            }
        if isinstance(error, DatabaseError):
            first_line = (str(error).strip().splitlines() or [""])[0][:200]
            return _("The database refused the import (%(error)s): nothing was imported.") % {
                "error": first_line or type(error).__name__
            }
        return None

    def mark_committed(self) -> None:
        self.committed = True

    def check_something_imported(self, summary: Summary) -> None:
        tallies = (summary.posts, summary.pages)
        if any(t.created or t.updated or t.unchanged for t in tallies):
            return
        skipped = summary.posts.skipped + summary.pages.skipped
        if not skipped:
            raise NothingImported(_("the file holds no posts or pages: nothing was imported."))
        reasons = "; ".join(f"{reason}: {n}" for reason, n in skipped.most_common(3))
        if len(skipped) > 3:
            reasons += "; …"
        raise NothingImported(
            _("all %(count)d posts and pages were skipped (%(reasons)s): nothing was imported.")
            % {"count": skipped.total(), "reasons": reasons}
        )

    def report_unreadable(self, unreadable: Unreadable) -> None:
        # Each pass over the file meets the same unreadable lines: listed once.
        if unreadable in self.unreadable:
            return
        self.unreadable[unreadable] = None
        if unreadable.first_line == unreadable.last_line:
            lines = str(unreadable.first_line)
        else:
            lines = f"{unreadable.first_line}-{unreadable.last_line}"
        self.stderr.write(
            _("%(path)s:%(lines)s: could not be read, left out (%(reason)s)")
            % {"path": self.path, "lines": lines, "reason": unreadable.reason}
        )

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
        if self.unreadable:
            write(
                _("Parts of the file that could not be read (left out): %(count)d")
                % {"count": len(self.unreadable)}
            )
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
