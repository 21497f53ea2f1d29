"""A small newsroom written for the search accuracy test: original stories, in Thai and
English, and the exact stories an editor expects each query to find.

The stories are short and invented. They hold the hard cases on purpose: compounds
(ราชการ inside ผู้ว่าราชการจังหวัด, ข้าราชการ), abbreviations (กทม., ผู้ว่าฯ, นายกฯ, รพ.,
สตช.), names with and without honorifics and by nickname, English and mixed text,
Thai and Arabic digits, and trap words that contain a query without meaning it
(เมือง for มือ, ผู้ว่าจ้าง for ผู้ว่า, จังหวัด for หวัด, การเมือง for เมือง, นายกเทศมนตรี
for นายกฯ). A draft and a scheduled story match many queries and must never be shown.
"""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article, Byline, Section
from people.models import Organisation, Person
from search.models import Synonym

PEOPLE = {
    "governor": {
        "title": "นาย",
        "name": "วรเชษฐ์ ทองประเสริฐ",
        "position": "ผู้ว่าราชการกรุงเทพมหานคร",
        "aliases": ["บิ๊กเชษฐ์"],
    },
    "cm_governor": {
        "title": "นาย",
        "name": "ประเสริฐ วงศ์ใหญ่",
        "position": "ผู้ว่าราชการจังหวัดเชียงใหม่",
    },
    "doctor": {"title": "ดร.", "name": "เบญจมาศ ลีลาวดี", "aliases": ["หมอเบญ"]},
    "police": {"title": "พล.ต.อ.", "name": "สุรเดช กล้าหาญ", "aliases": ["บิ๊กเดช"]},
    "reporter": {"title": "นางสาว", "name": "กมลชนก ใจดี"},
    "sarah": {"title": "Dr", "name": "Sarah Whitfield"},
}

ORGANISATIONS = {
    "bma": {"name": "กรุงเทพมหานคร", "short_name": "กทม.", "aliases": ["BMA"]},
    "police": {
        "name": "สำนักงานตำรวจแห่งชาติ",
        "short_name": "สตช.",
        "aliases": ["Royal Thai Police"],
    },
    "uclg": {
        "name": "United Cities and Local Governments Asia-Pacific",
        "short_name": "UCLG ASPAC",
    },
    "srt": {"name": "การรถไฟแห่งประเทศไทย", "short_name": "รฟท."},
}

# The groups editors keep in the admin (the first migration adds the same; made here as
# well because transactional tests flush what migrations wrote).
SYNONYMS = [
    ["กทม.", "กรุงเทพฯ", "กรุงเทพมหานคร", "กรุงเทพ"],
    ["ผู้ว่าฯ", "ผู้ว่า", "ผู้ว่าราชการ"],
    ["นายกฯ", "นายกรัฐมนตรี"],
    ["ตร.", "ตำรวจ"],
    ["รพ.", "โรงพยาบาล"],
]

SECTIONS = {"city": "ข่าวกรุงเทพฯ", "region": "ภูมิภาค", "politics": "การเมือง", "world": "World"}

