"""The engine: segmentation of compounds, query parsing, index freshness, synonyms."""

import pytest

from search import engine
from search.models import SearchEntry, Synonym
from tests.factories import make_article, make_organisation, make_person, make_section

pytestmark = pytest.mark.django_db


def found(query, **filters) -> set[int]:
    return set(engine.search(query, engine.Filters(**filters)).values_list("pk", flat=True))


def test_compound_parts_are_words_but_traps_are_not():
    vocab = engine.vocabulary()
    assert "ราชการ" in vocab.related("ผู้ว่าราชการจังหวัด")
    assert "ราชการ" in vocab.related("ข้าราชการ")
    assert "ผู้ว่า" not in vocab.related("ผู้ว่าจ้าง")
    assert "มือ" not in vocab.related("เมือง")
    assert "หวัด" not in vocab.related("จังหวัด")
    assert "เมือง" not in vocab.related("การเมือง")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "\x00",
        "a\x00b",
        "!!!???...",
        "''''",
        "\\",
        "' & | ! <-> ( ) :*",
        "ก" * 10_000,
        "ผู้ว่า " * 2_000,
        "😀🙈",
        "\u200b\u200b",
        '"unterminated',
        "%00 %",
    ],
)
def test_no_string_breaks_the_search(query):
    list(engine.search(query)[:5])
    list(engine.matching_article_ids(query))
    engine.matching_entities(engine.parse_query(query))


def test_queries_are_capped():
    parsed = engine.parse_query("ข่าว " * 500)
    assert len(parsed.text) <= engine.MAX_QUERY_CHARS
    assert parsed.tsquery.count("'ข่าว'") <= engine.MAX_QUERY_TERMS


def test_a_title_before_a_name_asks_for_the_person_with_that_title(on_commit):
    with on_commit():
        doctor = make_article(title="พญ.มาลี สุขใจ เปิดคลินิกฝากครรภ์")
        resident = make_article(title="นางสาวมาลี ทองดี ประธานชุมชน")
        lecturer = make_article(title="ผศ.ดร.วิไลวรรณ จันทร์หอม ชี้ค่าเงินบาท")
        writer = make_article(title="Dr Sarah Whitfield on air quality")
    assert found("มาลี") == {doctor.pk, resident.pk}
    assert found("พญ.มาลี") == {doctor.pk}
    assert found("น.ส.มาลี") == found("นางสาว มาลี") == {resident.pk}  # either spelling
    # a part of a stacked title, written against the name or apart from it
    assert found("ดร.วิไลวรรณ") == found("ดร. วิไลวรรณ") == {lecturer.pk}
    assert found("นายวิไลวรรณ") == set()
    assert found("Dr Whitfield") == {writer.pk}  # one word (the given name) between
    assert "นาย" in engine.parse_query("นาย").tsquery  # alone it is the word itself
    assert "นายก" in engine.parse_query("นายกรัฐมนตรี").tsquery  # not นาย + กรัฐมนตรี


def test_english_is_case_insensitive_and_numbers_match(on_commit):
    with on_commit():
        article = make_article(title="Floods in Bangkok", body="<p>Rainfall of 120 mm</p>")
    assert found("BANGKOK") == {article.pk}
    assert found("bangkok floods") == {article.pk}
    assert found("120") == {article.pk}
    assert found("๑๒๐") == {article.pk}


def test_a_number_is_not_found_inside_a_decimal(on_commit):
    with on_commit():
        decimal = make_article(title="ส่งออกขยายตัวร้อยละ 3.5")
        whole = make_article(title="นักเรียน ๓๕ คนอาหารเป็นพิษ", body="<p>ราคา 1,000 บาท</p>")
    assert found("35") == found("๓๕") == {whole.pk}
    assert found("3.5") == found("๓.๕") == {decimal.pk}
    assert found("1000") == {whole.pk}  # a thousands comma is not a decimal point


