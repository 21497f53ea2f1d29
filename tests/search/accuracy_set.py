"""The larger search accuracy set (issue 15): original Thai stories and what a Thai
reader means by each query.

Every query lists the stories it MUST find and the stories it MUST NOT find; stories
in neither list do not count (a reader could go either way: มือถือ for มือ, ไฟฟ้า for
ไฟ). The expectations were written from the meaning of the words, before the engine
was run on them, and are never adjusted to what an engine finds.

Categories, each with its hard cases:

compound
    The query word occurs in at least one must-story only inside a longer compound:
    ท่องเที่ยว in นักท่องเที่ยว, ไฟฟ้า in ค่าไฟฟ้า, มลพิษ in กรมควบคุมมลพิษ.
glued
    The word is written against the verb or noun before it: ปั่นจักรยาน, ลอยกระทง,
    บริจาคเลือด, ตั้งด่าน.
trap
    A short word whose letters occur inside an unrelated longer word: ตา in ตาก, ตาราง,
    ติดตาม; มือ in เมือง; หวัด and วัด in จังหวัด; ยา in ยาง, ยากจน, พยาบาล; นา in นาที,
    นายจ้าง; ลม in สีลม; ไฟ in ไฟล์; ขา in ขาย, ขาดแคลน; ปลา in ปลายปี; หมู in หมู่บ้าน;
    ทอง in ทองหล่อ, ทองดี, หมอนทอง, บัตรทอง; ชา in ชาวนา, ทีมชาติ, ชาร์จ; แม่ in แม่น้ำ,
    แม่สอด; ปู in ปูน; ลิง in ลิงก์; ม่วง in มะม่วง; กล้วย in กล้วยไม้; หาด in หาดใหญ่;
    เจ in เจ้าหน้าที่, บาดเจ็บ, เจรจา; เมือง in การเมือง.
abbreviation
    Months (ก.ค. = กรกฎาคม), agencies and roles (กทม., ผบ.ตร., ครม., สธ., กกต., สน.,
    อบต., ขสมก., ททท.), through the synonym groups an editor keeps (SYNONYMS), with
    their traps (ก.ย. is not ก.ค., กก. is not กกต., ผบ.ทบ. is not ผบ.ตร., ส.ว. is not ส.ส.).
digits
    Thai and Arabic digits find each other both ways (๒๕๖๗ and 2567), also inside
    dates and amounts; a number is not a part of another (15 is not 150, 35 is not 3.5).
english
    English words in Thai copy, hyphenated or slashed words by their parts (flood in
    flood-prone and flood/drought), phrases kept in order.
transliteration
    Thai spellings of loanwords, their variants and the English word, joined by a
    synonym group (วัคซีน = vaccine, อินเทอร์เน็ต = อินเตอร์เน็ต = internet), with
    near misses kept out (ฟุตซอล is not ฟุตบอล, แอปเปิล is not แอป).
names
    People with and without titles (นางสาว, น.ส., พญ., พล.ต.อ., ผศ.ดร., ดร.), by
    nickname, given name and surname written together; a different person sharing a
    given name or surname is not the one asked for.

Two unpublished stories (a draft and a scheduled one) hold many of the query words;
no query may find them (tests/search/test_accuracy_set.py adds them to every
must-not list).
"""

from __future__ import annotations

from dataclasses import dataclass

CATEGORIES = (
    "compound",
    "glued",
    "trap",
    "abbreviation",
    "digits",
    "english",
    "transliteration",
    "names",
)


@dataclass(frozen=True)
class Story:
    section: str
    title: str
    standfirst: str
    body: str
    people: tuple[str, ...] = ()  # keys of PEOPLE the editor linked to the story
    organisations: tuple[str, ...] = ()  # keys of ORGANISATIONS
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Query:
    category: str
    text: str
    must: frozenset[str]
    must_not: frozenset[str]


def q(category: str, text: str, must: str, must_not: str) -> Query:
    """A query; ``must`` and ``must_not`` are story keys separated by spaces."""
    return Query(category, text, frozenset(must.split()), frozenset(must_not.split()))


SECTIONS = {
    "city": "ข่าวกรุงเทพฯ",
    "politics": "การเมือง",
    "economy": "เศรษฐกิจ",
    "health": "สุขภาพ",
    "sports": "กีฬา",
    "crime": "อาชญากรรม",
    "education": "การศึกษา",
    "region": "ภูมิภาค",
    "world": "World",
}

# People the newsroom knows (Person rows). พญ.มาลี สุขใจ, นายธนกร มีสุข and
# นางมาลีรัตน์ บุญมา appear in stories but are not known: strangers who share a name.
PEOPLE = {
    "malee": {"title": "นางสาว", "name": "มาลี ทองดี", "position": "ประธานชุมชน"},
    "thanakorn": {
        "title": "พล.ต.อ.",
        "name": "ธนกร ศักดิ์สิทธิ์",
        "position": "ผู้บัญชาการตำรวจแห่งชาติ",
        "aliases": ["บิ๊กกร"],
    },
    "wilaiwan": {"title": "ผศ.ดร.", "name": "วิไลวรรณ จันทร์หอม", "position": "นักเศรษฐศาสตร์"},
    "boonruean": {"title": "นาง", "name": "บุญเรือน แก้วมณี"},
    "nattapon": {"title": "นาย", "name": "ณัฐพล ศรีสวัสดิ์", "aliases": ["Nattapon Srisawat"]},
    "kanya": {"title": "นางสาว", "name": "กัญญา ศรีสวัสดิ์"},
    "emily": {"title": "Ms", "name": "Emily Carter", "aliases": ["เอมิลี คาร์เตอร์"]},
    "chayapol": {
        "title": "นาย",
        "name": "ชยพล รัตนวงศ์",
        "position": "ผู้ว่าราชการจังหวัดสงขลา",
    },
}

ORGANISATIONS = {
    "bma": {"name": "กรุงเทพมหานคร", "short_name": "กทม.", "aliases": ["BMA"]},
    "rtp": {"name": "สำนักงานตำรวจแห่งชาติ", "short_name": "สตช."},
    "moph": {"name": "กระทรวงสาธารณสุข", "short_name": "สธ."},
    "ect": {"name": "คณะกรรมการการเลือกตั้ง", "short_name": "กกต."},
    "sso": {"name": "สำนักงานประกันสังคม", "short_name": "สปส."},
    "uclg": {
        "name": "United Cities and Local Governments Asia-Pacific",
        "short_name": "UCLG ASPAC",
    },
}

# The synonym groups this newsroom keeps in the admin: the project's defaults (search
# migration 0002), the months, the agencies its stories name, and loanwords.
SYNONYMS = [
    ["กทม.", "กรุงเทพฯ", "กรุงเทพมหานคร", "กรุงเทพ"],
    ["ผู้ว่าฯ", "ผู้ว่า", "ผู้ว่าราชการ"],
    ["นายกฯ", "นายกรัฐมนตรี"],
    ["รมว.", "รัฐมนตรีว่าการ"],
    ["ส.ส.", "สมาชิกสภาผู้แทนราษฎร"],
    ["ตร.", "ตำรวจ"],
    ["ร.ร.", "โรงเรียน"],
    ["รพ.", "โรงพยาบาล"],
    # months
    ["ม.ค.", "มกราคม"],
    ["ก.พ.", "กุมภาพันธ์"],
    ["มี.ค.", "มีนาคม"],
    ["เม.ย.", "เมษายน"],
    ["พ.ค.", "พฤษภาคม"],
    ["มิ.ย.", "มิถุนายน"],
    ["ก.ค.", "กรกฎาคม"],
    ["ส.ค.", "สิงหาคม"],
    ["ก.ย.", "กันยายน"],
    ["ต.ค.", "ตุลาคม"],
    ["พ.ย.", "พฤศจิกายน"],
    ["ธ.ค.", "ธันวาคม"],
    # agencies and roles
    ["ผบ.ตร.", "ผู้บัญชาการตำรวจแห่งชาติ"],
    ["ผบ.ทบ.", "ผู้บัญชาการทหารบก"],
    ["ครม.", "คณะรัฐมนตรี"],
    ["สธ.", "กระทรวงสาธารณสุข"],
    ["กกต.", "คณะกรรมการการเลือกตั้ง"],
    ["ส.ว.", "สมาชิกวุฒิสภา"],
    ["สน.", "สถานีตำรวจนครบาล"],
    ["อบต.", "องค์การบริหารส่วนตำบล"],
    ["ขสมก.", "องค์การขนส่งมวลชนกรุงเทพ"],
    ["ททท.", "การท่องเที่ยวแห่งประเทศไทย"],
    # loanwords: Thai spellings, their variants, the English word
    ["วัคซีน", "vaccine"],
    ["ฟุตบอล", "football"],
    ["วอลเลย์บอล", "volleyball"],
    ["อินเทอร์เน็ต", "อินเตอร์เน็ต", "internet"],
    ["เฟซบุ๊ก", "เฟสบุ๊ค", "เฟสบุ๊ก", "facebook"],
    ["คลินิก", "คลินิค", "clinic"],
    ["ดิจิทัล", "ดิจิตอล", "digital"],
    ["แอปพลิเคชัน", "แอปพลิเคชั่น", "แอพพลิเคชั่น", "แอป", "แอพ", "application", "app"],
    ["มาราธอน", "marathon"],
    ["ออนไลน์", "online"],
    ["ไรเดอร์", "rider"],
    ["โซลาร์เซลล์", "โซล่าเซลล์", "solar cell"],
    ["ซอฟต์พาวเวอร์", "soft power"],
    ["คอมพิวเตอร์", "computer"],
    ["สมาร์ทซิตี้", "smart city"],
    ["อีวี", "EV"],
]

