"""The name matcher against an original test set of Thai and English passages.

Every passage and name here is invented for the test. The accuracy test prints
precision and recall of the known links; the trap passages must give no link and no
candidate at all.
"""

import pytest

from people import matcher
from people.suggestions import NewPerson
from tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db

PEOPLE = {
    "somchai": ("นาย", "สมชาย ใจดี", ["บิ๊กชาย"]),
    "wanna": ("พญ.", "วรรณา ศรีสุข", []),
    "prasit": ("พล.ต.อ.", "ประสิทธิ์ กล้าหาญ", ["บิ๊กสิทธิ์"]),
    "arunee": ("ผศ.ดร.", "อรุณี วิเศษศักดิ์", []),
    "kanda": ("นางสาว", "กานดา มีสุข", []),
    "malee": ("นาง", "มาลี ทองดี", []),
    "thana": ("ศ.ดร.", "ธนา วงศ์ใหญ่", []),
    "jane": ("Dr", "Jane Whitfield", ["J. Whitfield"]),
}
ORGANISATIONS = {
    "bma": ("กรุงเทพมหานคร", "กทม.", ["กรุงเทพฯ"]),
    "uclg": ("United Cities and Local Governments Asia Pacific", "UCLG ASPAC", []),
    "who": ("World Health Organization", "WHO", ["องค์การอนามัยโลก"]),
    "moph": ("กระทรวงสาธารณสุข", "สธ.", []),
    "police": ("สำนักงานตำรวจแห่งชาติ", "สตช.", []),
    "tdri": ("Thailand Development Research Institute", "TDRI", ["ทีดีอาร์ไอ"]),
}

# (passage, expected known names, expected candidates as (title, name))
PASSAGES = [
    ("นายสมชาย ใจดี ผู้อำนวยการเขตบางรัก กล่าวว่าจะเร่งลอกคลอง", {"somchai"}, []),
    ("เมื่อวานนี้ นาย สมชาย ใจดี ลงพื้นที่ตรวจน้ำท่วม", {"somchai"}, []),
    ("พญ.วรรณา ศรีสุข แพทย์ผู้เชี่ยวชาญโรคปอด เตือนเรื่องฝุ่น", {"wanna"}, []),
    ("พล.ต.อ.ประสิทธิ์ กล้าหาญ ผู้บัญชาการ สตช. สั่งการด่วน", {"prasit", "police"}, []),
    ("บิ๊กสิทธิ์ สั่งตั้งด่านตรวจทั่วกรุง", {"prasit"}, []),
    ("ผศ.ดร.อรุณี วิเศษศักดิ์ นักวิชาการ TDRI ให้ความเห็น", {"arunee", "tdri"}, []),
    ("ผศ. ดร. อรุณี วิเศษศักดิ์ ชี้ว่าเศรษฐกิจจะฟื้นตัวช้า", {"arunee"}, []),
    ("UCLG ASPAC เชิญชวนผู้ว่าฯ กทม.เป็นสมาชิกองค์การ", {"uclg", "bma"}, []),
    ("The WHO said on Monday that Dr Jane Whitfield would lead the team.", {"who", "jane"}, []),
    ("องค์การอนามัยโลกเตือนให้ระวังไข้หวัดใหญ่", {"who"}, []),
    ("กรุงเทพฯ ฝนตกหนักตั้งแต่เช้ามืด", {"bma"}, []),
    ("นายกรัฐมนตรีสั่งการให้กระทรวงสาธารณสุขเร่งจัดหาวัคซีน", {"moph"}, []),
    ("นางสาวกานดา มีสุข ผู้ประกอบการร้านอาหาร ร้องเรียนเรื่องค่าไฟ", {"kanda"}, []),
    ("นางมาลี ทองดี แม่ค้าตลาดสด ยืนยันว่าราคาผักสูงขึ้น", {"malee"}, []),
    ("ศ.ดร.ธนา วงศ์ใหญ่ นายกสภามหาวิทยาลัย แถลงข่าว", {"thana"}, []),
    ("ต่อมานายสมชายกล่าวว่าจะติดตามงานทุกสัปดาห์", {"somchai"}, []),
    ("Jane Whitfield of the World Health Organization visited Bangkok.", {"jane", "who"}, []),
    ("TDRI economists expect slower growth this year.", {"tdri"}, []),
    ("สธ.ประกาศมาตรการใหม่สำหรับโรงพยาบาลรัฐ", {"moph"}, []),
    ("ข้อมูลจากสำนักงานตำรวจแห่งชาติระบุว่าคดีลดลง", {"police"}, []),
    ("บิ๊กชายเดินทางไปตรวจงานที่เขตบางรัก", {"somchai"}, []),
    ("สมชาย ใจดี และ มาลี ทองดี ร่วมประชุม", {"somchai", "malee"}, []),
    ("นายจ้างของนายสมชาย ใจดี ยังไม่จ่ายค่าแรง", {"somchai"}, []),
    ("คุณภาพอากาศในกรุงเทพมหานครแย่ลงอีกครั้ง", {"bma"}, []),
    ("ทีดีอาร์ไอ ระบุว่าหนี้ครัวเรือนยังสูง", {"tdri"}, []),
    ("J. Whitfield told reporters the results were early.", {"jane"}, []),
    ("พล.ต.อ. ประสิทธิ์ กล้าหาญ และ พญ. วรรณา ศรีสุข ร่วมงาน", {"prasit", "wanna"}, []),
    (
        "นางสาวพิมพ์ชนก ศรีวงศ์ นักศึกษาแพทย์ พบนายสมชาย ใจดี",
        {"somchai"},
        [("นางสาว", "พิมพ์ชนก ศรีวงศ์")],
    ),
    ("Mr Peter Grant, a spokesman, met Dr Jane Whitfield.", {"jane"}, [("Mr", "Peter Grant")]),
    (
        "รศ.นพ.วีระ ทองคำ และ พล.ต.อ.ดร. อนันต์ ศักดิ์ดี ให้สัมภาษณ์",
        set(),
        [("รศ.นพ.", "วีระ ทองคำ"), ("พล.ต.อ.ดร.", "อนันต์ ศักดิ์ดี")],
    ),
    ("นายวิชัย รักไทยกล่าวว่า กทม. จะช่วยเหลือ", {"bma"}, [("นาย", "วิชัย รักไทย")]),
    ("who knows what the whole world health debate will bring", set(), []),
]

