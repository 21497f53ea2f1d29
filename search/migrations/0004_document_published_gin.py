import django.contrib.postgres.indexes
from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations


class Migration(migrations.Migration):
    """The GIN index also holds each entry's publish time (btree_gin), so that a search
    in the last week meets the week's few hundred entries inside the index
    (engine._newest_candidates). btree_gin ships with PostgreSQL (contrib) and is a
    trusted extension: the database's owner may create it."""

    dependencies = [
        ("search", "0003_searchentry_published_at"),
    ]

    operations = [
        BtreeGinExtension(),
        migrations.RemoveIndex(model_name="searchentry", name="search_document_gin"),
        migrations.AddIndex(
            model_name="searchentry",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["document", "published_at"], name="search_document_published_gin"
            ),
        ),
    ]
