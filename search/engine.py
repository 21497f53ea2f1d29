"""Thai-aware full-text search: how documents and queries become words.

PostgreSQL has no Thai parser: it would index an unspaced Thai run as one word. So the
words are made here, with newsroom.thainlp (pythainlp's ``newmm``), and PostgreSQL
only stores and matches them: each article becomes a ``tsvector`` literal built in
Python (lexemes, positions, weights) in search.SearchEntry, under a GIN index, and each
query a ``tsquery`` literal. Neither goes through a text-search configuration.

Words
    Text is split at whitespace, each chunk segmented with a dictionary of pythainlp's
    words plus every Person, Organisation and Tag name and alias (the *vocabulary*,
    cached per process and rebuilt when a name changes: see ``vocabulary()``). A token
    becomes a lexeme by :func:`lexeme`: NFC and pythainlp's normalisation, Latin
    lower-cased, Thai digits as Arabic, and everything but letters, marks and digits
    dropped (กทม. and กทม are one lexeme), but a point between digits is kept: 35 does
    not find 3.5 (a thousands comma goes: 1000 finds 1,000). English words are stemmed
    (Snowball), as PostgreSQL's english configuration would: floods, flooding and flood
    are one lexeme. ฯ is kept: นายกฯ (the prime minister) is not นายก (any president); synonyms
    join ผู้ว่าฯ and ผู้ว่า. Latin letters and digits joined by hyphens or slashes
    (flood-prone, COVID-19, input/output) are one token, whose parts are pieces of it
    (below): flood finds flood-prone, and covid19 finds COVID-19.

Compounds: two grains
    newmm keeps the longest dictionary word, so ประกัน inside ประกันสังคม, ทะเล inside
    ชายทะเล or ยาง inside ยางพารา is not a token, and a reader's query for the shorter
    word would find nothing. So each token is stored as the segmenter cut it (the
    *whole word*) and so are the *pieces* inside it: every dictionary word that some
    allowed cut of the token into dictionary words holds — all the cuts the rule
    allows, not only one, and the parts cut again in turn — plus the words that newmm
    cut in two at the wrong place (ชาวสวน|ยางพารา holds สวนยาง). search/compounds.py
    does the cutting; its rule, in short:

    * pieces start and end on syllable boundaries that every reading of the token
      agrees on (pythainlp's syllable list): เมือง holds no มือ, ตาก no ตา, ยาก no ยา;
    * a token of two syllables comes apart only when no independent list holds it as
      one unit of meaning (the Royal Institute's dictionary, the Thai National Corpus,
      Thai Wikipedia's titles): ตาราง, จังหวัด, การเมือง, มือถือ, เชียงใหม่ stay whole,
      so ตา, หวัด, เมือง, มือ, ใหม่ do not find them; สอบเข้า, ผลสอบ, สวนยาง come apart;
    * in a longer token every part has two syllables or more, except the first (the
      head: ชาย|ทะเล, ยาง|พารา, ตรวจ|สุขภาพ, คน|ยากจน) and a few tails that keep their
      meaning (เทศบาล|เมือง): a one-syllable modifier after a word makes another word
      (ทะเล|สาบ, ประชา|ชน, ผู้ว่า|จ้าง), so ทะเล, ชน, ผู้ว่า do not find those;
    * but a part that the Thai WordNet gives a meaning of the whole comes loose anyway:
      ตา in ดวงตา, หวัด in ไข้หวัด, หาด in ชายหาด (จังหวัด and หวัด share no meaning);
    * and so does the head of a word the rule keeps whole: after a nominal prefix
      (ผู้ป่วย, ชาวนา, การเกษตร but not การเมือง), before the suffix กร (เกษตรกร), a
      verb and its object (ล้างมือ, ทำนา), a noun before an adjective (ตาแดง, ราคาแพง);
    * people's names are never cut, nor places' names of two syllables (Thai Wikipedia's
      titles that are also titles after เขต, ซอย, ดอย ...: thainlp.place_names), which
      also join the dictionary, so ทอง does not find ทองหล่อ, nor แม่ แม่สอด.

    Pieces are stored with weight D whatever their field (RANK_WEIGHTS), so a story
    holding the query as a whole word ranks above one holding it inside a compound.

Positions
    Phrases must still mean the words in order, across whole words and pieces alike.
    Within a chunk, every whole word and piece spans letters; the edges of all of
    them cut the chunk into units, which take consecutive positions, and each word is
    stored at the position of its first unit and of its last. So in ราคายางพารา
    (ราคา|ยางพารา, pieces ยาง|พารา) ราคา, ยาง and พารา take three positions and ยางพารา
    the last two: the phrases ราคา ยาง, ราคา ยางพารา and ยาง พารา all match, and the
    next word follows พารา. A token with no pieces takes one position, as before. A
    query's phrase puts the next word as far after such a word as it has units
    (ราคา <-> ยางพารา <2> ตกต่ำ).

Queries
    Split at whitespace into chunks, which must all match (AND); each chunk is a phrase
    of its lexemes (``<->``). Honorifics at the start of a chunk (นาย, ดร., พล.ต.อ.), or
    alone in the chunk before a name (ดร. วิไลวรรณ), are not words to find but say which
    person is meant: the name must follow that title, directly or after one word (Dr
    Sarah Whitfield for Dr Whitfield), so พญ.มาลี does not find นางสาวมาลี. A story
    linked to the person holds the title too (document_for indexes the full name). The
    title may be part of a stacked one (ดร. finds ผศ.ดร.) or spelt the other way
    (TITLE_SPELLINGS: น.ส. finds นางสาว). A lexeme sequence that
    is a term of a Synonym group becomes an OR of every term of the group. A name from
    the vocabulary also matches its segmentation by the plain dictionary, so stories
    indexed before the name was added are still found. A hyphenated or slashed word
    matches whole or as the phrase of its parts (flood-prone finds "flood prone").
    Double quotes join chunks into one phrase. Queries are capped (characters and
    terms), and anything that is not a word is ignored, so no string can make the
    database raise.
"""

