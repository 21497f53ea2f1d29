"""Pure text rules for reader comments: word lists and links. No database, no requests.

Word matching (banned and suspect words)
========================================

Both the comment and each listed word or phrase are first put in one canonical form
(:func:`normalise`):

1. Unicode NFKC, so that full-width and styled letters (ｖｉａｇｒａ, 𝐯𝐢𝐚𝐠𝐫𝐚) become plain
   ones, then Thai normalisation (``newsroom.thainlp.normalize``: NFC again, which joins
   the SARA AM that NFKC splits, tone marks and vowels in the standard order, doubled
   vowels collapsed);
2. every invisible "format" character removed (Unicode category Cf: zero-width spaces
   and joiners, soft hyphens, right-to-left and other direction overrides), since they
   hide inside words without changing how they look;
3. case-folded (``casefold()``, so ß matches ss), runs of white space made one space.

The canonical text is then cut into words (:func:`words`): runs of Thai letters are
segmented with pythainlp's ``newmm`` through ``newsroom.thainlp.word_tokenize``, with
every listed Thai word added to its dictionary; anything else is split into runs of
letters and digits (punctuation and spaces separate words). A listed word or phrase
matches when its own words appear *consecutively and whole* among the comment's words.

What this gives:

* No hit on a longer word that merely contains a listed one, in English (``ass`` does
  not match ``class``) and in Thai wherever the dictionary knows the longer word: with
  ``หี`` listed, ``หีบเพลง`` is one word and does not match; with ``สัส`` listed,
  ``สัสดี`` does not match.
* A listed Thai word glued to other Thai words without spaces is found
  (``มึงมันควยจริงๆ`` → มึง|มัน|ควย|จริงๆ), because segmentation prefers dictionary words
  and the listed words are in the dictionary.
* Phrases: ``เว็บพนัน`` is added to the dictionary as one word and matches inside
  ``เว็บพนันออนไลน์``; ``buy now`` matches ``BUY   now!``.

Limits (known, accepted; moderators see every held comment anyway):

* Segmentation is statistical-free maximal matching: when a listed word sits between
  syllables the dictionary does not know, ``newmm`` may cut differently and miss it,
  and a rare longer word missing from the dictionary may cause a false hit.
* Deliberate obfuscation is not undone: letters separated by dots or spaces
  (``ค.ว.ย``, ``v i a g r a``), repeated letters (``viagraaa``), look-alike letters from
  other scripts (Cyrillic ``а`` for Latin ``a``) and leetspeak (``v1agra``) are not
  matched. List the variants you see as extra words.
* A listed Latin word matches only as a whole word: list inflections (``scam``,
  ``scammer``) separately.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from newsroom.thainlp import normalize as thai_normalize
from newsroom.thainlp import word_tokenize

_THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")
_OTHER_WORD = re.compile(r"[^\W_]+")  # letters and digits of any script but Thai runs
_SPACE = re.compile(r"\s+")

# Links a reader could follow: with a scheme, starting with www., or a bare domain name
# with a common top-level domain (example.com/page, shop.co.th).
_LINK = re.compile(
    r"(?:\b[a-z][a-z0-9+.-]*://\S+)"
    r"|(?:\bwww\.\S+)"
    r"|(?:\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|xyz|top|club|online|site"
    r"|shop|link|io|co|me|ly|tv|cc|ru|cn|th|asia)\b(?:/\S*)?)",
    re.IGNORECASE,
)


def normalise(text: str) -> str:
    """The canonical form in which comments and word lists are compared (module docs)."""
    text = thai_normalize(unicodedata.normalize("NFKC", text))
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    return _SPACE.sub(" ", text.casefold()).strip()


def words(text: str, thai_words: frozenset[str] = frozenset()) -> list[str]:
    """Cut canonical text into words: Thai runs segmented (with ``thai_words`` added to
    the dictionary), other runs split into letters and digits."""
    result: list[str] = []
    position = 0
    for thai in _THAI_RUN.finditer(text):
        result += _OTHER_WORD.findall(text[position : thai.start()])
        result += word_tokenize(thai.group(), thai_words or None)
        position = thai.end()
    result += _OTHER_WORD.findall(text[position:])
    return result


def parse_word_list(text: str) -> tuple[str, ...]:
    """One word or phrase per line, canonical, without blanks or repeats."""
    seen = dict.fromkeys(normalise(line) for line in text.splitlines())
    return tuple(term for term in seen if term)


@dataclass(frozen=True)
class WordMatcher:
    """Finds listed words in comments; build once per word list (the Thai dictionary
    with the listed words costs most of a second the first time)."""

    terms: tuple[str, ...]
    thai_words: frozenset[str] = field(init=False)
    sequences: dict[str, tuple[str, ...]] = field(init=False)

    def __post_init__(self):
        thai = frozenset(run for term in self.terms for run in _THAI_RUN.findall(term))
        object.__setattr__(self, "thai_words", thai)
        sequences = {term: tuple(words(term, thai)) for term in self.terms}
        object.__setattr__(self, "sequences", {t: s for t, s in sequences.items() if s})

    def find(self, text: str) -> list[str]:
        """The listed terms that occur in ``text`` as whole words, in list order."""
        if not self.sequences:
            return []
        found_words = words(normalise(text), self.thai_words)
        found = []
        for term, sequence in self.sequences.items():
            size = len(sequence)
            if any(
                tuple(found_words[i : i + size]) == sequence
                for i in range(len(found_words) - size + 1)
            ):
                found.append(term)
        return found


@lru_cache(maxsize=8)
def matcher(terms: tuple[str, ...]) -> WordMatcher:
    return WordMatcher(terms)


def find_words(text: str, word_list: Iterable[str] | str) -> list[str]:
    """The words of ``word_list`` (a list, or text with one per line) found in ``text``."""
    if isinstance(word_list, str):
        terms = parse_word_list(word_list)
    else:
        terms = tuple(dict.fromkeys(t for t in map(normalise, word_list) if t))
    return matcher(terms).find(text)


def count_links(text: str) -> int:
    """How many links a comment holds (they are never made clickable, but spam is links)."""
    return len(_LINK.findall(normalise(text)))


def same_text_key(text: str) -> str:
    """What two comments must share to count as the same text: canonical form without
    spaces or punctuation, so that re-posting with a changed space is still a duplicate."""
    return "".join(words(normalise(text)))
