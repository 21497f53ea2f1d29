"""How fast the name matcher (people/matcher.py) reads a story against many known names.

    DEBUG=1 .venv/bin/python bench/entities.py [--names 20000] [--kb 20] [--runs 50]

Invents ``--names`` people and organisations from Thai syllables (with aliases and
acronyms), a story of ``--kb`` kilobytes (UTF-8) of Thai news sentences naming some of
them with titles (some with the given and family names written together), then times
``NameIndex.find`` after a warm-up: median and p95 in ms. It also times building the
index (what a name change costs each process once). No database is needed: the index is
built from the invented rows as the vocabulary would give them.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from newsroom import thainlp  # noqa: E402
from people.matcher import NameIndex, clean  # noqa: E402
from search.engine import HONORIFICS  # noqa: E402

ONSETS = "ก ข ค ง จ ฉ ช ซ ด ต ถ ท น บ ป ผ พ ฟ ม ย ร ล ว ส ห อ".split()  # noqa: SIM905
VOWELS = ["า", "ิ", "ี", "ุ", "ู", "ั", "ำ", "เ", "แ", "โ", "ไ"]
CODAS = ["", "น", "ม", "ง", "ย", "ว", "ก", "ด", "บ", "ต์", "ศ์"]
TITLES = ["นาย", "นาง", "นางสาว", "ดร.", "ผศ.ดร.", "พล.ต.อ.", "พญ.", "รศ.นพ."]
FILLER = [
    "เมื่อวันที่ 12 กันยายน ที่ผ่านมา",
    "ได้เดินทางไปตรวจเยี่ยมพื้นที่ประสบภัยน้ำท่วม",
    "นายกรัฐมนตรีกล่าวว่ารัฐบาลจะเร่งช่วยเหลือประชาชน",
    "นายจ้างต้องจ่ายค่าจ้างตามพระราชบัญญัติคุ้มครองแรงงาน",
    "นางแบบชื่อดังร่วมงานการกุศลของมูลนิธิ",
    "การประชุมครั้งนี้มีผู้แทนจากหลายหน่วยงานเข้าร่วม",
    "โดยมีการหารือเรื่องการพัฒนาเมืองอย่างยั่งยืน",
    "ทั้งนี้ผู้ว่าราชการจังหวัดได้สั่งการให้เจ้าหน้าที่ดูแลอย่างใกล้ชิด",
]


def syllable(rng: random.Random) -> str:
    onset, vowel, coda = rng.choice(ONSETS), rng.choice(VOWELS), rng.choice(CODAS)
    if vowel in "เแโไ":
        return vowel + onset + coda
    if vowel == "ำ":
        return onset + vowel
    return onset + vowel + coda


def word(rng: random.Random, low: int, high: int) -> str:
    return "".join(syllable(rng) for _ in range(rng.randint(low, high)))


def invent(count: int, rng: random.Random):
    people, organisations = [], []
    for pk in range(1, count * 4 // 5 + 1):
        name = f"{word(rng, 2, 3)} {word(rng, 3, 4)}"
        aliases = [f"บิ๊ก{word(rng, 1, 1)}"] if pk % 5 == 0 else []
        people.append((pk, name, aliases))
    for pk in range(1, count - len(people) + 1):
        acronym = "".join(rng.choice("ABCDEFGHKLMNPRSTUW") for _ in range(rng.randint(3, 5)))
        organisations.append((pk, f"สำนักงาน{word(rng, 2, 4)}", acronym, [f"{word(rng, 1, 2)}."]))
    return people, organisations


def vocabulary_words(people, organisations) -> frozenset[str]:
    """What search.engine's vocabulary adds to newmm's dictionary for these rows."""
    words = {thainlp.normalize(title) for title in HONORIFICS}
    for _pk, name, aliases in people:
        for text in (name, *aliases):
            words.update(clean(text).split())
    for _pk, name, short_name, aliases in organisations:
        for text in (name, short_name, *aliases):
            words.update(clean(text).split())
    return frozenset(words - {""})


def story(kilobytes: int, people, organisations, rng: random.Random) -> tuple[str, int]:
    """The story, and how many names were put in it (the last may be cut off)."""
    parts, size, named = [], 0, 0
    while size < kilobytes * 1024:
        if rng.random() < 0.3:
            _pk, name, _aliases = rng.choice(people)
            # As copy writes names: with or without a space after the title, and one in
            # five with the given name and family name written together.
            written = name.replace(" ", "") if rng.random() < 0.2 else name
            part = rng.choice(TITLES) + rng.choice(["", " "]) + written
            named += 1
        elif rng.random() < 0.15:
            _pk, name, short_name, _aliases = rng.choice(organisations)
            part = rng.choice([name, short_name])
            named += 1
        else:
            part = rng.choice(FILLER)
        parts.append(part)
        size += len(part.encode()) + 1
    return " ".join(parts), named


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=20_000)
    parser.add_argument("--kb", type=int, default=20)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    people, organisations = invent(args.names, rng)
    words = vocabulary_words(people, organisations)
    started = time.perf_counter()
    thainlp.dictionary(words)  # what the search vocabulary's first use costs anyway
    trie_seconds = time.perf_counter() - started
    started = time.perf_counter()
    index = NameIndex.build(
        version="bench", words=words, people=people, organisations=organisations
    )
    build_seconds = time.perf_counter() - started
    text, named = story(args.kb, people, organisations, rng)

    findings = index.find(text)  # warm-up: newmm's first call loads its tables
    timings = []
    for _ in range(args.runs):
        started = time.perf_counter()
        index.find(text)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    print(f"names: {len(people):,} people + {len(organisations):,} organisations")
    print(f"story: {len(text.encode()) / 1024:.1f} KB UTF-8, {len(text):,} characters")
    print(
        f"found: {len(findings.mentions)} mentions of {named} names put in, "
        f"{len(findings.candidates)} candidates"
    )
    print(
        f"dictionary trie: {trie_seconds * 1000:.0f} ms; index build: {build_seconds * 1000:.0f} ms"
    )
    print(f"find: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms ({args.runs} runs)")


if __name__ == "__main__":
    main()
