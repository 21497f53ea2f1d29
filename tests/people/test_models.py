from datetime import date

import pytest
from django.db import IntegrityError

from people.models import Affiliation, Organisation, Person
from tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "name", "printed"),
    [
        ("นาย", "ชัยพร ศรีสุข", "นายชัยพร ศรีสุข"),
        ("นางสาว", "มาลี ดีงาม", "นางสาวมาลี ดีงาม"),
        ("ดร.", "อรุณี วิเศษ", "ดร. อรุณี วิเศษ"),
        ("พล.ต.อ.", "ประสิทธิ์ กล้าหาญ", "พล.ต.อ. ประสิทธิ์ กล้าหาญ"),
        ("Dr", "Jane Doe", "Dr Jane Doe"),
        ("", "ไม่มีคำนำหน้า", "ไม่มีคำนำหน้า"),
    ],
)
def test_full_name_joins_the_title_as_thai_news_prints_it(title, name, printed):
    person = Person(title=title, name=name)
    assert person.full_name == printed
    assert str(person) == printed


def test_the_title_is_stored_apart_from_the_name():
    person = make_person(title="พญ.", name="วันดี สุขใจ", aliases=["หมอวันดี"])
    person.refresh_from_db()
    assert (person.title, person.name, person.aliases) == ("พญ.", "วันดี สุขใจ", ["หมอวันดี"])


def test_organisation_shows_its_acronym():
    assert str(Organisation(name="กรุงเทพมหานคร", short_name="กทม.")) == "กรุงเทพมหานคร (กทม.)"


def test_an_organisation_cannot_be_its_own_parent():
    organisation = make_organisation()
    organisation.parent = organisation
    with pytest.raises(IntegrityError, match="organisation_not_own_parent"):
        organisation.save()


def test_departments_list_under_their_parent():
    city = make_organisation(name="กรุงเทพมหานคร")
    drains = make_organisation(name="สำนักการระบายน้ำ", parent=city)
    assert list(city.children.all()) == [drains]


def test_an_affiliation_cannot_end_before_it_starts():
    person, organisation = make_person(), make_organisation()
    with pytest.raises(IntegrityError, match="affiliation_ends_after_start"):
        Affiliation.objects.create(
            person=person,
            organisation=organisation,
            start_date=date(2022, 6, 1),
            end_date=date(2022, 1, 1),
        )


def test_an_organisation_cannot_sit_under_its_own_department():
    from django.core.exceptions import ValidationError

    city = make_organisation(name="เมือง")
    department = make_organisation(name="สำนัก", parent=city)
    city.parent = department
    with pytest.raises(ValidationError) as caught:
        city.full_clean()
    assert "parent" in caught.value.message_dict
    department.parent = None
    city.full_clean()  # no loop any more: nothing raised
