"""What a story's address, search result and social card will say, from its form's text.

Worked out on the server with the same rules as the saved story (Article.save makes the
slug with newsroom/slugs.py; templates/articles/article_detail.html writes the title,
description and og:image), so the preview cannot drift from what is published for Thai
text: a second copy of the slug rules in JavaScript would.
"""

import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import uri_to_iri

from newsroom.slugs import thai_slugify, validate_thai_slug

from .models import Image
from .templatetags.images import image_url

#: About what search engines show before cutting a title or a description off (they
#: measure in pixels; characters a reader sees are the nearest count).
SEARCH_TITLE_FITS = 60
SEARCH_DESCRIPTION_FITS = 160
#: The article page cuts its description here (meta description, og:description).
DESCRIPTION_MAX = 300
#: Stands for the id of a story not saved yet, which has none.
NO_ID_YET = "…"


def visible_length(text: str) -> int:
    """Characters a reader sees: Thai vowel and tone marks above or below a consonant,
    and invisible format characters, take no room of their own."""
    return sum(1 for char in text if unicodedata.category(char) not in ("Mn", "Me", "Cf"))


@dataclass(frozen=True)
class StoryPreview:
    slug: str
    slug_from_headline: bool
    slug_error: str
    path: str
    url: str
    host: str
    title: str  # og:title: the search title or the headline
    search_title: str  # <title>: with the site's name
    description: str
    image_url: str
    has_id: bool

    @property
    def search_title_length(self) -> int:
        return visible_length(self.search_title)

    @property
    def description_length(self) -> int:
        return visible_length(self.description)

    @property
    def search_title_fits(self) -> int:
        return SEARCH_TITLE_FITS

    @property
    def description_fits(self) -> int:
        return SEARCH_DESCRIPTION_FITS

    @property
    def search_title_too_long(self) -> bool:
        return self.search_title_length > SEARCH_TITLE_FITS

    @property
    def description_too_long(self) -> bool:
        return self.description_length > SEARCH_DESCRIPTION_FITS

    @property
    def url_parts(self) -> list[str]:
        """The address as search results print it: host › news › 12 › slug."""
        return [self.host, *(part for part in self.path.split("/") if part)]


def story_slug(*, title: str, slug: str) -> tuple[str, bool, str]:
    """(slug, made from the headline?, error): Article.save's rule for a given form."""
    slug = (slug or "").strip()
    if not slug:
        return thai_slugify(title or "", max_length=60), True, ""
    try:
        validate_thai_slug(slug)
    except ValidationError as error:
        return slug, False, " ".join(error.messages)
    return slug, False, ""


def story_preview(
    *,
    request,
    pk: int | None,
    title: str,
    slug: str,
    standfirst: str,
    seo_title: str,
    seo_description: str,
    lead_image: Image | None,
) -> StoryPreview:
    slug, from_headline, slug_error = story_slug(title=title, slug=slug)
    # The canonical (Thai) address, whatever language the desk is shown in.
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("articles:detail", kwargs={"pk": pk or 0, "slug": slug or "-"})
    if not pk:
        path = path.replace("/0/", f"/{NO_ID_YET}/", 1)
    path = uri_to_iri(path)  # shown as readers see it in the address bar: Thai, not %E0%B8...
    title = (seo_title or "").strip() or (title or "").strip()
    description = (seo_description or "").strip() or (standfirst or "").strip()
    description = truncatechars(description, DESCRIPTION_MAX)
    image = image_url(lead_image, 1280) if lead_image is not None else ""
    return StoryPreview(
        slug=slug,
        slug_from_headline=from_headline,
        slug_error=slug_error,
        path=path,
        url=f"{request.scheme}://{request.get_host()}{path}",
        host=request.get_host(),
        title=title,
        search_title=f"{title} | {settings.SITE_NAME}" if title else settings.SITE_NAME,
        description=description,
        image_url=request.build_absolute_uri(image) if image else "",
        has_id=bool(pk),
    )