# key: (section, title, standfirst, body, people, organisations, tags, bylines)
STORIES = {
    "s01": (
        "city",
        "ผู้ว่าฯ กทม. ลงพื้นที่ตรวจจุดน้ำท่วมเขตบางเขน",
        "สั่งเร่งสูบน้ำออกจากถนนพหลโยธินภายในคืนนี้",
        "นายวรเชษฐ์ ทองประเสริฐ ผู้ว่าราชการกรุงเทพมหานคร ตรวจอุโมงค์ระบายน้ำ "
        "และขอให้ประชาชนเลี่ยงเส้นทางช่วงเย็น",
        ["governor"],
        ["bma"],
        ["น้ำท่วม"],
        [],
    ),
    "s02": (
        "city",
        "เปิดศูนย์พักพิงผู้ประสบภัยน้ำท่วมสามแห่ง",
        "มีเตียง อาหาร และแพทย์อาสาตลอดวัน",
        "สำนักงานเขตดอนเมืองรับผู้ประสบภัยได้สองร้อยคน",
        [],
        ["bma"],
        ["น้ำท่วม"],
        [],
    ),
    "s03": (
        "city",
        "กรุงเทพฯ ฝนตกหนัก รถติดหลายสาย",
        "กรมอุตุนิยมวิทยาคาดว่าฝนจะตกต่อเนื่องถึงวันศุกร์",
        "ผู้ขับขี่ควรเผื่อเวลาเดินทางอย่างน้อยหนึ่งชั่วโมง",
        [],
        [],
        [],
        [],
    ),
    "s04": (
        "region",
        "ผู้ว่าราชการจังหวัดเชียงใหม่สั่งเฝ้าระวังหมอกควัน",
        "ห้ามเผาในที่โล่งจนถึงสิ้นเดือนเมษายน",
        "นายประเสริฐ วงศ์ใหญ่ ตั้งทีมเฉพาะกิจดับไฟป่าบนดอยสุเทพ",
        ["cm_governor"],
        [],
        [],
        [],
    ),
    "s05": (
        "region",
        "ผู้ว่าจ้างค้างค่าแรงคนงานก่อสร้างสามเดือน",
        "แรงงานกว่าห้าสิบคนร้องเรียนต่อสำนักงานแรงงานจังหวัดชลบุรี",
        "เจ้าหน้าที่นัดผู้ว่าจ้างไกล่เกลี่ยในสัปดาห์หน้า",
        [],
        [],
        [],
        [],
    ),
    "s06": (
        "region",
        "เทศบาลเมืองลำปางปรับปรุงถนนสายหลัก",
        "งานจะเสร็จก่อนฤดูฝน",
        "ผู้ใช้รถควรใช้เส้นทางเลี่ยงระหว่างการก่อสร้าง",
        [],
        [],
        [],
        [],
    ),
    "s07": (
        "region",
        "นักกีฬายกน้ำหนักบาดเจ็บที่มือ ต้องพักสองสัปดาห์",
        "แพทย์ยืนยันว่ากระดูกไม่หัก",
        "ทีมชาติยังมีเวลาเตรียมตัวก่อนการแข่งขันนัดต่อไป",
        [],
        [],
        [],
        [],
    ),
    "s08": (
        "politics",
        "ข้าราชการได้ปรับเงินเดือนตั้งแต่ปีหน้า",
        "คณะรัฐมนตรีอนุมัติกรอบวงเงินแล้ว",
        "การปรับครั้งนี้ครอบคลุมผู้มีรายได้น้อยก่อน",
        [],
        [],
        [],
        [],
    ),
    "s09": (
        "city",
        "สำนักงานตำรวจแห่งชาติตั้งศูนย์รับแจ้งเหตุออนไลน์",
        "แจ้งความได้ตลอดยี่สิบสี่ชั่วโมงผ่านแอปพลิเคชัน",
        "พล.ต.อ.สุรเดช กล้าหาญ ผู้บัญชาการตำรวจแห่งชาติ กล่าวว่าจะลดเวลารอคอย",
        ["police"],
        ["police"],
        [],
        [],
    ),
    "s10": (
        "city",
        "บิ๊กเดชสั่งกวาดล้างแก๊งคอลเซ็นเตอร์",
        "ตั้งเป้าปิดบัญชีม้าให้ได้หนึ่งหมื่นบัญชี",
        "ผู้เสียหายแจ้งความได้ที่สถานีใกล้บ้าน",
        ["police"],
        [],
        [],
        [],
    ),
    "s11": (
        "city",
        "ดร.เบญจมาศ ลีลาวดี เตือนฝุ่น PM2.5 สูงเกินมาตรฐาน",
        "เด็กและผู้สูงอายุควรงดกิจกรรมกลางแจ้ง",
        "ค่าฝุ่นในหลายเขตสูงกว่าเมื่อวานเกือบเท่าตัว",
        ["doctor"],
        [],
        [],
        [],
    ),
    "s12": (
        "city",
        "หมอเบญแนะวิธีเลือกหน้ากากกันฝุ่น",
        "หน้ากากอนามัยธรรมดากรองฝุ่นละเอียดไม่ได้",
        "ควรเลือกหน้ากากที่แนบกับใบหน้าและเปลี่ยนทุกวัน",
        ["doctor"],
        [],
        [],
        [],
    ),
    "s13": (
        "world",
        "Bangkok hosts UCLG ASPAC mayors' forum",
        "Mayors from twelve countries meet to discuss flood defences.",
        "The three-day forum ends with a declaration on climate adaptation.",
        [],
        ["uclg"],
        [],
        [],
    ),
    "s14": (
        "world",
        "Dr Sarah Whitfield on air quality in Chiang Mai",
        "A British scientist explains why the smoke returns every spring.",
        "Whitfield says satellite data show most fires start on farmland.",
        ["sarah"],
        [],
        [],
        [],
    ),
    "s15": (
        "city",
        "UCLG ASPAC จัดประชุมเมืองน่าอยู่ที่กรุงเทพฯ",
        "ผู้แทนจากสามสิบเมืองร่วมแลกเปลี่ยนแนวคิด",
        "การประชุมเน้นพื้นที่สีเขียวและทางเดินเท้า",
        [],
        ["uclg"],
        [],
        [],
    ),
    "s16": (
        "city",
        "รถไฟฟ้าสายสีเหลืองเปิดให้บริการเต็มรูปแบบ",
        "ค่าโดยสารสูงสุดสี่สิบห้าบาท",
        "ผู้โดยสารเปลี่ยนสายได้ที่สถานีลาดพร้าว",
        [],
        [],
        ["รถไฟฟ้า"],
        [],
    ),
    "s17": (
        "region",
        "การรถไฟแห่งประเทศไทยเพิ่มขบวนช่วงสงกรานต์",
        "เปิดจองตั๋วล่วงหน้าสามสิบวัน",
        "ขบวนพิเศษวิ่งถึงหนองคายและอุบลราชธานี",
        [],
        ["srt"],
        [],
        [],
    ),
    "s18": (
        "city",
        "ผู้ป่วย COVID-19 เพิ่มขึ้นหลังสงกรานต์",
        "โรงพยาบาลหลายแห่งเปิดจุดตรวจเพิ่ม",
        "กรมควบคุมโรคแนะนำให้ผู้สูงอายุรับวัคซีนเข็มกระตุ้น",
        [],
        [],
        [],
        [],
    ),
    "s19": (
        "politics",
        "งบประมาณปี 2568 เพิ่มขึ้นห้าเปอร์เซ็นต์",
        "งบลงทุนด้านคมนาคมได้มากที่สุด",
        "สภาจะพิจารณาวาระแรกในเดือนหน้า",
        [],
        [],
        [],
        [],
    ),
    "s20": (
        "politics",
        "เปิดรับสมัครสอบข้าราชการ ปี ๒๕๖๘",
        "สมัครทางออนไลน์ได้ถึงสิ้นเดือน",
        "ผู้สมัครต้องมีวุฒิปริญญาตรีขึ้นไป",
        [],
        [],
        [],
        [],
    ),
    "s21": (
        "politics",
        "นายกรัฐมนตรีเรียกประชุมคณะรัฐมนตรีนัดพิเศษ",
        "วาระหลักคือมาตรการช่วยเหลือเกษตรกร",
        "การประชุมเริ่มเวลาเก้าโมงเช้าที่ทำเนียบรัฐบาล",
        [],
        [],
        [],
        [],
    ),
    "s22": (
        "politics",
        "นายกฯ ลงพื้นที่ภาคใต้ติดตามการเยียวยา",
        "พบปะชาวสวนยางที่ได้รับผลกระทบ",
        "รัฐบาลเตรียมงบเยียวยาเพิ่มเติม",
        [],
        [],
        [],
        [],
    ),
    "s23": (
        "region",
        "นายกเทศมนตรีนครเชียงรายเปิดตลาดน้ำแห่งใหม่",
        "ตลาดเปิดทุกวันเสาร์และอาทิตย์",
        "พ่อค้าแม่ค้าในชุมชนได้พื้นที่ขายฟรีสามเดือนแรก",
        [],
        [],
        [],
        [],
    ),
    "s24": (
        "city",
        "รพ.ศิริราชเปิดคลินิกนอกเวลาเพิ่ม",
        "ผู้ป่วยนัดล่วงหน้าได้ทางแอปพลิเคชัน",
        "คลินิกเปิดถึงสามทุ่มในวันธรรมดา",
        [],
        [],
        [],
        [],
    ),
    "s25": (
        "city",
        "โรงเรียนในกทม.ปิดเรียนสองวันเพราะฝุ่น",
        "นักเรียนเรียนออนไลน์แทน",
        "ครูส่งใบงานให้ผู้ปกครองทางไลน์",
        [],
        [],
        [],
        [],
    ),
    "s26": (
        "politics",
        "ภาษีที่ดินและสิ่งปลูกสร้างจ่ายได้ถึงสิ้นเดือน",
        "ผู้ค้างชำระจะเสียเงินเพิ่ม",
        "เจ้าของบ้านหลังแรกได้รับการยกเว้น",
        [],
        [],
        [],
        [],
    ),
    "s27": (
        "city",
        "ค่ายมือถือปรับราคาแพ็กเกจอินเทอร์เน็ต",
        "ผู้ใช้แบบเติมเงินจ่ายเพิ่มเฉลี่ยยี่สิบบาท",
        "สำนักงาน กสทช. จะตรวจสอบความเป็นธรรม",
        [],
        [],
        [],
        [],
    ),
    "s28": (
        "politics",
        "กกต.ประกาศผลเลือกตั้งผู้ว่าราชการกรุงเทพมหานคร",
        "ผู้มาใช้สิทธิเกินครึ่งหนึ่งของผู้มีสิทธิ",
        "ผลอย่างเป็นทางการจะประกาศภายในสามสิบวัน",
        [],
        [],
        ["เลือกตั้ง"],
        [],
    ),
    "s29": (
        "world",
        "Songkran water fights return to Silom",
        "Police close the road to traffic for three evenings.",
        "Vendors say sales of water pistols doubled this year.",
        [],
        [],
        [],
        [],
    ),
    "s30": (
        "world",
        "Flooding closes three roads in Bang Khen",
        "Drivers are told to use the expressway.",
        "Pumps are running through the night.",
        [],
        [],
        [],
        [],
    ),
    "s33": (
        "region",
        "เชียงใหม่จัดงานมหกรรมไม้ดอกประจำปี",
        "ขบวนรถบุปผชาติเคลื่อนผ่านถนนท่าแพ",
        "นักท่องเที่ยวจองที่พักเต็มเกือบทุกแห่ง",
        [],
        [],
        [],
        [],
    ),
    "s34": (
        "city",
        "ตลาดนัดจตุจักรคึกคักช่วงปลายปี",
        "ร้านค้าเปิดถึงเที่ยงคืนทุกวันศุกร์",
        "นักท่องเที่ยวต่างชาตินิยมซื้อผ้าไทย",
        [],
        [],
        [],
        ["reporter"],
    ),
    "s35": (
        "city",
        "ราคาผักแพงขึ้นหลังน้ำท่วม",
        "ผักชีกิโลกรัมละสองร้อยบาท",
        "แม่ค้าคาดว่าราคาจะลดลงในสองสัปดาห์",
        [],
        [],
        ["น้ำท่วม"],
        ["reporter"],
    ),
    "s36": (
        "politics",
        "สภาผ่านร่างงบประมาณวาระแรก",
        "ฝ่ายค้านขอให้ตัดงบอาวุธ",
        "กรรมาธิการจะพิจารณารายมาตราภายในหกสิบวัน",
        [],
        [],
        [],
        [],
    ),
    "s37": (
        "world",
        "BMA opens new bike lanes in the old town",
        "The lanes link three markets and two piers.",
        "Cyclists asked for protected lanes for years.",
        [],
        ["bma"],
        [],
        [],
    ),
    "s38": (
        "city",
        "สตช.ออกมาตรการคุมเข้มเมาแล้วขับ",
        "ตั้งด่านตรวจทุกคืนวันศุกร์",
        "ผู้ฝ่าฝืนจะถูกยึดใบขับขี่ทันที",
        [],
        ["police"],
        [],
        [],
    ),
    "s39": (
        "politics",
        "หน่วยงานราชการเปิดบริการวันเสาร์",
        "ประชาชนทำบัตรประจำตัวได้โดยไม่ต้องลางาน",
        "ทดลองสามเดือนแล้วจะประเมินผล",
        [],
        [],
        [],
        [],
    ),
    "s41": (
        "region",
        "เมืองพัทยาเตรียมจัดงานพลุนานาชาติ",
        "ทีมจากแปดประเทศร่วมแข่งขัน",
        "โรงแรมริมหาดเปิดจองห้องพักล่วงหน้า",
        [],
        [],
        [],
        [],
    ),
    "s42": (
        "politics",
        "การเมืองร้อนแรงก่อนเลือกตั้งท้องถิ่น",
        "ผู้สมัครหาเสียงผ่านสื่อออนไลน์มากขึ้น",
        "นักวิชาการเตือนเรื่องข่าวปลอม",
        [],
        [],
        [],
        [],
    ),
    "s43": (
        "city",
        "นักวิชาการเสนอปลูกต้นไม้ลดฝุ่น",
        "ดร. เบญจมาศ ลีลาวดี ชี้ว่าต้นไม้ใหญ่ช่วยดักฝุ่นได้",
        "ข้อเสนอนี้จะส่งให้สำนักสิ่งแวดล้อมพิจารณา",
        [],
        [],
        [],
        [],
    ),
    "s44": (
        "city",
        "บิ๊กเชษฐ์ปั่นจักรยานไปทำงาน",
        "ผู้ว่าฯ กทม. ชวนข้าราชการลดใช้รถยนต์",
        "ทางจักรยานใหม่เชื่อมสวนลุมพินีกับสีลม",
        ["governor"],
        [],
        [],
        [],
    ),
    "s45": (
        "city",
        "เด็กเป็นหวัดจำนวนมากหลังอากาศเปลี่ยน",
        "กุมารแพทย์แนะให้ล้างมือบ่อย ๆ",
        "ผู้ปกครองควรให้เด็กพักผ่อนให้เพียงพอ",
        [],
        [],
        [],
        [],
    ),
}

