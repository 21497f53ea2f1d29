"""Words inside compounds: found, ranked below whole words, in order in phrases; the
traps (a query that is only letters of a longer word) stay out. The rule is in
search/compounds.py and the engine's module docstring."""

from datetime import timedelta

import pytest
from django.utils import timezone

from search import compounds, engine
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db


def found(query) -> set[int]:
    return set(engine.search(query).values_list("pk", flat=True))


def ranked(query) -> list[int]:
    return list(engine.search(query).values_list("pk", flat=True))


def stories(on_commit, **bodies):
    """One published story per keyword, its text as the body (titles say nothing)."""
    now = timezone.now()
    with on_commit():
        return {
            key: make_article(
                title=f"ข่าว {n}", body=f"<p>{text}</p>", published_at=now - timedelta(hours=n)
            )
            for n, (key, text) in enumerate(bodies.items(), start=1)
        }


# --- the kinds of misses --------------------------------------------------------------


def test_a_word_inside_a_compound_is_found(on_commit):
    s = stories(
        on_commit,
        insurance="ผู้ประกันตนยื่นเรื่องที่สำนักงานประกันสังคม",
        seaside="นักท่องเที่ยวแน่นชายทะเลบางแสน",
        rubber="ราคายางพาราตกต่ำต่อเนื่อง",
        election="คณะกรรมการการเลือกตั้งประกาศผลอย่างเป็นทางการ",
        drugs="ตำรวจยึดยาเสพติดได้จำนวนมาก",
        university="รัฐบาลเพิ่มงบให้มหาวิทยาลัยในภูมิภาค",
    )
    assert found("ประกัน") == {s["insurance"].pk}
    assert found("สังคม") == {s["insurance"].pk}
    assert found("ทะเล") == {s["seaside"].pk}
    assert found("ยาง") == {s["rubber"].pk}
    assert found("เลือกตั้ง") == {s["election"].pk}
    assert found("ยา") == {s["drugs"].pk}
    assert found("วิทยาลัย") == {s["university"].pk}


def test_a_word_glued_to_the_word_before_it_is_found(on_commit):
    s = stories(
        on_commit,
        checkup="ชาวบ้านแห่ตรวจสุขภาพฟรีที่อนามัย",
        body_check="ทีมแพทย์ตรวจร่างกายนักกีฬาก่อนแข่ง",
        entrance="นักเรียนสอบเข้ามหาวิทยาลัยได้ทั้งห้อง",
        results="ประกาศผลสอบนักธรรมชั้นตรี",
        plantation="ชาวบ้านปลูกสวนยางบนที่ดินของตนเอง",
    )
    assert found("ตรวจ") == {s["checkup"].pk, s["body_check"].pk}
    assert found("สุขภาพ") == {s["checkup"].pk}
    assert found("สอบ") == {s["entrance"].pk, s["results"].pk}
    assert found("ยาง") == {s["plantation"].pk}


def test_a_compound_cut_at_the_wrong_place_is_found_by_the_word_a_reader_types(on_commit):
    s = stories(
        on_commit,
        # รถจักร|ยานยนต์ (a locomotive, a motor vehicle) is a cut of it too
        motorcycle="รถจักรยานยนต์ชนท้ายรถกระบะบนถนนสายหลัก",
        # newmm cuts ชาวสวน|ยางพารา: สวนยาง runs across the two
        growers="ชาวสวนยางพาราเดือดร้อนหนัก",
    )
    assert found("จักรยานยนต์") == {s["motorcycle"].pk}
    assert found("กระบะ") == {s["motorcycle"].pk}
    assert found("สวนยาง") == {s["growers"].pk}
    assert found("ยางพารา") == {s["growers"].pk}


# --- the traps ------------------------------------------------------------------------


def test_the_trap_words_stay_out(on_commit):
    s = stories(
        on_commit,
        eye="หมอเตือนให้พักสายตาทุกชั่วโมง ตา เป็นอวัยวะสำคัญ",
        eyes="วิธีดูแลดวงตาให้สดใส",
        flu="ผู้ป่วยไข้หวัดเพิ่มขึ้นช่วงหน้าฝน",
        tak="น้ำป่าไหลหลากที่จังหวัดตาก",
        table="ตารางแข่งขันฟุตบอลนัดต่อไป",
        drying="ชาวบ้านออกมาตากผ้าและตากลมหน้าบ้าน",
        city="เมืองเก่ามีนักท่องเที่ยวมาก",
        hand="นักกีฬาบาดเจ็บที่มือ ต้องพักสองสัปดาห์",
        phone="ค่ายมือถือขึ้นราคาแพ็กเกจ",
        cold="เด็กเป็นหวัดหลายคน",
        province="จังหวัดเตรียมพร้อมรับฝนหนัก",
        medicine="โรงพยาบาลแจกยาฟรีทุกวัน",
        hard="ข้อสอบปีนี้ยากมาก",
        poverty="ครอบครัวยากจนได้รับเงินช่วยเหลือ",
        politics="นักการเมืองถกกันเรื่องการเมืองท้องถิ่น",
        airport="เที่ยวบินที่ดอนเมืองล่าช้า",
        chiang_mai="หมอกควันปกคลุมเชียงใหม่",
        lake="ทะเลสาบสงขลาน้ำเค็มขึ้น",
        people="ประชาชนร่วมงานจำนวนมาก",
        employer="ผู้ว่าจ้างค้างค่าแรงคนงาน",
    )
    assert found("ตา") == {s["eye"].pk, s["eyes"].pk}  # ดวงตา; not ตาก, ตาราง, ตากลม
    assert found("มือ") == {s["hand"].pk}  # not เมือง, มือถือ
    assert found("หวัด") == {s["cold"].pk, s["flu"].pk}  # ไข้หวัด; not จังหวัด
    assert found("ยา") == {s["medicine"].pk}  # not ยาก, ยากจน
    assert found("เมือง") == {s["city"].pk}  # not การเมือง, นักการเมือง, ดอนเมือง
    assert found("ใหม่") == set()  # not เชียงใหม่
    assert found("ทะเล") == set()  # a lake is not the sea
    assert found("ชน") == set()  # not ประชาชน
    assert found("ผู้ว่า") == set()  # an employer is not a governor