def test_english_words_match_their_other_forms(on_commit):
    with on_commit():
        article = make_article(title="Flooding closes roads", body="<p>น้ำท่วมถนน</p>")
    assert found("flood") == found("FLOODS") == found("closing road") == {article.pk}
    assert found("floodgate") == set()
    assert engine.lexeme("UCLG") == "uclg" and engine.lexeme("ผู้ว่าฯ") == "ผู้ว่าฯ"
    marked = [
        f.text for f in engine.highlight(article.title, engine.parse_query("floods")) if f.marked
    ]
    assert marked == ["Flooding"]


def test_an_edited_story_is_found_by_its_new_words_only(on_commit):
    with on_commit():
        article = make_article(title="ฝนตกหนักที่ลำปาง")
    assert found("ลำปาง") == {article.pk}
    with on_commit():
        article.title = "ฝนตกหนักที่แพร่"
        article.save()
    assert found("ลำปาง") == set()
    assert found("แพร่") == {article.pk}


def test_a_renamed_person_is_found_by_the_new_name(on_commit):
    with on_commit():
        person = make_person(title="นาย", name="ทองดี มีสุข")
        article = make_article(title="ข่าวหนึ่ง")
        article.people.add(person)
    assert found("ทองดี") == {article.pk}
    with on_commit():
        person.name = "ทองคำ มีสุข"
        person.aliases = ["ลุงทอง"]
        person.save()
    assert found("ทองดี") == set()
    assert found("ทองคำ") == {article.pk}
    assert found("ลุงทอง") == {article.pk}


def test_bylines_tags_and_organisations_are_indexed(on_commit):
    with on_commit():
        reporter = make_person(title="นางสาว", name="สายฝน ใจงาม")
        organisation = make_organisation(name="การประปานครหลวง", short_name="กปน.")
        article = make_article(title="ข่าวสอง", bylines=[reporter])
        article.organisations.add(organisation)
        article.tags.add("น้ำประปา")
    assert found("สายฝน") == {article.pk}
    assert found("กปน.") == {article.pk}
    assert found("น้ำประปา") == {article.pk}
    with on_commit():
        organisation.short_name = "กปน"
        organisation.aliases = ["MWA"]
        organisation.save()
        article.tags.clear()
    assert found("mwa") == {article.pk}
    assert found("น้ำประปา") == set()


def test_a_new_name_is_found_in_stories_indexed_before_it_existed(on_commit):
    with on_commit():
        article = make_article(title="ดร.เบอร์นาเดียลงพื้นที่")
    with on_commit():
        make_person(title="ดร.", name="เบอร์นาเดีย")
    assert found("เบอร์นาเดีย") == {article.pk}


def test_synonyms_edited_in_the_admin_apply_at_once(on_commit):
    with on_commit():
        article = make_article(title="ศูนย์ฉีดวัคซีนเปิดเพิ่ม")
    assert found("วัคซีนโควิด") == set()
    with on_commit():
        Synonym.objects.create(terms=["ศูนย์ฉีดวัคซีน", "วัคซีนโควิด"])
    assert found("วัคซีนโควิด") == {article.pk}


def test_filters_narrow_by_section_dates_person_and_organisation(on_commit):
    from datetime import timedelta

    from django.utils import timezone

    section = make_section(name="กีฬา")
    person = make_person(name="ชนะ ทุกนัด")
    organisation = make_organisation(name="สมาคมฟุตบอล")
    old = timezone.now() - timedelta(days=400)
    with on_commit():
        a = make_article(title="ฟุตบอลนัดแรก", section=section, published_at=old)
        b = make_article(title="ฟุตบอลนัดสอง", bylines=[person])
        c = make_article(title="ฟุตบอลนัดสาม")
        c.organisations.add(organisation)
    assert found("ฟุตบอล") == {a.pk, b.pk, c.pk}
    assert found("ฟุตบอล", section=section) == {a.pk}
    assert found("ฟุตบอล", date_to=(old + timedelta(days=1)).date()) == {a.pk}
    assert found("ฟุตบอล", date_from=timezone.now().date()) == {b.pk, c.pk}
    assert found("ฟุตบอล", person=person) == {b.pk}
    assert found("ฟุตบอล", organisation=organisation) == {c.pk}


