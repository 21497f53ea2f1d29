"""A reader searches from the masthead for a Thai name, follows a highlighted result,
then searches an abbreviation."""

import pytest

from search.models import Synonym
from tests.browser.conftest import assert_accessible, csp_violations
from tests.factories import make_article, make_organisation, make_person, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_searches_a_name_and_an_abbreviation(page):
    # Made here: an earlier transactional test may have flushed the migration's groups.
    Synonym.objects.get_or_create(terms=["กทม.", "กรุงเทพฯ", "กรุงเทพมหานคร", "กรุงเทพ"])
    section = make_section(name="ข่าวกรุงเทพฯ")
    governor = make_person(title="นาย", name="วรเชษฐ์ ทองประเสริฐ", aliases=["บิ๊กเชษฐ์"])
    bma = make_organisation(name="กรุงเทพมหานคร", short_name="กทม.")
    story = make_article(
        title="ผู้ว่าฯ ลงพื้นที่ตรวจจุดน้ำท่วม",
        standfirst="สั่งเร่งสูบน้ำออกจากถนนพหลโยธิน",
        body="<p>นายวรเชษฐ์ ทองประเสริฐ ตรวจอุโมงค์ระบายน้ำของกรุงเทพมหานคร</p>",
        section=section,
    )
    story.people.add(governor)
    story.organisations.add(bma)
    make_article(title="ผู้ว่าจ้างค้างค่าแรงคนงาน", section=section)  # a trap word

    page.goto("/")
    page.fill("#masthead-q", "นายวรเชษฐ์")
    page.press("#masthead-q", "Enter")
    page.wait_for_load_state("load")
    assert "/search/" in page.url
    results = page.locator(".search-result")
    assert results.count() == 1
    assert results.first.locator("mark").first.inner_text() == "วรเชษฐ์"
    assert page.locator(".search__entities").get_by_text("วรเชษฐ์ ทองประเสริฐ").count() == 1
    assert "พ.ศ." in results.first.locator("time").inner_text()
    assert_accessible(page)

    results.first.locator("h3 a").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == story.title

    page.fill("#masthead-q", "กทม.")
    page.press("#masthead-q", "Enter")
    page.wait_for_load_state("load")
    assert page.locator(".search-result").count() == 1  # กรุงเทพมหานคร in the body
    assert page.locator(".search-result mark").first.inner_text() == "กรุงเทพมหานคร"
    assert page.locator("#search-q").input_value() == "กทม."
    assert csp_violations(page) == []
