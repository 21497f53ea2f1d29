"""The story form made for writing: tags typed in place, the address and search preview,
and the order of the form (Save stays the button Enter presses)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import Article, Revision, Tag
from articles.tags_field import format_names, parse_names
from tests.articles.test_admin import ADD_URL, form_data
from tests.factories import make_article, make_image, make_section, make_staff

pytestmark = pytest.mark.django_db

TAGS_URL = reverse("admin:articles_article_tags")
PREVIEW_URL = reverse("admin:articles_article_story_preview")
WRITER_PERMS = (
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.publish_article",
    "articles.edit_any_article",
    "articles.view_section",
    "articles.view_tag",
)


@pytest.fixture
def writer(client):
    user = make_staff("writer", perms=(*WRITER_PERMS, "articles.add_tag"))
    client.force_login(user)
    return user


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def post_story(client, url: str, **fields):
    return client.post(url, form_data(client.get(url), **fields))


# --- Reading what was typed ------------------------------------------------------------------


def test_thai_tag_names_are_kept_exactly_as_typed():
    assert parse_names("น้ำท่วม, โควิด-19, ครม.") == ["น้ำท่วม", "โควิด-19", "ครม."]


def test_tags_are_split_at_commas_and_line_breaks_never_at_spaces():
    assert parse_names("ฝุ่น  PM2.5,\nผู้ว่าฯ กทม.\n\n, ,") == ["ฝุ่น PM2.5", "ผู้ว่าฯ กทม."]


def test_repeated_tags_in_any_case_count_once():
    assert parse_names("COVID-19, covid-19 , Covid-19, ครม., ครม.") == ["COVID-19", "ครม."]


def test_zero_width_characters_pasted_from_the_web_are_dropped():
    assert parse_names("น้ำ\u200bท่วม") == ["น้ำท่วม"]


def test_a_quoted_tag_may_hold_a_comma_and_is_written_back_quoted():
    names = parse_names('"กรุงเทพฯ, ปริมณฑล", น้ำท่วม')
    assert names == ["กรุงเทพฯ, ปริมณฑล", "น้ำท่วม"]
    assert parse_names(format_names(names)) == names


def test_quotes_inside_a_tag_survive_being_shown_and_saved_again():
    names = ['ลุง"ตู่"', '"คำพูด"', 'เขาว่า "ใช่, ไม่ใช่"']
    assert format_names(names) == 'ลุง"ตู่", """คำพูด""", "เขาว่า ""ใช่, ไม่ใช่"""'
    assert parse_names(format_names(names)) == names


# --- Saving through the story form ----------------------------------------------------------


