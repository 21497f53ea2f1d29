"""A reporter pastes a Thai story and links the people and organisations it names from
the "Names in this story" panel: two known ones, and one new person created from a
candidate. The published story's page then links all three."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from articles.models import Article
from people.models import Person
from tests.browser.conftest import assert_accessible, csp_violations, log_in
from tests.factories import make_member, make_organisation, make_person, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STORY = (
    "นายชยพล ศรีเมือง นายกเทศมนตรีนครตัวอย่าง ให้การต้อนรับ ดร. อรอนงค์ สายธาร "
    "ผู้แทนองค์การ UCLG ASPAC และนางสาวพิมพ์ชนก ศรีวงศ์ ผู้ช่วยผู้แทน "
    "เพื่อหารือความร่วมมือเรื่องการจัดการน้ำท่วม ส่วนนายจ้างและนางแบบที่มาร่วมงานไม่ได้ให้สัมภาษณ์"
)


def test_reporter_links_suggested_names_and_creates_a_new_person(page):
    make_member("reporter", "Reporter")
    make_section(name="ข่าวกรุงเทพฯ")
    mayor = make_person(title="นาย", name="ชยพล ศรีเมือง")
    make_person(title="ดร.", name="อรอนงค์ สายธาร")
    uclg = make_organisation(
        name="United Cities and Local Governments Asia Pacific", short_name="UCLG ASPAC"
    )

    log_in(page, "reporter")
    page.goto("/admin/articles/article/add/")
    page.fill("#id_title", "เทศบาลหารือ UCLG ASPAC เรื่องน้ำท่วม")
    page.click(".field-section .select2-selection")
    page.fill(".select2-search__field", "กรุงเทพ")
    page.click(".select2-results__option >> text=ข่าวกรุงเทพฯ")
    page.locator(".field-body .ck-editor__editable").click()
    page.keyboard.insert_text(STORY)  # as a paste: one input, no keystrokes

    # The panel follows the text: known people and organisations, and a candidate.
    found = page.locator("#names-panel-found")
    found.locator(f'button[name="_add_person"][value="{mayor.pk}"]').wait_for()
    assert found.locator('button[name="_add_person"]').count() == 2
    assert found.locator(f'button[name="_add_organisation"][value="{uclg.pk}"]').count() == 1
    assert found.locator("a[data-create-person]").count() == 1  # not นายจ้าง, not นางแบบ
    assert "พิมพ์ชนก ศรีวงศ์" in found.inner_text()
    # The admin's own widgets (CKEditor, select2) have findings of their own; the panel
    # is checked alone.
    panel = Axe().run(page, context="#names-panel")
    assert panel.violations_count == 0, panel.generate_snapshot()

    # Two clicks tick the mayor and the organisation in the form; the panel marks them.
    found.locator(f'button[name="_add_person"][value="{mayor.pk}"]').click()
    found.locator(f'li[data-kind="people"][data-id="{mayor.pk}"] .names-panel__linked').wait_for()
    found.locator(f'button[name="_add_organisation"][value="{uclg.pk}"]').click()
    found.locator(
        f'li[data-kind="organisations"][data-id="{uclg.pk}"] .names-panel__linked'
    ).wait_for()
    assert page.locator(".field-people .select2-selection__choice").count() == 1
    assert page.locator(".field-organisations .select2-selection__choice").count() == 1

    # The candidate opens the person form in a popup, title kept apart from the name.
    with page.expect_popup() as opened:
        found.locator("a[data-create-person]").click()
    popup = opened.value
    popup.wait_for_load_state()
    assert popup.input_value("#id_title") == "นางสาว"
    assert popup.input_value("#id_name") == "พิมพ์ชนก ศรีวงศ์"
    with popup.expect_event("close"):  # listening first: the popup may close at once
        popup.click("input[name=_save]")
    assert page.locator(".field-people .select2-selection__choice").count() == 2

    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")
    article = Article.objects.get()
    new_person = Person.objects.get(name="พิมพ์ชนก ศรีวงศ์")
    assert new_person.title == "นางสาว"
    assert set(article.people.all()) == {mayor, new_person}
    assert list(article.organisations.all()) == [uclg]

    # An editor publishes it (not a reporter's right); readers see the links.
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now()
    )
    page.goto(article.get_absolute_url())
    for entity in (mayor, new_person, uclg):
        assert page.locator(f'a[href="{entity.get_absolute_url()}"]').count() >= 1
    page.goto(new_person.get_absolute_url())
    assert_accessible(page)
    assert csp_violations(page) == []
