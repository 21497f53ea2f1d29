"""The name matcher against an original test set of Thai and English passages.

Every passage and name here is invented for the test, and its expected answer written
from the rules (people/matcher.py's docstring), never from the matcher's output. Each
passage lists every known name it must find (anything else found is a false link), the
new people it must offer, and the known names it must never be linked to. The accuracy
test prints precision and recall of the links and of the new people; the trap passages
must give no link and no candidate at all.
"""

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from typing import NamedTuple

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
    "malee": ("นางสาว", "มาลี ทองดี", []),
    "thana": ("ศ.ดร.", "ธนา วงศ์ใหญ่", []),
    "jane": ("Dr", "Jane Whitfield", ["J. Whitfield"]),
    "chadchart": ("นาย", "ชัชชาติ สิทธิพันธุ์", []),
    "somsak": ("รศ.", "สมศักดิ์ เจริญผล", []),
    "teera": ("นพ.", "ธีระ วัฒนกุล", []),
    "kittipong": ("ดร.", "กิตติพงศ์ อินทรประเสริฐ", []),
    "suda": ("นาง", "สุดา พรหมมา", []),
}
ORGANISATIONS = {
    "bma": ("กรุงเทพมหานคร", "กทม.", ["กรุงเทพฯ"]),
    "uclg": ("United Cities and Local Governments Asia Pacific", "UCLG ASPAC", []),
    "who": ("World Health Organization", "WHO", ["องค์การอนามัยโลก"]),
    "moph": ("กระทรวงสาธารณสุข", "สธ.", []),
    "police": ("สำนักงานตำรวจแห่งชาติ", "สตช.", []),
    "tdri": ("Thailand Development Research Institute", "TDRI", ["ทีดีอาร์ไอ"]),
    "ect": ("สำนักงานคณะกรรมการการเลือกตั้ง", "กกต.", []),
    "bot": ("ธนาคารแห่งประเทศไทย", "ธปท.", ["แบงก์ชาติ"]),
    "nacc": ("สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ", "ป.ป.ช.", []),
}


class Passage(NamedTuple):
    text: str
    find: AbstractSet[str]  # every known name the passage names: anything else is false
    new: Sequence[tuple[str, str]] = ()  # candidates for new people (title, name), in order
    never: AbstractSet[str] = frozenset()  # known names it must never link (the point)


P = Passage