# Stories no reader may find, whatever they contain.
HIDDEN = {
    "draft": (
        "city",
        "ร่าง: ผู้ว่าฯ กทม. เตรียมแถลงเรื่องน้ำท่วม",
        "",
        "ยังไม่เผยแพร่",
        ["governor"],
        ["bma"],
        ["น้ำท่วม"],
        [],
    ),
    "scheduled": (
        "city",
        "น้ำท่วมกรุงเทพฯ: แผนรับมือปีหน้า",
        "",
        "ข่าวตั้งเวลาไว้",
        [],
        ["bma"],
        [],
        [],
    ),
}

GOVERNOR = {"s01", "s04", "s28", "s44"}
BANGKOK = {"s01", "s02", "s03", "s15", "s25", "s28", "s37", "s44"}

# query -> the exact set of stories an editor expects.
QUERIES = {
    # abbreviations and short forms
    "ผู้ว่าฯ": GOVERNOR,
    "ผู้ว่า": GOVERNOR,
    "ผู้ว่าราชการ": GOVERNOR,
    "กทม.": BANGKOK,
    "กทม": BANGKOK,
    "กรุงเทพฯ": BANGKOK,
    "กรุงเทพมหานคร": BANGKOK,
    "ผู้ว่าฯ กทม.": {"s01", "s28", "s44"},
    "นายกฯ": {"s21", "s22"},
    "นายกรัฐมนตรี": {"s21", "s22"},
    "รพ.": {"s18", "s24"},
    "โรงพยาบาล": {"s18", "s24"},
    "สตช.": {"s09", "s38"},
    "สำนักงานตำรวจแห่งชาติ": {"s09", "s38"},
    # compounds
    "ราชการ": {"s01", "s04", "s08", "s20", "s28", "s39", "s44"},
    "ข้าราชการ": {"s08", "s20", "s44"},
    "ที่ดิน": {"s26"},
    "ตำรวจ": {"s09", "s38"},
    "รถไฟฟ้า": {"s16"},
    "เชียงใหม่": {"s04", "s33"},
    "จังหวัด": {"s04", "s05"},
    # trap words
    "มือ": {"s07", "s45"},
    "เมือง": {"s06", "s15", "s41"},
    "ผู้ว่าจ้าง": {"s05"},
    "หวัด": {"s45"},
    "นายกเทศมนตรี": {"s23"},
    "มือถือ": {"s27"},
    # names, with and without honorifics, nicknames
    "วรเชษฐ์": {"s01", "s44"},
    "นายวรเชษฐ์": {"s01", "s44"},
    "นายวรเชษฐ์ ทองประเสริฐ": {"s01", "s44"},
    "บิ๊กเชษฐ์": {"s01", "s44"},
    "ดร.เบญจมาศ": {"s11", "s12", "s43"},
    "เบญจมาศ ลีลาวดี": {"s11", "s12", "s43"},
    "หมอเบญ": {"s11", "s12"},
    "พล.ต.อ.สุรเดช": {"s09", "s10"},
    "สุรเดช กล้าหาญ": {"s09", "s10"},
    "บิ๊กเดช": {"s09", "s10"},
    "กมลชนก": {"s34", "s35"},
    "ประเสริฐ วงศ์ใหญ่": {"s04"},
    # English, numbers, mixed
    "UCLG ASPAC": {"s13", "s15"},
    "uclg": {"s13", "s15"},
    "BMA": {"s01", "s02", "s37"},
    "Sarah Whitfield": {"s14"},
    "Dr Whitfield": {"s14"},
    "chiang mai": {"s14"},
    "songkran": {"s29"},
    "COVID-19": {"s18"},
    "covid": {"s18"},
    "PM2.5": {"s11"},
    "2568": {"s19", "s20"},
    "๒๕๖๘": {"s19", "s20"},
    "UCLG เมืองน่าอยู่": {"s15"},
    "น้ำท่วม": {"s01", "s02", "s35"},
    "flooding": {"s13", "s30"},
    # English words match their other forms (stemmed), case aside
    "floods": {"s13", "s30"},
    "Closing roads": {"s29", "s30"},
    "เลือกตั้ง": {"s28", "s42"},
    # nothing to find
    "!!!": set(),
    "ฯลฯ": set(),
}


