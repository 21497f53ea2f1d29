"""A reader on a phone: home, the lead story, a byline, a tag, and the language switch."""

import pytest

from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, csp_violations
from tests.factories import (
    make_article,
    make_image,
    make_organisation,
    make_person,
    make_section,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


def test_reader_follows_lead_story_byline_tag_and_switches_language(page):
    page.set_viewport_size(PHONE)
    section = make_section(name="ข่าวกรุงเทพฯ")
    reporter = make_person(title="นางสาว", name="ศิริพร ข่าวไว")
    official = make_person(title="ดร.", name="กมล ทองคำ", position="ที่ปรึกษาผู้ว่าราชการ")
    lead = make_article(
        title="ฝนตกหนักทั่วกรุง ระบายน้ำเร่งสูบทั้งคืน",
        standfirst="น้ำท่วมขังหลายจุดในย่านธุรกิจ",
        body="<p>เจ้าหน้าที่ระดมเครื่องสูบน้ำ</p>" * 8,
        section=section,
        bylines=[reporter],
        lead_image=make_image(alt_text="ถนนที่มีน้ำท่วมขัง", caption="ถนนสุขุมวิทช่วงเช้า"),
    )
    lead.people.add(official)
    lead.organisations.add(make_organisation(name="สำนักการระบายน้ำ", short_name="สนน."))
    lead.tags.add("น้ำท่วม")
    for n in range(4):
        make_article(title=f"ข่าวอื่นลำดับ {n}", section=section).tags.add("น้ำท่วม")

    visited = []

    def check(expect_title_part: str) -> None:
        page.wait_for_load_state("load")
        assert expect_title_part in page.title()
        assert_accessible(page)
        assert_no_horizontal_scroll(page)
        visited.append(page.url)

    page.goto("/")
    check("Newsroom")
    page.click(f"text={lead.title}")
    check(lead.title)
    assert page.locator("time").first.inner_text().startswith("วัน")  # Buddhist-era date
    page.click(".story__meta .byline a")
    check("ศิริพร ข่าวไว")
    assert page.locator("h1").inner_text().endswith("ศิริพร ข่าวไว")
    page.go_back()
    page.click(".story__tags a >> text=น้ำท่วม")
    check("น้ำท่วม")
    assert page.locator(".card").count() == 5
    thai_tag_page = page.url
    page.click(".language-switch a[hreflang=en]")
    check("น้ำท่วม")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".skip-link").inner_text() == "Skip to content"
    # The English page has its own address, and its links stay in English.
    assert page.url == thai_tag_page.replace("/tag/", "/en/tag/", 1)
    page.click(f"text={lead.title}")
    page.wait_for_load_state("load")
    assert "/en/news/" in page.url
    assert page.locator("html").get_attribute("lang") == "en"

    assert len(visited) == 5
    assert csp_violations(page) == []
    assert page.console_errors == []