# Ordinary words that begin like titles: no link and no candidate.
TRAPS = [
    "นายกรัฐมนตรีเดินทางถึงทำเนียบรัฐบาล",
    "นายจ้างต้องจ่ายค่าจ้างตามกฎหมาย",
    "นางแบบชื่อดังร่วมเดินแบบการกุศล",
    "พระราชบัญญัติฉบับใหม่มีผลบังคับใช้",
    "นายกเทศมนตรีนครเชียงใหม่ ประชุมด่วน",
    "นายก อบต. สั่งปิดถนน",
    "นายกฯ ลงพื้นที่ภาคใต้ นายจ้าง นางแบบ พระราชบัญญัติ",
    "นายทุนรายใหญ่ซื้อที่ดิน นางพยาบาล ดูแลผู้ป่วย",
    "คุณภาพชีวิต คุณจะทำอย่างไร พระอาทิตย์ตก",
    "น้ำท่วมที่ อ.แม่ริม จังหวัดเชียงใหม่ และ อ.เมือง จ.ลำปาง",
    "นายอำเภอเมืองสั่งการ นายแพทย์ใหญ่ประจำจังหวัด ตรวจเยี่ยม",
    "นางพยาบาลวิชาชีพ ทำงานหนัก นายสถานีรถไฟ ให้ข้อมูล",
    "นายสถานีรถไฟ ชี้แจง นายทหารเรือ สังกัด นายตำรวจ นายทะเบียน",
]


@pytest.fixture
def known(django_capture_on_commit_callbacks):
    # Names reach the matcher when their transaction commits (search/signals.py).
    with django_capture_on_commit_callbacks(execute=True):
        ids = {}
        for key, (title, name, aliases) in PEOPLE.items():
            ids[matcher.PERSON, make_person(title=title, name=name, aliases=aliases).pk] = key
        for key, (name, short_name, aliases) in ORGANISATIONS.items():
            organisation = make_organisation(name=name, short_name=short_name, aliases=aliases)
            ids[matcher.ORGANISATION, organisation.pk] = key
    return ids


def found_keys(text: str, known: dict) -> set[str]:
    findings = matcher.find_names(text)
    return {known[m.kind, m.pk] for m in findings.mentions}