def build() -> dict[str, Article]:
    """Create the newsroom; returns the stories by key (hidden ones included)."""
    for terms in SYNONYMS:
        Synonym.objects.get_or_create(terms=terms)
    people = {key: Person.objects.create(**fields) for key, fields in PEOPLE.items()}
    organisations = {
        key: Organisation.objects.create(**fields) for key, fields in ORGANISATIONS.items()
    }
    sections = {key: Section.objects.create(name=name) for key, name in SECTIONS.items()}
    now = timezone.now()
    stories = {}
    for n, (key, story) in enumerate({**STORIES, **HIDDEN}.items()):
        section, title, standfirst, body, named, orgs, tags, bylines = story
        status = Article.Status.DRAFT if key == "draft" else Article.Status.PUBLISHED
        published_at = None
        if status == Article.Status.PUBLISHED:
            published_at = (
                now + timedelta(days=1) if key == "scheduled" else now - timedelta(hours=n + 1)
            )
        article = Article.objects.create(
            section=sections[section],
            title=title,
            standfirst=standfirst,
            body=f"<p>{body}</p>",
            status=status,
            published_at=published_at,
        )
        article.people.set([people[p] for p in named])
        article.organisations.set([organisations[o] for o in orgs])
        if tags:
            article.tags.add(*tags)
        for position, person in enumerate(bylines):
            Byline.objects.create(article=article, person=people[person], position=position)
        stories[key] = article
    return stories
