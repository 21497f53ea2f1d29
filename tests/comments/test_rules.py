"""Word lists and links: the matching rule documented in comments/rules.py."""

import pytest

from comments import rules

BANNED = "หี\nควย\nสัส\nเว็บพนัน\nbuy now\nviagra\nass"


@pytest.mark.parametrize(
    "text",
    [
        "ไอ้หีเอ๊ย",  # glued to the words around it, no spaces
        "มึงมันควยจริงๆ",
        "ค\u200bวย",  # a zero-width space inside the word
        "ควย\u00ad",  # a soft hyphen after it
        "เว็บพนันออนไลน์",  # a listed phrase inside a longer run
        "BUY   now!",  # case and spacing
        "ｖｉａｇｒａ",  # full-width letters (NFKC)
        "cheap VIAGRA.",
        "you ass",
    ],
)
def test_listed_words_are_found_after_normalisation(text):
    assert rules.find_words(text, BANNED)


@pytest.mark.parametrize(
    "text",
    [
        "หีบเพลงเสียงดี",  # หีบ (a chest) merely begins with a listed word
        "สัสดีจังหวัด",  # สัสดี (a district official)
        "class assessment",  # Latin: whole words only
        "ข่าวดีมาก ขอบคุณครับ",
    ],
)
def test_words_that_merely_contain_a_listed_word_do_not_match(text):
    assert rules.find_words(text, BANNED) == []


def test_normalise_folds_case_and_removes_invisible_and_direction_characters():
    assert rules.normalise("A\u200bB\u202eC  \n D") == "abc d"
    assert rules.normalise("ทำ") == "ทำ"  # NFKC's split SARA AM is joined again


def test_count_links_counts_schemes_www_and_bare_domains():
    assert rules.count_links("ดูที่ www.a.com และ http://x.y/z กับ shop.co.th/x") == 3
    assert rules.count_links("ราคา 3.14 บาท e.g. ok") == 0


def test_same_text_key_ignores_spaces_and_punctuation():
    assert rules.same_text_key("สวัสดี ครับ!!") == rules.same_text_key("สวัสดีครับ")
    assert rules.same_text_key("Hello, World") == rules.same_text_key("hello world")
