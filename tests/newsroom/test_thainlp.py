"""newsroom.thainlp: the shortcut in normalize() gives what pythainlp's rules give."""

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
