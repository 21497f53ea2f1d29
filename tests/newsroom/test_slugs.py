"""Thai-safe slugs: newsroom.slugs.thai_slugify, its validator and its URL converter."""

import os
import random
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError
from django.urls import path, register_converter, resolve, reverse
from django.urls.converters import get_converters
from django.utils.text import slugify

from newsroom import thainlp
from newsroom.slugs import (
    ThaiSlugConverter,
    _safe_cut,
    _words,
    thai_slugify,
    validate_thai_slug,
)

# A converter name of this test module's own, so that it never collides with the one the
# project registers in its URLconf.
if "test_thai_slug" not in get_converters():
    register_converter(ThaiSlugConverter, "test_thai_slug")


def _article_view(request, pk, slug):  # pragma: no cover - only resolved, never called
    raise AssertionError("not called")


urlpatterns = [path("news/<int:pk>/<test_thai_slug:slug>", _article_view, name="test-article")]

LONG_UNSPACED_TITLE = (
    "นายกรัฐมนตรีลงพื้นที่ตรวจสถานการณ์น้ำท่วมในจังหวัดอุบลราชธานีพร้อมสั่งการให้หน่วยงานเร่งช่วยเหลือประชาชน"
)
LONG_SPACED_TITLE = (
    "นายกรัฐมนตรี ลงพื้นที่ ตรวจสถานการณ์น้ำท่วม ในจังหวัดอุบลราชธานี พร้อมสั่งการให้หน่วยงานเร่งช่วยเหลือ"
)


def test_paiyannoi_and_full_stop_are_dropped_and_the_space_becomes_a_hyphen():
    assert thai_slugify("ผู้ว่าฯ กทม.") == "ผู้ว่า-กทม"


def test_paiyannoi_at_the_end_of_a_word_is_dropped():
    assert thai_slugify("กรุงเทพฯ") == "กรุงเทพ"


def test_etc_abbreviation_is_dropped_as_a_whole():
    """ฯลฯ must not leave a stray ล behind."""
    assert thai_slugify("ผลไม้ ฯลฯ ราคาแพง") == "ผลไม้-ราคาแพง"


def test_sara_am_is_kept_as_one_character_not_split_as_nfkc_would():
    slug = thai_slugify("น้ำท่วม")
    assert slug == "น้ำท่วม"
    assert "\u0e33" in slug
    assert "\u0e4d" not in slug


def test_sara_am_typed_as_nikhahit_plus_sara_aa_is_joined_back():
    """Text that went through NFKC elsewhere (ํ + า) gives the same slug as ำ."""
    assert thai_slugify("น\u0e49\u0e4d\u0e32ท่วม") == thai_slugify("น้ำท่วม")


def test_combining_vowels_and_tone_marks_are_kept_unlike_django_slugify():
    assert slugify("การเมือง", allow_unicode=True) == "การเมอง"  # what we avoid
    assert thai_slugify("การเมือง") == "การเมือง"


def test_zero_width_characters_are_removed_without_leaving_a_hyphen():
    assert thai_slugify("กรุง\u200bเทพ") == "กรุงเทพ"
    assert thai_slugify("\ufeffข่าว\u200cด่วน\u200d\u2060") == "ข่าวด่วน"


def test_ascii_is_lowercased_and_mixed_with_thai():
    assert thai_slugify("UCLG ASPAC เชิญ") == "uclg-aspac-เชิญ"


def test_runs_of_punctuation_and_spaces_become_one_hyphen_and_ends_are_stripped():
    assert thai_slugify("  (ด่วน!) ไฟไหม้ / ตลาด, บางกะปิ...  ") == "ด่วน-ไฟไหม้-ตลาด-บางกะปิ"


def test_no_hyphen_is_added_between_thai_words_the_author_did_not_separate():
    assert thai_slugify("ฝนตกหนักทั่วกรุงเทพ") == "ฝนตกหนักทั่วกรุงเทพ"


def test_mai_yamok_and_thai_digits_are_kept():
    assert thai_slugify("ไปๆ มาๆ ปี ๒๕๖๕") == "ไปๆ-มาๆ-ปี-๒๕๖๕"