def test_the_rule_on_its_own():
    vocab = engine.vocabulary()
    words = vocab.related
    # one syllable, or readings that disagree: nothing inside
    assert words("ตาก") == {"ตาก"}
    assert compounds.syllable_boundaries("ตากลม")[1] == frozenset()
    assert words("ตากลม") == {"ตากลม"}
    # two syllables held as one unit by the dictionary, the corpus or Wikipedia
    for unit in ["ตาราง", "จังหวัด", "การเมือง", "มือถือ", "เชียงใหม่", "รถไฟ"]:
        assert words(unit) == {unit}, unit
    # two syllables that are not a unit come apart
    assert {"สอบ", "เข้า"} <= words("สอบเข้า")
    # longer: the first part may have one syllable, a later one not (but a tail may)
    assert {"ชาย", "ทะเล"} <= words("ชายทะเล")
    assert {"ผู้", "ว่าจ้าง"} <= words("ผู้ว่าจ้าง") and "ผู้ว่า" not in words("ผู้ว่าจ้าง")
    assert "ทะเล" not in words("ทะเลสาบ") and "ประชา" not in words("ประชาชน")
    assert "เมือง" in words("เทศบาลเมือง")
    # a part that means what the whole means comes loose, even from a unit
    assert "ตา" in words("ดวงตา") and "หวัด" in words("ไข้หวัด") and "หาด" in words("ชายหาด")
    assert "ดวง" not in words("ดวงตา") and "ชาย" not in words("ชายหาด")
    # every allowed cut, not only one
    assert {"รถจักร", "ยานยนต์", "จักรยานยนต์"} <= words("รถจักรยานยนต์")
    assert {"ผู้ว่า", "ราชการ", "ผู้ว่าราชการ", "จังหวัด"} <= words("ผู้ว่าราชการจังหวัด")


def test_the_head_of_a_unit_of_two_syllables_comes_loose():
    words = engine.vocabulary().related
    # after a nominal prefix (after การ only a verb), before the agent suffix กร
    assert "ป่วย" in words("ผู้ป่วย") and "ผู้" not in words("ผู้ป่วย")
    assert "นา" in words("ชาวนา") and "ชา" not in words("ชาวนา")
    assert "เกษตร" in words("การเกษตร") and "เกษตร" in words("เกษตรกร")
    assert "เมือง" not in words("การเมือง") and "บ้าน" not in words("การบ้าน")
    # a verb and its object; a noun and its adjective (the noun only)
    assert {"ล้าง", "มือ"} <= words("ล้างมือ") and "นา" in words("ทำนา")
    assert "ตา" in words("ตาแดง") and "แดง" not in words("ตาแดง")
    # neither: a noun and a noun, a noun and a verb
    for unit in ["ตาราง", "แม่น้ำ", "นาที", "มือถือ", "กล้วยไม้"]:
        assert words(unit) == {unit}, unit


def test_a_place_of_two_syllables_is_one_word(on_commit):
    s = stories(
        on_commit,
        fire="ไฟไหม้อาคารย่านทองหล่อ",
        border="ตากเปิดจุดผ่อนปรนชายแดนแม่สอด",
        gold="ราคาทองคำขึ้น ร้านทองคึกคัก",
        town="นักท่องเที่ยวเดินชมเมืองเก่า",  # a town named "old town" is one
    )
    assert found("ทอง") == {s["gold"].pk}
    assert found("แม่") == set()
    assert found("ทองหล่อ") == {s["fire"].pk} and found("แม่สอด") == {s["border"].pk}
    assert found("เมือง") == {s["town"].pk}


def test_no_word_across_two_tokens_starts_inside_a_unit(on_commit):
    s = stories(on_commit, politics="การเมืองร้อนระอุหลังฝ่ายค้านยื่นญัตติ")
    assert found("เมือง") == set()
    assert found("การเมือง") == {s["politics"].pk}