def test_rank_puts_the_headline_first_then_the_newest(on_commit):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    with on_commit():
        in_body = make_article(title="ข่าวเช้า", body="<p>ทุเรียนราคาดี</p>", published_at=now)
        older = make_article(title="ทุเรียนล้นตลาด", published_at=now - timedelta(days=2))
        newer = make_article(title="ทุเรียนส่งออก", published_at=now - timedelta(days=1))
    ranked = list(engine.search("ทุเรียน").values_list("pk", flat=True))
    assert ranked == [newer.pk, older.pk, in_body.pk]


def test_snippet_marks_matches_and_keeps_the_rest_as_text():
    article = make_article(
        title="t", standfirst="", body="<p>นายกฯ &lt;b&gt; ประชุมผู้ว่าราชการจังหวัดทั่วประเทศ</p>"
    )
    parsed = engine.parse_query("ราชการ")
    fragments = engine.snippet(article, parsed)
    assert [f.text for f in fragments if f.marked] == ["ผู้ว่าราชการจังหวัด"]
    assert "<b>" in "".join(f.text for f in fragments)  # text, escaped by the template


def test_deleting_an_article_removes_its_entry(on_commit):
    with on_commit():
        article = make_article(title="ลบได้")
    assert SearchEntry.objects.filter(article=article).exists()
    article.delete()
    assert not SearchEntry.objects.exists()


def test_a_broad_query_ranks_the_newest_window_only(on_commit, monkeypatch, client):
    from datetime import timedelta

    from django.utils import timezone

    monkeypatch.setattr(engine, "RANK_WINDOW", 3)
    now = timezone.now()
    with on_commit():
        stories = [
            make_article(title=f"ทุเรียนหมอนทอง {n}", published_at=now - timedelta(days=n + 1))
            for n in range(5)
        ]
    parsed = engine.parse_query("ทุเรียน")
    assert set(engine.search(parsed).values_list("pk", flat=True)) == {
        story.pk for story in stories[:3]
    }
    assert parsed.broad
    response = client.get("/search/", {"q": "ทุเรียน"})
    assert response.context["broad"]
    narrow = engine.parse_query("หมอนทอง 4")
    assert list(engine.search(narrow).values_list("pk", flat=True)) == [stories[4].pk]
    assert not narrow.broad


def test_the_newest_window_is_the_same_whichever_span_fills_it(on_commit, monkeypatch):
    """Candidates are looked for in the last week, then three months, then everywhere:
    the window holds the newest matches of the whole archive in every case."""
    from datetime import date, timedelta

    from django.utils import timezone

    monkeypatch.setattr(engine, "RANK_WINDOW", 3)
    now = timezone.now()
    ages = {"week": [1, 2, 3, 4], "months": [2, 40, 60, 500], "years": [200, 400, 700, 900]}
    stories = {}
    with on_commit():
        for word, days in [("มังคุด", ages["week"]), ("ลองกอง", ages["months"])]:
            stories[word] = [
                make_article(title=f"{word} {age}", published_at=now - timedelta(days=age))
                for age in days
            ]
        stories["เงาะ"] = [
            make_article(title=f"เงาะ {age}", published_at=now - timedelta(days=age))
            for age in ages["years"]
        ]
    for word, matches in stories.items():
        assert found(word) == {story.pk for story in matches[:3]}, word
    # A date range of the reader's own is searched as it is.
    since = (now - timedelta(days=450)).date()
    assert found("เงาะ", date_from=since) == {story.pk for story in stories["เงาะ"][:2]}
    assert found("ลองกอง", date_from=date.today()) == set()
    # ... and so is a "to" date: the spans then end there, not now.
    until = timezone.localtime(now - timedelta(days=2)).date()
    assert found("มังคุด", date_to=until) == {story.pk for story in stories["มังคุด"][1:]}
    assert found("ลองกอง", date_to=until) == {story.pk for story in stories["ลองกอง"][:3]}