def test_latin_accents_are_removed_but_the_letters_kept():
    assert thai_slugify("Café Pokémon") == "cafe-pokemon"


@pytest.mark.parametrize("title", ["", "   ", "!!!", "🙂🙂", "ฯ", "\u200b"])
def test_titles_without_letters_give_an_empty_slug(title):
    assert thai_slugify(title) == ""


def test_short_slug_is_not_cut():
    assert thai_slugify("ข่าว " * 12) == "-".join(["ข่าว"] * 12)  # 59 characters


def test_long_unspaced_thai_title_is_cut_at_a_word_boundary():
    slug = thai_slugify(LONG_UNSPACED_TITLE)
    tokens = thainlp.word_tokenize(LONG_UNSPACED_TITLE)
    kept = next(n for n in range(len(tokens) + 1) if "".join(tokens[:n]) == slug)
    assert 0 < len(slug) <= 60
    assert len("".join(tokens[: kept + 1])) > 60  # the next word would not have fitted


def test_long_spaced_title_is_cut_between_words_without_a_dangling_hyphen():
    slug = thai_slugify(LONG_SPACED_TITLE)
    full = thai_slugify(LONG_SPACED_TITLE, max_length=1000)
    assert len(slug) <= 60 < len(full)
    assert full.startswith(slug)
    assert not slug.endswith("-")
    assert slug.startswith("นายกรัฐมนตรี-ลงพื้นที่-")
    remainder = full[len(slug) :]
    # The cut is either at an author's hyphen or between two tokens of one part.
    last_part = slug.rsplit("-", 1)[-1]
    next_part = full.rsplit("-")[slug.count("-")]
    assert remainder.startswith("-") or any(
        "".join(thainlp.word_tokenize(next_part)[:n]) == last_part for n in range(1, 50)
    )


def test_max_length_is_respected_for_a_smaller_limit():
    slug = thai_slugify("UCLG ASPAC เชิญ ประชุม", max_length=12)
    assert slug == "uclg-aspac"


def test_one_overlong_ascii_word_is_cut_hard():
    assert thai_slugify("x" * 80) == "x" * 60


def test_hard_cut_never_parts_a_consonant_from_its_vowel():
    """กิ×40 is one newmm token: a cut at 59 would leave ก without its ิ."""
    slug = thai_slugify("กิ" * 40, max_length=59)
    assert slug == "กิ" * 29


def test_hard_cut_never_leaves_a_leading_vowel_without_its_consonant():
    assert _safe_cut("กกเก", 3) == "กก"
    assert _safe_cut("กน้ำ", 3) == "ก"
    assert _safe_cut("abc-def", 4) == "abc"


def test_malformed_text_is_never_cut_before_a_mark_or_after_a_leading_vowel():
    """newmm splits ๙|ัท and แ|๙ (malformed input); those pieces stay together."""
    assert thainlp.word_tokenize("๙ัท") == ["๙", "ัท"]
    assert _words("๙ัท") == ["๙ัท"]
    assert _words("แ๙") == ["แ๙"]
    assert _words("นายกรัฐมนตรีลงพื้นที่") == ["นายกรัฐมนตรี", "ลง", "พื้นที่"]


def test_max_length_must_be_positive():
    with pytest.raises(ValueError, match="max_length"):
        thai_slugify("ข่าว", max_length=0)


@pytest.mark.parametrize("slug", ["ผู้ว่า-กทม", "uclg-aspac-เชิญ", "news-2565", "Mixed_Case"])
def test_converter_regex_matches_thai_and_legacy_slugs(slug):
    assert re.fullmatch(ThaiSlugConverter.regex, slug)


@pytest.mark.parametrize("slug", ["a/b", "a b", "a.b", "<script>", ""])
def test_converter_regex_rejects_path_separators_and_other_characters(slug):
    assert not re.fullmatch(ThaiSlugConverter.regex, slug)


def test_django_slug_converter_would_not_match_thai():
    assert not re.fullmatch(get_converters()["slug"].regex, "ผู้ว่า-กทม")