def test_a_name_is_never_cut(on_commit):
    person = make_person(title="นาย", name="สมชาย ชายทะเล")
    with on_commit():
        story = make_article(title="ข่าวหนึ่ง", body="<p>นายสมชาย ชายทะเล ให้สัมภาษณ์</p>")
        story.people.add(person)
    assert found("ชายทะเล") == {story.pk}
    assert found("ทะเล") == set()


# --- ranking and phrases ------------------------------------------------------------------


def test_a_whole_word_ranks_above_the_same_word_inside_a_compound(on_commit):
    now = timezone.now()
    with on_commit():
        # The compound is newer and in the headline; the whole word still comes first.
        inside = make_article(title="ชายทะเลคึกคัก", published_at=now - timedelta(hours=1))
        whole = make_article(
            title="ข่าวเช้า", body="<p>ทะเลมีคลื่นสูง</p>", published_at=now - timedelta(hours=2)
        )
        in_body = make_article(
            title="ข่าวค่ำ", body="<p>ชายทะเลมีคลื่นสูง</p>", published_at=now - timedelta(hours=3)
        )
    assert ranked("ทะเล") == [whole.pk, inside.pk, in_body.pk]
    # A query for the compound itself finds it whole: weights as before.
    assert ranked("ชายทะเล") == [inside.pk, in_body.pk]


def test_a_phrase_still_means_the_words_in_order(on_commit):
    s = stories(
        on_commit,
        rubber="ราคายางพาราตกต่ำ",
        reversed="ยางแตกเพราะราคาถูก",
        seaside="เดินเล่นริมชายทะเลตอนเย็น",
    )
    assert found('"ราคา ยาง"') == {s["rubber"].pk}
    assert found('"ราคายาง"') == {s["rubber"].pk}
    assert found('"ยาง ราคา"') == set()
    assert found("ยางพารา ตกต่ำ") == {s["rubber"].pk}
    assert found('"ยาง พารา ตกต่ำ"') == {s["rubber"].pk}
    assert found('"พารา ยาง"') == set()
    # a word with pieces in the middle of a phrase: the next word follows its last unit
    assert found("ราคายางพาราตกต่ำ") == found('"ราคา ยางพารา ตกต่ำ"') == {s["rubber"].pk}
    assert found('"ริม ชายทะเล"') == found('"ริมชายทะเล"') == {s["seaside"].pk}
    assert found('"ทะเล ตอนเย็น"') == {s["seaside"].pk}
    assert found('"ตอนเย็น ทะเล"') == set()


def test_positions_follow_the_pieces():
    vocab = engine.vocabulary()
    placed, width = vocab.layout("ราคายางพาราตกต่ำ")
    where = {(word, whole): (first, last) for word, first, last, whole in placed}
    assert width == 4
    assert where[("ราคา", True)] == (0, 0)
    assert where[("ยางพารา", True)] == (1, 2)
    assert where[("ยาง", False)] == (1, 1)
    assert where[("พารา", False)] == (2, 2)
    assert where[("ตกต่ำ", True)] == (3, 3)


# --- English words joined by hyphens and slashes ---------------------------------------------


def test_hyphenated_and_slashed_words_are_found_by_their_parts_and_whole(on_commit):
    s = stories(
        on_commit,
        prone="Residents of flood-prone districts were moved.",
        warning="A flood-warning siren failed overnight.",
        covid="ผู้ป่วยCOVID-19เพิ่มขึ้นในกรุงเทพฯ",
        io="The input/output board was replaced.",
        spaced="The flood prone areas were mapped.",
    )
    assert found("flood") == {s["prone"].pk, s["warning"].pk, s["spaced"].pk}
    assert found("flood-prone") == {s["prone"].pk, s["spaced"].pk}
    assert found("floodprone") == {s["prone"].pk}
    assert found("warning") == {s["warning"].pk}
    assert found("COVID-19") == found("covid19") == found("covid") == {s["covid"].pk}
    assert found("output") == found("input/output") == {s["io"].pk}
    assert found("prone flood") == {s["prone"].pk, s["spaced"].pk}  # both words, any order
    assert found('"prone flood"') == set()  # a phrase: in order


# --- snippets --------------------------------------------------------------------------------


def test_snippets_mark_the_word_that_holds_the_match():
    article = make_article(title="t", body="<p>ชาวสวนยางพาราเดือดร้อน ส่วนชายทะเลคึกคัก</p>")
    marked = [f.text for f in engine.snippet(article, engine.parse_query("ทะเล")) if f.marked]
    assert marked == ["ชายทะเล"]
    marked = [f.text for f in engine.snippet(article, engine.parse_query("สวนยาง")) if f.marked]
    assert marked == ["ชาวสวน", "ยางพารา"]  # across two tokens: both are marked
    flood = make_article(title="t", standfirst="", body="<p>Most areas are flood-prone.</p>")
    marked = [f.text for f in engine.snippet(flood, engine.parse_query("flood")) if f.marked]
    assert marked == ["flood-prone"]
