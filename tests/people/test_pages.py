"""Readers' person and organisation pages: roles over time, people named alongside,
an organisation's people and departments."""

from datetime import date

import pytest

from people.models import Affiliation
from tests.factories import make_article, make_organisation, make_person
from tests.html_checker import html_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    governor = make_person(title="นาย", name="ชยพล ศรีเมือง")
    deputy = make_person(title="นาง", name="ศิริพร ทองแท้")
    adviser = make_person(title="ดร.", name="กมล ใจกว้าง")
    stranger = make_person(title="นาย", name="ไม่เคย ร่วมข่าว")
    city = make_organisation(name="เทศบาลนครตัวอย่าง", short_name="ทนต.")
    office = make_organisation(name="สำนักการระบายน้ำตัวอย่าง", parent=city)
    Affiliation.objects.create(
        person=governor, organisation=city, role="นายกเทศมนตรี", start_date=date(2022, 6, 1)
    )
    Affiliation.objects.create(
        person=governor,
        organisation=office,
        role="ผู้อำนวยการ",
        start_date=date(2018, 1, 1),
        end_date=date(2022, 5, 31),
    )
    Affiliation.objects.create(person=deputy, organisation=city, role="รองนายกเทศมนตรี")
    for n in range(3):
        make_article(title=f"ผู้ว่าฯ กับรองฯ {n}").people.add(governor, deputy)
    make_article(title="ผู้ว่าฯ กับที่ปรึกษา").people.add(governor, adviser)
    draft = make_article(title="ร่าง", status="draft")
    draft.people.add(governor, stranger)  # not public: does not count
    return {
        "governor": governor,
        "deputy": deputy,
        "adviser": adviser,
        "city": city,
        "office": office,
    }


def test_person_page_shows_roles_over_time_in_buddhist_era(client, newsroom):
    html = client.get(newsroom["governor"].get_absolute_url()).content.decode()
    assert "นายกเทศมนตรี" in html
    assert "ผู้อำนวยการ" in html
    assert "1 มิ.ย. 65" in html  # 2022 CE
    assert "31 พ.ค. 65" in html
    assert '<time datetime="2018-01-01">' in html


def test_person_page_lists_people_most_often_named_alongside(client, newsroom):
    response = client.get(newsroom["governor"].get_absolute_url())
    named_with = response.context["named_with"]
    assert named_with == [newsroom["deputy"], newsroom["adviser"]]  # 3 stories, then 1
    assert [p.stories_together for p in named_with] == [3, 1]
    assert "ไม่เคย ร่วมข่าว" not in response.content.decode()  # only in a draft
    assert newsroom["deputy"].get_absolute_url() in response.content.decode()


def test_named_with_counts_only_the_persons_newest_public_stories(client, newsroom, monkeypatch):
    from people.views import PersonView

    # The newest two public stories naming the governor: one with the adviser, one with
    # the deputy (the newer draft does not count, nor the two older stories).
    monkeypatch.setattr(PersonView, "NAMED_WITH_AMONG", 2)
    named_with = client.get(newsroom["governor"].get_absolute_url()).context["named_with"]
    assert named_with == [newsroom["adviser"], newsroom["deputy"]]  # 1 each, then by name
    assert [p.stories_together for p in named_with] == [1, 1]


def test_organisation_page_lists_its_people_and_departments(client, newsroom):
    html = client.get(newsroom["city"].get_absolute_url()).content.decode()
    assert newsroom["governor"].get_absolute_url() in html
    assert "รองนายกเทศมนตรี" in html
    assert newsroom["office"].get_absolute_url() in html
    office = client.get(newsroom["office"].get_absolute_url()).content.decode()
    assert "31 พ.ค. 65" in office  # the governor's former role there, with its end


def test_organisation_page_lists_current_people_first_and_not_all_of_a_big_one(client, newsroom):
    from people.views import PEOPLE_SHOWN

    city = newsroom["city"]
    for n in range(PEOPLE_SHOWN):
        Affiliation.objects.create(
            person=make_person(name=f"อดีต ผู้บริหาร{n}"),
            organisation=city,
            start_date=date(2001, 1, 1),
            end_date=date(2002, 1, 1),
        )
    response = client.get(city.get_absolute_url())
    shown = [affiliation.person for affiliation in response.context["people"]]
    assert len(shown) == PEOPLE_SHOWN
    assert shown[:2] == [newsroom["governor"], newsroom["deputy"]]  # current ones first


def test_person_and_organisation_pages_are_valid_html(client, newsroom, tmp_path):
    pages = {
        "person": client.get(newsroom["governor"].get_absolute_url()).content,
        "organisation": client.get(newsroom["city"].get_absolute_url()).content,
    }
    assert html_problems(pages, tmp_path) == []