from __future__ import annotations

import html
import re
import threading
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime
from functools import lru_cache
from itertools import pairwise

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import BooleanField, F, Func, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan, LessThanOrEqual
from django.utils import timezone

from newsroom import thainlp

from .compounds import Compounds, syllable_count

#: Readers' queries beyond this are cut (a search box, not a document).
MAX_QUERY_CHARS = 200
#: At most this many words of a query are used.
MAX_QUERY_TERMS = 12
#: tsvector positions stop at 16383; fields are separated by a gap so no phrase spans two.
MAX_POSITION = 16383
FIELD_GAP = 2
#: Rank weights for D, C, B, A (tags and names B, title A, standfirst B, body C; the
#: pieces inside tokens D, whatever their field, so a whole word ranks above them).
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
PIECE_WEIGHT = "D"

#: Titles and ranks a query may put before a name (thai.md, "Names and honorifics").
#: Longest first is not needed: newmm keeps the longest dictionary word, and these are
#: added to the dictionary. Role words (ผู้ว่าฯ, นายกฯ) are not here: they carry meaning.
HONORIFICS = (  # noqa: SIM905 (a word list reads best as one string)
    "นาย นาง นางสาว น.ส. คุณ ดร. ศ. รศ. ผศ. อ. ศ.ดร. รศ.ดร. ผศ.ดร. นพ. พญ. ทพ. ทพญ. ภก. ภญ. "
    "พล.อ. พล.ท. พล.ต. พ.อ. พ.ท. พ.ต. ร.อ. ร.ท. ร.ต. จ.ส.อ. ส.อ. "
    "พล.ร.อ. พล.ร.ท. พล.ร.ต. น.อ. น.ท. น.ต. "
    "พล.อ.อ. พล.อ.ท. พล.อ.ต. "
    "พล.ต.อ. พล.ต.ท. พล.ต.ต. พ.ต.อ. พ.ต.ท. พ.ต.ต. ร.ต.อ. ร.ต.ท. ร.ต.ต. ด.ต. จ.ส.ต. "
    "ม.ร.ว. ม.ล. ม.จ. พระ Mr Mrs Ms Miss Dr Prof"
).split()
#: Words for a town or a village, which a place named after them is (search for เมือง
#: finds เมืองเก่า): such names are not kept whole as other places are.
SETTLEMENTS = ("เมือง", "บ้าน")
#: Titles written two ways: a query with either finds both.
TITLE_SPELLINGS = (("นางสาว", "น.ส."), ("ดร.", "Dr"))

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_QUOTED = re.compile(r'"([^"]*)"')
_PHRASE_OPERATOR = re.compile(r" <(?:-|\d+)> ")
# A point between digits is kept: 3.5 is not 35 (a thousands comma is dropped: 1,000 is 1000).
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")
# Latin letters or digits joined by hyphens or slashes: one token, and its parts.
_JOINED = re.compile(r"[A-Za-z0-9๐-๙]+(?:[-/][A-Za-z0-9๐-๙]+)+")
_JOINERS = re.compile(r"[-/]")
# Block elements end a line; any other tag (b, a, span ...) is dropped without a space,
# as a Thai word can be split by it: น้ำ<b>ท่วม</b> is one word.
_BLOCK_TAG = re.compile(
    r"</?(p|h[1-6]|li|ul|ol|blockquote|div|figure|figcaption|table|tr|td|th|pre|hr)\b[^>]*>"
    r"|<br\s*/?>",
    re.I,
)
_TAG = re.compile(r"<[^>]*>")

VERSION_KEY = "search:vocabulary-version"
#: How often a process asks the shared cache whether names changed elsewhere.
VERSION_CHECK_SECONDS = 2.0


# --- lexemes ------------------------------------------------------------------------


@lru_cache(maxsize=100_000)  # the same words come again and again, in stories and snippets
def lexeme(token: str) -> str:
    """The form a token is stored and matched in (module docstring, "Words")."""
    token = token.translate(_THAI_DIGITS).lower()
    word = ".".join(
        "".join(char for char in part if unicodedata.category(char)[0] in "LMN")
        for part in _DECIMAL_POINT.split(token)
    )
    if word.isascii() and word.isalpha():
        return _english_stem(word)
    return word


_stemmers = threading.local()  # a Snowball stemmer keeps state between calls


@lru_cache(maxsize=50_000)
def _english_stem(word: str) -> str:
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        stemmer = _stemmers.english = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)


def html_to_text(value: str) -> str:
    """Plain text of stored rich text, one block element a line."""
    return html.unescape(_TAG.sub("", _BLOCK_TAG.sub("\n", value or "")))


# --- the vocabulary: dictionary, names, synonyms ----------------------------------------


