from django.db import migrations, models

# The people and organisations of a story live in tables Django makes for the
# many-to-many fields, which take no Meta.indexes: their (link, article) indexes, read
# newest first by Article.related_articles, are made here directly.
LINK_INDEXES = [
    ("articles_article_people", "person_id", "article_people_by_person_idx"),
    ("articles_article_organisations", "organisation_id", "article_orgs_by_org_idx"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_listing_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="taggedarticle",
            index=models.Index(fields=["tag", "content_object"], name="tagged_article_by_tag_idx"),
        ),
        *(
            migrations.RunSQL(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column}, article_id)",
                f"DROP INDEX IF EXISTS {name}",
            )
            for table, column, name in LINK_INDEXES
        ),
    ]
