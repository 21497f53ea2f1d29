"""`manage.py generate_renditions [--force]`: write the missing renditions of every image,
its crops (16:9 card, square, social card) around its focal point included.

Idempotent and resumable: files already in storage are skipped (unless --force), so
an interrupted run continues where it stopped when started again. One unreadable
original is reported on stderr and skipped; the command fails only when errors left
nothing processed.
"""

from django.core.management.base import BaseCommand, CommandError

from articles.models import Image
from articles.renditions import RenditionError, generate_renditions
from newsroom.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Write the responsive renditions (WebP and JPEG/PNG at several widths, and the "
        "crops around the focal point) that are missing for any image. Safe to re-run: "
        "existing files are kept unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Write every rendition again, even those already in storage.",
        )

    def handle(self, *args, force=False, **options):
        total = Image.objects.count()
        progress = ProgressBar(self.stdout, "images")
        processed = written = errors = 0
        images = Image.objects.order_by("pk").only(
            "pk", "file", "width", "height", "focal_x", "focal_y"
        )
        for done, image in enumerate(images.iterator(chunk_size=500), start=1):
            try:
                written += generate_renditions(image, force=force)
            except RenditionError as error:
                errors += 1
                progress.interrupt()  # the error gets a line of its own
                message = " ".join(str(error).split())
                self.stderr.write(f"Image {image.pk} skipped: {message}")
            else:
                processed += 1
            progress(done, max(total, done))  # images may be added while the command runs
        progress.finish()

        summary = (
            f"{counted(processed, 'image')} processed, {counted(written, 'file')} written, "
            f"{counted(errors, 'error')}."
        )
        if errors and not processed:
            raise CommandError(f"No image could be processed: {summary}")
        style = self.style.WARNING if errors else self.style.SUCCESS
        self.stdout.write(style(summary))


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