def test_thai_slug_round_trips_through_reverse_and_resolve():
    url = reverse("test-article", kwargs={"pk": 7, "slug": "ผู้ว่า-กทม"}, urlconf=__name__)
    assert url.isascii()  # percent-encoded for the Location header and links
    match = resolve(unquote(url), urlconf=__name__)
    assert match.kwargs == {"pk": 7, "slug": "ผู้ว่า-กทม"}


@pytest.mark.parametrize("slug", ["ผู้ว่า-กทม", "uclg-aspac-เชิญ", "2565", "a", "น้ำท่วม"])
def test_validator_accepts_thai_slugs(slug):
    validate_thai_slug(slug)


@pytest.mark.parametrize(
    "slug", ["a b", "<script>", "", "-abc", "abc-", "a--b", "ABC", "a_b", "ผู้ว่า/กทม"]
)
def test_validator_rejects_spaces_markup_uppercase_and_stray_hyphens(slug):
    with pytest.raises(ValidationError):
        validate_thai_slug(slug)


TITLES = [
    "ผู้ว่าฯ กทม. ลงพื้นที่ตรวจน้ำท่วมเขตบางนา",
    "นายกฯ ประชุม ครม. สัญจร ที่เชียงใหม่",
    "ราคาทองวันนี้ (12 ก.ย. 65) ขึ้น 100 บาท",
    "ฝนตกหนัก! กรมอุตุฯ เตือน 30 จังหวัด",
    "COVID-19: ยอดผู้ป่วยรายใหม่ลดลงต่อเนื่อง",
    "ทีมชาติไทย ชนะ เวียดนาม 2-1 ศึกซูซูกิคัพ",
    "เปิดตัว iPhone รุ่นใหม่ ราคาในไทยเริ่มต้น 32,900 บาท",
    "ตลาดหุ้นไทย SET Index ปิดบวก 5.2 จุด",
    "“ชัชชาติ” ชวนคนกรุงปลูกต้นไม้ล้านต้น",
    "สภาฯ ถกร่าง พ.ร.บ. งบประมาณ ปี ๒๕๖๖",
    "เทศกาลกินเจ 2565 — เมนูแนะนำ",
    "รถไฟฟ้าสายสีเขียว: ค่าโดยสารใหม่ 59 บาท?",
    "น้ำท่วมขัง ถ.สุขุมวิท ซ.71 รถติดยาว",
    "กรุงเทพฯ ติดอันดับเมืองน่าเที่ยวของโลก",
    "Bangkok Post: Tourism rebounds after pandemic",
    "แบงก์ชาติ ขึ้นดอกเบี้ยนโยบาย 0.25%",
    "ครูไทยคว้ารางวัล Global Teacher Prize",
    "ไฟไหม้โกดังสินค้า ย่านลาดกระบัง ไม่มีผู้บาดเจ็บ",
    "สงกรานต์ปีนี้ เล่นน้ำได้ไหม? ศบค. ตอบแล้ว",
    "ทุเรียนหมอนทอง ส่งออกจีนพุ่ง 40%",
    "ม.ธรรมศาสตร์ เปิดรับสมัคร TCAS รอบ 1",
    "\u200bข่าวด่วน\u200b: แผ่นดินไหวขนาด 5.1 ที่เชียงราย",
    "ดร.เบอร์นาเดีย ร่วมเวที UCLG ASPAC",
    "พล.ต.อ. สั่งการตำรวจทั่วประเทศ",
    "เลือกตั้ง ส.ส. 2566: ผลคะแนนอย่างไม่เป็นทางการ",
    "ลอยกระทง ๒๕๖๕ ณ สวนลุมพินี",
    "ค่าไฟงวดใหม่ 4.72 บาท/หน่วย",
    "ท่องเที่ยวเกาะสมุย ฯลฯ ช่วงไฮซีซั่น",
    "หมูกระทะ vs ชาบู: คนไทยชอบอะไรมากกว่า",
    "E-Sport ไทย คว้าเหรียญทองซีเกมส์",
    "โควิดสายพันธุ์ใหม่ XBB.1.5 พบในไทยแล้ว",
    "น้องหมาหลงทาง ได้กลับบ้านหลังหายไป 3 ปี",
    "ร้านก๋วยเตี๋ยวเรือเจ้าเก่า ปิดตำนาน 50 ปี",
    "ผศ.ดร. นักวิจัยไทย พัฒนาวัคซีนไข้เลือดออก",
    "รฟม. แจงปมประมูลสายสีส้ม",
    "ไปๆ มาๆ ก็ยังไม่ได้ข้อสรุป",
    "ห้าง 'เซ็นทรัล' ลดราคากลางปี",
    "#SaveThaiForest ชาวเน็ตร่วมรณรงค์",
    "กทม.เตรียมรับมือพายุโนรู",
    "ข้าวหอมมะลิไทย ชนะเลิศข้าวดีที่สุดในโลก",
    "ดัชนีความเชื่อมั่นผู้บริโภคเดือนสิงหาคมปรับตัวดีขึ้นต่อเนื่องเป็นเดือนที่สาม",
    "การรถไฟแห่งประเทศไทยเปิดให้บริการรถไฟทางคู่สายใต้ช่วงนครปฐมถึงชุมพรอย่างเป็นทางการ",
    "Café เปิดใหม่ย่านอารีย์ 🙂☕",
    "TIME 100: คนไทยติดโผผู้ทรงอิทธิพล",
    "ภูเก็ต — เมืองหลวงแห่งอาหารทะเล",
    "ประกาศผลสอบ O-NET ม.6 ปีการศึกษา 2565",
    "[ภาพ] บรรยากาศวันแรกของเทศกาลดนตรี",
    "พายุ “หมาอ๊อน” เข้าไทย 24-26 ส.ค.",
    "เงินเฟ้อ ก.ค. 7.61% สูงสุดในรอบ 14 ปี",
    "นํ้าประปาเค็ม? การประปานครหลวงชี้แจง",
]


