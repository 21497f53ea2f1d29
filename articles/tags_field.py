"""The story form's tags, typed in place: "น้ำท่วม, โควิด-19, ครม.".

One text field replaces the rows of tag pickers. Tags are separated by commas or line
breaks, never by spaces (Thai tags hold spaces: "ฝุ่น PM2.5"); a tag that holds a comma
is written in double quotes. A name typed in another case, or with other spacing, is
the existing tag's; names not yet tags are created when the story is saved (by
taggit's manager, in the admin's transaction), so a form that fails leaves none behind.

Without JavaScript this is a plain text box. articles/static/articles/tags_input.js
turns it into chips with suggestions from the admin's tag list.
"""

import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.thainlp import normalize_cheaply

from .models import Tag

#: TagBase.name's length.
MAX_LENGTH = Tag._meta.get_field("name").max_length

_SPACES = re.compile(r"\s+")
_SEPARATORS = ",\n"


def clean_name(name: str) -> str:
    """A name as it is stored: NFC, no zero-width characters, single spaces, trimmed.

    Thai is otherwise kept as typed: no case change, vowels, tone marks, dots (ครม.) and
    hyphens (โควิด-19) stay.
    """
    return _SPACES.sub(" ", normalize_cheaply(name)).strip()


def _split(text: str) -> list[str]:
    """Commas and line breaks separate; a tag opening with a double quote runs to the
    closing one, commas included, and "" inside it is a quote. A quote elsewhere is
    just a character (ลุง"ตู่"). tags_input.js reads the text the same way."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    index = 0
    while index < len(text):
        char = text[index]
        if quoted:
            if char == '"' and text[index + 1 : index + 2] == '"':
                current.append('"')
                index += 1
            elif char == '"':
                quoted = False
            else:
                current.append(char)
        elif char == '"' and not "".join(current).strip():
            quoted, current = True, []
        elif char in _SEPARATORS:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def parse_names(text: str) -> list[str]:
    """The tag names in ``text``, in the order typed, duplicates (any case) dropped."""
    names: list[str] = []
    seen: set[str] = set()
    for part in _split(text or ""):
        name = clean_name(part)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def format_names(names) -> str:
    """The text that parse_names reads back as ``names``."""
    return ", ".join(
        '"{}"'.format(name.replace('"', '""')) if "," in name or name.startswith('"') else name
        for name in names
    )


def existing_spellings(names: list[str]) -> dict[str, str]:
    """For each name that is an existing tag in another case: casefolded name -> stored name."""
    if not names:
        return {}
    query = Q()
    for name in names:
        query |= Q(name__iexact=name)
    spellings: dict[str, str] = {}
    for stored in Tag.objects.filter(query).order_by("pk").values_list("name", flat=True):
        spellings.setdefault(stored.casefold(), stored)
    return spellings


class TagsInput(forms.TextInput):
    """A text box of comma-separated names; tags_input.js adds chips and suggestions."""

    class Media:
        js = ["articles/tags_input.js"]

    def __init__(self, attrs=None, *, suggest_url: str = ""):
        attrs = {
            "class": "vTextField tags-input",
            "autocomplete": "off",
            "data-tags-input": "",
            "data-suggest-url": suggest_url,
            # What the script announces and shows; the {} is the tag's name.
            "data-label-remove": _("Remove tag {}"),
            "data-label-added": _("Tag added: {}"),
            "data-label-removed": _("Tag removed: {}"),
            "data-label-suggestions": _("Existing tags"),
            **(attrs or {}),
        }
        super().__init__(attrs)

    def format_value(self, value):
        if value is not None and not isinstance(value, str):  # the story's tags
            names = (tag.name if isinstance(tag, Tag) else tag for tag in value)
            value = format_names(sorted(names, key=str.casefold))
        return super().format_value(value)


class TagsField(forms.Field):
    """Cleans to the names to save: existing tags as stored, new ones as typed.

    ``can_create``: whether the user may make new tags (articles.add_tag); a user who
    may not is told which names are new, with the text kept.
    """

    widget = TagsInput

    def __init__(self, *, can_create: bool = True, **kwargs):
        kwargs.setdefault("required", False)
        # Not taggit's ("A comma-separated list of tags."), which it always passes.
        kwargs["help_text"] = _(
            "Separate tags with commas (or press Enter). A tag that does not exist yet is "
            "created when the story is saved."
        )
        super().__init__(**kwargs)
        self.can_create = can_create

    def to_python(self, value):
        text = "" if value in self.empty_values else str(value)
        if "\x00" in text:  # PostgreSQL text cannot hold it
            raise forms.ValidationError(_("Null characters are not allowed."), code="null")
        names = parse_names(text)
        too_long = [name for name in names if len(name) > MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                ngettext(
                    "A tag may be at most %(max)d characters long: “%(names)s”.",
                    "Tags may be at most %(max)d characters long: “%(names)s”.",
                    len(too_long),
                )
                % {"max": MAX_LENGTH, "names": "”, “".join(too_long)},
                code="too_long",
            )
        spellings = existing_spellings(names)
        resolved = [spellings.get(name.casefold(), name) for name in names]
        new = [name for name in resolved if name.casefold() not in spellings]
        if new and not self.can_create:
            raise forms.ValidationError(
                _("You may only choose existing tags; these are new: “%(names)s”.")
                % {"names": "”, “".join(new)},
                code="new_tag",
            )
        return resolved

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        before = sorted(
            (tag.name if isinstance(tag, Tag) else str(tag)).casefold() for tag in initial or ()
        )
        after = sorted(name.casefold() for name in parse_names(data or ""))
        return before != after