def test_accuracy_on_the_test_set(known):
    assert len(PASSAGES) >= 30
    true_positives = false_positives = false_negatives = 0
    misses = []
    for passage, expected, _candidates in PASSAGES:
        found = found_keys(passage, known)
        true_positives += len(found & expected)
        false_positives += len(found - expected)
        false_negatives += len(expected - found)
        if found != expected:
            misses.append((passage, sorted(found), sorted(expected)))
    precision = true_positives / ((true_positives + false_positives) or 1)
    recall = true_positives / ((true_positives + false_negatives) or 1)
    print(
        f"\nname matcher: {len(PASSAGES)} passages, precision {precision:.3f}, "
        f"recall {recall:.3f} ({true_positives} found, {false_positives} false, "
        f"{false_negatives} missed)"
    )
    assert recall >= 0.95, misses
    assert precision >= 0.95, misses


def test_candidates_for_new_people_on_the_test_set(known):
    for passage, _expected, candidates in PASSAGES:
        found = [(c.title, c.name) for c in matcher.find_names(passage).candidates]
        assert found == candidates, passage


@pytest.mark.parametrize("trap", TRAPS)
def test_words_that_begin_like_titles_give_no_link_and_no_candidate(known, trap):
    findings = matcher.find_names(trap)
    assert findings.mentions == []
    assert findings.candidates == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("กทม.", "bma"),
        ("กทม. จัดงาน", "bma"),
        ("ผู้ว่าฯกรุงเทพฯ", "bma"),
        ("แถลงโดย UCLG ASPAC วันนี้", "uclg"),
        ("(WHO)", "who"),
        ("องค์การอนามัยโลก", "who"),
        ("บิ๊กสิทธิ์", "prasit"),
    ],
)
def test_aliases_and_acronyms(known, text, key):
    assert found_keys(text, known) == {key}


@pytest.mark.parametrize(
    "text",
    [
        "UCLGASPAC",  # not the acronym: one longer word
        "uclg aspac",  # acronyms match in capitals only
        "WHOLE",
        "somewho said",
        "กทมมมม",
    ],
)
def test_acronyms_do_not_match_inside_other_words_or_in_lower_case(known, text):
    assert found_keys(text, known) == set()


@pytest.mark.parametrize(
    ("text", "title", "name"),
    [
        ("นายอัลวิน สมบูรณ์ ผู้ช่วยเลขาธิการ", "นาย", "อัลวิน สมบูรณ์"),
        ("ผศ.ดร.สมศักดิ์ ใจงาม", "ผศ.ดร.", "สมศักดิ์ ใจงาม"),
        ("พล.ต.อ.ดร. ประสาน กล้าแข็ง", "พล.ต.อ.ดร.", "ประสาน กล้าแข็ง"),
        ("พล.ต.อ. ดร.ประสาน กล้าแข็ง", "พล.ต.อ.ดร.", "ประสาน กล้าแข็ง"),
        ("นางสาวมาลัย ดีงามกล่าวว่า", "นางสาว", "มาลัย ดีงาม"),
        ("Dr. Anna Berg said", "Dr.", "Anna Berg"),
    ],
)
def test_candidates_keep_the_title_apart_from_the_name(known, text, title, name):
    candidates = matcher.find_names(text).candidates
    assert [(c.title, c.name) for c in candidates] == [(title, name)]
    url = NewPerson(title, name).add_url
    assert url.startswith("/admin/people/person/add/?title=")


def test_known_title_is_reported_as_written(known):
    findings = matcher.find_names("พล.ต.อ.ดร. ประสิทธิ์ กล้าหาญ")
    (mention,) = findings.mentions
    assert mention.title == "พล.ต.อ.ดร. "
    assert findings.written(mention) == "ประสิทธิ์ กล้าหาญ"


def test_the_dictionary_is_rebuilt_when_a_person_is_added_or_renamed(
    known, django_capture_on_commit_callbacks
):
    text = "นายเอกชัย ศรีวิชัย ผู้ใหญ่บ้าน และ นายสมชาย ใจดี"
    assert found_keys(text, known) == {"somchai"}
    before = matcher.name_index()
    with django_capture_on_commit_callbacks(execute=True):
        headman = make_person(title="นาย", name="เอกชัย ศรีวิชัย")
    findings = matcher.find_names(text)
    assert matcher.name_index() is not before
    assert headman.pk in findings.ids(matcher.PERSON)
    assert findings.candidates == []  # no longer a new person
    with django_capture_on_commit_callbacks(execute=True):
        headman.aliases = ["ผู้ใหญ่เอก"]
        headman.save()
    assert headman.pk in matcher.find_names("ผู้ใหญ่เอกเรียกประชุม").ids(matcher.PERSON)
    with django_capture_on_commit_callbacks(execute=True):
        headman.delete()
    assert matcher.find_names(text).candidates[0].name == "เอกชัย ศรีวิชัย"
