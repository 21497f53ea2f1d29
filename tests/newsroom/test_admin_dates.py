"""The admin's dates in the Buddhist era for Thai users, and date boxes that read either era."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from articles import services
from articles.models import Article
from newsroom.admin_widgets import era_hint
from newsroom.thai_dates import common_era_text, medium_thai_date, thai_datetime
from tests.articles.test_admin import form_data
from tests.factories import make_article, make_member, make_section, make_staff

BANGKOK = ZoneInfo("Asia/Bangkok")
#: 14:30 in Bangkok on 6 December 2026: BE 2569.
SIXTH_DECEMBER = datetime(2026, 12, 6, 14, 30, tzinfo=BANGKOK)
LAST_YEAR = datetime(2025, 3, 1, 9, 0, tzinfo=BANGKOK)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("06/12/2569", "06/12/2026"),  # a Buddhist-era year
        ("06/12/2026", "06/12/2026"),  # a Common Era year, unchanged
        ("๐๖/๑๒/๒๕๖๙", "06/12/2026"),  # Thai digits
        ("2569-12-06", "2026-12-06"),
        ("1/1/2400", "1/1/1857"),  # the first year read as BE
        ("1/1/2399", "1/1/2399"),  # below it, a (far-off) CE year: never ambiguous
        ("14:30", "14:30"),
        ("", ""),
    ],
)
def test_a_typed_date_is_read_in_the_common_era(typed, read):
    assert common_era_text(typed) == read


def test_the_desks_dates_show_the_whole_buddhist_era_year():
    assert medium_thai_date(SIXTH_DECEMBER) == "6 ธ.ค. 2569"
    assert thai_datetime(SIXTH_DECEMBER) == "6 ธ.ค. 2569 14:30 น."
    assert thai_datetime(datetime(2026, 12, 31, 18, 0, tzinfo=ZoneInfo("UTC"))) == (
        "1 ม.ค. 2570 01:00 น."  # the next day, and year, in Bangkok
    )


@pytest.fixture
def editor(client):
    user = make_member("malee", "Editor")
    client.force_login(user)
    return user


def page_text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.django_db
class TestLists:
    def test_list_columns_and_years_are_buddhist_era_in_thai(self, client, editor):
        make_article(title="ข่าววันนี้", published_at=SIXTH_DECEMBER)
        make_article(title="ข่าวปีก่อน", published_at=LAST_YEAR)
        html = page_text(client.get(reverse("admin:articles_article_changelist")))
        assert "6 ธ.ค. 2569 14:30 น." in html
        # The date hierarchy offers the years, in the Buddhist era.
        assert re.search(r'<a href="\?published_at__year=2026">\s*2569\s*</a>', html)
        assert re.search(r'<a href="\?published_at__year=2025">\s*2568\s*</a>', html)
        assert not re.search(r">\s*202[56]\s*<", html)

    def test_a_years_months_are_named_with_the_buddhist_era_year(self, client, editor):
        make_article(title="ข่าววันนี้", published_at=SIXTH_DECEMBER)
        make_article(title="ข่าวปีก่อน", published_at=LAST_YEAR)
        url = reverse("admin:articles_article_changelist")
        html = page_text(client.get(url, {"published_at__year": "2026"}))
        assert re.search(r">\s*ธันวาคม 2569\s*</a>", html)
        days = page_text(
            client.get(url, {"published_at__year": "2026", "published_at__month": "12"})
        )
        assert '<a href="?published_at__year=2026" class="date-back">&lsaquo; 2569</a>' in days

    def test_english_keeps_djangos_formats(self, client, editor):
        make_article(title="ข่าววันนี้", published_at=SIXTH_DECEMBER)
        make_article(title="ข่าวปีก่อน", published_at=LAST_YEAR)
        client.cookies["newsroom_language"] = "en"
        html = page_text(client.get(reverse("admin:articles_article_changelist")))
        with translation.override("en"):
            assert "Dec. 6, 2026, 2:30 p.m." in html
        assert re.search(r'published_at__year=2026">\s*2026\s*</a>', html)
        assert "2569" not in html

    def test_yes_no_icons_say_so_in_thai(self, client):
        client.force_login(make_staff("admin", is_superuser=True))
        html = client.get(reverse("admin:auth_user_changelist")).content.decode()
        assert re.search(r'<img src="[^"]*icon-yes\.svg" alt="ใช่">', html)  # staff status
        assert 'alt="True"' not in html


@pytest.mark.django_db
class TestRecords:
    def test_read_only_times_and_the_history_are_buddhist_era(self, client):
        reporter = make_member("somchai", "Reporter")
        article = make_article(
            title="ข่าวของนักข่าว",
            status=Article.Status.DRAFT,
            published_at=SIXTH_DECEMBER,
            created_by=reporter,
        )
        client.force_login(reporter)
        change = client.get(reverse("admin:articles_article_change", args=[article.pk]))
        html = page_text(change)
        # A reporter sees the publish time, not a box for it.
        assert re.search(r'<div class="readonly">\s*6 ธ.ค. 2569 14:30 น.\s*</div>', html)

        saved = client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            form_data(change, title="ข่าวของนักข่าว แก้แล้ว", section=article.section.pk),
        )
        assert saved.status_code == 302
        history = page_text(
            client.get(reverse("admin:articles_article_history", args=[article.pk]))
        )
        today = medium_thai_date(datetime.now(BANGKOK))
        assert re.search(rf'<th scope="row">\s*{today} \d\d:\d\d น.\s*</th>', history)

    def test_the_restore_message_says_when_in_the_buddhist_era(self, client, editor):
        article = make_article(title="ข่าวฉบับแรก")
        first = services.revision_record(article=article, user=editor)
        first.created_at = SIXTH_DECEMBER
        first.save()
        article.title = "ข่าวฉบับสอง"
        article.save()
        services.revision_record(article=article, user=editor)
        response = client.post(
            reverse("admin:articles_article_restore", args=[article.pk, first.pk])
        )
        messages = [str(message) for message in get_messages(response.wsgi_request)]
        assert any("6 ธ.ค. 2569 14:30 น." in message for message in messages), messages


@pytest.mark.django_db
class TestDateBoxes:
    def test_a_date_box_names_its_format_and_era(self, client, editor):
        html = client.get(reverse("admin:articles_article_add")).content.decode()
        box = re.search(r'<input type="text" name="published_at_0"[^>]*>', html)[0]
        assert 'aria-describedby="id_published_at_0_era"' in box
        assert re.search(
            r'<span class="help era-hint" id="id_published_at_0_era">\s*'
            r"วว/ดด/ปปปป ปี ค.ศ. \(ใส่ปี พ.ศ. ก็ได้\)\s*</span>",
            html,
        )
        with translation.override("en"):
            assert era_hint().startswith("yyyy-mm-dd, year in the Common Era")

    @pytest.mark.parametrize("typed", ["06/12/2569", "๐๖/๑๒/๒๕๖๙", "06/12/2026"])
    def test_either_era_is_saved_as_the_same_day(self, client, editor, typed):
        section = make_section()
        page = client.get(reverse("admin:articles_article_add"))
        data = form_data(
            page,
            title="ข่าวตั้งเวลา",
            section=section.pk,
            status="published",
            published_at_0=typed,
            published_at_1="14:30",
        )
        response = client.post(reverse("admin:articles_article_add"), data)
        assert response.status_code == 302, response.context and response.context["errors"]
        assert Article.objects.get().published_at == SIXTH_DECEMBER

    def test_a_wrong_date_is_refused_in_thai_with_the_text_kept(self, client, editor):
        section = make_section()
        page = client.get(reverse("admin:articles_article_add"))
        data = form_data(
            page,
            title="ข่าววันผิด",
            section=section.pk,
            status="published",
            published_at_0="31/02/2569",
            published_at_1="14:30",
        )
        response = client.post(reverse("admin:articles_article_add"), data)
        assert response.status_code == 200
        html = response.content.decode()
        assert "กรุณาใส่วันที่ที่ถูกต้อง" in html
        assert 'value="ข่าววันผิด"' in html
        assert 'value="31/02/2026"' in html  # shown back in the era the box shows
        assert not Article.objects.exists()