@dataclass
class Vocabulary:
    version: str
    words: frozenset[str]  # added to pythainlp's dictionary
    unsplittable: frozenset[str]  # lexemes of people's names: never split as compounds
    name_lexemes: frozenset[str]  # lexemes of every word added to the dictionary
    honorifics: frozenset[str]  # lexemes
    # lexeme of a title -> the titles that hold it (itself, stacked ones, other spellings)
    titled: dict[str, frozenset[str]]
    synonyms: dict[tuple[str, ...], list[tuple[str, ...]]]  # term -> every term of its groups
    longest_synonym: int
    # lexeme of a whole name, alias or short form, or of one space-separated part of it
    # -> ids of the people / organisations so named (matching_entities)
    people_named: dict[str, set[int]] = field(default_factory=dict)
    organisations_named: dict[str, set[int]] = field(default_factory=dict)
    compounds: Compounds = field(init=False)

    def __post_init__(self):
        self.compounds = Compounds(self.trie, self.unsplittable)

    @property
    def trie(self):
        return thainlp.dictionary(self.words)

    def tokenize(self, text: str) -> list[str]:
        """Lexemes of ``text`` in order (whitespace chunks segmented separately)."""
        return [lex for lex, _parts in self.tokens(text)]

    def tokens(self, text: str) -> list[tuple[str, tuple[str, ...]]]:
        """Lexemes of ``text`` in order, each with the lexemes of its parts when it is
        Latin letters or digits joined by hyphens or slashes (flood-prone, COVID-19)."""
        return [token for chunk in thainlp.normalize(text).split() for token in self._chunk(chunk)]

    def _chunk(self, chunk: str) -> list[tuple[str, tuple[str, ...]]]:
        out: list[tuple[str, tuple[str, ...]]] = []
        done = 0
        for match in _JOINED.finditer(chunk):
            out.extend((lex, ()) for lex in self._segment(chunk[done : match.start()]))
            parts = tuple(lex for lex in map(lexeme, _JOINERS.split(match.group())) if lex)
            whole = lexeme(match.group())
            if whole:
                out.append((whole, parts if len(parts) > 1 else ()))
            done = match.end()
        out.extend((lex, ()) for lex in self._segment(chunk[done:]))
        return out

    def _segment(self, text: str) -> list[str]:
        if not text:
            return []
        return [lex for lex in map(lexeme, thainlp.word_tokenize(text, self.words)) if lex]

    def layout(self, text: str) -> tuple[list[tuple[str, int, int, bool]], int]:
        """The words of a line with their first and last position (from 0), and how
        many positions the line takes (module docstring, "Positions").

        Each word is (lexeme, first, last, whole): ``whole`` for the tokens as cut,
        not for the pieces found inside them (or across two of them).
        """
        placed: list[tuple[str, int, int, bool]] = []
        base = 0
        compounds = self.compounds
        for chunk in thainlp.normalize(text).split():
            tokens = self._chunk(chunk)
            across = [
                compounds.across(left, right) if not (left_parts or right_parts) else ()
                for (left, left_parts), (right, right_parts) in pairwise(tokens)
            ]
            if any(across):
                base += self._layout_across(tokens, across, base, placed)
                continue
            # Usually: no word across two tokens, so each token's own layout (cached)
            # is laid after the one before.
            for lex, parts in tokens:
                if parts:
                    width = len(parts)
                    placed.append((lex, base, base + width - 1, True))
                    placed.extend((part, base + i, base + i, False) for i, part in enumerate(parts))
                else:
                    width, pieces = compounds.units(lex)
                    placed.append((lex, base, base + width - 1, True))
                    placed.extend((piece, base + s, base + e, False) for piece, s, e in pieces)
                base += width
        return placed, base

    def _layout_across(self, tokens, across, base, placed) -> int:
        """layout() of a chunk with words across tokens: every token's and piece's
        letters, cut into units at all their edges. Returns the chunk's width."""
        spans: list[tuple[str, int, int, bool]] = []
        offset, starts = 0, []
        for lex, parts in tokens:
            starts.append(offset)
            if parts:
                width = len(parts)
                spans.append((lex, offset, offset + width, True))
                spans.extend(
                    (part, offset + i, offset + i + 1, False) for i, part in enumerate(parts)
                )
            else:
                width = len(lex)
                spans.append((lex, offset, offset + width, True))
                spans.extend(
                    (piece, offset + s, offset + e, False)
                    for piece, s, e in self.compounds.pieces(lex)
                )
            offset += width
        for start, pieces in zip(starts, across, strict=False):  # no word after the last
            spans.extend((piece, start + s, start + e, False) for piece, s, e in pieces)
        edges = sorted({edge for _, s, e, _ in spans for edge in (s, e)})
        unit = {edge: i for i, edge in enumerate(edges)}
        placed.extend(
            (lex, base + unit[s], base + unit[e] - 1, whole) for lex, s, e, whole in spans
        )
        return len(edges) - 1

    def related(self, word: str) -> set[str]:
        """``word`` and the words inside it (for highlighting)."""
        return self.compounds.words_in(word)


_lock = threading.Lock()
_state: dict = {"vocabulary": None, "checked": 0.0}


