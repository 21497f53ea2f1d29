"""The dictionary words inside a Thai token, and the rule that keeps the traps out.

search.engine indexes each token as the segmenter cuts it *and* the pieces this module
finds in it (module docstring of search.engine, "Compounds", says why and how they are
stored). Everything here works on lexemes: Thai letters and marks only.

Syllables
    A piece must start and end on a syllable boundary of the token. Syllables come from
    pythainlp's list of Thai syllables: a token is read as the fewest syllables of the
    list that spell it, and only the boundaries on which *every* such reading agrees are
    boundaries (ตากลม reads ตา|กลม or ตาก|ลม: it has none, so ตา is not in it). A token
    the list cannot spell falls back to pythainlp's own syllable tokenizer.

Cuts
    A token is cut into two to MAX_PARTS dictionary words (pythainlp's words and the
    vocabulary's names), each at least MIN_PART letters, on syllable boundaries; every
    such cut that the rule allows is used, not only the best one, and each part is cut
    again in turn.

The rule (checked on each cut; "syllables" as read above)
    * A token of one syllable is never cut (ตาก, ยาก, เมือง hold no ตา, ยา, มือ).
    * A token of two syllables is cut into its two one-syllable words only if no
      independent source holds it as one unit of meaning: the Royal Institute's
      dictionary, the Thai National Corpus's word list, or Thai Wikipedia's titles
      (thainlp.lexicalised_words). So ตาราง, จังหวัด, การเมือง, รถไฟ, มือถือ,
      เชียงใหม่, ดอนเมือง stay whole, and สอบเข้า, ผลสอบ, สวนยาง come apart.
    * A token of three syllables or more: every part has two syllables or more, except
      the first part when the part after it has two or more (ชาย|ทะเล, ยาง|พารา,
      ตรวจ|สุขภาพ, ผู้|ว่าจ้าง: Thai puts the head first), and the last part when it is
      one of COMPOUND_TAILS (เทศบาล|เมือง) and does not make a unit with the syllable
      before it (นักการ|เมือง would cut การเมือง). A one-syllable word at the end or in
      the middle is a modifier that makes another word (ทะเล|สาบ is a lake, ประชา|ชน
      the people, ผู้ว่า|จ้าง an employer), or a sign of a cut at the wrong place
      (ความแข็ง|แรง), so such a cut is not used.
    * A cut in two that the above refuses still frees the head of the word (loose_parts):
      the word after a nominal prefix (ผู้|ป่วย, นัก|มวย, ความ|ร้อน, ชาว|นา; after การ
      only a verb: การ|เกษตร, not การ|เมือง), the word before the agent suffix กร
      (เกษตร|กร), a verb and its object when the tag dictionaries know the one only as a
      verb and the other only as a noun (ล้าง|มือ, ทำ|นา, มี|ไข้: both come loose), and a
      word that is not a verb before an adjective (ตา|แดง, ราคา|แพง: only the word).
      ตา|ราง, จัง|หวัด, มือ|ถือ, แม่|น้ำ, นา|ที are none of these and stay whole.
    * Whatever the above, a part that the Thai WordNet gives a meaning of the whole
      (they share a synset: thainlp.meanings) is a piece: ตา in ดวงตา, หวัด in ไข้หวัด,
      หาด in ชายหาด, รถ in รถยนต์. จังหวัด shares none with หวัด, ตาราง none with ตา,
      มือถือ none with มือ.
    * People's names are never cut, nor the places of two syllables search.engine keeps
      whole (ทองหล่อ, แม่สอด, หาดใหญ่).

Across two tokens
    newmm may cut a run of text at the wrong place (ชาวสวน|ยางพารา): a dictionary word
    that starts inside one token and ends inside the next (สวนยาง) is also a piece, when
    the two tokens read as A|word|B with A and B dictionary words (or empty) under the
    same rule, and the first token is not a two-syllable unit (การเมือง|ร้อนระอุ holds
    no เมืองร้อน).
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsroom import thainlp

#: Tokens shorter than this are never cut; parts have at least MIN_PART letters
#: (pythainlp's dictionary has two-letter fragments such as นา, รา, but none of one).
MIN_COMPOUND = 4
MIN_PART = 2
#: At most this many parts in one cut (each part is cut again, so deeper compounds are
#: still found).
MAX_PARTS = 4

#: One-syllable words that keep their own meaning at the end of a compound (เทศบาลเมือง).
COMPOUND_TAILS = frozenset("เมือง มือ น้ำ ไฟ ฝุ่น ป่า".split())  # noqa: SIM905
#: Nominal prefixes: the word after them keeps its meaning (ผู้|ป่วย, นัก|มวย, ความ|ร้อน,
#: ชาว|นา). การ only before a verb (การ|ค้า, การ|เกษตร): before a noun it makes another
#: noun (การเมือง is politics, การบ้าน homework).
NOMINAL_PREFIXES = frozenset("ผู้ นัก ความ ชาว การ".split())  # noqa: SIM905
BEFORE_VERBS_ONLY = frozenset({"การ"})
#: Suffixes that make the doer of the word before them (เกษตร|กร, a farmer).
AGENT_SUFFIXES = frozenset({"กร"})

#: A piece: the word, and where it starts and ends (letters) in the token it was found in.
Piece = tuple[str, int, int]

#: Each cache keeps at most this many words (or pairs of words): a newsroom's distinct
#: words fit (the old engine kept 200,000 splits), and a worker's memory stays bounded.
_CACHE_LIMIT = 200_000


_THAI = re.compile("[\u0e00-\u0e7f]+")


def is_thai(word: str) -> bool:
    return _THAI.fullmatch(word) is not None


@lru_cache(maxsize=1)
def _syllable_list() -> tuple[frozenset[str], int]:
    syllables = thainlp.syllable_list()
    return syllables, max(map(len, syllables))


@lru_cache(maxsize=_CACHE_LIMIT)
def syllable_boundaries(word: str) -> tuple[int, frozenset[int]]:
    """How many syllables ``word`` has, and the boundaries inside it every shortest
    reading agrees on (module docstring, "Syllables")."""
    known, longest = _syllable_list()
    n = len(word)
    unreachable = n + 1
    # Shortest readings of word[:i] (forward) and word[i:] (backward), and how many.
    fewest_to, ways_to = [unreachable] * (n + 1), [0] * (n + 1)
    fewest_to[0], ways_to[0] = 0, 1
    for i in range(n):
        if fewest_to[i] == unreachable:
            continue
        for j in range(i + 1, min(n, i + longest) + 1):
            if word[i:j] in known:
                if fewest_to[i] + 1 < fewest_to[j]:
                    fewest_to[j], ways_to[j] = fewest_to[i] + 1, ways_to[i]
                elif fewest_to[i] + 1 == fewest_to[j]:
                    ways_to[j] += ways_to[i]
    if fewest_to[n] == unreachable:
        syllables = thainlp.syllables(word)
        ends, end = set(), 0
        for syllable in syllables[:-1]:
            end += len(syllable)
            ends.add(end)
        return len(syllables), frozenset(ends)
    fewest_from, ways_from = [unreachable] * (n + 1), [0] * (n + 1)
    fewest_from[n], ways_from[n] = 0, 1
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, min(n, i + longest) + 1):
            if fewest_from[j] != unreachable and word[i:j] in known:
                if fewest_from[j] + 1 < fewest_from[i]:
                    fewest_from[i], ways_from[i] = fewest_from[j] + 1, ways_from[j]
                elif fewest_from[j] + 1 == fewest_from[i]:
                    ways_from[i] += ways_from[j]
    count, readings = fewest_to[n], ways_to[n]
    agreed = frozenset(
        i
        for i in range(1, n)
        if fewest_to[i] + fewest_from[i] == count and ways_to[i] * ways_from[i] == readings
    )
    return count, agreed


def syllable_count(word: str) -> int:
    return syllable_boundaries(word)[0]


def cut_allowed(word: str, parts: list[str], syllables: int) -> bool:
    """The rule (module docstring): may ``word`` of ``syllables`` syllables be cut into
    ``parts``?"""
    if syllables < 2 or len(parts) < 2:
        return False
    if syllables == 2:
        return word not in thainlp.lexicalised_words()
    counts = [syllable_count(part) for part in parts]
    last = len(parts) - 1
    for i, part in enumerate(parts):
        if counts[i] >= 2:
            continue
        if i == 0 and counts[1] >= 2:
            continue
        if (
            i == last
            and part in COMPOUND_TAILS
            and not _unit_with_last_syllable(parts[i - 1], part)
        ):
            continue
        return False
    return True


def loose_parts(first: str, second: str) -> tuple[bool, bool]:
    """Which parts of a two-syllable word that the lists hold as one unit, cut
    ``first|second``, are pieces all the same (module docstring, "Heads")."""
    if first in NOMINAL_PREFIXES:
        return False, first not in BEFORE_VERBS_ONLY or thainlp.is_verb(second)
    if second in AGENT_SUFFIXES:
        return True, False
    if thainlp.only_verb(first) and thainlp.only_noun(second):
        return True, True  # a verb and its object: ล้าง|มือ, ทำ|นา, มี|ไข้
    # a noun and the adjective that qualifies it: ตา|แดง, ราคา|แพง, ไข้หวัด|ใหญ่
    return not thainlp.is_verb(first) and thainlp.is_adjective(second), False


def _unit_with_last_syllable(word: str, tail: str) -> bool:
    """Does the last syllable of ``word`` make one unit with ``tail``? (นักการ|เมือง and
    ทางการ|เมือง cut การเมือง, politics, in two: เมือง is no tail there.)"""
    boundaries = syllable_boundaries(word)[1]
    last = word[max(boundaries, default=0) :]
    return last + tail in thainlp.lexicalised_words()


class Compounds:
    """The pieces of tokens, for one dictionary (a vocabulary's trie), cached."""

    def __init__(self, trie, unsplittable: frozenset[str]):
        self.trie = trie
        self.unsplittable = unsplittable
        self._pieces: dict[str, tuple[Piece, ...]] = {}
        self._units: dict[str, tuple[int, tuple[tuple[str, int, int], ...]]] = {}
        self._across: dict[tuple[str, str], tuple[Piece, ...]] = {}
        self._suffix_nodes: dict[str, tuple] = {}

    def pieces(self, word: str) -> tuple[Piece, ...]:
        """Every piece of ``word`` (not ``word`` itself), at any depth, with where it is."""
        found = self._pieces.get(word)
        if found is None:
            found = self._find_pieces(word)
            if len(self._pieces) < _CACHE_LIMIT:
                self._pieces[word] = found
        return found

    def units(self, word: str) -> tuple[int, tuple[tuple[str, int, int], ...]]:
        """How many positions ``word`` takes, and its pieces with their first and last
        position in it (search.engine's module docstring, "Positions")."""
        found = self._units.get(word)
        if found is None:
            pieces = self.pieces(word)
            if not pieces:
                found = (1, ())
            else:
                edges = sorted(
                    {0, len(word), *(e for _, s, e in pieces), *(s for _, s, _ in pieces)}
                )
                unit = {edge: i for i, edge in enumerate(edges)}
                found = (
                    len(edges) - 1,
                    tuple((piece, unit[s], unit[e] - 1) for piece, s, e in pieces),
                )
            if len(self._units) < _CACHE_LIMIT:
                self._units[word] = found
        return found

    def words_in(self, word: str) -> set[str]:
        """``word`` and the words of its pieces."""
        return {word, *(piece for piece, _, _ in self.pieces(word))}

    def _find_pieces(self, word: str) -> tuple[Piece, ...]:
        if len(word) < MIN_COMPOUND or word in self.unsplittable or not is_thai(word):
            return ()
        syllables, boundaries = syllable_boundaries(word)
        # A nominal prefix is a syllable of its own, however the syllable list reads the
        # rest (ชาว|นา, not ชา|วนา).
        boundaries |= {len(p) for p in NOMINAL_PREFIXES if word.startswith(p) and word != p}
        if syllables < 2 or not boundaries:
            return ()
        found: set[Piece] = set()
        for parts in self._cuts(word, boundaries, 0, MAX_PARTS):
            if cut_allowed(word, parts, syllables):
                self._add_parts(found, parts, 0)
            elif len(parts) == 2:  # one unit: its head may come loose
                for part, start, loose in zip(
                    parts, (0, len(parts[0])), loose_parts(*parts), strict=True
                ):
                    if loose:
                        self._add_parts(found, [part], start)
        meanings = thainlp.meanings()
        if word in meanings:  # the parts that mean what the whole means, whatever the rule
            edges = sorted({0, len(word), *boundaries})
            for i, start in enumerate(edges):
                for end in edges[i + 1 :]:
                    part = word[start:end]
                    if len(part) < len(word) and meanings[word] & meanings.get(part, frozenset()):
                        self._add_parts(found, [part], start)
        return tuple(sorted(found, key=lambda piece: (piece[1], -piece[2], piece[0])))

    def _add_parts(self, found: set[Piece], parts: list[str], start: int) -> None:
        for part in parts:
            end = start + len(part)
            found.add((part, start, end))
            found.update((piece, start + s, start + e) for piece, s, e in self.pieces(part))
            start = end

    def _cuts(self, word: str, boundaries: frozenset[int], start: int, budget: int):
        """Every way to cut word[start:] into at most ``budget`` dictionary words, on
        the boundaries (the whole word is not one of the ways)."""
        if start == len(word):
            yield []
            return
        if budget == 0:
            return
        for prefix in self.trie.prefixes(word, start):
            end = start + len(prefix)
            if len(prefix) < MIN_PART or len(prefix) == len(word):
                continue
            if end != len(word) and end not in boundaries:
                continue
            for rest in self._cuts(word, boundaries, end, budget - 1):
                yield [prefix, *rest]

    # --- across two tokens ----------------------------------------------------------

    def across(self, left: str, right: str) -> tuple[Piece, ...]:
        """Pieces of ``left + right`` that start in ``left`` and end in ``right``
        (module docstring, "Across two tokens"), and their own pieces; positions are
        in ``left + right``."""
        if not self._may_cross(left, right):
            return ()
        key = (left, right)
        found = self._across.get(key)
        if found is None:
            found = self._find_across(left, right)
            if len(self._across) < _CACHE_LIMIT:
                self._across[key] = found
        return found

    def _may_cross(self, left: str, right: str) -> bool:
        """Cheaply: does a dictionary word run from inside ``left`` into ``right``?
        (Most neighbours share none, and then nothing else is computed.)"""
        for node in self._suffixes(left):
            for char in right:
                children = node.children
                node = children.get(char) if children else None
                if node is None:
                    break
                if node.end:
                    return right not in self.unsplittable
        return False

    def _suffixes(self, word: str) -> tuple:
        """Trie nodes of the ends of ``word`` (from each of its syllable boundaries and
        its start) that longer words continue; none for a name or a word not Thai."""
        nodes = self._suffix_nodes.get(word)
        if nodes is None:
            found = []
            if word not in self.unsplittable and is_thai(word):
                for start in sorted({0, *self._inner_starts(word)}):
                    node = self.trie.root
                    for char in word[start:]:
                        children = node.children
                        node = children.get(char) if children else None
                        if node is None:
                            break
                    if node is not None and node.children:
                        found.append(node)
            nodes = tuple(found)
            if len(self._suffix_nodes) < _CACHE_LIMIT:
                self._suffix_nodes[word] = nodes
        return nodes

    def _inner_starts(self, word: str) -> frozenset[int]:
        """Where inside ``word`` a word across it and the next may start: its syllable
        boundaries, unless the lists hold it as one unit of two syllables (no word
        starts inside การเมือง: การเมือง|ร้อน holds no เมืองร้อน)."""
        syllables, boundaries = syllable_boundaries(word)
        if syllables == 2 and word in thainlp.lexicalised_words():
            return frozenset()
        return boundaries

    def _find_across(self, left: str, right: str) -> tuple[Piece, ...]:
        if not is_thai(right):
            return ()
        joined = left + right
        middle, n = len(left), len(joined)
        syllables, boundaries = syllable_boundaries(joined)
        inner = self._inner_starts(left)
        trie = self.trie
        found: set[Piece] = set()
        for start in sorted({0, *boundaries}):
            if start >= middle:
                break
            if start and start not in inner:
                continue
            before = joined[:start]
            if before and (len(before) < MIN_PART or before not in trie):
                continue
            for word in trie.prefixes(joined, start):
                end = start + len(word)
                if end <= middle or (end != n and end not in boundaries):
                    continue
                after = joined[end:]
                if after and (len(after) < MIN_PART or after not in trie):
                    continue
                parts = [part for part in (before, word, after) if part]
                if len(parts) == 1 or cut_allowed(joined, parts, syllables):
                    found.add((word, start, end))
                    found.update((p, start + s, start + e) for p, s, e in self.pieces(word))
        return tuple(sorted(found, key=lambda piece: (piece[1], -piece[2], piece[0])))