def test_inline_markup_inside_a_thai_word_does_not_split_it(on_commit):
    assert engine.html_to_text("<p>น้ำ<b>ท่วม</b><a href='/x'>หนัก</a></p><p>ย่อหน้า<br>ใหม่</p>") == (
        "\nน้ำท่วมหนัก\n\nย่อหน้า\nใหม่\n"
    )
    assert engine.html_to_text("<table><tr><td>หนึ่ง</td><td>สอง</td></tr></table>").split() == [
        "หนึ่ง",
        "สอง",
    ]
    with on_commit():
        story = make_article(title="ข่าวฝน", body="<p>ชาวบ้านเจอ<strong>น้ำ</strong>ท่วมสูง</p>")
    assert found("น้ำท่วม") == {story.pk}


def test_the_pieces_of_a_name_are_searched_but_never_highlighted():
    make_organisation(name="สมาคมคนค้าไทย", short_name="สมค.")
    parsed = engine.parse_query("สมค.")
    # Stories indexed before the name was known hold it as สม|ค: still found ...
    assert "'สม' <-> 'ค'" in parsed.tsquery
    # ... but สม or ค elsewhere in a story is no match to mark.
    assert parsed.words == {"สมค"}
    fragments = engine.highlight("ผลไม้รสสม ค่ำนี้ สมค. ประชุม", parsed)
    assert [fragment.text for fragment in fragments if fragment.marked] == ["สมค."]


def test_a_person_or_organisation_filter_looks_beyond_the_newest_window(on_commit, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    monkeypatch.setattr(engine, "RANK_WINDOW", 2)
    person, organisation = make_person(name="วิภา ทองดี"), make_organisation(name="มูลนิธิกล้วยไม้")
    now = timezone.now()
    with on_commit():
        named = make_article(title="กล้วยไม้ราคาตก", published_at=now - timedelta(days=300))
        named.people.add(person)
        named.organisations.add(organisation)
        for days in (1, 2, 3):
            make_article(title=f"กล้วยไม้บาน {days}", published_at=now - timedelta(days=days))
    assert found("กล้วยไม้", person=person) == {named.pk}
    assert found("กล้วยไม้", organisation=organisation) == {named.pk}


def test_finding_candidates_leaves_the_planner_settings_as_they_were(on_commit):
    """The candidates are found with only bitmap scans allowed (SET LOCAL); inside a
    caller's transaction the settings are put back at once, not at its end."""
    from django.db import connection, transaction

    names = ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan")

    def planner_settings():
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(f"current_setting('{n}')" for n in names))
            return cursor.fetchone()

    with on_commit():
        story = make_article(title="ทุเรียนหมอนทอง")
    with transaction.atomic():
        assert planner_settings() == ("on", "on", "on")
        with engine._bitmap_scans_only():
            assert planner_settings() == ("off", "off", "off")
        assert planner_settings() == ("on", "on", "on")
        assert found("ทุเรียน") == {story.pk}
        assert planner_settings() == ("on", "on", "on")


def test_documents_are_stored_with_lz4_where_the_server_has_it():
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        try:
            with transaction.atomic():
                cursor.execute("SET LOCAL default_toast_compression = 'lz4'")
            server_has_lz4 = True
        except Exception:  # the server was built without lz4
            server_has_lz4 = False
        cursor.execute(
            "SELECT attcompression FROM pg_attribute"
            " WHERE attrelid = 'search_searchentry'::regclass AND attname = 'document'"
        )
        (method,) = cursor.fetchone()
    assert method == ("l" if server_has_lz4 else "")
