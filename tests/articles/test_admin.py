"""The article desk, driven through the admin's own add and change forms."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Tag
from tests.factories import (
    make_article,
    make_organisation,
    make_person,
    make_section,
    make_staff,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")


@pytest.fixture
def editor(client):
    user = make_staff(
        "desk",
        perms=(
            "articles.add_article",
            "articles.change_article",
            "articles.view_article",
            "articles.publish_article",
            "articles.edit_any_article",
            "articles.add_byline",
            "articles.change_byline",
            "articles.delete_byline",
            "articles.add_tag",
            "people.view_person",
            "people.view_organisation",
            "articles.view_tag",
            "articles.view_section",
        ),
    )
    client.force_login(user)
    return user


def form_data(response, **fields) -> dict:
    """The POST the admin's own page would send: its fields, its inline management forms."""
    form = response.context["adminform"].form
    data = {
        "title": "",
        "standfirst": "",
        "body": "",
        "section": "",
        "lead_image": "",
        "published_at_0": "",
        "published_at_1": "",
        "breaking_until_0": "",
        "breaking_until_1": "",
        "comments_enabled": "on",
        "slug": "",
        "seo_title": "",
        "seo_description": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        # As the page shows them: a published story's publish time is in its form.
        **{
            f"{name}_{part}": value.isoformat() if value else ""
            for name in ("published_at", "unpublish_at", "breaking_until")
            if name in form.fields
            for part, value in enumerate(
                form.fields[name].widget.decompress(form[name].value()) or [None, None]
            )
        },
        "loaded_version": form["loaded_version"].value() or "",
        "tags": form["tags"].field.widget.format_value(form["tags"].value()) or "",
    }
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for index, form in enumerate(formset.initial_forms):
            for field in form.fields:
                value = form[field].value()
                data[f"{formset.prefix}-{index}-{field}"] = "" if value is None else value
        data[f"{formset.prefix}-TOTAL_FORMS"] = len(formset.initial_forms)
    data.update(fields)
    return data


def add_inline_rows(data: dict, response, model_name: str, rows: list[dict]) -> None:
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        if formset.model._meta.model_name != model_name:
            continue
        start = int(data[f"{formset.prefix}-TOTAL_FORMS"])
        for offset, row in enumerate(rows):
            for field, value in row.items():
                data[f"{formset.prefix}-{start + offset}-{field}"] = value
        data[f"{formset.prefix}-TOTAL_FORMS"] = start + len(rows)
        return
    raise AssertionError(f"no inline for {model_name}")


def test_add_an_article_with_bylines_people_organisations_and_thai_tags(client, editor):
    section = make_section(name="ข่าวกรุงเทพฯ")
    reporter, photographer = make_person(name="สมหญิง ใจดี"), make_person(name="สมศักดิ์ รักเมือง")
    governor = make_person(title="ดร.", name="ธนา วงศ์ใหญ่")
    bma = make_organisation(name="กรุงเทพมหานคร", short_name="กทม.")
    Tag.objects.create(name="น้ำท่วม")

    page = client.get(ADD_URL)
    assert page.status_code == 200
    data = form_data(
        page,
        title="ผู้ว่าฯ กทม. ลงพื้นที่ตรวจน้ำท่วม",
        standfirst="ฝนตกหนักทั้งคืน",
        body='<p>เนื้อข่าว<script>alert("x")</script></p>',
        section=section.pk,
        people=[governor.pk],
        organisations=[bma.pk],
        tags="น้ำท่วม, การเมือง",  # one existing tag, one new
    )
    add_inline_rows(
        data,
        page,
        "byline",
        [
            {"person": photographer.pk, "role": "ช่างภาพ", "position": 1},
            {"person": reporter.pk, "role": "ผู้สื่อข่าว", "position": 0},
        ],
    )

    response = client.post(ADD_URL, data)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    article = Article.objects.get()
    assert article.title == "ผู้ว่าฯ กทม. ลงพื้นที่ตรวจน้ำท่วม"
    assert article.slug == "ผู้ว่า-กทม-ลงพื้นที่ตรวจน้ำท่วม"
    assert article.body == "<p>เนื้อข่าว</p>"
    assert article.created_by == editor
    assert [(b.person, b.role) for b in article.bylines.all()] == [
        (reporter, "ผู้สื่อข่าว"),
        (photographer, "ช่างภาพ"),
    ]
    assert list(article.people.all()) == [governor]
    assert list(article.organisations.all()) == [bma]
    assert sorted(article.tags.names()) == ["การเมือง", "น้ำท่วม"]
    assert Tag.objects.count() == 2


