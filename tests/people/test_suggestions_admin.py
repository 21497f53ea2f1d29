"""The story form's names panel, its JSON endpoint and the bulk "link suggested" action."""

import re

import pytest
from django.urls import reverse

from articles.models import Article
from tests.articles.test_admin import form_data
from tests.factories import make_article, make_member, make_organisation, make_person, make_section

pytestmark = pytest.mark.django_db

BODY = "<p>นายชัชชาติ สิทธิพันธุ์ พบ ดร. เบอร์นาเดีย จันดรา แห่ง UCLG ASPAC และนางสาวมาลี ดีงาม</p>"


@pytest.fixture
def names(django_capture_on_commit_callbacks):
    # Names reach the matcher when their transaction commits (search/signals.py).
    with django_capture_on_commit_callbacks(execute=True):
        return {
            "governor": make_person(title="นาย", name="ชัชชาติ สิทธิพันธุ์"),
            "secretary": make_person(title="ดร.", name="เบอร์นาเดีย จันดรา"),
            "uclg": make_organisation(
                name="United Cities and Local Governments Asia Pacific", short_name="UCLG ASPAC"
            ),
        }


def story_form(client, article, **fields) -> dict:
    """What the story's admin page would post, with the names panel's story text."""
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    return form_data(page, title=article.title, section=article.section_id, body=BODY, **fields)


def test_the_endpoint_lists_known_names_linked_marks_and_new_people(client, names):
    client.force_login(make_member("reporter", "Reporter"))
    response = client.post(
        reverse("admin:articles_article_names"),
        {"title": "", "body": BODY, "people": [names["governor"].pk]},
    )
    assert response.status_code == 200
    data = response.json()
    assert [(p["id"], p["linked"]) for p in data["people"]] == [
        (names["governor"].pk, True),
        (names["secretary"].pk, False),
    ]
    assert [o["id"] for o in data["organisations"]] == [names["uclg"].pk]
    assert [(n["title"], n["name"]) for n in data["new_people"]] == [("นางสาว", "มาลี ดีงาม")]
    add_url = data["new_people"][0]["add_url"]
    assert add_url.startswith(reverse("admin:people_person_add"))
    html = data["html"]  # the panel: one add button, for the one not yet linked
    assert re.findall(r'name="_add_person" value="(\d+)"', html) == [str(names["secretary"].pk)]
    assert html.count("names-panel__linked") == 1  # the governor, already in the story
    assert re.findall(r'name="_add_organisation" value="(\d+)"', html) == [str(names["uclg"].pk)]


def test_the_endpoint_refuses_get_anonymous_and_readers(client, names):
    url = reverse("admin:articles_article_names")
    assert client.post(url, {"body": BODY}).status_code == 302  # to the login page
    client.force_login(make_member("moderator", "Moderator"))
    assert client.post(url, {"body": BODY}).status_code == 403
    client.force_login(make_member("reporter", "Reporter"))
    assert client.get(url).status_code == 405


def test_the_endpoint_needs_the_csrf_token(names):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_member("reporter", "Reporter"))
    assert client.post(reverse("admin:articles_article_names"), {"body": BODY}).status_code == 403


def test_check_names_shows_the_form_again_unsaved_with_the_suggestions(client, names):
    reporter = make_member("reporter", "Reporter")
    article = make_article(status=Article.Status.DRAFT, created_by=reporter, body="<p>เดิม</p>")
    client.force_login(reporter)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, story_form(client, article, _check_names="1"))
    assert response.status_code == 200  # shown again, not redirected
    html = response.content.decode()
    assert "เบอร์นาเดีย จันดรา" in html
    assert 'name="_add_person"' in html
    assert "มาลี ดีงาม" in html
    assert "สิทธิพันธุ์ พบ" in html  # the reporter's unsaved text is kept
    article.refresh_from_db()
    assert article.body == "<p>เดิม</p>"
    assert not article.people.exists()


