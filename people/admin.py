from django.contrib import admin
from django.db.models import CharField, F, Func, Value

from .models import Affiliation, Organisation, Person


class AliasSearchMixin:
    """Admin search (and autocomplete) that also finds a name among the aliases."""

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            aliases = queryset.annotate(
                alias_text=Func(
                    F("aliases"), Value(" "), function="array_to_string", output_field=CharField()
                )
            ).filter(alias_text__icontains=search_term)
            results = results | aliases
        return results, may_have_duplicates


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    fields = ["organisation", "role", "start_date", "end_date"]
    autocomplete_fields = ["organisation"]
    extra = 1


@admin.register(Person)
class PersonAdmin(AliasSearchMixin, admin.ModelAdmin):
    list_display = ["name", "title", "position", "user", "updated_at"]
    list_filter = ["user__is_staff"]
    search_fields = ["name", "title", "position"]
    autocomplete_fields = ["user"]
    inlines = [AffiliationInline]
    fields = ["title", "name", "position", "aliases", "bio", "photo", "user"]


@admin.register(Organisation)
class OrganisationAdmin(AliasSearchMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "parent", "website"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent"]
    fields = ["name", "short_name", "aliases", "parent", "website", "logo", "description"]
