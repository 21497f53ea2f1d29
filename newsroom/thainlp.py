"""The one door to pythainlp: every Thai segmentation and normalisation goes through here.

Why one module:

* ``import pythainlp`` creates ``~/pythainlp-data`` and crashes when HOME is not writable
  (containers, the CI user, gunicorn under a system account), and it may try to download
  corpora. Both are switched off here, in the environment, *before* the first import, so
  no other module may import pythainlp directly.
* The tokenizer engine is chosen once: ``newmm`` (milliseconds per article). ``longest``
  takes seconds per article and must never be used.
* The default dictionary's trie is expensive to build (~0.5 s for its 62k words): it is
  built once per process, and a dictionary extended with the project's names shares it
  (see :func:`dictionary`).

pythainlp itself is imported lazily, inside the functions, so importing this module (for
example from a template tag or a model) costs nothing until Thai text is processed.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

# Set (not setdefault): a deployment that exported PYTHAINLP_READ_ONLY=0 or
# PYTHAINLP_OFFLINE=0 would otherwise make the first import write to HOME or reach the
# network. PYTHAINLP_READ_MODE is the deprecated spelling; pythainlp raises ValueError
# when both it and PYTHAINLP_READ_ONLY are set, so it is removed.
os.environ["PYTHAINLP_READ_ONLY"] = "1"
os.environ["PYTHAINLP_OFFLINE"] = "1"
os.environ.pop("PYTHAINLP_READ_MODE", None)

if TYPE_CHECKING:
    from pythainlp.util import Trie

__all__ = [
    "ENGINE",
    "ZERO_WIDTH",
    "dictionary",
    "dictionary_words",
    "family_names",
    "is_adjective",
    "is_verb",
    "lexicalised_words",
    "meanings",
    "normalize",
    "only_noun",
    "only_verb",
    "ordinary_words",
    "place_names",
    "syllable_list",
    "syllables",
    "word_tokenize",
]

#: The only tokenizer engine the project uses (dictionary maximal matching, fast).
ENGINE = "newmm"

#: Invisible characters that Thai typists and copy-paste from the web leave inside words;
#: they break word matching, search and slugs while looking like nothing.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_REMOVE_ZERO_WIDTH = dict.fromkeys(map(ord, ZERO_WIDTH))


@lru_cache(maxsize=4)
def dictionary(custom_words: frozenset[str]) -> Trie:
    """Return a Trie of pythainlp's default Thai words plus ``custom_words``.

    Names of people and organisations are not in the default dictionary and would be
    shredded into syllables (เบอร์|นา|เดีย). A new name, alias or tag makes a new word
    set, and building the whole trie again took most of a second in the request that
    first needed it (an editor's save, which indexes the story) in every process. The
    default words' trie, which pythainlp builds once per process for its own use, is
    shared instead: only the nodes on the custom words' paths are copied, milliseconds
    for a few hundred names. No trie is changed once built, so sharing nodes is safe. A
    few word sets are kept; the argument must be a frozenset so that it can be a cache
    key.
    """
    from pythainlp.tokenize import word_dict_trie  # the default words, as newmm reads them
    from pythainlp.util import Trie

    base = word_dict_trie()
    owned: set[int] = set()  # ids of the nodes this trie has of its own

    def own(node: Trie.Node) -> Trie.Node:
        twin = Trie.Node()
        twin.end = node.end
        twin.children = dict(node.children) if node.children else None
        owned.add(id(twin))
        return twin

    trie = Trie(())
    trie.root = own(base.root)
    count = len(base)
    for word in custom_words:
        node = trie.root
        for char in word.strip():  # as Trie.add
            if node.children is None:
                node.children = {}
            child = node.children.get(char)
            if child is None:
                child = Trie.Node()
                owned.add(id(child))
            elif id(child) not in owned:
                child = own(child)
            node.children[char] = child
            node = child
        if node is not trie.root and not node.end:
            node.end = True
            count += 1
    trie._word_count = count  # what Trie.add counts (len())
    return trie


def ordinary_words() -> frozenset[str]:
    """pythainlp's own dictionary words (~62,000), without the project's names: for
    telling an ordinary word from a name. A set, not a :func:`dictionary` Trie, which
    takes a second to build and is only needed for segmenting."""
    from pythainlp.corpus import thai_words

    return thai_words()


@lru_cache(maxsize=1)
def family_names() -> frozenset[str]:
    """Thai family names from the list pythainlp ships (~9,800, read from the package, no
    download). Evidence that a word written after a given name is a family name; far
    from all of them, as most Thai family names belong to one family each."""
    from pythainlp.corpus import thai_family_names

    return frozenset(normalize_cheaply(name) for name in thai_family_names())


#: Verb and auxiliary tags of the ORCHID and Universal Dependencies tag sets.
_VERB_TAGS = frozenset("VACT VSTA XVAE XVAM XVBM XVBB XVMM VERB AUX".split())  # noqa: SIM905
#: The unigram tag dictionaries pythainlp ships (no download): ORCHID, Parallel UD,
#: Thai UD, TDTB. Each knows a few thousand words; together they know more.
_TAG_CORPORA = ("orchid", "pud", "tud", "tdtb")


#: Attributive verbs (ORCHID) and adjectives (Universal Dependencies): แดง, แพง, ใหญ่.
_ADJECTIVE_TAGS = frozenset({"VATT", "ADJ"})
#: Common nouns (ORCHID, Universal Dependencies).
_NOUN_TAGS = frozenset({"NCMN", "NOUN"})


def is_verb(word: str) -> bool:
    """Whether one of pythainlp's tag dictionaries tags ``word`` as a verb or auxiliary
    (มอง, ห่วง, ได้). A word none of them knows is not a verb here."""
    return not _VERB_TAGS.isdisjoint(_tags(word))


def is_adjective(word: str) -> bool:
    """Whether one of the tag dictionaries tags ``word`` as an adjective (แดง, ใหญ่)."""
    return not _ADJECTIVE_TAGS.isdisjoint(_tags(word))


def only_verb(word: str) -> bool:
    """Whether every tag dictionary that knows ``word`` tags it a verb (ล้าง, ทำ, มี;
    not รา, a mould as well as a verb)."""
    tags = _tags(word)
    return bool(tags) and tags <= _VERB_TAGS


def only_noun(word: str) -> bool:
    """Whether every tag dictionary that knows ``word`` tags it a common noun (มือ, นา)."""
    tags = _tags(word)
    return bool(tags) and tags <= _NOUN_TAGS


@lru_cache(maxsize=8192)
def _tags(word: str) -> frozenset[str]:
    """The tags the tag dictionaries that know ``word`` give it."""
    from pythainlp.tag import pos_tag

    tags = (pos_tag([word], engine="unigram", corpus=corpus)[0][1] for corpus in _TAG_CORPORA)
    return frozenset(tag for tag in tags if tag)


def word_tokenize(text: str, custom_words: Iterable[str] | None = None) -> list[str]:
    """Split Thai text into words with ``newmm``, dropping whitespace tokens.

    ``custom_words`` (names, aliases, tags) are added to the default dictionary so that
    they come out as single tokens. Callers should normalise both the text and the custom
    words with :func:`normalize`, otherwise invisible differences prevent matches.
    Without custom words, pythainlp's own cached default dictionary is used.
    """
    from pythainlp.tokenize import word_tokenize as _word_tokenize

    if not text:
        return []
    custom_dict = None
    if custom_words is not None:
        # A frozenset is used as it is (no copy of 20k names per call) and is the cache key.
        words = custom_words if isinstance(custom_words, frozenset) else frozenset(custom_words)
        words = words - {""} if "" in words else words
        if words:
            custom_dict = dictionary(words)
    return _word_tokenize(text, custom_dict=custom_dict, engine=ENGINE, keep_whitespace=False)


def normalize(text: str) -> str:
    """Return ``text`` in the one canonical form used for matching, search and slugs.

    * NFC, never NFKC: NFKC splits SARA AM (ำ) into NIKHAHIT + SARA AA (ํา), which no
      longer matches the dictionary or what readers type.
    * Zero-width characters removed: they hide inside words pasted from the web.
    * ``pythainlp.util.normalize``: puts tone marks and vowels in the standard order,
      joins the split ํา back into ำ, removes doubled vowels (เเ typed for แ), dangling
      marks and duplicate spaces, so that the same word typed two ways is one string.
    """
    from pythainlp.util import normalize as _thai_normalize

    text = normalize_cheaply(text)
    if _normalize_would_change().search(text) is None:
        return text.strip()  # what pythainlp's rules give, without their forty passes
    return _thai_normalize(text)


@lru_cache(maxsize=1)
def _normalize_would_change() -> re.Pattern:
    """What any of ``pythainlp.util.normalize``'s rules would change: when a text holds
    none of it, every rule leaves it as it is, and normalising is just stripping it.
    (Indexing spends a quarter of its time in those rules otherwise; nearly every line
    of a story is already in order.) tests/newsroom/test_thainlp.py holds the two
    equal."""
    import pythainlp

    above, below = pythainlp.thai_above_vowels, pythainlp.thai_below_vowels
    tones, follow = pythainlp.thai_tonemarks, pythainlp.thai_follow_vowels
    signs = "\u0e3a\u0e4c\u0e4d\u0e4e"  # phinthu, thanthakhat, nikhahit, yamakkan
    dangling = f"{above}{below}{tones}{signs}"
    no_repeat = f"{follow}{pythainlp.thai_lead_vowels}{above}{below}{signs}"
    return re.compile(
        "|".join(
            [
                "\u0e40\u0e40",  # two sara e (one sara ae)
                f"[{tones}\u0e4c][{above}{below}]",  # a tone mark before a vowel mark
                f"\u0e4d[{tones}]*\u0e32",  # nikhahit + sara aa (sara am)
                f"[{follow}][{tones}]",  # a following vowel before a tone mark
                "[^\u0e24\u0e26]\u0e45",  # lakkhangyao for sara aa
                f"([{no_repeat}]) *\\1",  # a vowel or sign repeated
                f"[{tones}]{{2}}",  # two tone marks
                "  |\n",  # spaces and lines to collapse
                f" [{dangling}]|^\\s*[{dangling}]",  # a mark on no letter
            ]
        )
    )


def normalize_cheaply(text: str) -> str:
    """The part of :func:`normalize` that costs little on long text: NFC and no
    zero-width characters (pythainlp's rules make some forty passes over the text)."""
    return unicodedata.normalize("NFC", text).translate(_REMOVE_ZERO_WIDTH)


def syllables(word: str) -> list[str]:
    """Split a Thai word into syllables with pythainlp's syllable dictionary (``dict``
    engine; the default engine needs python-crfsuite, which is not installed)."""
    from pythainlp.tokenize import subword_tokenize

    return subword_tokenize(word, engine="dict", keep_whitespace=False) if word else []


def dictionary_words() -> frozenset[str]:
    """pythainlp's default word list (the one :func:`dictionary` starts from)."""
    from pythainlp.corpus import thai_words

    return thai_words()


def syllable_list() -> frozenset[str]:
    """pythainlp's list of Thai syllables (about 10,000), which :func:`syllables` uses."""
    from pythainlp.corpus import thai_syllables

    return thai_syllables()


@lru_cache(maxsize=1)
def lexicalised_words() -> frozenset[str]:
    """Words of the default word list that an independent source holds as one unit:
    a headword of the Royal Institute's dictionary (ORST), a word of the Thai National
    Corpus's word list, or the title of a Thai Wikipedia article (places, concepts).

    About 40,000 words; the larger lists they come from are not kept.
    """
    from pythainlp.corpus import get_corpus
    from pythainlp.corpus.common import thai_orst_words
    from pythainlp.corpus.tnc import word_freqs

    words = dictionary_words()
    found = {word for word, _count in word_freqs() if word in words}
    found.update(thai_orst_words() & words)
    found.update(get_corpus("wikipedia_titles_th.txt", comments=False) & words)
    return frozenset(found)


#: Words before a place's name in the titles of Thai Wikipedia (เขตบางรัก, ซอยทองหล่อ).
_PLACE_KINDS = (  # noqa: SIM905 (a word list reads best as one string)
    "เขต แขวง ตำบล อำเภอ จังหวัด เทศบาลตำบล เทศบาลเมือง เทศบาลนคร "
    "ถนน ซอย ย่าน ดอย หาด เกาะ คลอง แม่น้ำ อ่าว บึง"
).split()
_THAI_WORD = re.compile("[\u0e01-\u0e4e]+")


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Names of places: a title of Thai Wikipedia that is also a title after a word for
    a kind of place (ทองหล่อ and ซอยทองหล่อ, แม่สอด and เทศบาลนครแม่สอด, หาดใหญ่).
    About 2,000; a few are also ordinary words (a district named after one)."""
    from pythainlp.corpus import get_corpus

    titles = get_corpus("wikipedia_titles_th.txt", comments=False)
    return frozenset(
        title[len(kind) :]
        for title in titles
        for kind in _PLACE_KINDS
        if title.startswith(kind)
        and title[len(kind) :] in titles
        and _THAI_WORD.fullmatch(title[len(kind) :])
    )


@lru_cache(maxsize=1)
def meanings() -> dict[str, frozenset[int]]:
    """The meanings (WordNet synsets, as numbers) of the words of the default word list,
    from the Thai WordNet that comes with pythainlp (NICT; about 13,000 of the words).
    Two words that share one mean the same in some sense: ดวงตา and ตา, ไข้หวัด and
    หวัด; จังหวัด and หวัด share none."""
    import sqlite3
    from contextlib import closing

    from pythainlp.corpus import corpus_path

    words = dictionary_words()
    kinds = {"n": 0, "v": 1, "a": 2, "s": 2, "r": 3}  # noun, verb, adjective, adverb
    found: dict[str, set[int]] = {}
    path = os.path.join(corpus_path(), "wordnet_th.db")
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as database:
        for synset, word in database.execute("SELECT synsetid, li FROM word_synset"):
            offset, _, kind = synset.partition("-")
            if word in words and offset.isdigit() and kind in kinds:
                found.setdefault(word, set()).add(int(offset) * 4 + kinds[kind])
    return {word: frozenset(synsets) for word, synsets in found.items()}
