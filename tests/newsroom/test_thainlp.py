"""newsroom.thainlp: the shortcut in normalize() gives what pythainlp's rules give, and a
dictionary extended with names holds what a trie built from scratch holds."""

from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom import thainlp

# Letters, every vowel, tone mark and sign the rules move or remove, spaces and lines,
# and a little Latin: strings made of these hit every rule, alone and together.
ALPHABET = "กขคฤฦนมรอ" + "ะาำๅเแโใไ" + "ัิีึืํ็ุู" + "่้๊๋" + "\u0e3a\u0e4c\u0e4d\u0e4e" + "  \n\tab."


def pythainlp_normalize(text: str) -> str:
    from pythainlp.util import normalize

    return normalize(thainlp.normalize_cheaply(text))


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=12))
def test_normalize_is_pythainlps_normalize(text):
    assert thainlp.normalize(text) == pythainlp_normalize(text)


def test_normalize_still_puts_thai_in_order():
    cases = [
        "เเปลก",  # two sara e
        "ก่ำ",
        "นานาาา",
        "ดีีีี",
        "พ ุ่มดอกไม้",
        "ก ่ข",
        "่ต้น",
        "ก\u0e4d\u0e48\u0e32",  # nikhahit, tone, sara aa
        "  ข่าว  วันนี้ \n",
        "ผู้ว่าราชการจังหวัด",
    ]
    for text in cases:
        assert thainlp.normalize(text) == pythainlp_normalize(text), text
    assert thainlp.normalize("เเปลก") == "แปลก"
    assert thainlp.normalize(" ผู้ว่าราชการจังหวัด ") == "ผู้ว่าราชการจังหวัด"


# Names no default word list holds: one continues a default word (เบอร์ → เบอร์นาเดีย),
# one is new from its first letter on (ฯ starts no word), one is Latin.
NAMES = frozenset({"เบอร์นาเดีย", "ฯทดลองชื่อ", "UCLG ASPAC", "กทม."})


def test_a_dictionary_with_names_holds_the_default_words_and_the_names():
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    trie = thainlp.dictionary(NAMES)
    from_scratch = Trie(thai_words() | NAMES)
    assert set(trie) == set(from_scratch)
    assert len(trie) == len(from_scratch) == len(thai_words() | NAMES)
    text = "เบอร์นาเดียพบกทม."
    assert trie.prefixes(text) == from_scratch.prefixes(text) == ["เบอร์", "เบอร์นาเดีย"]
    assert thainlp.word_tokenize(text, custom_words=NAMES) == ["เบอร์นาเดีย", "พบ", "กทม."]


def test_dictionaries_share_the_default_words_without_seeing_each_others_names():
    """The default words' trie is shared: names added for one dictionary are in no other,
    and the shared trie keeps exactly the default words."""
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_dict_trie

    first = thainlp.dictionary(frozenset({"เบอร์นาเดีย"}))
    second = thainlp.dictionary(frozenset({"ฯทดลองชื่อ"}))
    assert "เบอร์นาเดีย" in first and "เบอร์นาเดีย" not in second
    assert "ฯทดลองชื่อ" in second and "ฯทดลองชื่อ" not in first
    assert "เบอร์" in first and "เบอร์" in second  # a default word both share
    shared = word_dict_trie()
    assert "เบอร์นาเดีย" not in shared and "ฯทดลองชื่อ" not in shared
    assert len(shared) == len(thai_words())
    # A name that is already a default word is counted once.
    assert len(thainlp.dictionary(frozenset({"เบอร์"}))) == len(thai_words())
