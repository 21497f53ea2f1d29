"""``--media-dir``: pictures of the old site, downloaded beforehand, moved into the library.

Nothing is fetched: an <img> whose file is found in the folder (under its URL's path,
with or without the host, or else by file name) goes through the same checks and
re-encoding as an upload (newsroom/images.py), becomes an Image with renditions, and
the body's addresses of it (the <img> and a link to the same file) are rewritten. An
image not in the folder keeps its original address and is counted as missing.
"""

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage

from articles.models import Image
from articles.renditions import generate_renditions, rendition_names
from newsroom.images import process_uploaded_image

from .models import ImportedItem

_IMG = re.compile(r"<img\b[^>]*>")
_ATTRIBUTE = re.compile(r'\b(src|alt)="([^"]*)"')
ALT_MAX_LENGTH = Image._meta.get_field("alt_text").max_length
SOURCE_ID_MAX_LENGTH = ImportedItem._meta.get_field("source_id").max_length


class MediaFolder:
    def __init__(self, directory: Path, *, source: str, dry_run: bool = False):
        self.directory = directory.resolve()
        self.source = source
        self.dry_run = dry_run
        self.imported = self.reused = self.missing = self.broken = 0
        self.stored_files: list[str] = []  # deleted again if the import is rolled back
        # The file names of the folder, for the match by name; names only, not contents.
        self._by_name = {path.name: path for path in self.directory.rglob("*") if path.is_file()}

    def rewrite(self, body: str, *, alt: str) -> tuple[str, Image | None]:
        """``body`` (already cleaned) with its pictures moved into the library, and the
        first picture found (for the lead image)."""
        first = None
        for tag in _IMG.findall(body):
            attributes = dict(_ATTRIBUTE.findall(tag))
            src = attributes.get("src", "")
            if not src:
                continue
            image = self.image_for(
                html.unescape(src), alt=html.unescape(attributes.get("alt", "")) or alt
            )
            if image is None:
                continue
            first = first or image
            body = re.sub(rf'\b(src|href)="{re.escape(src)}"', rf'\1="{image.file.url}"', body)
        return body, first

    def image_for(self, url: str, *, alt: str) -> Image | None:
        path = self.find(url)
        if path is None:
            self.missing += 1
            return None
        relative = str(path.relative_to(self.directory))
        if len(relative) > SOURCE_ID_MAX_LENGTH:  # cannot be remembered: left where it is
            self.missing += 1
            return None
        known = (
            ImportedItem.objects.filter(
                source=self.source, kind=ImportedItem.Kind.IMAGE, source_id=relative
            )
            .select_related("image")
            .first()
        )
        if known is not None:
            self.reused += 1
            return known.image
        if self.dry_run:  # nothing is written to storage in a dry run
            self.imported += 1
            return None
        try:
            with path.open("rb") as file:
                processed = process_uploaded_image(File(file, name=path.name))
        except ValidationError:
            self.broken += 1
            return None
        image = Image(file=processed.content, alt_text=alt[:ALT_MAX_LENGTH] or path.name)
        image.save()
        generate_renditions(image)
        self.stored_files += [image.file.name, *rendition_names(image)]
        ImportedItem.objects.create(
            source=self.source, kind=ImportedItem.Kind.IMAGE, source_id=relative, image=image
        )
        self.imported += 1
        return image

    def find(self, url: str) -> Path | None:
        """The file for ``url`` inside the folder, never outside it. An address no file
        can have (malformed, too long, a NUL byte) finds none."""
        try:
            return self._find(url)
        except (ValueError, OSError):
            return None

    def _find(self, url: str) -> Path | None:
        parts = urlsplit(url)
        url_path = unquote(parts.path).lstrip("/")
        candidates = [self.directory / parts.netloc / url_path, self.directory / url_path]
        name = url_path.rpartition("/")[2]
        if name in self._by_name:
            candidates.append(self._by_name[name])
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved.is_file() and resolved.is_relative_to(self.directory):
                return resolved
        return None

    def discard_stored_files(self) -> None:
        for name in self.stored_files:
            default_storage.delete(name)
        self.stored_files = []