def test_add_without_javascript_ticks_the_person_in_the_form_and_saving_links_it(client, names):
    reporter = make_member("reporter", "Reporter")
    article = make_article(status=Article.Status.DRAFT, created_by=reporter)
    client.force_login(reporter)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, story_form(client, article, _add_person=names["secretary"].pk))
    assert response.status_code == 200
    assert not article.people.exists()  # suggestions only: nothing linked yet
    form = response.context["adminform"].form
    assert form.data.getlist("people") == [str(names["secretary"].pk)]
    assert [s.linked for s in response.context["names"]["found"].people] == [False, True]
    response = client.post(url, story_form(client, article, people=[names["secretary"].pk]))
    assert response.status_code == 302
    assert list(article.people.all()) == [names["secretary"]]


def test_the_panel_of_a_saved_story_marks_what_is_linked(client, names):
    editor = make_member("editor", "Editor")
    article = make_article(body=BODY)
    article.organisations.add(names["uclg"])
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    found = response.context["names"]["found"]
    assert [(s.entity, s.linked) for s in found.organisations] == [(names["uclg"], True)]
    assert [s.entity for s in found.people] == [names["governor"], names["secretary"]]
    assert response.content.decode().count('name="_add_person"') == 2


def test_bulk_action_confirms_then_links_for_editors(client, names):
    editor = make_member("editor", "Editor")
    first = make_article(body=BODY)
    second = make_article(body="<p>ไม่มีชื่อใครเลย</p>")
    client.force_login(editor)
    changelist = reverse("admin:articles_article_changelist")
    chosen = {"action": "link_suggested_names", "_selected_action": [first.pk, second.pk]}
    response = client.post(changelist, chosen)
    assert response.status_code == 200
    assert "เบอร์นาเดีย จันดรา" in response.content.decode()
    assert not first.people.exists()
    version = first.version
    response = client.post(changelist, {**chosen, "confirm": "yes"})
    assert response.status_code == 302
    assert set(first.people.all()) == {names["governor"], names["secretary"]}
    assert list(first.organisations.all()) == [names["uclg"]]
    assert not second.people.exists()
    first.refresh_from_db()
    assert first.version == version + 1  # an open copy of the story is now stale


def test_bulk_action_is_not_offered_to_reporters_and_refused_when_forged(client, names):
    reporter = make_member("reporter", "Reporter")
    article = make_article(body=BODY, status=Article.Status.DRAFT, created_by=reporter)
    client.force_login(reporter)
    changelist = reverse("admin:articles_article_changelist")
    response = client.get(changelist)
    assert "link_suggested_names" not in response.content.decode()
    client.post(
        changelist,
        {"action": "link_suggested_names", "_selected_action": [article.pk], "confirm": "yes"},
    )
    assert not article.people.exists()


def test_a_new_person_form_is_prefilled_with_the_title_apart(client):
    client.force_login(make_member("reporter", "Reporter"))
    make_section()
    response = client.get(reverse("admin:people_person_add") + "?title=พล.ต.อ.&name=ประสิทธิ์ กล้าหาญ")
    form = response.context["adminform"].form
    assert form.initial["title"] == "พล.ต.อ."
    assert form.initial["name"] == "ประสิทธิ์ กล้าหาญ"


def test_save_stays_the_forms_first_button(client, names):
    """Enter in a field submits with the first button: it must save, not check names."""
    reporter = make_member("reporter", "Reporter")
    client.force_login(reporter)
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    story_form = html[html.index('id="article_form"') :]
    assert 'id="names-panel"' in story_form
    first_submit = story_form.index('type="submit"')
    tag = story_form[story_form.rfind("<", 0, first_submit) : story_form.index(">", first_submit)]
    # The story form's plain Save (articles/admin_story_form.py): it names no other action.
    assert "story-default-save" in tag
    assert "name=" not in tag


def test_the_endpoint_offers_a_namesake_as_a_new_person_and_finds_names_written_together(
    client, names, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_person(title="นางสาว", name="มาลี ทองดี")
    client.force_login(make_member("reporter", "Reporter"))
    body = "<p>นายชัชชาติสิทธิพันธุ์กล่าวว่า พญ.มาลี สุขใจ แพทย์ประจำโรงพยาบาล ยืนยันผลตรวจ</p>"
    data = client.post(reverse("admin:articles_article_names"), {"body": body}).json()
    assert [p["id"] for p in data["people"]] == [names["governor"].pk]
    assert [(n["title"], n["name"]) for n in data["new_people"]] == [("พญ.", "มาลี สุขใจ")]