# fmt: off
STORIES: dict[str, Story] = {
    # --- Bangkok -----------------------------------------------------------------------
    "flood-prone": Story(
        "city",
        "กทม.ตั้งเครื่องสูบน้ำ ๓๐๐ เครื่อง เตรียมพร้อมฝนหนัก",
        "เขตจตุจักรและบางซื่อถูกจัดเป็นพื้นที่ flood-prone ที่ต้องเฝ้าระวังเป็นพิเศษ",
        "สำนักการระบายน้ำ กรุงเทพมหานคร ติดตั้งระบบ flood-warning แบบใหม่ "
        "ที่ส่งข้อความเตือนเมื่อระดับน้ำในคลองสูงเกินเกณฑ์ "
        "ประชาชนในย่านเสี่ยงลงทะเบียนรับแจ้งเตือนได้ฟรี "
        "เจ้าหน้าที่ยืนยันว่าอุโมงค์ระบายน้ำทุกแห่งพร้อมใช้งาน",
        organisations=("bma",),
    ),
    "silom-street-food": Story(
        "city",
        "สีลมจัดโซน street food ใหม่ทุกเย็นวันศุกร์",
        "สำนักงานเขตบางรักย้ายแผงลอยกว่า ๘๐ ร้านเข้าพื้นที่ที่กำหนด",
        "ร้านค้าต้องคัดแยกขยะและเทน้ำมันใช้แล้วลงถังที่จัดไว้ "
        "ผู้ค้าบอกว่าลูกค้าต่างชาติยังแน่นเหมือนเดิม "
        "ทางเท้าบนถนนสีลมกว้างขึ้นและเดินสะดวกกว่าเดิม",
    ),
    "purple-line": Story(
        "city",
        "รถไฟฟ้าสายสีม่วงขยายเวลาให้บริการถึงเที่ยงคืน",
        "มีผลตั้งแต่วันที่ ๑ ธ.ค. ๒๕๖๖ ถึงสิ้นเดือนมกราคม",
        "ผู้โดยสารแตะบัตรเครดิตแบบ contactless ที่ประตูได้ทุกสถานี "
        "ผู้ให้บริการระบุว่าจำนวนผู้ใช้เพิ่มขึ้นเกือบร้อยละ ๒๐ หลังปรับลดค่าโดยสาร",
    ),
    "thonglor-fire": Story(
        "city",
        "ไฟลุกไหม้อาคารพาณิชย์ย่านทองหล่อ",
        "เจ้าหน้าที่ดับเพลิงใช้เวลากว่า ๔๐ นาทีจึงควบคุมเพลิงได้",
        "ผู้อยู่อาศัยในอาคารหนีออกมาได้ทั้งหมด ไม่มีผู้บาดเจ็บ "
        "เบื้องต้นคาดว่าเกิดจากไฟฟ้าลัดวงจรที่ชั้นสอง",
    ),
    "bkk-garbage": Story(
        "city",
        "กทม.ชวนคัดแยกขยะก่อนทิ้ง ลดภาระโรงกำจัดขยะ",
        "บ้านที่แยกขยะเปียกจ่ายค่าเก็บขยะเดือนละ ๒๐ บาท แทน ๖๐ บาท",
        "ผู้ว่าฯ กทม. กล่าวว่าขยะอาหารเป็นสัดส่วนมากที่สุดของขยะทั้งเมือง "
        "สำนักสิ่งแวดล้อมจะวางถังแยกประเภทในทุกชุมชนภายในเดือนกรกฎาคม ๒๕๖๗",
        organisations=("bma",),
    ),
    "bkk-school-term": Story(
        "education",
        "โรงเรียนสังกัด กทม. เปิดเทอมวันที่ ๑๕ พ.ค.",
        "นักเรียน ม.๖ ได้แท็บเล็ตคนละเครื่องเพื่อเรียนออนไลน์",
        "สำนักการศึกษาเตรียมครูเพิ่มอีก ๑,๐๐๐ อัตรา "
        "ผู้ปกครองตรวจสอบตารางเรียนได้ทางเว็บไซต์ของโรงเรียน",
        organisations=("bma",),
    ),
    "bkk-bike": Story(
        "city",
        "ชาวกรุงปั่นจักรยานไปทำงานมากขึ้น",
        "กทม.เพิ่มทางเฉพาะสำหรับผู้ปั่นอีก ๑๒ กิโลเมตรรอบสวนลุมพินี",
        "ผู้ใช้ทางหลายคนอยากให้มีที่จอดและห้องอาบน้ำในอาคารสำนักงาน "
        "โครงการนี้เป็นส่วนหนึ่งของแผน Smart City ที่ตั้งเป้าลดการใช้รถยนต์ส่วนตัว",
        organisations=("bma",),
    ),
    "bkk-pm25": Story(
        "city",
        "ฝุ่น PM 2.5 เกินค่ามาตรฐานใน ๒๒ เขต",
        "กทม.ขอให้บริษัทเอกชนให้พนักงาน work from home สองวัน",
        "แพทย์เตือนว่าฝุ่นละเอียดทำให้ระคายเคืองตา แสบจมูก และไอ "
        "ผู้มีโรคประจำตัวควรสวมหน้ากากเมื่อออกนอกบ้าน "
        "ทุกคนช่วยลดฝุ่นได้ด้วยการดับเครื่องยนต์ขณะจอดรถ",
        organisations=("bma",),
    ),
    "bkk-dengue": Story(
        "health",
        "ผู้ป่วยไข้เลือดออกในกรุงเทพฯ เพิ่มขึ้นเท่าตัว",
        "อาสาสมัครสาธารณสุขเดินเคาะประตูบ้านกำจัดลูกน้ำยุงลาย",
        "สำนักอนามัยพบผู้ป่วยสะสม ๑,๒๔๐ ราย ส่วนใหญ่เป็นเด็กวัยเรียน "
        "แพทย์แนะนำให้คว่ำภาชนะที่มีน้ำขังทุกสัปดาห์",
    ),
    "chao-phraya": Story(
        "region",
        "แม่น้ำเจ้าพระยาเอ่อล้นตลิ่งที่ปากเกร็ด",
        "เขื่อนเจ้าพระยาปล่อยน้ำ ๒,๗๐๐ ลูกบาศก์เมตรต่อวินาที",
        "ชาวบ้านริมตลิ่งยกของขึ้นที่สูงและจอดรถไว้บนสะพาน "
        "นายอำเภอปากเกร็ดกล่าวว่าระดับน้ำจะสูงสุดในคืนวันเสาร์ ช่วงน้ำทะเลหนุน",
    ),
    "bkk-bus": Story(
        "city",
        "ขสมก.เพิ่มรถเมล์ไฟฟ้าอีก ๒๐๐ คัน",
        "รถเมล์ EV รุ่นใหม่มีที่ชาร์จโทรศัพท์และ Wi-Fi ฟรี",
        "องค์การขนส่งมวลชนกรุงเทพ ตั้งเป้าเปลี่ยนรถร้อนทั้งหมดเป็นรถปรับอากาศภายในปี 2568 "
        "ผู้โดยสารตรวจสอบเวลารถผ่านแอปพลิเคชันได้แบบเรียลไทม์",
    ),
    # --- politics ----------------------------------------------------------------------
    "cabinet-farmers": Story(
        "politics",
        "ครม.อนุมัติเงินช่วยชาวนาไร่ละ ๑,๐๐๐ บาท",
        "ชาวนาที่ขึ้นทะเบียนไว้กับกรมส่งเสริมการเกษตรได้รับเงินไม่เกินรายละ ๒๐ ไร่",
        "เงินจะโอนเข้าบัญชีภายในเดือนตุลาคม "
        "นายกรัฐมนตรีกล่าวว่ามาตรการนี้ช่วยลดต้นทุนการปลูกข้าวในช่วงที่ปุ๋ยมีราคาแพง",
    ),
    "cabinet-wage": Story(
        "politics",
        "คณะรัฐมนตรีเห็นชอบค่าแรงขั้นต่ำ ๔๐๐ บาททั่วประเทศ",
        "มีผลตั้งแต่ 1 ต.ค. 2567 ครอบคลุมลูกจ้างกว่าสามล้านคน",
        "กระทรวงแรงงานระบุว่านายจ้างรายย่อยขอให้รัฐช่วยลดหย่อนภาษีเป็นการชดเชย "
        "ผศ.ดร.วิไลวรรณ จันทร์หอม นักเศรษฐศาสตร์ "
        "มองว่าค่าแรงที่สูงขึ้นจะช่วยกระตุ้นการบริโภค",
        people=("wilaiwan",),
    ),
    "ect-byelection": Story(
        "politics",
        "กกต.กำหนดวันเลือกตั้งซ่อม ส.ส.เขต ๓ ขอนแก่น",
        "เปิดรับสมัครระหว่างวันที่ ๘-๑๒ ก.ค. ๒๕๖๗",
        "ผู้สมัครต้องยื่นเอกสารด้วยตนเองที่ศาลากลางจังหวัด "
        "กกต.ขอให้ผู้มีสิทธิตรวจสอบรายชื่อทางออนไลน์ล่วงหน้า",
        organisations=("ect",),
    ),
    "ect-vote-buying": Story(
        "politics",
        "คณะกรรมการการเลือกตั้งเตือนผู้สมัครห้ามแจกสิ่งของ",
        "ผู้ฝ่าฝืนมีโทษจำคุกและถูกตัดสิทธิสมัครรับเลือกตั้ง ๒๐ ปี",
        "ประชาชนที่พบเห็นการซื้อเสียงแจ้งได้ทางแอปพลิเคชันของสำนักงาน "
        "พร้อมรับเงินรางวัลสูงสุด ๑ ล้านบาท",
    ),
    "senate-vote": Story(
        "politics",
        "ส.ว. ลงมติเห็นชอบกฎหมายงบประมาณ",
        "สมาชิกวุฒิสภาลงคะแนนเห็นด้วย ๑๘๐ เสียง",
        "ร่างกฎหมายจะส่งให้นายกรัฐมนตรีนำขึ้นทูลเกล้าฯ ภายในยี่สิบวัน",
    ),
    "vat": Story(
        "economy",
        "คลังยืนยันยังไม่ปรับอัตราภาษีมูลค่าเพิ่ม",
        "อัตราร้อยละ ๗ จะคงไว้จนถึงสิ้นเดือน ก.ย. ๒๕๖๘",
        "รัฐมนตรีว่าการกระทรวงการคลังกล่าวว่าการขึ้นอัตราในช่วงที่เศรษฐกิจชะลอตัว"
        "จะกระทบค่าครองชีพ นักวิเคราะห์คาดว่ารัฐจะให้ธุรกิจ e-commerce "
        "ข้ามชาติจดทะเบียนภาษีมูลค่าเพิ่มในไทย",
    ),
    "local-election": Story(
        "politics",
        "อบต.ทั่วประเทศเตรียมเลือกตั้งพร้อมกัน",
        "ผู้สมัครนายก อบต. ต้องมีอายุไม่ต่ำกว่า ๓๕ ปี",
        "นักวิชาการเตือนว่าการหาเสียงผ่านเฟซบุ๊กต้องแจ้งค่าใช้จ่ายต่อ กกต. ด้วย",
    ),
    "politics-heat": Story(
        "politics",
        "การเมืองร้อนระอุหลังฝ่ายค้านยื่นอภิปรายไม่ไว้วางใจ",
        "ฝ่ายรัฐบาลมั่นใจว่าเสียงในสภายังเหนียวแน่น",
        "นักวิเคราะห์มองว่าการลงมติครั้งนี้จะเป็นบททดสอบความเป็นเอกภาพของพรรคร่วม "
        "ส.ส.หลายคนยังไม่ตัดสินใจ",
    ),
    "village-fund": Story(
        "politics",
        "ครม.เพิ่มทุนกองทุนหมู่บ้านแห่งละหนึ่งล้านบาท",
        "ชาวบ้านกู้ไปลงทุนอาชีพได้รายละไม่เกิน ๕๐,๐๐๐ บาท",
        "คณะกรรมการกองทุนต้องรายงานผลทุกหกเดือน ผู้กู้ที่ชำระตรงเวลาได้ลดดอกเบี้ย",
    ),
    # --- economy and farming -----------------------------------------------------------
    "rubber-price": Story(
        "economy",
        "ราคายางพาราแผ่นดิบขยับขึ้นเป็น กก.ละ ๖๕ บาท",
        "นางบุญเรือน แก้วมณี ประธานเครือข่ายชาวสวนยางภาคใต้ ขอให้รัฐพยุงราคาต่อเนื่อง",
        "ผู้ส่งออกระบุว่าความต้องการจากจีนเพิ่มขึ้นหลังโรงงานผลิตยางรถยนต์กลับมาเดินเครื่อง "
        "เกษตรกรบางรายยังกังวลว่าฝนที่ตกชุกจะทำให้กรีดยางได้น้อยลง",
        people=("boonruean",),
    ),
    "gold-price": Story(
        "economy",
        "ราคาทองคำทำสถิติสูงสุดใหม่ บาทละ ๔๑,๐๐๐ บาท",
        "ร้านทองย่านเยาวราชมีลูกค้าขายทองออกมากกว่าซื้อ",
        "สมาคมค้าทองคำคาดว่าราคาจะผันผวนต่อจนถึงปลายปี",
    ),
    "pork-price": Story(
        "economy",
        "ราคาหมูเนื้อแดงพุ่ง กก.ละ ๑๘๐ บาท",
        "ผู้เลี้ยงหมูรายย่อยหายไปจากตลาดหลังโรคระบาด",
        "ราคาสูงกว่าช่วงเดียวกันของปี 2566 เกือบร้อยละ ๓๐ "
        "กรมการค้าภายในขอให้ห้างค้าปลีกตรึงราคาอย่างน้อยสามเดือน "
        "แม่ค้าในตลาดสดบอกว่าลูกค้าหันไปซื้อไก่แทน",
    ),
    "electricity-bill": Story(
        "economy",
        "ค่าไฟฟ้างวด ก.ย.-ธ.ค. ๒๕๖๗ ลดลงหน่วยละ ๑๗ สตางค์",
        "ครัวเรือนที่ใช้ไฟไม่เกิน ๑๕๐ หน่วยต่อเดือนได้ส่วนลดเพิ่ม",
        "คณะกรรมการกำกับกิจการพลังงานระบุว่าต้นทุนก๊าซธรรมชาติที่ลดลงเป็นเหตุผลหลัก "
        "ผู้ใช้ตรวจสอบบิลย้อนหลังได้ทางแอป",
    ),
    "gdp": Story(
        "economy",
        "สภาพัฒน์คาด GDP ปี 2567 โตร้อยละ 2.7",
        "การส่งออกและการท่องเที่ยวเป็นแรงหนุนหลัก โดยส่งออกขยายตัวร้อยละ 3.5",
        "ผศ.ดร.วิไลวรรณ จันทร์หอม จากคณะเศรษฐศาสตร์ "
        "เตือนว่าหนี้ครัวเรือนที่สูงยังเป็นความเสี่ยง "
        "วิไลวรรณ กล่าวว่ารัฐควรเร่งลงทุนในเศรษฐกิจดิจิทัล",
        people=("wilaiwan",),
    ),
    "durian": Story(
        "economy",
        "ส่งออกทุเรียนหมอนทองไปจีนทะลุ ๘ แสนตัน",
        "ชาวสวนจันทบุรีเร่งตัดผลผลิตก่อนด่านตรวจพืชปิดช่วงวันหยุด",
        "กรมวิชาการเกษตรตรวจสารตกค้างทุกตู้ก่อนส่งออก ราคาหน้าสวนอยู่ที่ กก.ละ ๑๕๐ บาท",
    ),
    "orchid": Story(
        "economy",
        "กล้วยไม้ไทยครองตลาดญี่ปุ่น",
        "ผู้ส่งออกกล้วยไม้ตัดดอกทำรายได้กว่า ๓,๐๐๐ ล้านบาทต่อปี",
        "สกุลหวายได้รับความนิยมมากที่สุด "
        "เกษตรกรในนครปฐมเริ่มใช้โรงเรือนควบคุมอุณหภูมิเพื่อให้ดอกสวยตลอดปี",
    ),
    "banana": Story(
        "region",
        "กล้วยน้ำว้าราคาดี เกษตรกรลำปางหันมาปลูกเพิ่ม",
        "หวีละ ๒๕ บาทที่ตลาดในตัวเมือง",
        "กล้วยที่เหลือจากการขายนำไปแปรรูปเป็นกล้วยตากส่งร้านของฝาก",
    ),
    "mango": Story(
        "economy",
        "มะม่วงน้ำดอกไม้ส่งออกเกาหลีใต้ล็อตแรก",
        "สหกรณ์ผู้ปลูกในฉะเชิงเทราคัดผลขนาดส่งออก ๕ ตัน",
        "ผลไม้ต้องผ่านการอบไอน้ำเพื่อกำจัดแมลงวันผลไม้ก่อนขึ้นเครื่องบิน",
    ),
    "social-security": Story(
        "economy",
        "สำนักงานประกันสังคมเพิ่มค่าทำฟันเป็นปีละ ๑,๐๐๐ บาท",
        "ผู้ประกันตนมาตรา ๓๓ ใช้สิทธิได้ที่คลินิกทันตกรรมเอกชนที่ร่วมโครงการ",
        "ผู้ประกันตนไม่ต้องสำรองจ่ายหากค่ารักษาไม่เกินวงเงิน "
        "ตรวจสอบรายชื่อคลินิกได้ทางเว็บไซต์หรือโทร ๑๕๐๖",
        organisations=("sso",),
    ),
    "cement": Story(
        "economy",
        "ปูนซีเมนต์ขึ้นราคาถุงละ ๑๐ บาท",
        "ผู้รับเหมาก่อสร้างเตรียมปรับราคาบ้านสร้างใหม่",
        "ผู้ผลิตอ้างว่าต้นทุนถ่านหินและค่าขนส่งสูงขึ้น "
        "ร้านวัสดุก่อสร้างหลายแห่งเร่งสต็อกสินค้าไว้ก่อน",
    ),
    "crab": Story(
        "region",
        "ชาวประมงพังงาจับปูม้าได้มากขึ้นหลังปล่อยพันธุ์",
        "ธนาคารปูม้าชุมชนปล่อยลูกปูลงทะเลกว่า ๒ ล้านตัว",
        "ชาวบ้านบอกว่าปลาเล็กปลาน้อยก็กลับมาเช่นกัน "
        "กรมประมงจะขยายโครงการไปอีกห้าจังหวัด",
    ),
    "year-end-sale": Story(
        "economy",
        "ห้างลดราคาส่งท้ายปลายปีสูงสุดร้อยละ ๗๐",
        "ผู้บริโภคแห่ซื้อโทรทัศน์และเสื้อผ้า",
        "นางวิไล อินทร์แก้ว ผู้จัดการห้างสาขาบางนา กล่าวว่าผู้ค้าออนไลน์ก็จัดโปรโมชันพร้อมกัน "
        "โดยแข่งกันส่งฟรีผ่านแพลตฟอร์ม e-commerce",
    ),
    "ev-cars": Story(
        "economy",
        "ยอดจองรถ EV ในงานมอเตอร์โชว์ทะลุสองหมื่นคัน",
        "ค่ายรถจีนครองส่วนแบ่งกว่าครึ่ง",
        "ผู้ซื้อหลายรายบอกว่าค่าน้ำมันที่แพงเป็นเหตุผลหลัก "
        "แต่ยังกังวลเรื่องจุดชาร์จนอกเมือง",
    ),
    "solar": Story(
        "economy",
        "ครัวเรือนติดโซลาร์เซลล์บนหลังคาเพิ่มขึ้นสามเท่า",
        "ค่าไฟที่สูงทำให้ระบบคืนทุนภายในหกปี",
        "ผู้ติดตั้งรายหนึ่งเล่าว่าลูกค้าถามถึง solar cell รุ่นที่ใช้กับแบตเตอรี่ได้มากที่สุด",
    ),
    "apple": Story(
        "economy",
        "แอปเปิลเปิดร้านสาขาใหม่กลางเมืองเชียงใหม่",
        "ลูกค้าต่อคิวตั้งแต่ตีห้าเพื่อซื้อไอโฟนรุ่นล่าสุด",
        "ร้านมีพื้นที่สอนถ่ายภาพและตัดต่อวิดีโอฟรีทุกสุดสัปดาห์",
    ),
    "chicken-farm": Story(
        "region",
        "ฟาร์มเลี้ยงไก่ไข่ปรับตัวรับอากาศร้อน",
        "ผู้ประกอบการติดระบบพ่นละอองน้ำในโรงเรือนเพื่อลดความร้อน",
        "ราคาไข่ไก่หน้าฟาร์มขยับขึ้นฟองละ ๒๐ สตางค์ เพราะผลผลิตลดลงช่วงหน้าร้อน",
    ),
    "grab-riders": Story(
        "economy",
        "ไรเดอร์ Grab รวมตัวเรียกร้องค่ารอบเพิ่ม",
        "ผู้ขับส่ง food delivery บอกว่ารายได้ต่อวันลดลงเกือบครึ่ง",
        "ตัวแทนกลุ่มยื่นหนังสือต่อกระทรวงแรงงาน "
        "และประกาศนัดหยุดวิ่งผ่านกลุ่ม LINE ของไรเดอร์ทั่วประเทศ "
        "บริษัทยืนยันว่าจะเปิดโต๊ะเจรจาในสัปดาห์หน้า",
    ),
    "internet-villages": Story(
        "region",
        "กสทช.ขยายอินเทอร์เน็ตความเร็วสูงสู่หมู่บ้านห่างไกล",
        "ผู้ใช้ในชนบทจ่ายค่าบริการเดือนละ 400 บาท",
        "ร้านค้าชุมชนเริ่มขายสินค้าผ่านเฟซบุ๊กและ TikTok ได้มากขึ้น",
    ),
    # --- health ------------------------------------------------------------------------
    "flu": Story(
        "health",
        "ไข้หวัดใหญ่ระบาดหนักในโรงเรียน",
        "สธ.แนะผู้ปกครองพาบุตรหลานไปฉีดวัคซีนก่อนเปิดเทอม",
        "แพทย์ย้ำให้เด็กล้างมือบ่อยและหยุดเรียนเมื่อมีไข้ "
        "ผู้สูงอายุและหญิงตั้งครรภ์ฉีดได้ฟรีที่โรงพยาบาลของรัฐ",
        organisations=("moph",),
    ),
    "moph-hotline": Story(
        "health",
        "สธ.ย้ำโทรสายด่วน ๑๖๖๙ เมื่อเจ็บป่วยฉุกเฉิน",
        "รถพยาบาลถึงที่เกิดเหตุเฉลี่ยภายใน ๑๒ นาที",
        "กระทรวงสาธารณสุขเตือนว่าการโทรแกล้งทำให้ผู้ป่วยจริงเสียโอกาส "
        "ผู้แจ้งควรบอกอาการและจุดสังเกตใกล้เคียงให้ชัดเจน",
        organisations=("moph",),
    ),
    "pink-eye": Story(
        "health",
        "โรคตาแดงระบาดช่วงหน้าฝน",
        "จักษุแพทย์แนะไม่ใช้ผ้าเช็ดหน้าร่วมกับผู้อื่น",
        "ผู้ที่มีอาการตาแดง ตาแฉะ ควรหยุดงานหรือหยุดเรียนอย่างน้อยสามวัน "
        "และไม่ควรซื้อยาหยอดตามาใช้เอง",
    ),
    "pharmacy": Story(
        "health",
        "ร้านขายยาต้องมีเภสัชกรประจำตลอดเวลาทำการ",
        "อย. เริ่มตรวจร้านที่ฝ่าฝืนตั้งแต่เดือนหน้า",
        "ร้านที่ขายยาปฏิชีวนะโดยไม่มีใบสั่งจะถูกพักใบอนุญาต "
        "ผู้บริโภคร้องเรียนได้ทางเฟซบุ๊กของสำนักงาน",
    ),
    "blood-donation": Story(
        "health",
        "สภากาชาดไทยขอเชิญบริจาคเลือดช่วงสงกรานต์",
        "ปริมาณโลหิตสำรองเหลือใช้ได้เพียงห้าวัน",
        "ผู้บริจาคต้องมีน้ำหนักไม่ต่ำกว่า ๔๕ กิโลกรัมและนอนหลับพักผ่อนเพียงพอ "
        "ผู้ที่มาร่วมจะได้รับเสื้อที่ระลึก",
    ),
    "nurse-shortage": Story(
        "health",
        "โรงพยาบาลรัฐขาดแคลนพยาบาลกว่าหมื่นอัตรา",
        "พยาบาลจบใหม่จำนวนมากเลือกไปทำงานต่างประเทศ",
        "สภาการพยาบาลเสนอเพิ่มค่าตอบแทนเวรดึกและที่พักใกล้โรงพยาบาล "
        "ผู้บริหารยอมรับว่าภาระงานหนักทำให้คนลาออก",
    ),
    "health-insurance": Story(
        "health",
        "สปสช.ขยายสิทธิบัตรทองให้ตรวจคัดกรองมะเร็งฟรี",
        "ผู้มีสิทธิหลักประกันสุขภาพแห่งชาติตรวจได้ที่หน่วยบริการใกล้บ้าน",
        "สอบถามรายละเอียดได้ที่สายด่วน 1330 ตลอด ๒๔ ชั่วโมง",
    ),
    "food-poisoning": Story(
        "health",
        "นักเรียน ๓๕ คนอาหารเป็นพิษหลังกินข้าวมันไก่",
        "ทุกคนได้รับการรักษาและกลับบ้านได้แล้ว",
        "สำนักงานสาธารณสุขจังหวัดนครราชสีมาเก็บตัวอย่างไปตรวจหาเชื้อ "
        "ผู้ประกอบการต้องหยุดขายจนกว่าผลตรวจจะออก",
    ),
    "clinic-app": Story(
        "health",
        "คลินิคชุมชนอบอุ่นเปิดนัดหมายผ่านแอปพลิเคชั่น",
        "ผู้ป่วยเบาหวานและความดันไม่ต้องรอคิวตั้งแต่เช้า",
        "ผู้ใช้ที่ไม่มีสมาร์ทโฟนยังนัดหมายทางโทรศัพท์ได้ตามเดิม",
    ),
    "mother-child": Story(
        "health",
        "เปิดคลินิกฝากครรภ์แม่วัยรุ่นที่ขอนแก่น",
        "พญ.มาลี สุขใจ สูตินรีแพทย์ เตือนว่าแม่อายุน้อยเสี่ยงคลอดก่อนกำหนด",
        "คลินิกให้คำปรึกษาทั้งเรื่องสุขภาพแม่และเด็กและการกลับไปเรียนต่อหลังคลอด "
        "ทีมงานติดตามเยี่ยมบ้านทุกเดือน",
    ),
    "world-dengue-vaccine": Story(
        "world",
        "Thailand approves a new dengue vaccine for children",
        "The health ministry says the first doses will reach schools in July.",
        "Doctors advise parents to keep using mosquito nets at night.",
    ),
    # --- sports ------------------------------------------------------------------------
    "football": Story(
        "sports",
        "ทีมชาติไทยชนะเวียดนาม ๓-๑ ศึกฟุตบอลชิงแชมป์อาเซียน",
        "ณัฐพล ศรีสวัสดิ์ ยิงสองประตูในครึ่งหลัง",
        "กองหลังตัวหลักได้รับบาดเจ็บที่ขาและต้องพักอย่างน้อยสามสัปดาห์ "
        "แฟนบอลกว่าสี่หมื่นคนเต็มความจุสนามราชมังคลากีฬาสถาน",
        people=("nattapon",),
    ),
    "football-english": Story(
        "world",
        "Thailand beat Vietnam 3-1 in the ASEAN football championship",
        "Nattapon Srisawat scored twice after the break.",
        "A crowd of forty thousand filled the Rajamangala Stadium in Bangkok.",
        people=("nattapon",),
    ),
    "futsal": Story(
        "sports",
        "ฟุตซอลไทยเข้ารอบแปดทีมสุดท้ายชิงแชมป์เอเชีย",
        "โค้ชชาวสเปนชมเกมรุกที่รวดเร็ว",
        "นัดต่อไปไทยพบอิหร่านแชมป์เก่าในวันเสาร์นี้ เวลา ๑๘.๐๐ น.",
    ),
    "badminton": Story(
        "sports",
        "กัญญา ศรีสวัสดิ์ คว้าแชมป์แบดมินตันหญิงเดี่ยว",
        "นางสาวกัญญา ศรีสวัสดิ์ เอาชนะนักกีฬาอันดับหนึ่งของโลกจากญี่ปุ่น ๒-๐ เกม",
        "เธอเป็นนักแบดมินตันไทยคนที่สามที่ได้แชมป์รายการนี้ "
        "และจะได้คะแนนสะสมเพื่อไปแข่งโอลิมปิก",
        people=("kanya",),
    ),
    "marathon": Story(
        "sports",
        "Bangkok Marathon ปิดถนนราชดำเนินตั้งแต่ตีสอง",
        "นักวิ่งกว่า ๓๐,๐๐๐ คนลงทะเบียนร่วมงาน",
        "ผู้จัดแนะนำให้นักวิ่งดื่มน้ำทุกจุดให้บริการ "
        "ผู้ขับรถควรเลี่ยงเส้นทางรอบเกาะรัตนโกสินทร์จนถึงเก้าโมงเช้า",
    ),
    "volleyball": Story(
        "sports",
        "วอลเลย์บอลหญิงไทยเตรียมลงสนามเนชันส์ลีก",
        "ทีมเก็บตัวฝึกซ้อมที่นครราชสีมามาแล้วหนึ่งเดือน",
        "ผู้ฝึกสอนบอกว่าผู้เล่นรุ่นใหม่หลายคนพร้อมรับบทตัวจริง "
        "แฟน ๆ ชมถ่ายทอดสดได้ทางช่องออนไลน์ของสมาคม",
    ),
    "muay-thai": Story(
        "sports",
        "นักมวยไทยเจ็บมือขวา ถอนตัวจากศึกที่ลุมพินี",
        "แพทย์พบกระดูกนิ้วมือร้าวและให้พักหกสัปดาห์",
        "ค่ายมวยยืนยันว่าจะกลับมาชกอีกครั้งในเดือน ธ.ค.",
    ),
    # --- crime -------------------------------------------------------------------------
    "police-chief-scam": Story(
        "crime",
        "ผบ.ตร.สั่งปราบแก๊งคอลเซ็นเตอร์ส่งลิงก์ปลอม",
        "พล.ต.อ.ธนกร ศักดิ์สิทธิ์ เตือนประชาชนอย่ากดลิงก์ที่แนบมากับ SMS",
        "คนร้ายหลอกว่าเป็นเจ้าหน้าที่ธนาคารแล้วให้เหยื่อโอนเงินเข้าบัญชีม้า "
        "ผู้เสียหายแจ้งความออนไลน์ได้ตลอด ๒๔ ชั่วโมง",
        people=("thanakorn",),
        organisations=("rtp",),
    ),
    "police-checkpoints": Story(
        "crime",
        "ผู้บัญชาการตำรวจแห่งชาติสั่งตั้งด่านตรวจทั่วประเทศช่วงปีใหม่",
        "ตำรวจจะตรวจผู้ขับขี่ที่ดื่มแล้วขับตั้งแต่ ๒๗ ธ.ค. ถึง ๒ ม.ค.",
        "ผู้ที่ถูกจับซ้ำจะถูกยึดรถและส่งฟ้องศาลทันที "
        "พล.ต.อ.ธนกร ศักดิ์สิทธิ์ ขอให้ทุกคนสวมหมวกกันน็อกทุกครั้งที่ขี่รถจักรยานยนต์",
        people=("thanakorn",),
        organisations=("rtp",),
    ),
    "bigkorn-hatyai": Story(
        "crime",
        "บิ๊กกรลงพื้นที่หาดใหญ่ ตรวจความพร้อมรับนักท่องเที่ยวมาเลเซีย",
        "เน้นดูแลความปลอดภัยย่านถนนเสน่หานุสรณ์",
        "ตำรวจท่องเที่ยวจะเพิ่มสายตรวจเดินเท้าในช่วงค่ำ และตั้งจุดบริการที่ด่านสะเดา",
        people=("thanakorn",),
    ),
    "army-chief": Story(
        "politics",
        "ผบ.ทบ.ยืนยันลดจำนวนทหารเกณฑ์ปีหน้า",
        "กองทัพบกจะเปิดรับผู้สมัครใจเป็นหลัก",
        "ผู้บัญชาการทหารบกกล่าวว่าจะเพิ่มเงินเดือนและสวัสดิการเพื่อจูงใจคนรุ่นใหม่",
    ),
    "robbery": Story(
        "crime",
        "จับนายธนกร มีสุข ผู้ต้องหาชิงทรัพย์ร้านสะดวกซื้อ",
        "ตำรวจ สน.ลุมพินี ติดตามตัวได้จากกล้องวงจรปิด",
        "ผู้ต้องหายอมรับว่าใช้อาวุธปืนขู่พนักงานและยิงปืนขึ้นฟ้าหนึ่งนัด "
        "นางมาลีรัตน์ บุญมา พนักงานร้าน ไม่ได้รับบาดเจ็บ",
    ),
    "drug-bust": Story(
        "crime",
        "ตำรวจยึดยาบ้ากว่าหนึ่งล้านเม็ดที่ชายแดนเชียงราย",
        "ผู้ต้องหาซุกไว้ใต้กระบะรถบรรทุกผัก",
        "ตำรวจภูธรภาค ๕ ขยายผลหาผู้ว่าจ้างขนยาเสพติด "
        "คาดว่ามีเครือข่ายข้ามชาติอยู่เบื้องหลัง",
    ),
    "file-leak": Story(
        "crime",
        "ไฟล์ข้อมูลผู้ป่วยหลุดสู่อินเทอร์เน็ต",
        "ไฟล์ Excel มีชื่อและเลขบัตรประชาชนกว่าหนึ่งหมื่นราย",
        "สำนักงานคณะกรรมการคุ้มครองข้อมูลส่วนบุคคลสั่งให้โรงพยาบาลชี้แจงภายในเจ็ดวัน",
    ),
    # --- education ---------------------------------------------------------------------
    "uni-wilaiwan": Story(
        "education",
        "นักเศรษฐศาสตร์ชี้ค่าเงินบาทแข็งกระทบส่งออก",
        "ดร. วิไลวรรณ จันทร์หอม มองว่าผู้ส่งออกรายย่อยควรป้องกันความเสี่ยงค่าเงิน",
        "อาจารย์วิไลวรรณแนะนำให้ธนาคารแห่งประเทศไทยดูแลไม่ให้ค่าเงินผันผวนเร็วเกินไป",
        people=("wilaiwan",),
    ),
    "school-admission": Story(
        "education",
        "นักเรียน ม.๖ เตรียมสอบ TCAS รอบแรก",
        "ที่ประชุมอธิการบดีเลื่อนวันประกาศผลเป็น ๑๕ มิ.ย.",
        "ผู้สมัครยื่นแฟ้มสะสมผลงานผ่านเว็บไซต์ได้ถึงสิ้นเดือน ค่าสมัครคณะละ ๑๕๐ บาท",
    ),
    "scholarship": Story(
        "education",
        "มูลนิธิมอบทุนการศึกษานักเรียน ม.๓ ยากจน ๕๐๐ ทุน",
        "ทุนละ ๕,๐๐๐ บาทต่อปี ต่อเนื่องจนจบปริญญาตรี",
        "ครูแนะแนวส่งรายชื่อได้ถึงวันที่ ๓๑ ก.ค. ๒๕๖๗",
    ),
    "ai-classroom": Story(
        "education",
        "ครูโรงเรียนชนบทใช้ AI ช่วยตรวจการบ้าน",
        "โรงเรียนได้ Wi-Fi ความเร็วสูงจากโครงการเน็ตประชารัฐ",
        "นักเรียนฝึกเขียนโปรแกรมบนคอมพิวเตอร์ที่ได้รับบริจาค "
        "ผู้อำนวยการบอกว่าทักษะดิจิตอลช่วยให้เด็กมีทางเลือกอาชีพมากขึ้น",
    ),
    # --- regions and tourism -----------------------------------------------------------
    "tak-border": Story(
        "region",
        "ตากเปิดจุดผ่อนปรนการค้าชายแดนแม่สอดเพิ่ม",
        "พ่อค้าชาวเมียนมาขนสินค้าข้ามสะพานมิตรภาพได้ทุกวัน",
        "หอการค้าจังหวัดตากคาดว่ามูลค่าการค้าจะเพิ่มขึ้นร้อยละ ๑๕ ในปีนี้",
    ),
    "temple-fair": Story(
        "region",
        "งานวัดสระเกศคึกคัก คนแน่นตลอดคืน",
        "ผู้คนมาลอยกระทงและเที่ยวชมร้านค้ากว่า ๕๐๐ ร้าน",
        "ทางวัดจัดเวทีลิเกและชิงช้าสวรรค์ให้เด็ก ๆ เล่น "
        "ตำรวจขอให้ผู้มาเที่ยวดูแลทรัพย์สินของตนเอง",
    ),
    "lopburi-monkeys": Story(
        "region",
        "ลพบุรีย้ายฝูงลิงออกจากตัวเมือง",
        "ลิงกว่า ๕๐๐ ตัวถูกจับไปอยู่ในศูนย์ที่สร้างขึ้นใหม่",
        "ร้านค้ารอบพระปรางค์สามยอดบอกว่าปัญหาลิงแย่งอาหารนักท่องเที่ยวลดลงมาก "
        "กรมอุทยานแห่งชาติจะทำหมันลิงอีกชุดในเดือนหน้า",
    ),
    "tea-chiangrai": Story(
        "region",
        "ไร่ชาดอยแม่สลองรับนักท่องเที่ยวช่วงหน้าหนาว",
        "ชาอู่หลงจากดอยสูงขายดีทั้งในและต่างประเทศ",
        "เกษตรกรชาวเขาเก็บยอดชาได้ปีละสี่ครั้ง ร้านกาแฟในหมู่บ้านก็ได้รับความนิยม",
    ),
    "rice-farmers": Story(
        "region",
        "ชาวนาร้อยเอ็ดเริ่มทำนาปีหลังฝนมาตามฤดู",
        "ข้าวหอมมะลิจากทุ่งกุลาร้องไห้ได้ราคาดีกว่าปีก่อน",
        "เกษตรกรหลายรายหันมาใช้โดรนหว่านปุ๋ยเพื่อลดต้นทุนค่าแรง",
    ),
    "pattaya-beach": Story(
        "region",
        "ชายหาดจอมเทียนชักธงแดงห้ามลงเล่นน้ำ",
        "กรมอุตุนิยมวิทยาเตือนลมแรงและคลื่นสูงสองถึงสามเมตรถึงวันอาทิตย์",
        "เจ้าหน้าที่กู้ภัยเฝ้าระวังตลอดแนวชายหาด "
        "นักท่องเที่ยวชาวต่างชาติหลายคนยังเดินเล่นริมทะเล",
    ),
    "hatyai-flood": Story(
        "region",
        "น้ำท่วมหาดใหญ่ ระดับน้ำในตัวเมืองสูงกว่าหนึ่งเมตร",
        "เทศบาลนครหาดใหญ่ตั้งศูนย์อพยพที่สนามกีฬากลาง",
        "ร้านค้าในตลาดกิมหยงยกของขึ้นที่สูงตั้งแต่เมื่อคืน "
        "นายชยพล รัตนวงศ์ ผู้ว่าราชการจังหวัดสงขลา "
        "สั่งระดมเรือและรถบรรทุกทหารช่วยขนย้ายผู้ป่วย",
        people=("chayapol",),
    ),
    "employer": Story(
        "region",
        "ผู้ว่าจ้างค้างค่าแรงคนงานโรงงานแปรรูปไม้",
        "แรงงานกว่า ๖๐ คนร้องเรียนต่อสำนักงานสวัสดิการและคุ้มครองแรงงาน",
        "นายจ้างรับปากว่าจะจ่ายครบภายในสิ้นเดือน หากผิดสัญญาเจ้าหน้าที่จะดำเนินคดีทันที",
    ),
    "forest-fire": Story(
        "region",
        "ไฟป่าดอยสุเทพลามใกล้เขตชุมชน",
        "ชาวบ้านช่วยทำแนวกันไฟตลอดคืน",
        "กรมควบคุมมลพิษรายงานว่าค่าฝุ่น PM2.5 ในเชียงใหม่สูงที่สุดในประเทศ "
        "เจ้าหน้าที่พบร่องรอยคนเผาป่าเพื่อเตรียมพื้นที่เพาะปลูก",
    ),
    "storm-north": Story(
        "region",
        "พายุฤดูร้อนพัดถล่มน่าน บ้านเรือนเสียหาย ๒๐๐ หลัง",
        "ลมกระโชกแรงพัดหลังคาปลิวและต้นไม้ล้มทับสายไฟ",
        "อบต.ในพื้นที่แจกกระเบื้องมุงหลังคาให้ผู้ได้รับความเดือดร้อน "
        "ทหารช่วยซ่อมบ้านให้ผู้สูงอายุ",
    ),
    "veg-festival": Story(
        "region",
        "ภูเก็ตเตรียมจัดเทศกาลกินเจ ๓-๑๑ ต.ค.",
        "ร้านอาหารทั่วเมืองติดธงเหลืองขายเมนูไม่มีเนื้อสัตว์",
        "ผู้ร่วมพิธีแต่งชุดขาวตลอดเก้าวัน โรงแรมในตัวเมืองถูกจองเกือบเต็ม",
    ),
    "tat-soft-power": Story(
        "region",
        "ททท.ชูมวยไทยและอาหารไทยเป็น soft power ดึงนักท่องเที่ยว",
        "ตั้งเป้ารายได้จากการท่องเที่ยวปี ๒๕๖๘ สามล้านล้านบาท",
        "การท่องเที่ยวแห่งประเทศไทยจะจัด event ใหญ่ในเมืองรอง ๕๕ จังหวัด "
        "เที่ยวบินของ Thai Airways จะแจกคูปองอาหารริมทางให้ผู้โดยสาร",
    ),
    "candle-procession": Story(
        "region",
        "แห่เทียนพรรษาอุบลราชธานีคึกคัก",
        "ขบวนต้นเทียนกว่า ๖๐ ขบวนเคลื่อนผ่านตัวเมืองวันที่ ๒๐ ก.ค.๒๕๖๗",
        "ช่างแกะสลักใช้เวลาทำต้นเทียนนานสามเดือน "
        "ผู้ชมจากต่างจังหวัดเดินทางมาจองที่นั่งตั้งแต่ตีห้า",
    ),
    "malee-community": Story(
        "city",
        "ชุมชนริมคลองลาดพร้าวได้น้ำประปาใช้ครบทุกหลัง",
        "นางสาวมาลี ทองดี ประธานชุมชน เผยว่ารอมานานกว่าสิบปี",
        "การประปานครหลวงวางท่อใหม่ระยะทาง ๓ กิโลเมตร "
        "ชาวชุมชนเคยต้องซื้อน้ำถังละ ๑๕ บาท",
        people=("malee",),
    ),
    "malee-canal": Story(
        "city",
        "ชุมชนริมคลองลาดพร้าวจัดกิจกรรมเก็บขยะในคลองทุกเดือน",
        "มาลี ทองดี แกนนำชุมชน ชวนเยาวชนพายเรือเก็บผักตบชวา",
        "ขยะที่เก็บได้จะนำไปคัดแยกและขายให้ร้านรับซื้อของเก่า รายได้เข้ากองทุนของชุมชน",
        people=("malee",),
    ),
    "uclg-thai": Story(
        "city",
        "UCLG ASPAC จัดประชุมเมืองยั่งยืนที่กรุงเทพฯ",
        "นางสาวเอมิลี คาร์เตอร์ เลขาธิการ "
        "กล่าวว่าเมืองในเอเชียต้องเตรียมรับภัยแล้งและน้ำท่วม",
        "ผู้แทนจาก ๒๕ ประเทศแลกเปลี่ยนแนวทางใช้ข้อมูลดิจิทัลบริหารเมือง "
        "การประชุมจะจบด้วยการรับรองปฏิญญาว่าด้วยเมืองคาร์บอนต่ำในวันที่ ๑๒ ธ.ค.",
        people=("emily",),
        organisations=("uclg",),
    ),
    "uclg-english": Story(
        "world",
        "UCLG ASPAC warns Asian cities over floods and drought",
        "Secretary General Emily Carter said coastal cities must plan for both extremes.",
        "A new flood/drought index ranks forty cities by risk. "
        "Bangkok and Manila top the list.",
        people=("emily",),
        organisations=("uclg",),
    ),
}

