"""Find the people and organisations a text names: the known ones, and candidates for
new people. Suggestions only: nothing here links anything.

How (thai.md, "Names and honorifics"):

* Every Person name and alias and every Organisation name, short name and alias is a
  *form*. Forms and text are normalised alike (newsroom.thainlp.normalize, whitespace
  collapsed, ASCII lower-cased except acronyms, which must match in capitals: WHO is an
  organisation, "who" is not).
* The text is scanned once: at each character the first two characters pick the
  lengths of the forms that begin with them (longest first), and a dictionary lookup
  tells whether one is there. A form matches only between word boundaries: a change of
  script, a space or punctuation, or — inside Thai, which has no spaces — a cut made by
  pythainlp's ``newmm`` with the search vocabulary (every name and title added). So a
  name never matches inside a longer word, and titles need no special case: นาย is its
  own word in นายชัชชาติ and part of the word in นายกรัฐมนตรี, นายจ้าง.
* A known person's name is also found written without the space between the given
  name and the family name (นายชัชชาติสิทธิพันธุ์, ชัชชาติสิทธิพันธุ์กล่าวว่า), as copy and
  captions often write it: each Thai name of two words or more is also a form without its
  spaces, bound by the same word boundaries.
* A title and a known person's given name is read by what follows the given name:
  - the story going on (a verb, a particle, a role, an age: นางสาวมาลี กล่าวว่า,
    นางสาวมาลีเดินทาง, พล.ต.อ.ประสิทธิ์ ผู้บัญชาการ, นายสมชาย อายุ 45 ปี), or nothing
    (a comma, a bracket, the end of the text): the given name alone, the way a story
    names someone a second time. It is suggested as that person, marked
    ``given_only`` (a weaker suggestion), whatever the title: a title is how the story
    addresses someone, not who they are.
  - a family name that is not the known person's (พญ.มาลี สุขใจ, when the newsroom knows
    มาลี ทองดี), or a longer given name (นายชัชชาติสิทธิ์ วงศ์ทอง): someone else, a
    candidate for a new person, never a link to the known one. After a space the next
    word is a family name unless it shows the story going on; written together
    (พญ.มาลีสุขใจ) it is one only with evidence — the family name of a known person, or
    one in pythainlp's list of Thai family names that is not also an ordinary word —
    since a glued verb (นางสาวมาลีเดินทาง) is far more common than a glued family name.
    Without evidence the given-name reading stands, so a glued family name nobody lists
    (พญ.มาลีสุขใจ) is still suggested as มาลี ทองดี, marked ``given_only``: a known limit.
  "The story going on" is decided from the words themselves: lists of the verbs,
  particles and roles news writes after a name (NAME_FOLLOWERS, FOLLOWER_PREFIXES), a
  word before ว่า "that", and pythainlp's tag dictionaries for any other verb
  (``_story_goes_on``), so that a family name which merely begins like a verb (รักไทย,
  สมบูรณ์ชัย) still counts.
* A title (stacked or not, with or without the space after it) followed by a Thai given
  name and family name, or a Latin one followed by capitalised words, that is not a
  known name is a *candidate* for a new person, its title kept apart, when the word
  after the given name reads as a family name by the rule above. The title must be
  a word of its own there (the same newmm cut), which rules out นายก, นายจ้าง, นางแบบ,
  พระราชบัญญัติ. คุณ and พระ begin too many phrases to propose people from.

The index is built once per search vocabulary version (search.engine.vocabulary): a
name saved or deleted in any process changes that version, and the index follows.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from newsroom import thainlp
from search import engine

PERSON = "person"
ORGANISATION = "organisation"

#: Forms shorter than this are ignored (one Thai letter is not a name).
MIN_FORM = 2
#: The scan looks up the lengths of the forms that begin with this many characters.
PREFIX = 2

#: Titles after which a new name is proposed. คุณ ("you") and พระ (thousands of
#: words) begin ordinary phrases too often, and อ. is also อำเภอ (อ.แม่ริม); they still
#: stand before known names.
CANDIDATE_TITLES = tuple(title for title in engine.HONORIFICS if title not in {"คุณ", "พระ", "อ."})
LATIN_TITLES = tuple(title for title in engine.HONORIFICS if title.isascii())
THAI_TITLES = tuple(title for title in CANDIDATE_TITLES if not title.isascii())

#: Words that end a name: what a Thai story says next (นายสมชาย ใจดีกล่าวว่า ...).
NAME_ENDERS = frozenset(
    "กล่าว กล่าวว่า ว่า ได้ เป็น และ ที่ ซึ่ง จะ ให้ เปิดเผย ระบุ เดินทาง พร้อม กับ ใน ของ "  # noqa: SIM905
    "โดย เมื่อ ยัง ก็ ไม่ มี อายุ รอง ประธาน รัฐมนตรี อธิบดี เลขาธิการ นายก ผู้ว่า ผู้ว่าฯ".split()
)

#: More words that show the story going on after a name: verbs news writes of people,
#: particles, roles. Checked only where a family name could be (never on a given name,
#: which may begin with one of these short words: มานพ, ได้ชัย).
NAME_FOLLOWERS = NAME_ENDERS | frozenset(
    # saying, doing, going
    "เผย บอก เล่า ชี้ ชี้แจง ยืนยัน ยอมรับ แถลง ตอบ อธิบาย เสริม ย้ำ เน้นย้ำ เตือน แนะนำ "  # noqa: SIM905
    "ปฏิเสธ กำชับ เรียกร้อง ร้องเรียน ขอบคุณ ประกาศ สั่ง สั่งการ มอบ ลง ลงพื้นที่ ขึ้น เข้า "
    "ออก ไป มา ถูก โพสต์ ทวีต อวยพร หาเสียง ฟ้อง แจ้งความ เขียน ร่วม พบ เยี่ยม ตรวจ "
    "ตรวจเยี่ยม คือ อยู่ ได้รับ รับ ทำ เคย กำลัง ต้อง ควร อาจ จึง ถึง ต่อ จาก แก่ เพื่อ "
    "เพราะ ขณะ หลัง ก่อน ด้วย อีก หรือ แต่ นั้น นี้ เอง ทั้ง เช่นกัน เพียง ทันที ต่างหาก "
    "เท่านั้น ด้วยตัวเอง โดยตรง คนเดียว พร้อมกับ ตลอด อย่างไรก็ตาม "
    # family
    "ภรรยา สามี บุตร บุตรชาย บุตรสาว ลูกชาย ลูกสาว พี่ชาย พี่สาว น้องชาย น้องสาว เพื่อน "
    # particles
    "ครับ ค่ะ คะ นะ จ้ะ จ้า ละ ล่ะ "
    # roles and descriptions
    "วัย อดีต แม่ค้า พ่อค้า เจ้าของ เจ้าหน้าที่ ชาวบ้าน ชาวนา พนักงาน ลูกจ้าง หัวหน้า โฆษก "
    "คณบดี อาจารย์ ครู แพทย์ พยาบาล ทนาย ทนายความ กำนัน ผู้ใหญ่บ้าน".split()
)
#: What a description or a verb phrase after a name begins with (ผู้บัญชาการ,
#: นักวิชาการ, อดีตรัฐมนตรี, ลงนาม, ถูกจับ, รับรางวัล, เปิดตัว); newmm may cut these
#: across their words (แม่|ค้าขาย), so the text is compared whole. Almost no family name
#: begins so, and those pythainlp lists (ผู้ภักดี, นักบุญ) are taken as family names.
FOLLOWER_PREFIXES = tuple(
    "ผู้ นัก อดีต แม่ค้า พ่อค้า เจ้าของ เจ้าหน้าที่ ชาวบ้าน ลง ถูก รับ เปิด".split()  # noqa: SIM905
)

#: What นาย or นาง are the first part of when they name a job, not a person
#: (นายทหาร, นายสถานี, นางพยาบาล); pythainlp's dictionary lacks many of these compounds.
ROLES_AFTER_TITLE = (  # noqa: SIM905 (a word list reads best as one string)
    "ทหาร ตำรวจ แพทย์ ช่าง หน้า ประกัน ทะเบียน อำเภอ สถานี ด่าน ห้าง ทุน พราน พยาบาล "
    "กำนัน แบบ ละคร ร้าย จ้าง ท่า ทัพ งาน บ้าน ตรวจ เวร"
).split()

_THAI_LETTERS = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"  # no ฯ, ๆ, digits
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SPACES = re.compile(r"\s+")
_THAI_WORD = re.compile(f"[{_THAI_LETTERS}]+")
# Where a name can begin: a Thai consonant or leading vowel (never a tone mark or a
# following vowel), a Latin letter or digit that does not continue a word, a symbol.
_WORD_STARTS = re.compile(r"[\u0e01-\u0e2e\u0e40-\u0e44]|(?<![^\W_])[^\W_]|[^\w\s]")


def _alternatives(titles: Iterable[str]) -> str:
    return "|".join(re.escape(title) for title in sorted(titles, key=len, reverse=True))


# A run of Thai titles (ผศ.ดร., พล.ต.อ. ดร.), an optional space, then the name's words.
_THAI_CANDIDATE = re.compile(
    rf"(?P<title>(?:{_alternatives(THAI_TITLES)})(?: ?(?:{_alternatives(THAI_TITLES)}))*) ?"
    rf"(?P<given>[{_THAI_LETTERS}]{{2,}})(?: (?P<family>[{_THAI_LETTERS}]{{2,}}))?"
)
_LATIN_CANDIDATE = re.compile(
    rf"\b(?P<title>(?:{_alternatives(LATIN_TITLES)})\.?) "
    r"(?P<name>[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2})\b"
)
_ANY_TITLE_AT_END = re.compile(rf"(?:{_alternatives(engine.HONORIFICS)})\.? ?$")


@dataclass(frozen=True)
class Mention:
    kind: str  # PERSON or ORGANISATION
    pk: int
    start: int  # offsets in the normalised text (Findings.text)
    end: int
    title: str = ""  # the title written just before it, as written ("ดร. "), if any
    #: Found by a title and the given name alone (นางสาวมาลี): a weaker suggestion.
    given_only: bool = False


@dataclass(frozen=True)
class Candidate:
    title: str
    name: str
    start: int
    end: int


@dataclass
class Findings:
    text: str  # the normalised text the offsets refer to
    mentions: list[Mention] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)

    def ids(self, kind: str) -> list[int]:
        """Ids of one kind, in order of first mention."""
        return list(dict.fromkeys(m.pk for m in self.mentions if m.kind == kind))

    def written(self, mention: Mention) -> str:
        return self.text[mention.start : mention.end]


def clean(text: str) -> str:
    """The form text and names are matched in: normalised, single spaces."""
    return _SPACES.sub(" ", thainlp.normalize(text or "")).strip()


def clean_all(texts: list[str]) -> list[str]:
    """:func:`clean` of each text, in one call of pythainlp's normaliser, which costs
    ~0.1 ms a call: 60,000 names one by one would take seconds."""
    texts = [_SPACES.sub(" ", text or "").strip() for text in texts]
    joined = thainlp.normalize("\n".join(texts)).split("\n")
    if len(joined) != len(texts):  # a text the normaliser merged with its neighbour
        return [clean(text) for text in texts]
    return [_SPACES.sub(" ", text).strip() for text in joined]


def _is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


def _is_word_char(char: str) -> bool:
    return char not in "ฯๆ" and unicodedata.category(char)[0] in "LMN"


def _is_acronym(form: str) -> bool:
    latin = [char for char in form if char.isascii() and char.isalpha()]
    return len(latin) >= 2 and all(char.isupper() for char in latin)


@dataclass(frozen=True)
class _Entry:
    kind: str
    pk: int
    exact: str | None  # acronyms must match in this case


class _ThaiCuts:
    """Where newmm ends one Thai word and starts the next, worked out per space-separated
    chunk only when asked: most of a story never needs it, and newmm is the slow part."""

    def __init__(self, text: str, words: frozenset[str]):
        self.text, self.words = text, words
        self.chunks: dict[int, frozenset[int]] = {}

    def _chunk(self, at: int) -> frozenset[int]:
        start = self.text.rfind(" ", 0, at) + 1
        found = self.chunks.get(start)
        if found is None:
            end = self.text.find(" ", at)
            chunk = self.text[start : end if end >= 0 else len(self.text)]
            offsets, position = set(), start
            for token in thainlp.word_tokenize(chunk, self.words):
                offset = self.text.find(token, position)
                if offset >= 0:  # tokens are pieces of the chunk, in order
                    position = offset + len(token)
                    offsets.update((offset, position))
            found = self.chunks[start] = frozenset(offsets)
        return found

    def __contains__(self, at: int) -> bool:
        return at in self._chunk(at)

    def between(self, start: int, end: int) -> list[int]:
        """Cuts strictly inside (start, end), which lie in one chunk."""
        return sorted(cut for cut in self._chunk(start + 1) if start < cut < end)


class NameIndex:
    """Every known form, ready for :meth:`find`. Build with :meth:`build`."""

    def __init__(self, version: str, words: frozenset[str]):
        self.version = version
        self.words = words  # newmm's extra dictionary words (names, titles)
        self.forms: dict[str, list[_Entry]] = defaultdict(list)
        self.given_names: dict[str, list[int]] = defaultdict(list)  # only after a title
        self.family_names: set[str] | frozenset[str] = set()  # of known people, Thai
        self.family_names_sorted: tuple[str, ...] = ()
        self.lengths: dict[str, tuple[int, ...]] = {}

    @classmethod
    def build(
        cls,
        *,
        version: str,
        words: frozenset[str],
        people: Iterable[tuple[int, str, list[str]]],
        organisations: Iterable[tuple[int, str, str, list[str]]],
    ) -> NameIndex:
        """``people`` as (pk, name, aliases), ``organisations`` as (pk, name, short name,
        aliases), the way ``values_list`` gives them."""
        index = cls(version, words)
        rows = [(PERSON, pk, (name, *aliases)) for pk, name, aliases in people]
        rows += [
            (ORGANISATION, pk, (n, short, *aliases)) for pk, n, short, aliases in organisations
        ]
        cleaned = iter(clean_all([form for _kind, _pk, forms in rows for form in forms]))
        for kind, pk, forms in rows:
            name, *others = [next(cleaned) for _ in forms]
            for form in (name, *others):
                index._add(form, kind, pk)
            if kind != PERSON or " " not in name or name.isascii():
                continue
            given, *family = name.split(" ")
            if _is_thai_name(name):  # written together: ชัชชาติสิทธิพันธุ์
                index._add(name.replace(" ", ""), kind, pk)
                index.family_names.update(family)
            if len(given) >= MIN_FORM and not given.isascii():
                index.given_names[given].append(pk)
        lengths: dict[str, set[int]] = defaultdict(set)
        for form in index.forms:
            lengths[form[:PREFIX]].add(len(form))
        index.lengths = {key: tuple(sorted(found, reverse=True)) for key, found in lengths.items()}
        index.forms = dict(index.forms)
        index.given_names = dict(index.given_names)
        index.family_names = frozenset(index.family_names)
        index.family_names_sorted = tuple(sorted(index.family_names))
        return index

    def _add(self, form: str, kind: str, pk: int) -> None:
        if len(form) < MIN_FORM:
            return
        entry = _Entry(kind, pk, form if _is_acronym(form) else None)
        entries = self.forms.setdefault(form.translate(_ASCII_LOWER), [])
        if entry not in entries:
            entries.append(entry)

    # --- finding -------------------------------------------------------------------------

    def find(self, text: str) -> Findings:
        text = clean(text)
        findings = Findings(text=text)
        if not text:
            return findings
        cuts = _ThaiCuts(text, self.words)
        findings.mentions = self._known(text, cuts)
        taken = [(m.start, m.end) for m in findings.mentions]
        after_titles, findings.candidates = self._after_titles(text, cuts, taken)
        findings.mentions = sorted(findings.mentions + after_titles, key=lambda m: m.start)
        return findings

    @staticmethod
    def _boundary(text: str, at: int, cuts: _ThaiCuts) -> bool:
        if at <= 0 or at >= len(text):
            return True
        before, after = text[at - 1], text[at]
        if not (_is_word_char(before) and _is_word_char(after)):
            return True
        if _is_thai(before) != _is_thai(after):
            return True
        return _is_thai(before) and at in cuts

    def _known(self, text: str, cuts: _ThaiCuts) -> list[Mention]:
        folded = text.translate(_ASCII_LOWER)
        forms, lengths, boundary = self.forms, self.lengths, self._boundary
        mentions = []
        size = len(text)
        resume = 0
        for start in _WORD_STARTS.finditer(folded):
            at = start.start()
            if at < resume:
                continue
            # Dictionary lookups first; the word boundaries (newmm) only for a hit.
            for length in lengths.get(folded[at : at + PREFIX], ()):
                end = at + length
                entries = forms.get(folded[at:end]) if end <= size else None
                if not entries:
                    continue
                if not boundary(text, at, cuts):
                    break
                if not boundary(text, end, cuts):
                    continue
                written = text[at:end]
                matched = [e for e in entries if e.exact is None or e.exact == written]
                if matched:
                    title = _title_before(text, at)
                    mentions.extend(Mention(e.kind, e.pk, at, end, title) for e in matched)
                    resume = end
                    break
        return mentions

    def _after_titles(
        self, text: str, cuts: _ThaiCuts, taken: list[tuple[int, int]]
    ) -> tuple[list[Mention], list[Candidate]]:
        """Known people by given name after a title, and candidates for new people."""
        mentions: list[Mention] = []
        candidates: dict[tuple[str, str], Candidate] = {}

        def free(start: int, end: int) -> bool:
            return all(end <= a or start >= b for a, b in taken)

        position = 0
        while match := _THAI_CANDIDATE.search(text, position):
            # Matches may overlap (นายกรัฐมนตรี นายสมชาย ...): a refused one moves one on.
            position = match.start() + 1
            title, given_start = match.group("title"), match.start("given")
            title_end, given_end = match.end("title"), match.end("given")
            if not self._boundary(text, match.start(), cuts):
                continue
            # The title must be a word of its own: นาย in นายก or นายจ้าง is not.
            if not (title.endswith(".") or title_end != given_start or title_end in cuts):
                continue
            if not free(given_start, given_end):
                continue
            # A known name after the given name (นายวิชัย กทม.) is no family name.
            family = bool(match.group("family")) and free(match.start("family"), match.end())
            known = self._given_name_at(text, given_start, given_end, cuts)
            if known is not None:
                stop, pks = known
                someone_else = self._other_person(text, match, stop, cuts, family)
                if someone_else is None:
                    mentions.extend(
                        Mention(PERSON, pk, given_start, stop, title, given_only=True) for pk in pks
                    )
                    taken.append((given_start, stop))
                    position = stop
                    continue
                name, end = someone_else
            else:
                name = self._name_shape(text, match, cuts) if family else ""
                end = given_start + len(name)
            if name:
                title = title.replace(" ", "")
                candidates.setdefault((title, name), Candidate(title, name, match.start(), end))
                position = end
        for match in _LATIN_CANDIDATE.finditer(text):
            if free(match.start("name"), match.end("name")):
                title = match.group("title")
                candidates.setdefault(
                    (title, match.group("name")),
                    Candidate(title, match.group("name"), match.start(), match.end()),
                )
        return mentions, sorted(candidates.values(), key=lambda c: c.start)

    def _given_name_at(self, text, start, end, cuts) -> tuple[int, list[int]] | None:
        """A known person's given name at ``start`` ending at a word boundary."""
        for stop in range(end, start + MIN_FORM - 1, -1):
            pks = self.given_names.get(text[start:stop])
            if pks and self._boundary(text, stop, cuts):
                return stop, pks
        return None

    def _other_person(
        self, text: str, match: re.Match, stop: int, cuts: _ThaiCuts, family: bool
    ) -> tuple[str, int] | None:
        """("Given Family", end) when a known given name, ending at ``stop``, is followed
        by a family name that is not the known person's (or is part of a longer given
        name): someone else. None when the story goes on after the given name alone."""
        given_start, given_end = match.start("given"), match.end("given")
        if stop < given_end:  # written together: a family name only with evidence
            found = self._family_at(text, stop, given_end, cuts)
            if found is None:
                return None
            family_end, evidence = found
            if evidence:
                return f"{text[given_start:stop]} {text[stop:family_end]}", family_end
        # After a space; or a longer given name (นายชัชชาติสิทธิ์ วงศ์ทอง).
        name = self._name_shape(text, match, cuts) if family else ""
        return (name, given_start + len(name)) if name else None

    def _family_at(self, text: str, start: int, end: int, cuts: _ThaiCuts):
        """(where it ends, whether there is evidence it is one) for a family name written
        at ``start`` in the run of Thai letters ending at ``end``; None when the story
        goes on there instead (กล่าวว่า, มองว่า, ผู้บัญชาการ)."""
        inside = [*cuts.between(start, end), end]
        family_end = end  # up to where the story goes on (ใจดีกล่าวว่า → ใจดี)
        for cut, word_end in pairwise(inside):
            if text[cut:word_end] in NAME_ENDERS:
                family_end = cut
                break
        if self._is_family_name(text[start:family_end]):
            return family_end, True
        words = [text[a:b] for a, b in pairwise([start, *inside]) if b <= family_end]
        if family_end - start < MIN_FORM or self._story_goes_on(text, start, words):
            return None
        return family_end, False

    def _story_goes_on(self, text: str, start: int, words: list[str]) -> bool:
        """Whether ``words``, written from ``start`` right after a given name, carry the
        story on rather than make a family name: the first is a word of NAME_FOLLOWERS, a
        description (ผู้..., นัก...) or a word before ว่า "that" (มองว่า, เชื่อ|ว่า); or
        it is a word pythainlp's tag dictionaries call a verb, and either no family name
        we know of begins with it (มอง; but รัก begins รักไทย) or another verb or
        NAME_FOLLOWERS word comes after it (พา|ลูก|ไป|โรงเรียน)."""
        word, after = words[0], words[1:]
        if word in NAME_FOLLOWERS or text.startswith(FOLLOWER_PREFIXES, start):
            return True
        if (word.endswith("ว่า") and len(word) > len("ว่า")) or text.startswith(
            "ว่า", start + len(word)
        ):
            return True
        if not thainlp.is_verb(word):
            return False
        return not self._begins_family_name(word) or any(
            other in NAME_FOLLOWERS or thainlp.is_verb(other) for other in after
        )

    def _is_family_name(self, word: str) -> bool:
        """Evidence that ``word`` is a family name: a known person's, or one in pythainlp's
        list that is not also an ordinary word (that list holds ยินดี, สนใจ, รักษา)."""
        return len(word) >= MIN_FORM and (
            word in self.family_names or word in _listed_family_names()[0]
        )

    def _begins_family_name(self, word: str) -> bool:
        return any(
            _begins_one_of(names, word)
            for names in (self.family_names_sorted, _listed_family_names()[1])
        )

    def _name_shape(self, text: str, match: re.Match, cuts: _ThaiCuts) -> str:
        """ "Given Family" when the words after a title look like a person's name."""
        given, family = match.group("given"), match.group("family")
        if not family or text.startswith(".", match.end("family")):
            return ""  # no family name, or an abbreviation (ผบ.ตร.)
        given_start, given_end = match.start("given"), match.end("given")
        first_word_end = ([*cuts.between(given_start, given_end), given_end])[0]
        if (
            text[given_start:first_word_end] in NAME_ENDERS
            or given.startswith(tuple(ROLES_AFTER_TITLE))
            or _is_phrase(given)
        ):
            return ""
        found = self._family_at(text, match.start("family"), match.end("family"), cuts)
        if found is None:
            return ""  # the story goes on after a given name alone (… รถไฟ ให้ข้อมูล)
        return f"{given} {text[match.start('family') : found[0]]}"


