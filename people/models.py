import functools

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.reverse import cached_reverse
from newsroom.slugs import thai_slugify


@functools.lru_cache(maxsize=20_000)
def name_slug(name: str) -> str:
    """The address slug of a person's or organisation's name. A story page links to the
    same few names several times (byline, "in this story", its JSON-LD) and a list page
    to dozens, each time normalising and slugifying the name again. The slug depends
    on the name alone (thai_slugify reads nothing else), so it is worked out once."""
    return thai_slugify(name) or "-"


def alias_list(verbose_name):
    return ArrayField(
        models.CharField(max_length=200),
        blank=True,
        default=list,
        verbose_name=verbose_name,
        help_text=_(
            "Other names the news uses, separated by commas: nicknames, short forms, former names."
        ),
    )


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(
        _("short name"),
        max_length=100,
        blank=True,
        help_text=_("Acronym or short form, e.g. UCLG ASPAC, กทม."),
    )
    aliases = alias_list(_("aliases"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organisation"),
        help_text=_("For a department or office, the organisation it belongs to."),
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="organisations/%Y/", blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="organisation_not_own_parent",
            ),
        ]

    def __str__(self):
        if self.short_name and self.short_name != self.name:
            return f"{self.name} ({self.short_name})"
        return self.name

    def get_absolute_url(self):
        return cached_reverse("people:organisation", pk=self.pk, slug=self.slug)

    @property
    def cache_key(self) -> str:
        return f"org-{self.pk}"

    @property
    def slug(self) -> str:
        return name_slug(self.name)

    def clean(self):
        # The database refuses an organisation as its own parent; a longer loop
        # (A under B under A) is caught here, before it can be saved from a form.
        ancestor, seen = self.parent, {self.pk}
        while ancestor is not None:
            if ancestor.pk in seen:
                raise ValidationError(
                    {"parent": _("An organisation cannot sit under one of its own departments.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class Person(models.Model):
    title = models.CharField(
        _("honorific or rank"),
        max_length=100,
        blank=True,
        help_text=_("Honorific or rank, kept apart from the name: นาย, ดร., พญ., พล.ต.อ."),
    )
    name = models.CharField(
        _("name"), max_length=255, help_text=_("Given name and family name, without the title.")
    )
    position = models.CharField(
        _("position"),
        max_length=255,
        blank=True,
        help_text=_("What the news calls them by, e.g. ผู้ว่าราชการกรุงเทพมหานคร."),
    )
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="people/%Y/", blank=True)
    aliases = alias_list(_("aliases"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("staff account"),
        help_text=_("The staff account of a reporter or editor who writes under this name."),
    )
    organisations = models.ManyToManyField(
        Organisation,
        through="Affiliation",
        related_name="people",
        blank=True,
        verbose_name=_("organisations"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return cached_reverse("people:person", pk=self.pk, slug=self.slug)

    @property
    def cache_key(self) -> str:
        return f"person-{self.pk}"

    @property
    def slug(self) -> str:
        return name_slug(self.name)

    @property
    def full_name(self) -> str:
        """The name as a story prints it: Thai titles join the name (นายชัชชาติ), and a
        title ending in a full stop or written in Latin letters takes a space (ดร. ...)."""
        if not self.title:
            return self.name
        joined = self.title[-1] != "." and not self.title.isascii()
        return f"{self.title}{'' if joined else ' '}{self.name}"


class Affiliation(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="affiliations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=255, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="affiliation_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.role or self.organisation}"
