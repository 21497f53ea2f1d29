"""The desk's order of apps, and the records Django and axes describe in English."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from tests.factories import make_member, make_staff

pytestmark = pytest.mark.django_db


def app_names(html: str, where: str) -> list[str]:
    """The apps' names in the order a part of the page lists them."""
    start = html.index(where)
    part = html[start : html.index("</nav>" if "nav" in where else 'id="recent-actions', start)]
    return re.findall(r'<caption>\s*<a href="/admin/\w+/" class="section"[^>]*>([^<]+)</a>', part)


def test_the_newsrooms_apps_come_first_with_the_stories_on_top(client):
    client.force_login(make_staff("admin", is_superuser=True))
    html = client.get(reverse("admin:index")).content.decode()
    main = app_names(html, 'id="content-main"')
    assert main[:5] == ["ข่าว", "ความคิดเห็น", "บุคคลและองค์กร", "ค้นหา", "การนำเข้าและที่อยู่เดิม"]
    assert main[5:] == ["การป้องกันการเดารหัสผ่าน", "ผู้ใช้และกลุ่ม"]  # Django's, by name
    # The side bar of every other page lists them in the same order.
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert app_names(page, 'id="nav-sidebar"') == main


def test_a_reporter_sees_the_stories_first_too(client):
    client.force_login(make_member("somchai", "Reporter"))
    html = client.get(reverse("admin:index")).content.decode()
    assert app_names(html, 'id="content-main"') == ["ข่าว", "บุคคลและองค์กร"]


def test_permissions_are_listed_in_the_desks_language(client):
    client.force_login(make_staff("admin", is_superuser=True))
    editors = make_member("malee", "Editor").groups.get()
    html = client.get(reverse("admin:auth_group_change", args=[editors.pk])).content.decode()
    assert ">ข่าว | ข่าว | เพิ่มข่าวได้</option>" in html
    assert ">ข่าว | ข่าว | เผยแพร่ ตั้งเวลา และยกเลิกการเผยแพร่ข่าวได้</option>" in html
    assert "Can add" not in html
    add_article = Permission.objects.get(codename="add_article")
    with translation.override("en"):
        assert str(add_article) == "Articles | article | Can add article"


def test_axes_records_are_described_in_thai(client, settings):
    client.force_login(make_staff("admin", is_superuser=True))
    attempt = AccessAttempt.objects.create(
        user_agent="เบราว์เซอร์",
        ip_address="203.0.113.7",
        username="somchai",
        http_accept="*/*",
        path_info="/admin/login/",
        get_data="",
        post_data="",
        failures_since_start=2,
    )
    listing = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert f"เหลืออีก {settings.AXES_FAILURE_LIMIT - 2} ครั้ง" in listing
    change = client.get(reverse("admin:axes_accessattempt_change", args=[attempt.pk]))
    title = re.search(r"<title>(.*?)</title>", change.content.decode())[1]
    assert title.startswith("เข้าสู่ระบบไม่สำเร็จในชื่อ somchai จาก 203.0.113.7 ครั้งล่าสุด ")
    assert " น." in title and "UTC" not in title and "Attempted" not in title