def _is_thai_name(name: str) -> bool:
    """Thai words of at least MIN_FORM letters each, one space apart."""
    return all(len(part) >= MIN_FORM and _THAI_WORD.fullmatch(part) for part in name.split(" "))


@lru_cache(maxsize=1)
def _listed_family_names() -> tuple[frozenset[str], tuple[str, ...]]:
    """pythainlp's list of family names less the ordinary words in it, as a set and
    sorted (for :func:`_begins_one_of`)."""
    ordinary = thainlp.ordinary_words()
    names = frozenset(name for name in thainlp.family_names() if name not in ordinary)
    return names, tuple(sorted(names))


def _begins_one_of(names: tuple[str, ...], word: str) -> bool:
    """Whether one of the sorted ``names`` begins with ``word``."""
    at = bisect_left(names, word)
    return at < len(names) and names[at].startswith(word)


def _is_phrase(word: str) -> bool:
    """Two or more ordinary words of two syllables or more (สถานี|รถไฟ after นาย): a
    role, not a given name, which are one word or built of one-syllable words
    (สม|ศักดิ์, พิมพ์|ชนก)."""
    parts = thainlp.word_tokenize(word)
    if len(parts) < 2:
        return False
    ordinary = thainlp.ordinary_words()
    return all(part in ordinary and len(thainlp.syllables(part)) >= 2 for part in parts)