def test_new_thai_tags_are_created_with_readable_slugs_when_the_story_is_saved(client, writer):
    section = make_section()
    response = post_story(
        client,
        ADD_URL,
        title="ครม. ถกแผนรับมือน้ำท่วม",
        section=section.pk,
        tags="น้ำท่วม, โควิด-19, ครม., ฝุ่น PM2.5",
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    article = Article.objects.get()
    assert sorted(article.tags.names()) == sorted(["น้ำท่วม", "โควิด-19", "ครม.", "ฝุ่น PM2.5"])
    slugs = dict(Tag.objects.values_list("name", "slug"))
    assert slugs == {
        "น้ำท่วม": "น้ำท่วม",
        "โควิด-19": "โควิด-19",
        "ครม.": "ครม",
        "ฝุ่น PM2.5": "ฝุ่น-pm2-5",
    }
    # The revision written on save holds the tags the field set.
    assert Revision.objects.get().snapshot["tags"] == sorted(article.tags.names())


def test_a_tag_typed_in_another_case_is_the_existing_tag(client, writer):
    covid = Tag.objects.create(name="COVID-19")
    article = make_article(title="ข่าวโควิด")
    response = post_story(
        client,
        change_url(article),
        title="ข่าวโควิด",
        section=article.section.pk,
        tags="covid-19, Covid-19 ,  ",
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    assert list(article.tags.all()) == [covid]
    assert Tag.objects.count() == 1


def test_removing_a_tag_from_the_text_takes_it_off_the_story(client, writer):
    article = make_article(title="ข่าวฝุ่น")
    article.tags.add("ฝุ่น", "PM2.5")
    page = client.get(change_url(article))
    data = form_data(page, title="ข่าวฝุ่น", section=article.section.pk)
    assert sorted(parse_names(data["tags"])) == ["PM2.5", "ฝุ่น"]
    data["tags"] = "ฝุ่น"
    assert client.post(change_url(article), data).status_code == 302
    assert list(article.tags.names()) == ["ฝุ่น"]
    assert Tag.objects.filter(name="PM2.5").exists()  # the tag itself stays for other stories


def test_without_javascript_the_tags_are_a_plain_text_box_that_saves_unchanged(client, writer):
    article = make_article(title="ข่าวน้ำท่วม")
    article.tags.add("น้ำท่วม", "กรุงเทพฯ, ปริมณฑล")
    html = client.get(change_url(article)).content.decode()
    box = re.search(r"<input [^>]*name=\"tags\"[^>]*>", html).group(0)
    assert 'type="text"' in box
    assert "data-tags-input" in box
    assert 'value="&quot;กรุงเทพฯ, ปริมณฑล&quot;, น้ำท่วม"' in box

    response = post_story(
        client, change_url(article), title="ข่าวน้ำท่วม แก้ไข", section=article.section.pk
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    assert sorted(article.tags.names()) == ["กรุงเทพฯ, ปริมณฑล", "น้ำท่วม"]
    assert Tag.objects.count() == 2


def test_a_form_with_an_error_keeps_the_typed_tags_and_creates_none(client, writer):
    response = post_story(client, ADD_URL, title="ข่าวไม่มีหมวด", tags="น้ำท่วม, ครม.")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["section"]
    assert 'name="tags" value="น้ำท่วม, ครม."' in response.content.decode()
    assert not Tag.objects.exists()
    assert not Article.objects.exists()


def test_a_writer_who_may_not_create_tags_chooses_existing_ones_only(client):
    client.force_login(make_staff("no-new-tags", perms=WRITER_PERMS))
    Tag.objects.create(name="น้ำท่วม")
    section = make_section()
    refused = post_story(client, ADD_URL, title="ข่าวใหม่", section=section.pk, tags="น้ำท่วม, แท็กใหม่")
    assert refused.status_code == 200
    assert "แท็กใหม่" in str(refused.context["adminform"].form.errors["tags"])
    assert 'value="น้ำท่วม, แท็กใหม่"' in refused.content.decode()
    assert Tag.objects.count() == 1

    allowed = post_story(client, ADD_URL, title="ข่าวใหม่", section=section.pk, tags="น้ำท่วม")
    assert allowed.status_code == 302
    assert list(Article.objects.get().tags.names()) == ["น้ำท่วม"]


def test_a_tag_longer_than_a_tag_name_may_be_is_refused(client, writer):
    response = post_story(client, ADD_URL, title="ข่าว", section=make_section().pk, tags="ก" * 101)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["tags"]
    assert not Tag.objects.exists()


def test_restoring_a_revision_puts_back_the_tags_the_field_had_set(client, writer):
    article = make_article(title="ข่าวทดลอง")
    post_story(
        client, change_url(article), title="ข่าวทดลอง", section=article.section.pk, tags="น้ำท่วม"
    )
    post_story(
        client, change_url(article), title="ข่าวทดลอง", section=article.section.pk, tags="ภัยแล้ง"
    )
    first = Revision.objects.order_by("created_at", "pk").first()
    assert first.snapshot["tags"] == ["น้ำท่วม"]
    services.revision_restore(revision=first, user=writer)
    assert list(article.tags.names()) == ["น้ำท่วม"]


def test_a_tag_added_in_the_form_puts_the_story_on_the_tags_cached_page(
    client, writer, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    reader = Client()
    flood = Tag.objects.create(name="น้ำท่วม")
    make_article(title="ข่าวน้ำท่วมเก่า").tags.add(flood)
    story = make_article(title="ผู้ว่าฯ ตรวจคลองแสนแสบ")
    reader.get(flood.get_absolute_url())
    cached = reader.get(flood.get_absolute_url())
    assert cached["X-Page-Cache"] == "hit"
    assert "ผู้ว่าฯ ตรวจคลองแสนแสบ" not in cached.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = post_story(
            client,
            change_url(story),
            title=story.title,
            section=story.section.pk,
            status="published",
            published_at_0="2020-01-02",
            published_at_1="09:30:00",
            tags="น้ำท่วม, คลองแสนแสบ",
        )
    assert response.status_code == 302, response.context and response.context["errors"]

    page = reader.get(flood.get_absolute_url()).content.decode()
    assert "ผู้ว่าฯ ตรวจคลองแสนแสบ" in page
    new_tag = Tag.objects.get(name="คลองแสนแสบ")
    assert "ผู้ว่าฯ ตรวจคลองแสนแสบ" in reader.get(new_tag.get_absolute_url()).content.decode()


# --- Tag suggestions --------------------------------------------------------------------------


def test_suggestions_list_matching_tags_those_starting_with_the_text_first(client, writer):
    for name in ["ผู้ว่าฯ น้ำท่วม", "น้ำท่วมขัง", "น้ำท่วม", "ภัยแล้ง"]:
        Tag.objects.create(name=name)
    make_article().tags.add("น้ำท่วม")
    response = client.get(TAGS_URL, {"q": " น้ำท่วม "})
    assert response.status_code == 200
    assert response.json() == {"tags": ["น้ำท่วม", "น้ำท่วมขัง", "ผู้ว่าฯ น้ำท่วม"]}
    assert client.get(TAGS_URL, {"q": "  "}).json() == {"tags": []}


def test_suggestions_are_refused_to_staff_who_may_not_write_stories(client):
    Tag.objects.create(name="น้ำท่วม")
    client.force_login(make_staff("moderator", perms=("comments.moderate_comment",)))
    assert client.get(TAGS_URL, {"q": "น้ำ"}).status_code == 403
    client.logout()
    anonymous = client.get(TAGS_URL, {"q": "น้ำ"})
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]


# --- The address and search preview -----------------------------------------------------------


def preview(client, **fields) -> dict:
    response = client.post(PREVIEW_URL, fields)
    assert response.status_code == 200
    return response.json()


def test_the_address_of_a_new_thai_story_follows_the_headline(client, writer):
    result = preview(client, title="ผู้ว่าฯ กทม. ลงพื้นที่ตรวจน้ำท่วม")
    assert result["slug"] == "ผู้ว่า-กทม-ลงพื้นที่ตรวจน้ำท่วม"
    assert result["url"] == "http://testserver/news/…/ผู้ว่า-กทม-ลงพื้นที่ตรวจน้ำท่วม/"
    assert result["slug_error"] == ""
    assert "ผู้ว่า-กทม-ลงพื้นที่ตรวจน้ำท่วม" in result["html"]


def test_the_address_of_an_english_headline_is_lowercase_words(client, writer):
    article = make_article(title="Old headline")
    result = preview(
        client, object_id=str(article.pk), title="Bangkok Floods: Governor Visits Canal"
    )
    assert result["slug"] == "bangkok-floods-governor-visits-canal"
    assert (
        result["url"]
        == f"http://testserver/news/{article.pk}/bangkok-floods-governor-visits-canal/"
    )


def test_a_long_thai_headline_is_cut_between_words_as_the_saved_story_would_be(client, writer):
    title = "ผู้ว่าราชการกรุงเทพมหานครลงพื้นที่ตรวจสอบระบบระบายน้ำในเขตลาดกระบังหลังฝนตกหนักต่อเนื่อง"
    result = preview(client, title=title)
    article = make_article(title=title)
    assert result["slug"] == article.slug
    assert len(result["slug"]) <= 60


def test_a_slug_typed_by_hand_is_the_address_and_a_bad_one_is_explained(client, writer):
    assert preview(client, title="ข่าวใดก็ได้", slug="น้ำท่วม-2568")["slug"] == "น้ำท่วม-2568"
    bad = preview(client, title="ข่าว", slug="Bad Slug!")
    assert bad["slug_error"]
    assert bad["slug_error"] in bad["html"]


def test_the_preview_shows_the_search_title_description_and_lead_image(client, writer, settings):
    settings.SITE_NAME = "ข่าวเมือง"
    image = make_image()
    result = preview(
        client,
        title="ผู้ว่าฯ ตรวจคลอง",
        standfirst="ฝนตกหนักทั้งคืน น้ำท่วมขังหลายจุด",
        seo_title="",
        lead_image=str(image.pk),
    )
    html = result["html"]
    assert "ผู้ว่าฯ ตรวจคลอง | ข่าวเมือง" in html
    assert "ฝนตกหนักทั้งคืน น้ำท่วมขังหลายจุด" in html
    assert f"/media/renditions/{image.pk}" in html or image.file.url in html

    with_seo = preview(client, title="พาดหัว", seo_title="หัวข้อสำหรับค้นหา", seo_description="คำอธิบาย")
    assert "หัวข้อสำหรับค้นหา | ข่าวเมือง" in with_seo["html"]
    assert "คำอธิบาย" in with_seo["html"]


def test_the_length_hints_count_thai_characters_a_reader_sees(client, writer, settings):
    settings.SITE_NAME = "News"
    # "น้ำท่วม | News": น้ำท่วม is 7 code points, but ้ and ่ sit above the line: 5 + 3 + 4.
    html = preview(client, title="น้ำท่วม")["html"]
    title_hint = html.split("story-preview__hints")[1].split("</li>")[0]
    assert re.search(r"\b12\b", title_hint), title_hint


def test_the_preview_is_refused_to_staff_who_may_not_write_and_to_get(client, writer):
    assert client.get(PREVIEW_URL).status_code == 405
    client.force_login(make_staff("moderator", perms=("comments.moderate_comment",)))
    assert client.post(PREVIEW_URL, {"title": "ข่าว"}).status_code == 403


def test_the_story_form_shows_the_preview_of_the_story_as_loaded(client, writer):
    article = make_article(title="ผู้ว่าฯ ตรวจคลอง", standfirst="ฝนตกหนักทั้งคืน")
    html = client.get(change_url(article)).content.decode()
    preview_html = html.split('id="story-preview"')[1]
    assert f"news</span> › <span>{article.pk}</span> › <span>{article.slug}" in preview_html
    assert "ฝนตกหนักทั้งคืน" in preview_html
    assert 'id="story-url"' in html  # the address line under the headline
    # In Thai, the desk's language.
    assert "ในผลการค้นหา" in preview_html and "เมื่อแชร์บนโซเชียลมีเดีย" in preview_html
    assert "คั่นแท็กด้วยเครื่องหมายจุลภาค" in html
    assert 'data-label-remove="เอาแท็ก {} ออก"' in html


# --- The form's order -------------------------------------------------------------------------


def test_save_is_the_first_submit_button_and_the_names_panel_comes_before_the_buttons(
    client, writer
):
    html = client.get(change_url(make_article())).content.decode()
    form = html[html.index('id="article_form"') :]
    first_submit = re.search(r"<(?:input|button)[^>]*type=\"submit\"[^>]*>", form).group(0)
    # A plain save: no name, so no other action (the panel's buttons are named).
    assert "story-default-save" in first_submit and "name=" not in first_submit
    assert form.index('id="names-panel"') < form.index('class="submit-row"')
    # Beside the text: the panel follows the body's fieldset, before the publishing one.
    assert form.index('name="body"') < form.index('id="names-panel"')
    assert form.index('id="names-panel"') < form.index('name="published_at_0"')
    # And the panel's own buttons still submit the story form (no JavaScript needed).
    panel = form[form.index('id="names-panel"') :]
    assert 'name="_check_names"' in panel[: panel.index("</fieldset>")]


def test_a_story_the_user_may_only_view_shows_its_tags_and_preview_read_only(client):
    client.force_login(make_staff("viewer", perms=("articles.view_article",)))
    article = make_article(title="ข่าวที่อ่านได้อย่างเดียว", standfirst="โปรยข่าว")
    article.tags.add("น้ำท่วม", "ครม.")
    response = client.get(change_url(article))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="tags"' not in html
    assert re.search(r"(ครม\.|น้ำท่วม), (ครม\.|น้ำท่วม)", html)  # shown as text
    assert "โปรยข่าว" in html.split('id="story-preview"')[1]
