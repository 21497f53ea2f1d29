"""Slugs that keep Thai readable, and the validator and URL converter that accept them.

Django's tools are unusable on Thai: ``slugify(allow_unicode=True)`` drops the combining
vowels and tone marks (การเมือง becomes การเมอง) and its NFKC splits ำ into ํา;
``SlugField(allow_unicode=True)`` rejects a correct Thai slug and the ``<slug:>`` path
converter is ASCII only. Articles are addressed by id; the slug is decoration, built
here once from the title:

* NFC, never NFKC, zero-width characters removed, Thai spelling normalised
  (:func:`newsroom.thainlp.normalize`);
* the whole Thai block U+0E00–U+0E7F is kept (consonants, vowels, tone marks, Thai
  digits, ๆ) except ฯ (PAIYANNOI, the abbreviation mark: ผู้ว่าฯ, กรุงเทพฯ), which is
  dropped; ฯลฯ ("etc.") is dropped as a whole, like a separator;
* ASCII letters (lowercased) and digits are kept; accented Latin letters lose their
  accents (é becomes e);
* every run of anything else (spaces, punctuation, symbols) becomes one hyphen, so
  hyphens appear only where the author separated words;
* a slug longer than ``max_length`` is cut between words, never inside one.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from newsroom import thainlp

__all__ = ["ThaiSlugConverter", "thai_slugify", "validate_thai_slug"]

PAIYANNOI = "\u0e2f"  # ฯ
_ETC = "\u0e2f\u0e25\u0e2f"  # ฯลฯ
_ASCII_KEEP = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_SEPARATOR = "-"

# Marks that must stay with the character before them: the Thai combining vowels and
# tone marks (category Mn) and SARA AM, which is a spacing letter (Lo) but completes the
# syllable before it.
_SARA_AM = "\u0e33"
# Leading vowels are written before the consonant they follow in speech: a cut right
# after one would leave a vowel without its consonant.
_LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # เ แ โ ใ ไ


def _is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


def _is_attached_mark(char: str) -> bool:
    return char == _SARA_AM or unicodedata.category(char) == "Mn"


def _slug_chars(char: str) -> str | None:
    """What ``char`` becomes in a slug: kept text, ``""`` (dropped), or None (separator)."""
    if _is_thai(char):
        return "" if char == PAIYANNOI else char
    lower = char.lower()
    if lower in _ASCII_KEEP:
        return lower
    if char.isascii():
        return None
    category = unicodedata.category(char)
    if category in ("Mn", "Cf"):
        # A stray combining accent or an invisible format character (soft hyphen...) is
        # not a separator the author typed.
        return ""
    # Compatibility decomposition, for this one non-Thai character only: é -> e,
    # full-width Ａ -> A. Thai text is never NFKC-normalised.
    ascii_part = "".join(c for c in unicodedata.normalize("NFKD", char).lower() if c in _ASCII_KEEP)
    return ascii_part or None


def _clean(text: str) -> str:
    """The full slug, before any length limit."""
    text = thainlp.normalize(text).replace(_ETC, " ")
    out: list[str] = []
    for char in text:
        kept = _slug_chars(char)
        if kept is None:
            if out and out[-1] != _SEPARATOR:
                out.append(_SEPARATOR)
        elif kept:
            out.append(kept)
    return "".join(out).strip(_SEPARATOR)


def _safe_cut(text: str, limit: int) -> str:
    """``text[:limit]``, moved left so that no mark is parted from its consonant."""
    cut = min(limit, len(text))
    while 0 < cut < len(text) and _is_attached_mark(text[cut]):
        cut -= 1
    while cut > 0 and text[cut - 1] in _LEADING_VOWELS:
        cut -= 1
    return text[:cut].strip(_SEPARATOR)


def _words(part: str) -> list[str]:
    """Segment one hyphen-free part of a slug into words that may be cut between.

    A token that starts with a combining mark, or follows a leading vowel, is glued to the
    token before it: newmm only produces such tokens on malformed text, but a cut there
    would still part a mark from its consonant.
    """
    tokens = thainlp.word_tokenize(part)
    if "".join(tokens) != part:  # the tokenizer changed the text: treat it as one word
        return [part]
    words: list[str] = []
    for token in tokens:
        if words and (_is_attached_mark(token[0]) or words[-1][-1] in _LEADING_VOWELS):
            words[-1] += token
        else:
            words.append(token)
    return words


def _shorten(slug: str, max_length: int) -> str:
    """Keep whole words of ``slug`` while they fit in ``max_length`` characters.

    Each hyphen-separated part is segmented with pythainlp (Thai runs have no spaces
    between words). Only when even the first word is too long is it cut, at a character
    cluster boundary.
    """
    result = ""
    for index, part in enumerate(slug.split(_SEPARATOR)):
        for position, token in enumerate(_words(part)):
            glue = _SEPARATOR if index > 0 and position == 0 else ""
            candidate = result + glue + token
            if len(candidate) > max_length:
                return result or _safe_cut(slug, max_length)
            result = candidate
    return result


def thai_slugify(text: str, max_length: int = 60) -> str:
    """Return a readable URL slug for ``text`` (Thai kept as Thai), at most ``max_length``.

    ``'ผู้ว่าฯ กทม.'`` gives ``'ผู้ว่า-กทม'``; ``'UCLG ASPAC เชิญ'`` gives
    ``'uclg-aspac-เชิญ'``. The result may be empty (a title of only punctuation or emoji):
    the caller chooses the fallback (usually the article id alone).
    """
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    slug = _clean(text)
    if len(slug) <= max_length:
        return slug
    return _shorten(slug, max_length)


THAI_SLUG_PATTERN = r"^[a-z0-9\u0e00-\u0e7f]+(?:-[a-z0-9\u0e00-\u0e7f]+)*\Z"

#: For the CharField that stores a slug: lowercase ASCII letters, digits, Thai, and single
#: hyphens between them (none at either end). SlugField would reject Thai.
validate_thai_slug = RegexValidator(
    re.compile(THAI_SLUG_PATTERN),
    _(
        "Enter a valid slug: lowercase Latin letters, digits, Thai characters and "
        "single hyphens between them."
    ),
    code="invalid",
)


class ThaiSlugConverter:
    """Path converter for slugs that may contain Thai; Django's ``<slug:>`` is ASCII only.

    Register it with ``register_converter(ThaiSlugConverter, "thaislug")``. It is lenient
    (uppercase, underscores, any hyphens) on purpose: the article id finds the article and
    the view redirects (301) to the canonical slug, so an old or hand-typed slug still works.
    """

    regex = "[-a-zA-Z0-9_\u0e00-\u0e7f]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