PASSAGES = [
    P("นายสมชาย ใจดี ผู้อำนวยการเขตบางรัก กล่าวว่าจะเร่งลอกคลอง", {"somchai"}),
    P("เมื่อวานนี้ นาย สมชาย ใจดี ลงพื้นที่ตรวจน้ำท่วม", {"somchai"}),
    P("พญ.วรรณา ศรีสุข แพทย์ผู้เชี่ยวชาญโรคปอด เตือนเรื่องฝุ่น", {"wanna"}),
    P("พล.ต.อ.ประสิทธิ์ กล้าหาญ ผู้บัญชาการ สตช. สั่งการด่วน", {"prasit", "police"}),
    P("บิ๊กสิทธิ์ สั่งตั้งด่านตรวจทั่วกรุง", {"prasit"}),
    P("ผศ.ดร.อรุณี วิเศษศักดิ์ นักวิชาการ TDRI ให้ความเห็น", {"arunee", "tdri"}),
    P("ผศ. ดร. อรุณี วิเศษศักดิ์ ชี้ว่าเศรษฐกิจจะฟื้นตัวช้า", {"arunee"}),
    P("UCLG ASPAC เชิญชวนผู้ว่าฯ กทม.เป็นสมาชิกองค์การ", {"uclg", "bma"}),
    P("The WHO said on Monday that Dr Jane Whitfield would lead the team.", {"who", "jane"}),
    P("องค์การอนามัยโลกเตือนให้ระวังไข้หวัดใหญ่", {"who"}),
    P("กรุงเทพฯ ฝนตกหนักตั้งแต่เช้ามืด", {"bma"}),
    P("นายกรัฐมนตรีสั่งการให้กระทรวงสาธารณสุขเร่งจัดหาวัคซีน", {"moph"}),
    P("นางสาวกานดา มีสุข ผู้ประกอบการร้านอาหาร ร้องเรียนเรื่องค่าไฟ", {"kanda"}),
    P("นางมาลี ทองดี แม่ค้าตลาดสด ยืนยันว่าราคาผักสูงขึ้น", {"malee"}),
    P("ศ.ดร.ธนา วงศ์ใหญ่ นายกสภามหาวิทยาลัย แถลงข่าว", {"thana"}),
    P("ต่อมานายสมชายกล่าวว่าจะติดตามงานทุกสัปดาห์", {"somchai"}),
    P("Jane Whitfield of the World Health Organization visited Bangkok.", {"jane", "who"}),
    P("TDRI economists expect slower growth this year.", {"tdri"}),
    P("สธ.ประกาศมาตรการใหม่สำหรับโรงพยาบาลรัฐ", {"moph"}),
    P("ข้อมูลจากสำนักงานตำรวจแห่งชาติระบุว่าคดีลดลง", {"police"}),
    P("บิ๊กชายเดินทางไปตรวจงานที่เขตบางรัก", {"somchai"}),
    P("สมชาย ใจดี และ มาลี ทองดี ร่วมประชุม", {"somchai", "malee"}),
    P("นายจ้างของนายสมชาย ใจดี ยังไม่จ่ายค่าแรง", {"somchai"}),
    P("คุณภาพอากาศในกรุงเทพมหานครแย่ลงอีกครั้ง", {"bma"}),
    P("ทีดีอาร์ไอ ระบุว่าหนี้ครัวเรือนยังสูง", {"tdri"}),
    P("J. Whitfield told reporters the results were early.", {"jane"}),
    P("พล.ต.อ. ประสิทธิ์ กล้าหาญ และ พญ. วรรณา ศรีสุข ร่วมงาน", {"prasit", "wanna"}),
    P(
        "นางสาวพิมพ์ชนก ศรีวงศ์ นักศึกษาแพทย์ พบนายสมชาย ใจดี",
        {"somchai"},
        [("นางสาว", "พิมพ์ชนก ศรีวงศ์")],
    ),
    P("Mr Peter Grant, a spokesman, met Dr Jane Whitfield.", {"jane"}, [("Mr", "Peter Grant")]),
    P(
        "รศ.นพ.วีระ ทองคำ และ พล.ต.อ.ดร. อนันต์ ศักดิ์ดี ให้สัมภาษณ์",
        set(),
        [("รศ.นพ.", "วีระ ทองคำ"), ("พล.ต.อ.ดร.", "อนันต์ ศักดิ์ดี")],
    ),
    P("นายวิชัย รักไทยกล่าวว่า กทม. จะช่วยเหลือ", {"bma"}, [("นาย", "วิชัย รักไทย")]),
    P("who knows what the whole world health debate will bring", set()),
    # Given name and family name written together (copy and captions).
    P("เมื่อเช้านี้ นายชัชชาติสิทธิพันธุ์ ผู้ว่าฯ กทม. ลงพื้นที่เขตดอนเมือง", {"chadchart", "bma"}),
    P("ชัชชาติสิทธิพันธุ์กล่าวว่าจะเร่งแก้ปัญหาน้ำท่วมขัง", {"chadchart"}),
    P("ภาพ: ผศ.ดร.อรุณีวิเศษศักดิ์ บรรยายพิเศษที่คณะเศรษฐศาสตร์", {"arunee"}),
    P("พล.ต.อ.ประสิทธิ์กล้าหาญ ผบ.ตร. สั่งการให้ตั้งด่านตรวจ", {"prasit"}),
    P("นางสาวกานดามีสุขเปิดเผยว่ายอดขายลดลงครึ่งหนึ่ง", {"kanda"}),
    P("แพทย์หญิงวรรณาศรีสุขเตือนผู้ป่วยโรคหืดให้งดออกนอกบ้าน", {"wanna"}),
    P("ผู้ร่วมเสวนาได้แก่ รศ.สมศักดิ์เจริญผล\nและ นพ.ธีระ วัฒนกุล", {"somsak", "teera"}),
    P(
        "ดร.กิตติพงศ์อินทรประเสริฐ นักเศรษฐศาสตร์ TDRI ชี้ว่าหนี้ครัวเรือนสูง",
        {"kittipong", "tdri"},
    ),
    P("ขอบคุณนางสุดาพรหมมาค่ะ ที่มาร่วมรายการวันนี้", {"suda"}),
    P("โฆษกยืนยันว่า ชัชชาติ สิทธิพันธุ์ จะไม่ลงสมัครอีก", {"chadchart"}),
    P("ผู้ว่าฯชัชชาติสิทธิพันธุ์ตอบคำถามสื่อมวลชน", {"chadchart"}),
    P("(ซ้าย) ธีระวัฒนกุล (ขวา) วรรณา ศรีสุข", {"teera", "wanna"}),
    P("แฮชแท็ก #ชัชชาติสิทธิพันธุ์ ติดเทรนด์อันดับหนึ่ง", {"chadchart"}),
    P("นางสุดาพรหมมา อายุ 52 ปี เจ้าของแผงผักในตลาด", {"suda"}),
    # A title and the given name alone: the known person, as a weaker suggestion.
    P("นางสาวมาลี กล่าวต่อว่าราคาผักสูงขึ้นทุกวัน", {"malee"}),
    P("พญ.มาลี ยืนยันว่าไม่เคยรับเงินจากบริษัทยา", {"malee"}),
    P("นายชัชชาติกล่าวว่าจะเปิดสวนสาธารณะเพิ่มอีกสิบแห่ง", {"chadchart"}),
    P("รศ.สมศักดิ์ เล่าว่าเคยทำงานที่นี่มาสิบปี", {"somsak"}),
    P("ทั้งนี้ นพ.ธีระ ได้ตรวจเยี่ยมผู้ป่วยที่ตึกอุบัติเหตุ", {"teera"}),
    P("นางสุดาบอกว่าลูกชายยังไม่กลับบ้าน", {"suda"}),
    P("ดร.กิตติพงศ์ ชี้ว่า เศรษฐกิจไทยยังเปราะบาง", {"kittipong"}),
    P("พล.ต.อ.ประสิทธิ์ ผู้บัญชาการตำรวจแห่งชาติ สั่งตั้งด่าน", {"prasit"}),
    P("นางสาวกานดา อายุ 34 ปี เจ้าของร้านอาหาร", {"kanda"}),
    P("นางสาวมาลี แม่ค้าขายผักในตลาด ยอมรับว่าขายได้น้อยลง", {"malee"}),
    P("นายสมชายและนางสาวมาลีเดินทางมาด้วยกัน", {"somchai", "malee"}),
    P("ต่อมา พล.ต.อ.ประสิทธิ์ลงพื้นที่ตรวจด่านชายแดน", {"prasit"}),
    P("ผศ.ดร.อรุณีและคณะวิจัยเผยผลสำรวจ", {"arunee"}),
    P("ผู้ที่ได้รับรางวัลคือ\nนางสาวกานดา\nกล่าวขอบคุณ", {"kanda"}),
    P("ในภาพ ศ.ดร.ธนา (ที่สองจากซ้าย) ร่วมพิธี", {"thana"}),
    P("นพ.ธีระ, รศ.สมศักดิ์ และ ดร.กิตติพงศ์ ร่วมแถลง", {"teera", "somsak", "kittipong"}),
    # A title, a known given name and another family name: a new person, never the known.
    P(
        "พญ.มาลี สุขใจ แพทย์ประจำโรงพยาบาลศิริราช ให้ข้อมูล",
        set(),
        [("พญ.", "มาลี สุขใจ")],
        {"malee"},
    ),
    P(
        "นายสมชาย บุญมา ชาวนาจังหวัดสุพรรณบุรี ร้องเรียน",
        set(),
        [("นาย", "สมชาย บุญมา")],
        {"somchai"},
    ),
    P(
        "นางสาวกานดา รุ่งเรือง กล่าวว่าได้รับผลกระทบ",
        set(),
        [("นางสาว", "กานดา รุ่งเรือง")],
        {"kanda"},
    ),
    P(
        "ผศ.ดร.ธนา ประเสริฐวงศ์ อาจารย์คณะวิศวกรรมศาสตร์",
        set(),
        [("ผศ.ดร.", "ธนา ประเสริฐวงศ์")],
        {"thana"},
    ),
    P(
        "นพ.ธีระ สมบูรณ์ชัย ผู้อำนวยการโรงพยาบาลจังหวัด",
        set(),
        [("นพ.", "ธีระ สมบูรณ์ชัย")],
        {"teera"},
    ),
    P(
        "พล.ต.อ.ประสิทธิ์ แก้วมณี อดีตผู้บัญชาการ ให้สัมภาษณ์",
        set(),
        [("พล.ต.อ.", "ประสิทธิ์ แก้วมณี")],
        {"prasit"},
    ),
    P(
        "นางวรรณา ทองคำกล่าวว่า ร้านค้าปิดไปแล้วสามร้าน",
        set(),
        [("นาง", "วรรณา ทองคำ")],
        {"wanna"},
    ),
    P(
        "นางสาวมาลี ทองดี และ พญ.มาลี สุขใจ ร่วมเวทีเสวนา",
        {"malee"},
        [("พญ.", "มาลี สุขใจ")],
    ),
    P(
        "นายชัชชาติ พึ่งบุญ ชาวบ้านชุมชนคลองเตย",
        set(),
        [("นาย", "ชัชชาติ พึ่งบุญ")],
        {"chadchart"},
    ),
    P(
        "ภาพ: นางสาวกานดาทองดี ผู้จัดการสหกรณ์",
        set(),
        [("นางสาว", "กานดา ทองดี")],
        {"kanda", "malee"},
    ),
    P(
        "รศ.สมศักดิ์ ศรีสุข และ รศ.สมศักดิ์ เจริญผล",
        {"somsak"},
        [("รศ.", "สมศักดิ์ ศรีสุข")],
    ),
    P(
        "นายชัชชาติสิทธิ์ วงศ์ทอง นักธุรกิจ",
        set(),
        [("นาย", "ชัชชาติสิทธิ์ วงศ์ทอง")],
        {"chadchart"},
    ),
    P(
        "นางสาวมาลีวรรณ ทองดี พนักงานบริษัท",
        set(),
        [("นางสาว", "มาลีวรรณ ทองดี")],
        {"malee"},
    ),
    P(
        "นายสมชาย ใจดีงาม ผู้ใหญ่บ้าน",
        set(),
        [("นาย", "สมชาย ใจดีงาม")],
        {"somchai"},
    ),
    P(
        "พล.ต.อ.ประสิทธิ์ กล้าหาญ ประธานในพิธี และ พล.ต.อ.ประสิทธิ์ ศรีทอง",
        {"prasit"},
        [("พล.ต.อ.", "ประสิทธิ์ ศรีทอง")],
    ),
    P(
        "ผศ.ดร.อรุณี วิเศษศักดิ์ และ ผศ.ดร.อรุณี แก้วกาญจนา",
        {"arunee"},
        [("ผศ.ดร.", "อรุณี แก้วกาญจนา")],
    ),
    P("Dr Jane Smith of Oxford said the data were thin.", set(), [("Dr", "Jane Smith")], {"jane"}),
    # New people, with titles, at line ends, before particles and organisations.
    P(
        "ผู้สื่อข่าวรายงานว่า นางสาวปวีณา แสงทอง\nนักศึกษาชั้นปีที่ 3 ได้รับบาดเจ็บ",
        set(),
        [("นางสาว", "ปวีณา แสงทอง")],
    ),
    P(
        "พล.ต.อ.ดร.ชยพล สุวรรณรัตน์ ผู้ช่วย ผบ.ตร. แถลงข่าว",
        set(),
        [("พล.ต.อ.ดร.", "ชยพล สุวรรณรัตน์")],
    ),
    P(
        "รศ.ดร. อำนาจ บุญประเสริฐ นักวิชาการด้านรัฐศาสตร์",
        set(),
        [("รศ.ดร.", "อำนาจ บุญประเสริฐ")],
    ),
    P(
        "น.ส.พรทิพย์ ใจกว้าง เจ้าหน้าที่ กกต. ชี้แจงว่า",
        {"ect"},
        [("น.ส.", "พรทิพย์ ใจกว้าง")],
    ),
    P("นพ.ปิยะ ศักดิ์สิทธิ์ โฆษก สธ. เตือนประชาชน", {"moph"}, [("นพ.", "ปิยะ ศักดิ์สิทธิ์")]),
    P("นายอนันต์ กล่าวว่าจะยื่นฟ้องภายในสัปดาห์นี้", set()),
    P(
        "ด้าน นายประยุทธ ทองสุข ผู้ใหญ่บ้าน หมู่ 5 ยืนยันว่าน้ำลดแล้ว",
        set(),
        [("นาย", "ประยุทธ ทองสุข")],
    ),
    P("ศ.นพ.สุรเชษฐ์ วงศ์ไทย คณบดีคณะแพทยศาสตร์", set(), [("ศ.นพ.", "สุรเชษฐ์ วงศ์ไทย")]),
    # Written after the rules above were coded, and run once before any change to them.
    P("นายชัชชาติสิทธิพันธุ์\nผู้ว่าราชการกรุงเทพมหานคร", {"chadchart", "bma"}),
    P("นางสุดา ยืนยันว่าจะสู้คดีถึงที่สุด", {"suda"}),
    P(
        "นางสุดา ศรีประเสริฐ ครูโรงเรียนบ้านหนองบัว",
        set(),
        [("นาง", "สุดา ศรีประเสริฐ")],
        {"suda"},
    ),
    P("ผศ.ดร.อรุณีวิเศษศักดิ์, รศ.สมศักดิ์เจริญผล", {"arunee", "somsak"}),
    P("นพ.ธีระวัฒนกุลกล่าวว่าโรงพยาบาลพร้อมรับมือ", {"teera"}),
    P("นพ.ธีระ แนะนำให้ประชาชนสวมหน้ากากอนามัย", {"teera"}),
    P(
        "นพ.ธีระ จันทร์เพ็ญ แพทย์เวรห้องฉุกเฉิน",
        set(),
        [("นพ.", "ธีระ จันทร์เพ็ญ")],
        {"teera"},
    ),
    P("ดร.กิตติพงศ์ มองว่าค่าเงินบาทจะอ่อนค่าลง", {"kittipong"}),
    P("พล.ต.อ.ประสิทธิ์ เน้นย้ำให้ทุกหน่วยเข้มงวด", {"prasit"}),
    P("นางสาวกานดา เปิดเผยกับทีมข่าวว่าร้านขาดทุน", {"kanda"}),
    P("ดร.กิตติพงศ์ คาดการณ์ว่าจีดีพีจะโตร้อยละ 3", {"kittipong"}),
    P(
        "ศ.ดร.ธนา สุขเกษม ราชบัณฑิต บรรยายเรื่องภาษาไทย",
        set(),
        [("ศ.ดร.", "ธนา สุขเกษม")],
        {"thana"},
    ),
    P("นางสาวมาลี เชื่อว่าตลาดจะกลับมาคึกคัก", {"malee"}),
    P("นายสมชาย ห่วงว่าน้ำจะท่วมอีก", {"somchai"}),
    P("รศ.สมศักดิ์ วิเคราะห์ว่ารัฐบาลจะอยู่ครบวาระ", {"somsak"}),
    P(
        "นางสาวมาลี ศรีอ่อน นักกีฬาวอลเลย์บอลทีมชาติ",
        set(),
        [("นางสาว", "มาลี ศรีอ่อน")],
        {"malee"},
    ),
    P("ภาพ: นายสมชายใจดี (กลาง) มอบเงินช่วยเหลือ", {"somchai"}),
    P("นางสุดาพรหมมาร้องไห้ขณะให้การต่อศาล", {"suda"}),
    P("พญ.วรรณา กำชับให้ผู้ป่วยกินยาครบ", {"wanna"}),
    P(
        "พญ.วรรณา รัตนพงศ์ หัวหน้าแผนกกุมารเวช",
        set(),
        [("พญ.", "วรรณา รัตนพงศ์")],
        {"wanna"},
    ),
    P("นายประเสริฐ มองว่าราคาข้าวจะดีขึ้น", set()),
    P("นายอำนาจ คาดการณ์ว่าฝนจะตกหนัก", set()),
    P("นางบุญเรือน จันทร์หอม ชาวบ้านหมู่ 2", set(), [("นาง", "บุญเรือน จันทร์หอม")]),
    P("ป.ป.ช.เรียกนายสมชาย ใจดี มาชี้แจง", {"nacc", "somchai"}),
    P("ชัชชาติ สิทธิพันธุ์ ชัชชาติสิทธิพันธุ์ ชัชชาติ", {"chadchart"}),
    P("นายกานดา สมใจ", set(), [("นาย", "กานดา สมใจ")], {"kanda"}),
    P("ดร.กิตติพงศ์อินทรประเสริฐกล่าวปิดท้าย", {"kittipong"}),
    P("นางสาวกานดามีสุขครับ", {"kanda"}),
    # A second batch, written after the rules were coded and run once before changes.
    P(
        "นายชัชชาติ สั่งปิดถนนราชดำเนิน",
        {"chadchart"},
    ),
    P("นายชัชชาติ โพสต์เฟซบุ๊กว่าจะลงพื้นที่", {"chadchart"}),
    P("นพ.ธีระ ติดตามอาการผู้ป่วยอย่างใกล้ชิด", {"teera"}),
    P("ดร.กิตติพงศ์ ประเมินว่าเงินเฟ้อจะสูงขึ้น", {"kittipong"}),
    P("พญ.วรรณา ลาออกจากตำแหน่งเมื่อวานนี้", {"wanna"}),
    P("นางสาวกานดา ตัดสินใจปิดร้าน", {"kanda"}),
    P(
        "รศ.สมศักดิ์ ทองประเสริฐ คณะรัฐศาสตร์",
        set(),
        [("รศ.", "สมศักดิ์ ทองประเสริฐ")],
        {"somsak"},
    ),
    P("นางสุดา แก้วประเสริฐ วัย 60 ปี", set(), [("นาง", "สุดา แก้วประเสริฐ")], {"suda"}),
    P("ผศ.ดร.อรุณี เห็นด้วยกับข้อเสนอ", {"arunee"}),
    P(
        "พล.ต.อ.ประสิทธิ์ กล้าหาญ ผบ.ตร. และ พล.ต.ท.ประสิทธิ์ ยิ่งยง",
        {"prasit"},
        [("พล.ต.ท.", "ประสิทธิ์ ยิ่งยง")],
    ),
    P("นายอภิชาต สุขสวัสดิ์ นักวิชาการอิสระ", set(), [("นาย", "อภิชาต สุขสวัสดิ์")]),
    P(
        "นางสาวศิริพร วงศ์สวัสดิ์\nผู้ประสานงานเครือข่าย",
        set(),
        [("นางสาว", "ศิริพร วงศ์สวัสดิ์")],
    ),
    P("พ.ต.อ.สมหมาย ชูชื่น ผกก.สภ.เมือง", set(), [("พ.ต.อ.", "สมหมาย ชูชื่น")]),
    P("นายสมหมาย ทำงานที่นี่มานานแล้ว", set()),
    P("นายวีระ ขับรถชนเสาไฟฟ้า", set()),
    P("ตำรวจจับกุมนายชาญ อายุ 40 ปี", set()),
    P("นางมณี พาลูกไปโรงเรียน", set()),
    P("นายกองค์การบริหารส่วนตำบล", set()),
    P("นางงามจักรวาลคนล่าสุด", set()),
    P("นายหน้าขายที่ดินถูกจับ", set()),
    P("นายด่านศุลกากร ตรวจพบสินค้าเถื่อน", set()),
    P("คุณสมชาย ใจดี", {"somchai"}),
    P("นายสมชาย  ใจดี", {"somchai"}),
    P("นายสมชาย ใจดี.", {"somchai"}),
    P("นางสาวกานดา มีสุข, นางสาวกานดา", {"kanda"}),
    P("Mr Somchai Jaidee said", set(), [("Mr", "Somchai Jaidee")]),
    P("ดร.ธนา วงศ์ใหญ่", {"thana"}),
    P("ชัชชาติ", set(), [], {"chadchart"}),
    P("พญ.วรรณาศรีสุข", {"wanna"}),
    P("น.ส.มาลี ทองดี", {"malee"}),
    P("นางสาวมาลี ทองดีกล่าวว่า", {"malee"}),
    P("นางสาวมาลีทองดีกล่าวว่า", {"malee"}),
    # Organisations by name, short name and alias.
    P("กกต.ประกาศผลการเลือกตั้งอย่างเป็นทางการ", {"ect"}),
    P("ธปท.คงอัตราดอกเบี้ยนโยบายไว้ที่ร้อยละ 2.5", {"bot"}),
    P("แบงก์ชาติเตือนหนี้ครัวเรือนยังสูง", {"bot"}),
    P("ป.ป.ช. ชี้มูลความผิดอดีตนายก อบต.", {"nacc"}),
    P("ผู้ว่าการธนาคารแห่งประเทศไทยให้สัมภาษณ์", {"bot"}),
    P("สำนักงานคณะกรรมการการเลือกตั้งเปิดรับสมัคร", {"ect"}),
    P("ผู้แทนจาก WHO และ UCLG ASPAC ร่วมประชุมกับ กทม.", {"who", "uclg", "bma"}),
    P("ประธาน ป.ป.ช. กล่าวว่าจะเร่งไต่สวน", {"nacc"}),
    # Known names before particles and verbs, at line ends.
    P("เป็นคำพูดของนายสมชาย ใจดีนะครับ", {"somchai"}),
    P("ศ.ดร.ธนา วงศ์ใหญ่ได้รับรางวัลนักวิจัยดีเด่น", {"thana"}),
    P("ขอแสดงความยินดีกับ พญ.วรรณา ศรีสุข\nในโอกาสรับตำแหน่งใหม่", {"wanna"}),
    P("บิ๊กสิทธิ์ย้ำว่าตำรวจจะไม่ปล่อยให้เกิดเหตุซ้ำ", {"prasit"}),
    P("ทีมข่าวได้สัมภาษณ์ นางสุดา พรหมมา\nแม่ค้าในตลาดนัด", {"suda"}),
    P("วันนี้ (5 ก.ค.) ดร.กิตติพงศ์ อินทรประเสริฐ ผู้อำนวยการ TDRI", {"kittipong", "tdri"}),
    P(
        "นายชัชชาติ สิทธิพันธุ์, นายสมชาย ใจดี และ นางสาวกานดา มีสุข",
        {"chadchart", "somchai", "kanda"},
    ),
    P("ผู้ที่ได้รับรางวัลคือ\nนางสาวกานดา\nมีสุข", {"kanda"}),
    P("นายสมชาย ใจดี ส.ส.เขต 3 พรรคร่วมรัฐบาล", {"somchai"}),
    P("นายจ้างของนางสุดา พรหมมา ค้างค่าแรงสามเดือน", {"suda"}),
    P("อ.สมศักดิ์ เจริญผล สอนวิชาประวัติศาสตร์", {"somsak"}),
    P("คุณมาลี ทองดี ผู้ชนะการประกวด", {"malee"}),
    # Given names and family names on their own, without a title: no link.
    P("คุณมาลี สุขใจ ผู้ชมทางบ้าน โทรเข้ามาในรายการ", set(), [], {"malee"}),
    P("มาลีเป็นดอกไม้ที่ชาวบ้านนิยมปลูกไว้หน้าบ้าน", set(), [], {"malee"}),
    P("ชาวนาใจดีแบ่งข้าวให้เพื่อนบ้าน", set(), [], {"somchai"}),
    P("หลายคนชื่นชมความใจดีของเธอ", set(), [], {"somchai"}),
    P("นายกฯ สั่งการให้ กกต. เร่งสอบสวน", {"ect"}),
    P("นายทหารพระธรรมนูญ ชี้แจงต่อศาล", set()),
    P("นางสาวไทยปีนี้มาจากจังหวัดเชียงราย", set()),
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


def precision_recall(found: int, false: int, missed: int) -> tuple[float, float]:
    return found / ((found + false) or 1), found / ((found + missed) or 1)


def test_accuracy_on_the_test_set(known):
    assert len(PASSAGES) >= 80
    links = [0, 0, 0]  # found, false, missed
    new = [0, 0, 0]
    misses = []
    for passage in PASSAGES:
        findings = matcher.find_names(passage.text)
        found = {known[m.kind, m.pk] for m in findings.mentions}
        candidates = {(c.title, c.name) for c in findings.candidates}
        for counts, got, expected in (
            (links, found, passage.find),
            (new, candidates, set(passage.new)),
        ):
            counts[0] += len(got & expected)
            counts[1] += len(got - expected)
            counts[2] += len(expected - got)
        if found != passage.find or candidates != set(passage.new):
            misses.append((passage.text, sorted(found), sorted(candidates)))
    link_precision, link_recall = precision_recall(*links)
    new_precision, new_recall = precision_recall(*new)
    print(
        f"\nname matcher: {len(PASSAGES)} passages; known names: precision "
        f"{link_precision:.3f}, recall {link_recall:.3f} ({links[0]} found, {links[1]} false, "
        f"{links[2]} missed); new people: precision {new_precision:.3f}, recall "
        f"{new_recall:.3f} ({new[0]} found, {new[1]} false, {new[2]} missed)"
    )
    for miss in misses:
        print("  miss:", *miss)
    assert link_recall >= 0.95, misses
    assert link_precision >= 0.95, misses
    assert new_recall >= 0.95, misses
    assert new_precision >= 0.95, misses


@pytest.mark.parametrize("passage", [p for p in PASSAGES if p.never], ids=lambda p: p.text[:30])
def test_a_title_given_name_and_another_family_name_is_never_the_known_person(known, passage):
    found = {known[m.kind, m.pk] for m in matcher.find_names(passage.text).mentions}
    assert not found & passage.never


def test_candidates_for_new_people_on_the_test_set(known):
    for passage in PASSAGES:
        found = [(c.title, c.name) for c in matcher.find_names(passage.text).candidates]
        assert found == list(passage.new), passage.text


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


def test_a_given_name_alone_is_a_weaker_suggestion(known):
    (mention,) = matcher.find_names("นางสาวมาลี กล่าวต่อว่าราคาผักสูงขึ้น").mentions
    assert known[mention.kind, mention.pk] == "malee"
    assert mention.given_only
    (whole,) = matcher.find_names("นางสาวมาลีทองดี กล่าวว่า").mentions
    assert not whole.given_only


@pytest.mark.parametrize(
    ("text", "title", "name"),
    [
        ("นางสาวกานดาทองดี ผู้จัดการสหกรณ์", "นางสาว", "กานดา ทองดี"),  # a known family name
        ("พญ.มาลีบุญมา กล่าวว่า", "พญ.", "มาลี บุญมา"),  # in pythainlp's list
    ],
)
def test_a_glued_family_name_with_evidence_is_someone_else(known, text, title, name):
    findings = matcher.find_names(text)
    assert findings.mentions == []
    assert [(c.title, c.name) for c in findings.candidates] == [(title, name)]


def test_a_glued_verb_after_a_given_name_keeps_the_given_name_reading(known):
    for text in ("นางสาวมาลีเดินทางไปเชียงใหม่", "นางสาวมาลีมองว่าราคาจะลง"):
        findings = matcher.find_names(text)
        assert [known[m.kind, m.pk] for m in findings.mentions] == ["malee"], text
        assert findings.candidates == [], text