def _title_before(text: str, start: int) -> str:
    """The title run written just before ``start`` (พล.ต.อ.ดร., "ดร. "), as written."""
    run_start = start
    while found := _ANY_TITLE_AT_END.search(text, max(0, run_start - 24), run_start):
        if found.end() != run_start or found.start() == run_start:
            break
        run_start = found.start()
    return text[run_start:start]


# --- the process-wide index ------------------------------------------------------------------

_lock = threading.Lock()
_state: dict = {"index": None}


def name_index() -> NameIndex:
    """The index of the current vocabulary version (rebuilt when names change)."""
    vocabulary = engine.vocabulary()
    index = _state["index"]
    if index is None or index.version != vocabulary.version:
        with _lock:
            index = _state["index"]
            if index is None or index.version != vocabulary.version:
                index = _build_from_database(vocabulary)
                _state["index"] = index
    return index


def _build_from_database(vocabulary) -> NameIndex:
    from .models import Organisation, Person

    return NameIndex.build(
        version=vocabulary.version,
        words=vocabulary.words,
        people=Person.objects.values_list("pk", "name", "aliases"),
        organisations=Organisation.objects.values_list("pk", "name", "short_name", "aliases"),
    )


def find_names(text: str) -> Findings:
    """People and organisations ``text`` names, and candidates for new people."""
    return name_index().find(text)