def test_the_title_table_has_fifty_titles():
    assert len(set(TITLES)) == 50


@pytest.mark.parametrize("title", TITLES)
def test_every_title_gives_a_valid_nonempty_slug_of_at_most_60_characters(title):
    slug = thai_slugify(title)
    assert slug
    assert len(slug) <= 60
    validate_thai_slug(slug)
    assert re.fullmatch(ThaiSlugConverter.regex, slug)
    assert "ฯ" not in slug
    assert "\u0e4d\u0e32" not in slug  # ำ is never left split


def test_random_strings_always_give_a_valid_or_empty_slug():
    """Fuzz: mixed Thai, ASCII, punctuation, emoji and invisible characters."""
    alphabet = (
        [chr(c) for c in range(0x0E01, 0x0E5C)]
        + list("abcXYZ019 -_./,()!?'\"#%&<>")
        + ["\u200b", "\ufeff", "\u00ad", "é", "🙂", "\u3000", "Ａ"]
    )
    rng = random.Random(2565)  # noqa: S311 - reproducible test data, not security
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        slug = thai_slugify(text)
        assert len(slug) <= 60, text
        if slug:
            validate_thai_slug(slug)


def test_a_dropped_character_between_separators_does_not_double_the_hyphen():
    """Found by the fuzz test: 'ก ฯ ข' once gave 'ก--ข'."""
    assert thai_slugify("ก ฯ ข") == "ก-ข"
    assert thai_slugify("a \u00ad b") == "a-b"


def test_slugs_work_when_home_is_not_writable_even_if_read_only_was_switched_off(tmp_path):
    """newsroom.thainlp forces pythainlp read-only and offline before importing it."""
    locked_home = tmp_path / "home"
    locked_home.mkdir(mode=0o500)
    env = {
        **os.environ,
        "HOME": str(locked_home),
        "PYTHAINLP_READ_ONLY": "0",
        "PYTHAINLP_OFFLINE": "0",
    }
    env.pop("PYTHAINLP_DATA", None)
    code = f"from newsroom.slugs import thai_slugify; print(thai_slugify({LONG_UNSPACED_TITLE!r}))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == thai_slugify(LONG_UNSPACED_TITLE)
    assert not (locked_home / "pythainlp-data").exists()
