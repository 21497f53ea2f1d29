from django.db import migrations

# The abbreviations every Thai newsroom meets first; editors add the rest in the admin.
GROUPS = [
    (["กทม.", "กรุงเทพฯ", "กรุงเทพมหานคร", "กรุงเทพ"], "Bangkok"),
    (["ผู้ว่าฯ", "ผู้ว่า", "ผู้ว่าราชการ"], "governor"),
    (["นายกฯ", "นายกรัฐมนตรี"], "prime minister"),
    (["รมว.", "รัฐมนตรีว่าการ"], "minister"),
    (["ส.ส.", "สมาชิกสภาผู้แทนราษฎร"], "MP"),
    (["ตร.", "ตำรวจ"], "police"),
    (["ร.ร.", "โรงเรียน"], "school"),
    (["รพ.", "โรงพยาบาล"], "hospital"),
]


def add_groups(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms, note in GROUPS:
        Synonym.objects.get_or_create(terms=terms, defaults={"note": note})


def remove_groups(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(terms__in=[terms for terms, _ in GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(add_groups, remove_groups)]