def vocabulary() -> Vocabulary:
    """The current vocabulary, rebuilt when the shared version changed.

    A name, alias, tag or synonym saved in any process bumps the version in the cache
    (search/signals.py); this process notices within VERSION_CHECK_SECONDS, and at once
    when the change happened here. Building reads four small tables and makes a trie
    (most of a second the first time), so it happens once per change, not per request.
    """
    current = _state["vocabulary"]
    now = time.monotonic()
    if current is not None and now - _state["checked"] < VERSION_CHECK_SECONDS:
        return current
    version = cache.get(VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    if current is None or current.version != version:
        with _lock:
            current = _build_vocabulary(version)
            _state["vocabulary"] = current
    _state["checked"] = now
    return current


def vocabulary_changed(**_signal_kwargs) -> None:
    """Names or synonyms changed: every process rebuilds its vocabulary."""
    cache.set(VERSION_KEY, str(time.time_ns()), None)
    _state["vocabulary"] = None


def _build_vocabulary(version: str) -> Vocabulary:
    from articles.models import Tag
    from people.models import Organisation, Person

    from .models import Synonym

    normalize = thainlp.normalize
    words: set[str] = {normalize(title) for title in HONORIFICS}
    person_lexemes: set[str] = set()
    honorifics = {lexeme(title) for title in HONORIFICS}
    people_named: dict[str, set[int]] = defaultdict(set)
    organisations_named: dict[str, set[int]] = defaultdict(set)

    def index_name(named: dict[str, set[int]], pk: int, text: str) -> list[str]:
        # Titles are kept apart from names (Person.title), so no segmentation is
        # needed: a name is found whole (spaces ignored) or by one of its parts.
        parts = normalize(text).split()
        for key in (lexeme("".join(parts)), *map(lexeme, parts)):
            if key:
                named[key].add(pk)
        return parts

    for pk, title, name, aliases in Person.objects.values_list("pk", "title", "name", "aliases"):
        if title:
            honorifics.add(lexeme(title))
            words.update(normalize(part) for part in title.split())
        for text in (name, *aliases):
            for part in index_name(people_named, pk, text):
                words.add(part)
                person_lexemes.add(lexeme(part))
    for pk, name, short_name, aliases in Organisation.objects.values_list(
        "pk", "name", "short_name", "aliases"
    ):
        for text in (name, short_name, *aliases):
            words.update(index_name(organisations_named, pk, text))
    for (name,) in Tag.objects.values_list("name"):
        words.update(normalize(name).split())
    # Places of two syllables are one word, never a word and its modifier (ทอง|หล่อ,
    # แม่|สอด, หาด|ใหญ่): longer names are cut as any compound (กรม|ป่าไม้). But a town
    # or village named by that word (เมืองเก่า, บ้านใหม่) is one: the word stays findable.
    places = {
        place
        for place in thainlp.place_names()
        if syllable_count(place) == 2 and not place.startswith(SETTLEMENTS)
    }
    words |= places
    words = {word for word in words if word}
    vocab = Vocabulary(
        version=version,
        words=frozenset(words),
        unsplittable=frozenset(person_lexemes | places),
        name_lexemes=frozenset(map(lexeme, words)) - {""},
        honorifics=frozenset(honorifics - {""}),
        titled=_titles_holding(honorifics - {""}),
        synonyms={},
        longest_synonym=1,
        people_named=dict(people_named),
        organisations_named=dict(organisations_named),
    )
    groups: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    for (terms,) in Synonym.objects.values_list("terms"):
        sequences = {tuple(vocab.tokenize(term)) for term in terms} - {()}
        for sequence in sequences:
            groups[sequence] |= sequences
    vocab.synonyms = {key: sorted(value) for key, value in groups.items()}
    vocab.longest_synonym = max(map(len, groups), default=1)
    # pythainlp builds its own word and syllable dictionaries on first use, and the
    # compounds read their word lists: now, with the vocabulary, rather than in some
    # reader's request.
    thainlp.word_tokenize("ไทย")
    thainlp.syllables("ไทย")
    thainlp.lexicalised_words()
    thainlp.meanings()
    vocab.compounds.pieces("ประกันสังคม")
    return vocab


def _titles_holding(honorifics: set[str]) -> dict[str, frozenset[str]]:
    """For each title (lexeme), the titles that hold it: itself, the stacked titles it is
    a part of (ดร in ผศดร), and the same in its other spelling (TITLE_SPELLINGS)."""
    spelling = {lexeme(b): lexeme(a) for a, b in TITLE_SPELLINGS}

    def parts(title: str, start: int = 0) -> set[str]:
        # every honorific that some split of title[start:] into honorifics uses
        if start == len(title):
            return {""}
        found = set()
        for end in range(start + 1, len(title) + 1):
            if title[start:end] in honorifics:
                rest = parts(title, end)
                if rest:
                    found |= {title[start:end]} | rest
        return found

    holding: dict[str, set[str]] = defaultdict(set)
    for title in honorifics:
        for part in (parts(title) - {""}) | {title}:
            holding[spelling.get(part, part)].add(title)
    return {title: frozenset(holding[spelling.get(title, title)] | {title}) for title in honorifics}


# --- documents ---------------------------------------------------------------------------


class _VectorBuilder:
    """Collects lexemes at positions with weights; renders a tsvector literal."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.position = 1
        self.entries: dict[str, dict[int, str]] = defaultdict(dict)

    def add(self, text: str, weight: str) -> None:
        entries = self.entries
        for line in text.splitlines():
            placed, width = self.vocab.layout(line)
            start = self.position
            for word, first, last, whole in placed:
                word_weight = weight if whole else PIECE_WEIGHT
                positions = entries[word]
                # The first weight given to a position wins: fields are added best first.
                # PostgreSQL keeps at most 256 positions of a lexeme.
                for position in (first, last) if last != first else (first,):
                    position = min(start + position, MAX_POSITION)
                    if position not in positions and len(positions) < 256:
                        positions[position] = word_weight
            if width:
                self.position += width + FIELD_GAP

    def literal(self) -> str:
        return " ".join(
            f"'{word}':" + ",".join(f"{pos}{weight}" for pos, weight in sorted(positions.items()))
            for word, positions in self.entries.items()
        )


def document_for(article, vocab: Vocabulary | None = None) -> str:
    """The tsvector literal of an article (its links should be prefetched)."""
    vocab = vocab or vocabulary()
    builder = _VectorBuilder(vocab)
    builder.add(article.title, "A")
    builder.add(article.standfirst or "", "B")
    names = []
    for byline in article.bylines.all():
        names += [byline.person.full_name, byline.person.name, *byline.person.aliases]
    for person in article.people.all():
        names += [person.full_name, person.name, *person.aliases]
    for organisation in article.organisations.all():
        names += [organisation.name, organisation.short_name, *organisation.aliases]
    names += [tag.name for tag in article.tags.all()]
    builder.add("\n".join(name for name in names if name), "B")
    builder.add(html_to_text(article.body), "C")
    return builder.literal()


def articles_for_indexing():
    from articles.models import Article, Byline

    return Article.objects.prefetch_related(
        Prefetch("bylines", queryset=Byline.objects.select_related("person")),
        "people",
        "organisations",
        "tags",
    ).only("pk", "title", "standfirst", "body", "published_at")


#: The way documents are made: raised when a change to it (segmentation, pieces,
#: positions, weights) makes older entries wrong, so that `rebuild_search_index
#: --resume` rewrites them. 1: tokens and one tree of parts; 2: two grains (pieces with
#: weight D, every allowed cut, words across tokens), hyphenated words' parts; 3: decimal
#: points kept in numbers, heads of two-syllable compounds, place names whole.
INDEX_VERSION = 3

_UPSERT = """
    INSERT INTO search_searchentry (article_id, document, published_at, indexed_at, version)
    VALUES (%s, %s::tsvector, %s, %s, %s)
    ON CONFLICT (article_id) DO UPDATE
    SET document = EXCLUDED.document, published_at = EXCLUDED.published_at,
        indexed_at = EXCLUDED.indexed_at, version = EXCLUDED.version
"""


def index_articles(articles: Iterable) -> int:
    """Write the search entries of ``articles`` (prefetched, see articles_for_indexing)."""
    vocab = vocabulary()
    now = timezone.now()
    rows = [
        (article.pk, document_for(article, vocab), article.published_at, now, INDEX_VERSION)
        for article in articles
    ]
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(_UPSERT, rows)
    return len(rows)


def index_article_ids(ids: Iterable[int], batch_size: int = 500) -> int:
    """(Re)index the articles with these ids, in batches of one transaction each."""
    ids = sorted(set(ids))
    done = 0
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            done += index_articles(
                articles_for_indexing().filter(pk__in=ids[start : start + batch_size])
            )
    return done


# --- queries -----------------------------------------------------------------------------


@dataclass
class ParsedQuery:
    text: str  # the query as used (cut, cleaned)
    tsquery: str  # '' when nothing searchable was left
    words: set[str]  # the query's words and synonyms, for highlighting
    names: list[str]  # chunks (honorifics removed) and their synonyms, for entity matching
    broad: bool | None = field(default=None, compare=False)  # set by search()

    def __bool__(self) -> bool:
        return bool(self.tsquery)

    @property
    def loose_tsquery(self) -> str:
        """The same words without their order: answered from the GIN index alone (a
        phrase needs every candidate's document read again to check positions)."""
        return _PHRASE_OPERATOR.sub(" & ", self.tsquery)


def _quote(word: str) -> str:
    return f"'{word}'"


def parse_query(query: str, vocab: Vocabulary | None = None) -> ParsedQuery:
    """Turn what a reader typed into a tsquery (module docstring, "Queries")."""
    text = (query or "").replace("\x00", " ")[:MAX_QUERY_CHARS]
    text = "".join(ch if ch.isprintable() else " " for ch in text).strip()
    if not text:
        return ParsedQuery("", "", set(), [])
    vocab = vocab or vocabulary()
    chunks: list[str] = []
    for index, piece in enumerate(_QUOTED.split(text)):
        if index % 2:  # inside quotes: one phrase
            chunks.append(piece)
        else:
            chunks.extend(piece.split())
    clauses, words, names, budget = [], set(), [], MAX_QUERY_TERMS
    everything: list[str] = []
    before: list[str] = []  # a chunk of titles only, for the name in the next chunk
    for n, chunk in enumerate(chunks):
        tokens = vocab.tokens(chunk)
        parts_of = {lex: parts for lex, parts in tokens if parts}
        lexemes = before + [lex for lex, _parts in tokens]
        before = []
        if n + 1 < len(chunks) and lexemes and set(lexemes) <= vocab.honorifics:
            before = lexemes
            continue
        title = None
        while len(lexemes) > 1 and lexemes[0] in vocab.honorifics:
            title, lexemes = lexemes[0], lexemes[1:]
        lexemes = lexemes[:budget]
        if not lexemes:
            continue
        everything.extend(lexemes)
        budget -= len(lexemes)
        items, i = [], 0
        while i < len(lexemes):
            for size in range(min(vocab.longest_synonym, len(lexemes) - i), 0, -1):
                key = tuple(lexemes[i : i + size])
                if key in vocab.synonyms:
                    alternatives = list(vocab.synonyms[key])
                    break
            else:
                size, key = 1, (lexemes[i],)
                alternatives = [key]
                if lexemes[i] in parts_of:  # flood-prone: also its parts, in order
                    alternatives.append(parts_of[lexemes[i]])
            for alternative in alternatives:
                words.update(alternative)
            # The pieces a name falls into without the vocabulary (สมค -> สม|ค) find stories
            # indexed before the name was known, but are not words to highlight: text is
            # segmented with the vocabulary, where the name is one word.
            for alternative in list(alternatives):
                if len(alternative) == 1 and alternative[0] in vocab.name_lexemes:
                    plain = tuple(
                        lex for lex in map(lexeme, thainlp.word_tokenize(alternative[0])) if lex
                    )
                    if plain and plain not in alternatives:
                        alternatives.append(plain)
            rendered = [" <-> ".join(map(_quote, alt)) for alt in alternatives]
            items.append(rendered[0] if len(rendered) == 1 else "(" + " | ".join(rendered) + ")")
            # A word with pieces takes as many positions as it has units (layout()): the
            # next word is that far from its first position.
            width = vocab.compounds.units(key[0])[0] if len(alternatives) == 1 == size else 1
            items.append("<->" if width == 1 else f"<{width}>")
            if size == len(lexemes):
                names.extend("".join(alt) for alt in alternatives)
            i += size
        names.append("".join(lexemes))
        items.pop()  # nothing follows the last word
        clause = items[0] if len(items) == 1 else "(" + " ".join(items) + ")"
        if title is not None:  # the title right before the name, or one word before it
            titles = "(" + " | ".join(map(_quote, sorted(vocab.titled[title]))) + ")"
            clause = f"({titles} <-> {clause} | {titles} <2> {clause})"
        clauses.append(clause)
        if budget <= 0:
            break
    tsquery = " & ".join(clauses)
    names.append("".join(everything))
    return ParsedQuery(text, tsquery, words, list(dict.fromkeys(names)))


class TsQuery(SearchQuery):
    """A tsquery literal built by parse_query, given to PostgreSQL as it is."""

    def __init__(self, value: str):
        super().__init__(value, search_type="raw")

    def as_sql(self, compiler, connection, function=None, template=None):
        return super().as_sql(compiler, connection, template="(%(expressions)s)::tsquery")


# --- searching ---------------------------------------------------------------------------


@dataclass
class Filters:
    section: object | None = None  # a Section
    date_from: date | None = None
    date_to: date | None = None
    person: object | None = None
    organisation: object | None = None


#: Dates from a reader are kept between these, so that no date (0001-01-01, 9999-12-31)
#: makes the day arithmetic overflow; no story is older or from the future anyway.
EARLIEST_DAY = date(1800, 1, 1)


def _day_start(day: date, plus_days: int = 0) -> datetime:
    day = min(max(day, EARLIEST_DAY), timezone.localdate() + timedelta(days=1))
    return timezone.make_aware(datetime.combine(day, dtime.min)) + timedelta(days=plus_days)


#: Only the newest RANK_WINDOW stories that hold all of a query's words (in any order)
#: are checked for the exact phrase and ranked. Checking and ranking read a story's
#: whole document, so this keeps a query for a word in half the archive as cheap as a
#: rare one; the candidates themselves come from the GIN index over the words and the
#: publish time, the last week first (RECENT_SPANS). A query with more candidates is
#: *broad*: the page says "newest ... shown" instead of a total. At 100,000 stories
#: (bench/search.py) a query takes about 14 ms at the median and 25 ms at the 95th
#: percentile, a third of it ranking the window.
RANK_WINDOW = 200


def search(query: str | ParsedQuery, filters: Filters | None = None) -> QuerySet:
    """Public stories matching ``query``: best first, newest first among equals.

    Each carries ``rank``. An empty or unsearchable query gives an empty queryset (and
    no database query). The candidates (a list of ids, see RANK_WINDOW; one to three
    queries) are found here, then the queryset returned ranks them; ``parsed.broad``
    says whether the window was full.
    """
    from articles.models import Article

    from .models import SearchEntry

    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    articles = Article.objects.published()
    if not parsed:
        return articles.none()
    filters = filters or Filters()
    # Published by now (and before the reader's "to" date), tested on each candidate
    # rather than in the index: as an index condition it would make the GIN index visit
    # every publish time before it.
    until = timezone.now()
    candidates = SearchEntry.objects.filter(document=TsQuery(parsed.loose_tsquery)).filter(
        _NotFromAnIndex(LessThanOrEqual(F("published_at"), until))
    )
    if filters.date_to is not None:
        end = _day_start(filters.date_to, 1)
        candidates = candidates.filter(_NotFromAnIndex(LessThan(F("published_at"), end)))
        until = min(until, end)
    if filters.section is not None:
        candidates = candidates.filter(article__section=filters.section)
    # Among the candidates, not after them: a person's stories are rarely the newest
    # RANK_WINDOW of a common word.
    for condition in _naming(filters):
        candidates = candidates.filter(condition)
    candidates = candidates.order_by(F("published_at").desc(), "-article_id").values_list(
        "article_id", flat=True
    )
    since = _day_start(filters.date_from) if filters.date_from is not None else None
    ids = _newest_candidates(candidates, since, until)
    parsed.broad = len(ids) >= RANK_WINDOW
    tsquery = TsQuery(parsed.tsquery)
    # The ids are given on both sides of the join, so that each table is read by its
    # primary key and only these documents are ranked. Every filter was applied to the
    # candidates; whether a story is public is decided here, by published().
    matching = articles.filter(pk__in=ids, search_entry__article_id__in=ids)
    if parsed.tsquery != parsed.loose_tsquery:
        # A phrase: the candidates hold its words, and now their order is checked.
        # Against COALESCE(document), which no index can answer: given the plain
        # column, the planner (its row estimate for a common word far too low) checks
        # the phrase in every story the GIN index offers, tens of thousands of
        # documents read from TOAST instead of at most RANK_WINDOW.
        matching = matching.alias(
            unindexed_document=Coalesce(
                "search_entry__document", Value("", output_field=SearchVectorField())
            )
        ).filter(unindexed_document=tsquery)
    return matching.annotate(
        rank=SearchRank(F("search_entry__document"), tsquery, weights=RANK_WEIGHTS)
    ).order_by("-rank", "-published_at", "-pk")


#: The newest candidates are looked for in these spans of time before the whole
#: archive. A word in most stories fills the window from the last week alone, and the
#: GIN index then only has to meet the few hundred stories of that week instead of
#: every story that holds the word; a rare word costs a quick extra query or two.
RECENT_SPANS = (timedelta(days=7), timedelta(days=90))


def _newest_candidates(candidates: QuerySet, since: datetime | None, until: datetime) -> list[int]:
    """The ids of the newest RANK_WINDOW candidates published ``since`` (the reader's
    "from" date, if any), looking first in the RECENT_SPANS before ``until`` (now, or
    the end of the reader's "to" date)."""
    with _bitmap_scans_only():
        for span in RECENT_SPANS:
            if since is not None and since >= until - span:
                break  # the reader's own date range is narrower: search it as it is
            ids = list(candidates.filter(published_at__gte=until - span)[:RANK_WINDOW])
            if len(ids) >= RANK_WINDOW:  # all newer than anything outside the span
                return ids
        if since is not None:
            candidates = candidates.filter(published_at__gte=since)
        return list(candidates[:RANK_WINDOW])


class _NotFromAnIndex(Func):
    """``(condition) IS TRUE``: the rows the condition keeps, but the planner does not
    take it as an index condition, so it is tested on the rows the index gave."""

    template = "(%(expressions)s) IS TRUE"
    output_field = BooleanField()


@contextmanager
def _planner_settings_off(*names: str):
    """Switch these planner settings (enable_seqscan ...) off for the queries inside.

    PostgreSQL's cost model does not count reading a toasted document. For a common word
    it would choose a sequential scan, or a walk of an index in the wanted order, that
    evaluates ``@@`` on story after story (a second or more at 100,000 stories; for
    a word no story holds, the whole archive) over the GIN bitmap, which answers a word
    query without reading any document. SET LOCAL lasts to the end of the transaction,
    so the old values are put back at once, also inside a caller's transaction.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        switch_off = "current_setting(%s), set_config(%s, 'off', true)"
        cursor.execute(
            "SELECT " + ", ".join(switch_off for _ in names),
            [value for name in names for value in (name, name)],
        )
        previous = cursor.fetchone()[::2]
        try:
            yield
        finally:
            cursor.execute(
                "SELECT " + ", ".join("set_config(%s, %s, true)" for _ in names),
                [value for pair in zip(names, previous, strict=True) for value in pair],
            )


def _bitmap_scans_only():
    """The candidates: search entries read through bitmap index scans only."""
    return _planner_settings_off("enable_seqscan", "enable_indexscan", "enable_indexonlyscan")


def without_sequential_scans():
    """For the desk's search (matching_article_ids): counting the matches of a common
    word reads the GIN index, not every document. Index scans stay allowed, so the
    newest matches are still found by walking the stories newest first."""
    return _planner_settings_off("enable_seqscan")


def _naming(filters: Filters) -> list[Q]:
    """Conditions on a search entry's article for the stories naming the filters' person
    and organisation: each link table read by the person or organisation (an OR of
    joins would read every story)."""
    from articles.models import Article, Byline

    found = []
    if filters.person is not None:
        bylines = Byline.objects.filter(person=filters.person)
        people = Article.people.through.objects.filter(person=filters.person)
        found.append(
            Q(article_id__in=bylines.values("article_id"))
            | Q(article_id__in=people.values("article_id"))
        )
    if filters.organisation is not None:
        organisations = Article.organisations.through.objects.filter(
            organisation=filters.organisation
        )
        found.append(Q(article_id__in=organisations.values("article_id")))
    return found


def matching_article_ids(query: str) -> QuerySet:
    """Ids of every article, drafts included, that matches ``query``: for the admin's
    search box (``queryset.filter(pk__in=matching_article_ids(term))``)."""
    from .models import SearchEntry

    parsed = parse_query(query)
    if not parsed:
        return SearchEntry.objects.none().values_list("article_id", flat=True)
    return SearchEntry.objects.filter(document=TsQuery(parsed.tsquery)).values_list(
        "article_id", flat=True
    )


def matching_entities(parsed: ParsedQuery, limit: int = 5) -> tuple[list, list]:
    """People and organisations whose name, a part of it, or an alias is the query.

    Looked up in the vocabulary's index of names (built with it, so current), then
    read by primary key: no scan of the people table for each search.
    """
    from people.models import Organisation, Person

    if not parsed:
        return [], []
    vocab = vocabulary()

    def named(index: dict[str, set[int]]) -> set[int]:
        return set().union(*(index.get(name, ()) for name in parsed.names))

    people = named(vocab.people_named)
    organisations = named(vocab.organisations_named)
    # A common name part is shared by hundreds: the first few are asked for, not all.
    return (
        list(Person.objects.filter(pk__in=sorted(people)[:limit])) if people else [],
        list(Organisation.objects.filter(pk__in=sorted(organisations)[:limit]))
        if organisations
        else [],
    )


# --- snippets ----------------------------------------------------------------------------


@dataclass
class Fragment:
    text: str
    marked: bool


def highlight(text: str, parsed: ParsedQuery, *, around: int | None = None) -> list[Fragment]:
    """``text`` as fragments, the words that matched the query marked.

    With ``around``, only about that many words around the first match (or the start,
    when nothing matched) are kept. The template escapes every fragment.
    """
    if not any(word in text.lower() for word in parsed.words):  # nothing to mark
        if around is None:
            return [Fragment(text, False)]
        text = text[: SNIPPET_CHARS * 2]
    vocab = vocabulary()
    tokens: list[tuple[str, bool]] = []  # (text as written, matched)
    first_match = None
    for line in thainlp.normalize_cheaply(text).splitlines():
        for chunk in line.split():
            # Segmenting is what costs (and pythainlp's normalising before it): a chunk
            # without any query word in it cannot hold a match (a match's related words
            # are all parts of it), so it stays whole, as written.
            chunk_lexeme = lexeme(chunk)
            if not any(word in chunk_lexeme for word in parsed.words):
                tokens.append((chunk, False))
                tokens.append((" ", False))
                continue
            previous = None  # (index in tokens, lexeme) of the token before
            for token in thainlp.word_tokenize(thainlp.normalize(chunk), vocab.words):
                word = lexeme(token)
                related = vocab.related(word) if word else set()
                if _JOINERS.search(token):  # flood-prone: its parts are words too
                    related |= {lexeme(part) for part in _JOINERS.split(token)}
                matched = bool(related & parsed.words)
                if previous is not None and word:
                    # A word across the two (ชาวสวน|ยางพารา holds สวนยาง): both are marked.
                    across = vocab.compounds.across(previous[1], word)
                    if any(piece in parsed.words for piece, _, _ in across):
                        matched = True
                        tokens[previous[0]] = (tokens[previous[0]][0], True)
                        if first_match is None or previous[0] < first_match:
                            first_match = previous[0]
                if matched and first_match is None:
                    first_match = len(tokens)
                previous = (len(tokens), word) if word else None
                tokens.append((token, matched))
            tokens.append((" ", False))
    if tokens:
        tokens.pop()
    start, end = 0, len(tokens)
    if around is not None:
        centre = first_match or 0
        start = max(0, centre - around // 3)
        end = min(len(tokens), start + around)
    fragments: list[Fragment] = []
    if start > 0:
        fragments.append(Fragment("… ", False))
    for token, matched in tokens[start:end]:
        if fragments and fragments[-1].marked == matched and not matched:
            fragments[-1].text += token
        else:
            fragments.append(Fragment(token, matched))
    if end < len(tokens):
        fragments.append(Fragment(" …", False))
    return fragments


def snippet(article, parsed: ParsedQuery, words: int = 40) -> list[Fragment]:
    """Words around the first match in the standfirst and body of an article.

    Segmenting a whole body for each result would cost milliseconds a story, so only
    a window around each literal occurrence of a query word is segmented, until one
    holds a real match (มือ occurs inside เมือง, but is no match there).
    """
    text = " ".join(filter(None, [article.standfirst, html_to_text(article.body)]))
    # Only the words of a window that hold a query word are put through
    # thainlp.normalize (in highlight()): it costs a few milliseconds for a whole story.
    # The cheap part of it (NFC, zero-width characters) is done here, which finds the
    # query's words in any text typed the usual way; a story with misordered marks
    # still matches in the index, and gets the opening lines as its snippet.
    text = " ".join(thainlp.normalize_cheaply(text).split())
    lowered = text.lower()
    span = SNIPPET_CHARS
    starts = sorted({start for word in parsed.words for start in _occurrences(lowered, word)})
    for start in starts[:MAX_SNIPPET_TRIES]:
        left = lowered.rfind(" ", 0, max(0, start - span // 3)) + 1
        right = lowered.find(" ", min(len(text), start + span))
        window = text[left : right if right != -1 else len(text)]
        fragments = highlight(window, parsed, around=words)
        if any(fragment.marked for fragment in fragments):
            if left > 0 and not fragments[0].text.startswith("…"):
                fragments.insert(0, Fragment("… ", False))
            if right != -1 and not fragments[-1].text.endswith("…"):
                fragments.append(Fragment(" …", False))
            return fragments
    right = lowered.find(" ", span)
    return highlight(text[: right if right != -1 else len(text)], parsed, around=words)


#: Characters of text around a match that are segmented for a snippet, and how many
#: occurrences are tried before the snippet falls back to the start of the story.
SNIPPET_CHARS = 240
MAX_SNIPPET_TRIES = 5


def _occurrences(text: str, word: str):
    """Where ``word`` occurs in ``text`` (the first few times)."""
    start = text.find(word)
    for _ in range(MAX_SNIPPET_TRIES):
        if start == -1:
            return
        yield start
        start = text.find(word, start + 1)
