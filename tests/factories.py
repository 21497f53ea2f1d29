"""Plain factory functions: each test builds the least data it needs."""

import importlib
import io
from datetime import timedelta
from itertools import count

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage

from articles.models import Advert, Article, Byline, Image, Section
from articles.renditions import generate_renditions
from people.models import Organisation, Person

_serial = count(1)


def make_section(**kw) -> Section:
    n = next(_serial)
    kw.setdefault("name", f"ข่าวทดสอบ {n}")
    return Section.objects.create(**kw)


def make_person(**kw) -> Person:
    kw.setdefault("title", "นาย")
    kw.setdefault("name", f"ทดสอบ นามสกุล{next(_serial)}")
    return Person.objects.create(**kw)


def make_organisation(**kw) -> Organisation:
    kw.setdefault("name", f"องค์การทดสอบ {next(_serial)}")
    return Organisation.objects.create(**kw)


def make_article(*, bylines: list[Person] | None = None, **kw) -> Article:
    kw.setdefault("title", f"ข่าวทดสอบที่ {next(_serial)}")
    if "section" not in kw:
        kw["section"] = make_section()
    kw.setdefault("status", Article.Status.PUBLISHED)
    if kw["status"] == Article.Status.PUBLISHED:
        kw.setdefault("published_at", timezone.now() - timedelta(hours=1))
    article = Article.objects.create(**kw)
    for position, person in enumerate(bylines or []):
        Byline.objects.create(article=article, person=person, position=position)
    return article


def jpeg_bytes(width: int = 64, height: int = 48, color: str = "steelblue") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, "JPEG")
    return buffer.getvalue()


def make_image(**kw) -> Image:
    kw.setdefault("alt_text", "ภาพทดสอบ")
    kw.setdefault("file", ContentFile(jpeg_bytes(), name=f"test-{next(_serial)}.jpg"))
    image = Image.objects.create(**kw)
    generate_renditions(image)  # as the admin and the importers do
    return image


def make_member(username: str, role: str):
    """A staff user in one of the newsroom's roles (Reporter, Editor, Moderator).

    The roles come from a data migration; a transactional test's flush empties the
    groups table, so they are made again here the way the migration makes them.
    """
    roles = importlib.import_module("articles.migrations.0004_roles")
    roles.create_roles(django_apps, None)
    front_page = importlib.import_module("articles.migrations.0009_editors_arrange_front_page")
    front_page.grant_to_editors(django_apps, None)
    user = get_user_model().objects.create_user(
        username=username, password="a-test-password-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def make_staff(username: str = "staffer", *, perms: tuple[str, ...] = (), **kw):
    """A staff user holding the given "app_label.codename" permissions."""
    user = get_user_model().objects.create_user(
        username=username, password="a-test-password-1", is_staff=True, **kw
    )
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


def make_advert(**kw) -> Advert:
    n = next(_serial)
    kw.setdefault("name", f"โฆษณาทดสอบ {n}")
    kw.setdefault("placement", Advert.Placement.TOP)
    kw.setdefault("image", ContentFile(jpeg_bytes(300, 250), name=f"advert-{n}.jpg"))
    kw.setdefault("alt_text", "ร้านกาแฟทดสอบ ลด 20%")
    kw.setdefault("link", "https://shop.example.com/")
    kw.setdefault("starts_at", timezone.now() - timedelta(hours=1))
    return Advert.objects.create(**kw)