def test_change_an_article_keeps_bylines_and_adds_a_tag(client, editor):
    reporter = make_person()
    article = make_article(title="ข่าวเดิม", bylines=[reporter])
    article.tags.add("ฝุ่น PM2.5")
    url = reverse("admin:articles_article_change", args=[article.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert "ข่าวเดิม" in page.content.decode()
    data = form_data(
        page,
        title="ข่าวแก้ไขแล้ว",
        section=article.section.pk,
        published_at_0="2026-01-02",
        published_at_1="09:30:00",
    )
    assert data["tags"] == "ฝุ่น PM2.5"  # the story's tag, as the form shows it
    data["tags"] += ", ฝนตก"
    response = client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert article.title == "ข่าวแก้ไขแล้ว"
    assert article.published_at.isoformat() == "2026-01-02T02:30:00+00:00"  # 09:30 Bangkok
    assert [b.person for b in article.bylines.all()] == [reporter]
    assert sorted(article.tags.names()) == ["ฝนตก", "ฝุ่น PM2.5"]


def test_scheduling_after_the_breaking_news_ends_is_refused_with_the_text_kept(client, editor):
    """The database's rules are checked on the story as the button leaves it."""
    section = make_section()
    page = client.get(ADD_URL)
    tomorrow = timezone.localtime() + timedelta(days=1)
    data = form_data(
        page,
        title="ข่าวด่วนตั้งเวลาผิด",
        section=section.pk,
        breaking_until_0=tomorrow.date().isoformat(),
        breaking_until_1="10:00:00",
        _workflow="schedule",
        workflow_when=(tomorrow + timedelta(days=1)).strftime("%Y-%m-%dT09:00"),
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert not Article.objects.exists()
    content = response.content.decode()
    assert "ข่าวด่วนตั้งเวลาผิด" in content
    assert "เวลาสิ้นสุดข่าวด่วนต้องอยู่หลังเวลาเผยแพร่ข่าว" in content  # the constraint, in Thai


def test_change_list_search_finds_a_thai_title_and_a_byline_name(
    client, editor, django_capture_on_commit_callbacks
):
    """The desk uses the readers' Thai-aware engine: a word inside unspaced Thai is found."""
    with django_capture_on_commit_callbacks(execute=True):  # the index is written on commit
        make_article(title="น้ำท่วมถนนสุขุมวิท", bylines=[make_person(name="มานี มีนา")])
        make_article(title="ฝุ่นควันภาคเหนือ")
    url = reverse("admin:articles_article_changelist")

    by_title = client.get(url, {"q": "น้ำท่วม"}).content.decode()
    assert "น้ำท่วมถนนสุขุมวิท" in by_title
    assert "ฝุ่นควันภาคเหนือ" not in by_title

    by_byline = client.get(url, {"q": "มานี"}).content.decode()
    assert "น้ำท่วมถนนสุขุมวิท" in by_byline
    assert "มานี มีนา" in by_byline  # the bylines column


def test_people_autocomplete_finds_a_person_by_alias(client, editor):
    make_person(title="พล.ต.อ.", name="ประยูร ทองดี", aliases=["บิ๊กยูร"])
    make_person(name="คนอื่น")
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "บิ๊กยูร",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "people",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["พล.ต.อ. ประยูร ทองดี"]


def test_a_staff_user_without_article_permissions_cannot_open_the_desk(client):
    client.force_login(make_staff("outsider"))
    assert client.get(ADD_URL).status_code == 403


class TestContentSecurityPolicy:
    def test_admin_pages_allow_no_inline_script_or_style(self, client, editor):
        policy = client.get(reverse("admin:people_person_changelist"))["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy

    def test_only_the_article_editor_allows_inline_styles_and_never_inline_script(
        self, client, editor
    ):
        policy = client.get(ADD_URL)["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
        assert "'unsafe-inline'" in directives["style-src"]
        assert "unsafe-inline" not in directives["script-src"]