# Stories no reader may find, whatever they hold.
HIDDEN: dict[str, Story] = {
    "draft": Story(
        "crime",
        "ร่าง: ผบ.ตร.แถลงจับแก๊งขายยาปลอมทางออนไลน์",
        "ยังไม่เผยแพร่ ราคาทองคำ ราคาหมู มือ ตา ไข้หวัด 2567",
        "ชาวนา ลิง ปูม้า ไร่ชา flood ฟุตบอล วัคซีน มาลี ทองดี ธนกร ศักดิ์สิทธิ์",
        people=("malee", "thanakorn"),
        organisations=("bma",),
    ),
    "scheduled": Story(
        "region",
        "ตั้งเวลา: ไฟป่าและหมอกควันภาคเหนือ ปี ๒๕๖๗",
        "ข่าวตั้งเวลาไว้ ยังไม่ถึงเวลาเผยแพร่",
        "ลมแรง ชายหาด ราคายาง วัด กล้วย ม่วง EV GDP Wi-Fi ครม. กกต. ก.ค.",
    ),
}

QUERIES: list[Query] = [
    # --- compound: the word occurs in a must-story only inside a longer word ------------
    q("compound", "ท่องเที่ยว",
      "bigkorn-hatyai pattaya-beach tea-chiangrai lopburi-monkeys tat-soft-power gdp",
      "crab rice-farmers"),
    q("compound", "ป่วย",
      "bkk-dengue clinic-app file-leak hatyai-flood moph-hotline",
      "blood-donation orchid"),
    q("compound", "เกษตร",
      "rubber-price cabinet-farmers orchid rice-farmers tea-chiangrai durian banana",
      "gold-price"),
    q("compound", "ประกัน",
      "social-security health-insurance",
      "nurse-shortage cabinet-wage"),
    q("compound", "ยุง",
      "bkk-dengue",
      "flu food-poisoning rubber-price"),
    q("compound", "ไฟฟ้า",
      "electricity-bill thonglor-fire",
      "forest-fire"),
    q("compound", "ประปา",
      "malee-community",
      "malee-canal chao-phraya"),
    q("compound", "สาธารณสุข",
      "bkk-dengue food-poisoning moph-hotline flu",
      "gold-price cement"),
    q("compound", "ภาษี",
      "vat cabinet-wage",
      "gdp year-end-sale"),
    q("compound", "มลพิษ",
      "forest-fire",
      "storm-north chicken-farm"),
    q("compound", "อุตุนิยมวิทยา",
      "pattaya-beach",
      "crab mango"),
    q("compound", "ทหาร",
      "army-chief hatyai-flood storm-north",
      "police-checkpoints"),
    q("compound", "แรงงาน",
      "cabinet-wage grab-riders employer",
      "gold-price"),
    q("compound", "ขนส่ง",
      "bkk-bus cement",
      "gold-price"),
    q("compound", "สุขภาพ",
      "health-insurance mother-child",
      "cement"),
    q("compound", "อาหาร",
      "food-poisoning veg-festival bkk-garbage lopburi-monkeys tat-soft-power",
      "cement"),
    q("compound", "ประมง",
      "crab",
      "rice-farmers"),
    q("compound", "ข้าว",
      "rice-farmers cabinet-farmers",
      "orchid"),
    q("compound", "ทุเรียน",
      "durian",
      "mango"),
    q("compound", "ศึกษา",
      "scholarship bkk-school-term",
      "school-admission"),
    # --- glued: the word written against the verb or noun before it ---------------------
    q("glued", "วัคซีน",
      "flu world-dengue-vaccine",
      "pharmacy"),
    q("glued", "เลือด",
      "blood-donation",
      "nurse-shortage"),
    q("glued", "จักรยาน",
      "bkk-bike",
      "police-checkpoints"),
    q("glued", "กระทง",
      "temple-fair",
      "candle-procession"),
    q("glued", "ราคา",
      "cement year-end-sale cabinet-farmers rubber-price gold-price pork-price durian "
      "banana chicken-farm rice-farmers",
      "senate-vote"),
    q("glued", "ถนน",
      "marathon silom-street-food bigkorn-hatyai",
      "purple-line"),
    q("glued", "ปืน",
      "robbery",
      "drug-bust"),
    q("glued", "ด่าน",
      "police-checkpoints durian bigkorn-hatyai",
      "robbery"),
    q("glued", "สมัคร",
      "ect-byelection ect-vote-buying school-admission local-election",
      "senate-vote"),
    q("glued", "เทอม",
      "bkk-school-term flu",
      "scholarship"),
    q("glued", "ขยะ",
      "silom-street-food bkk-garbage malee-canal",
      "malee-community"),
    q("glued", "ไก่",
      "chicken-farm pork-price",
      "crab"),
    q("glued", "ป่า",
      "forest-fire",
      "storm-north"),
    q("glued", "คิว",
      "apple clinic-app",
      "pharmacy"),
    q("glued", "ไข้",
      "flu bkk-dengue",
      "chicken-farm"),
    q("glued", "ทะเบียน",
      "flood-prone cabinet-farmers marathon vat",
      "ect-byelection"),
    q("glued", "ฝุ่น",
      "bkk-pm25 forest-fire",
      "storm-north"),
    q("glued", "เงิน",
      "police-chief-scam cabinet-farmers ect-vote-buying social-security army-chief "
      "uni-wilaiwan",
      "pink-eye"),
    # --- trap: the letters of a short word inside an unrelated longer word --------------
    q("trap", "ตา",
      "bkk-pm25 pink-eye",
      "tak-border bkk-school-term clinic-app mother-child robbery rice-farmers banana "
      "electricity-bill chicken-farm"),
    q("trap", "มือ",
      "flu muay-thai",
      "bkk-garbage lopburi-monkeys uclg-thai politics-heat silom-street-food banana "
      "ev-cars apple hatyai-flood veg-festival tat-soft-power candle-procession"),
    q("trap", "หวัด",
      "flu",
      "tak-border ect-byelection crab hatyai-flood candle-procession food-poisoning "
      "tat-soft-power"),
    q("trap", "ยา",
      "pharmacy pink-eye drug-bust",
      "rubber-price nurse-shortage scholarship moph-hotline purple-line bkk-bike "
      "chao-phraya gold-price gdp crab internet-villages flu health-insurance "
      "police-checkpoints file-leak lopburi-monkeys pattaya-beach malee-canal"),
    q("trap", "นา",
      "rice-farmers cabinet-farmers",
      "thonglor-fire employer local-election senate-vote hatyai-flood bkk-dengue "
      "chao-phraya cabinet-wage rubber-price mango crab year-end-sale moph-hotline "
      "football volleyball police-chief-scam robbery uni-wilaiwan tea-chiangrai "
      "candle-procession malee-community malee-canal badminton uclg-thai "
      "football-english"),
    q("trap", "ลม",
      "pattaya-beach storm-north",
      "silom-street-food politics-heat"),
    q("trap", "ไฟ",
      "thonglor-fire forest-fire",
      "file-leak"),
    q("trap", "ขา",
      "football",
      "pharmacy nurse-shortage veg-festival food-poisoning gold-price banana "
      "year-end-sale apple internet-villages tea-chiangrai malee-canal uclg-thai"),
    q("trap", "ปลา",
      "crab",
      "year-end-sale gold-price"),
    q("trap", "หมู",
      "pork-price",
      "village-fund tea-chiangrai internet-villages"),
    q("trap", "ทอง",
      "gold-price",
      "thonglor-fire malee-community malee-canal durian health-insurance"),
    q("trap", "วัด",
      "temple-fair",
      "ect-byelection tak-border crab flu food-poisoning hatyai-flood tat-soft-power "
      "candle-procession"),
    q("trap", "ชา",
      "tea-chiangrai",
      "rice-farmers football bkk-bus ai-classroom durian flood-prone silom-street-food "
      "bkk-bike chao-phraya cabinet-farmers ect-vote-buying vat local-election "
      "village-fund rubber-price electricity-bill crab ev-cars blood-donation "
      "health-insurance futsal police-chief-scam police-checkpoints army-chief "
      "drug-bust file-leak tak-border lopburi-monkeys pattaya-beach forest-fire "
      "malee-community"),
    q("trap", "แม่",
      "mother-child",
      "chao-phraya tak-border tea-chiangrai"),
    q("trap", "ปู",
      "crab",
      "cement"),
    q("trap", "ลิง",
      "lopburi-monkeys",
      "police-chief-scam thonglor-fire"),
    q("trap", "ม่วง",
      "purple-line",
      "mango"),
    q("trap", "กล้วย",
      "banana",
      "orchid"),
    q("trap", "หาด",
      "pattaya-beach",
      "hatyai-flood bigkorn-hatyai"),
    q("trap", "เจ",
      "veg-festival",
      "thonglor-fire grab-riders chao-phraya file-leak flood-prone moph-hotline "
      "football muay-thai police-chief-scam robbery pattaya-beach employer forest-fire"),
    q("trap", "เมือง",
      "uclg-thai bkk-garbage lopburi-monkeys banana ev-cars apple hatyai-flood "
      "veg-festival tat-soft-power candle-procession",
      "politics-heat"),
    # --- abbreviation --------------------------------------------------------------------
    q("abbreviation", "ก.ค.",
      "ect-byelection scholarship candle-procession bkk-garbage",
      "vat electricity-bill"),
    q("abbreviation", "กรกฎาคม",
      "ect-byelection candle-procession bkk-garbage scholarship",
      "vat"),
    q("abbreviation", "ธ.ค.",
      "purple-line electricity-bill police-checkpoints uclg-thai muay-thai",
      "vat ect-byelection"),
    q("abbreviation", "ธันวาคม",
      "purple-line muay-thai electricity-bill police-checkpoints uclg-thai",
      "ect-byelection"),
    q("abbreviation", "กทม.",
      "flood-prone bkk-garbage bkk-school-term bkk-bike bkk-pm25 bkk-dengue uclg-thai",
      "hatyai-flood chao-phraya"),
    q("abbreviation", "กรุงเทพมหานคร",
      "bkk-garbage bkk-pm25 bkk-dengue flood-prone bkk-school-term bkk-bike uclg-thai",
      "hatyai-flood"),
    q("abbreviation", "ผบ.ตร.",
      "police-chief-scam police-checkpoints",
      "army-chief robbery"),
    q("abbreviation", "ผู้บัญชาการตำรวจแห่งชาติ",
      "police-chief-scam police-checkpoints",
      "army-chief"),
    q("abbreviation", "ครม.",
      "cabinet-farmers cabinet-wage village-fund",
      "senate-vote politics-heat"),
    q("abbreviation", "คณะรัฐมนตรี",
      "cabinet-farmers village-fund cabinet-wage",
      "senate-vote"),
    q("abbreviation", "สธ.",
      "flu moph-hotline",
      "health-insurance blood-donation"),
    q("abbreviation", "กระทรวงสาธารณสุข",
      "flu moph-hotline",
      "blood-donation"),
    q("abbreviation", "กกต.",
      "ect-byelection ect-vote-buying local-election",
      "rubber-price pork-price durian"),
    q("abbreviation", "คณะกรรมการการเลือกตั้ง",
      "ect-byelection local-election ect-vote-buying",
      "senate-vote"),
    q("abbreviation", "ส.ส.",
      "ect-byelection politics-heat",
      "senate-vote"),
    q("abbreviation", "สน.",
      "robbery",
      "police-chief-scam"),
    q("abbreviation", "สถานีตำรวจนครบาล",
      "robbery",
      "police-checkpoints"),
    q("abbreviation", "อบต.",
      "local-election storm-north",
      "village-fund"),
    q("abbreviation", "ขสมก.",
      "bkk-bus",
      "purple-line"),
    q("abbreviation", "ผู้ว่าฯ",
      "bkk-garbage hatyai-flood",
      "employer drug-bust"),
    q("abbreviation", "ททท.",
      "tat-soft-power",
      "pattaya-beach"),
    q("abbreviation", "ก.ค. 2567",
      "ect-byelection scholarship candle-procession bkk-garbage",
      "vat electricity-bill"),
    # --- digits: Thai and Arabic find each other -----------------------------------------
    q("digits", "2567",
      "gdp cabinet-wage ect-byelection electricity-bill scholarship candle-procession "
      "bkk-garbage",
      "purple-line pork-price vat"),
    q("digits", "๒๕๖๗",
      "gdp cabinet-wage ect-byelection electricity-bill scholarship candle-procession "
      "bkk-garbage",
      "purple-line pork-price vat"),
    q("digits", "2566",
      "purple-line pork-price",
      "gdp electricity-bill"),
    q("digits", "๒๕๖๖",
      "pork-price purple-line",
      "gdp"),
    q("digits", "2568",
      "vat tat-soft-power bkk-bus",
      "gdp cabinet-wage"),
    q("digits", "๒๕๖๘",
      "bkk-bus vat tat-soft-power",
      "gdp"),
    q("digits", "1669",
      "moph-hotline",
      "health-insurance"),
    q("digits", "๑๓๓๐",
      "health-insurance",
      "moph-hotline"),
    q("digits", "400 บาท",
      "cabinet-wage internet-villages",
      "thonglor-fire"),
    q("digits", "๔๐๐ บาท",
      "internet-villages cabinet-wage",
      "thonglor-fire"),
    q("digits", "15",
      "bkk-school-term tak-border malee-community school-admission",
      "electricity-bill durian social-security"),
    q("digits", "15 พ.ค.",
      "bkk-school-term",
      "school-admission"),
    q("digits", "ม.6",
      "bkk-school-term school-admission",
      "scholarship"),
    q("digits", "3-1",
      "football football-english",
      "badminton veg-festival"),
    q("digits", "35",
      "local-election food-poisoning",
      "gdp"),
    q("digits", "1,000",
      "cabinet-farmers social-security bkk-school-term",
      "orchid gold-price"),
    q("digits", "1000",
      "cabinet-farmers social-security bkk-school-term",
      "orchid gold-price"),
    q("digits", "20 ก.ค.",
      "candle-procession",
      "scholarship ect-byelection"),
    q("digits", "12 ธันวาคม",
      "uclg-thai",
      "purple-line police-checkpoints"),
    # --- English words in Thai copy ------------------------------------------------------
    q("english", "flood",
      "flood-prone uclg-english",
      "silom-street-food grab-riders"),
    q("english", "warning",
      "flood-prone",
      "silom-street-food"),
    q("english", "street food",
      "silom-street-food",
      "grab-riders"),
    q("english", "food delivery",
      "grab-riders",
      "silom-street-food"),
    q("english", "PM2.5",
      "bkk-pm25 forest-fire",
      "pattaya-beach"),
    q("english", "PM 2.5",
      "bkk-pm25 forest-fire",
      "pattaya-beach"),
    q("english", "GDP",
      "gdp",
      "vat"),
    q("english", "EV",
      "ev-cars bkk-bus",
      "tat-soft-power"),
    q("english", "AI",
      "ai-classroom",
      "tat-soft-power world-dengue-vaccine football-english uclg-english"),
    q("english", "Wi-Fi",
      "ai-classroom bkk-bus",
      "internet-villages"),
    q("english", "wifi",
      "ai-classroom bkk-bus",
      "internet-villages"),
    q("english", "smart city",
      "bkk-bike",
      "uclg-english"),
    q("english", "Grab",
      "grab-riders",
      "ev-cars"),
    q("english", "LINE",
      "grab-riders",
      "purple-line"),
    q("english", "work from home",
      "bkk-pm25",
      "forest-fire"),
    q("english", "e-commerce",
      "vat year-end-sale",
      "gold-price"),
    q("english", "commerce",
      "vat year-end-sale",
      "gold-price"),
    q("english", "drought",
      "uclg-english",
      "flood-prone"),
    q("english", "contactless",
      "purple-line",
      "bkk-bus"),
    q("english", "Excel",
      "file-leak",
      "ai-classroom"),
    q("english", "TikTok",
      "internet-villages",
      "pharmacy"),
    q("english", "UCLG ASPAC",
      "uclg-thai uclg-english",
      "flood-prone"),
    q("english", "BMA",
      "flood-prone bkk-garbage bkk-school-term bkk-bike bkk-pm25",
      "hatyai-flood"),
    q("english", "Bangkok Marathon",
      "marathon",
      "football-english"),
    # --- transliterations and their synonym groups ---------------------------------------
    q("transliteration", "vaccine",
      "flu world-dengue-vaccine",
      "pharmacy"),
    q("transliteration", "วัคซีน",
      "world-dengue-vaccine flu",
      "pharmacy"),
    q("transliteration", "ฟุตบอล",
      "football football-english",
      "futsal volleyball"),
    q("transliteration", "football",
      "football football-english",
      "futsal"),
    q("transliteration", "วอลเลย์บอล",
      "volleyball",
      "football"),
    q("transliteration", "volleyball",
      "volleyball",
      "football futsal"),
    q("transliteration", "อินเตอร์เน็ต",
      "file-leak internet-villages",
      "gold-price"),
    q("transliteration", "internet",
      "file-leak internet-villages",
      "gold-price"),
    q("transliteration", "เฟสบุ๊ค",
      "local-election pharmacy internet-villages",
      "grab-riders"),
    q("transliteration", "facebook",
      "local-election pharmacy internet-villages",
      "grab-riders"),
    q("transliteration", "คลินิก",
      "social-security clinic-app mother-child",
      "pharmacy"),
    q("transliteration", "clinic",
      "social-security clinic-app mother-child",
      "pharmacy"),
    q("transliteration", "ดิจิตอล",
      "ai-classroom gdp uclg-thai",
      "cement"),
    q("transliteration", "แอป",
      "bkk-bus clinic-app electricity-bill ect-vote-buying",
      "apple world-dengue-vaccine"),
    q("transliteration", "application",
      "bkk-bus clinic-app electricity-bill ect-vote-buying",
      "apple world-dengue-vaccine"),
    q("transliteration", "มาราธอน",
      "marathon",
      "football-english"),
    q("transliteration", "online",
      "bkk-school-term police-chief-scam volleyball ect-byelection year-end-sale",
      "cement"),
    q("transliteration", "rider",
      "grab-riders",
      "bkk-bike"),
    q("transliteration", "โซล่าเซลล์",
      "solar",
      "electricity-bill"),
    q("transliteration", "ซอฟต์พาวเวอร์",
      "tat-soft-power",
      "muay-thai"),
    q("transliteration", "computer",
      "ai-classroom",
      "file-leak"),
    q("transliteration", "สมาร์ทซิตี้",
      "bkk-bike",
      "uclg-thai"),
    # --- names, with and without titles ---------------------------------------------------
    q("names", "มาลี ทองดี",
      "malee-community malee-canal",
      "mother-child robbery"),
    q("names", "นางสาวมาลี ทองดี",
      "malee-community malee-canal",
      "mother-child robbery"),
    q("names", "น.ส.มาลี ทองดี",
      "malee-community malee-canal",
      "mother-child robbery"),
    q("names", "มาลีทองดี",
      "malee-community malee-canal",
      "mother-child robbery"),
    q("names", "มาลี",
      "malee-community malee-canal mother-child",
      "robbery"),
    q("names", "พญ.มาลี สุขใจ",
      "mother-child",
      "malee-community malee-canal"),
    q("names", "พญ.มาลี",
      "mother-child",
      "malee-community malee-canal"),
    q("names", "ธนกร ศักดิ์สิทธิ์",
      "police-chief-scam police-checkpoints bigkorn-hatyai",
      "robbery"),
    q("names", "พล.ต.อ.ธนกร",
      "police-chief-scam police-checkpoints bigkorn-hatyai",
      "robbery"),
    q("names", "บิ๊กกร",
      "bigkorn-hatyai police-chief-scam police-checkpoints",
      "robbery"),
    q("names", "ผศ.ดร.วิไลวรรณ",
      "cabinet-wage gdp uni-wilaiwan",
      "year-end-sale"),
    q("names", "วิไลวรรณ จันทร์หอม",
      "cabinet-wage gdp uni-wilaiwan",
      "year-end-sale"),
    q("names", "ดร. วิไลวรรณ",
      "cabinet-wage gdp uni-wilaiwan",
      "year-end-sale"),
    q("names", "ณัฐพล ศรีสวัสดิ์",
      "football football-english",
      "badminton"),
    q("names", "ณัฐพลศรีสวัสดิ์",
      "football football-english",
      "badminton"),
    q("names", "นายณัฐพล",
      "football football-english",
      "badminton"),
    q("names", "ศรีสวัสดิ์",
      "football football-english badminton",
      "army-chief"),
    q("names", "น.ส.กัญญา ศรีสวัสดิ์",
      "badminton",
      "football"),
    q("names", "Emily Carter",
      "uclg-thai uclg-english",
      "world-dengue-vaccine"),
    q("names", "เอมิลี คาร์เตอร์",
      "uclg-thai uclg-english",
      "flood-prone"),
    q("names", "นางบุญเรือน แก้วมณี",
      "rubber-price",
      "durian"),
    q("names", "นายชยพล รัตนวงศ์",
      "hatyai-flood",
      "bigkorn-hatyai"),
]
# fmt: on
