from django.db import migrations

# Ranking reads each candidate's document from TOAST and decompresses it; lz4 does that
# in about half pglz's time (bench/README.md). A PostgreSQL built without lz4 keeps
# pglz. Entries written before stay as they are until rewritten (rebuild_search_index).
USE_LZ4 = """
DO $$
BEGIN
    ALTER TABLE search_searchentry ALTER COLUMN document SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'this PostgreSQL has no lz4: search documents stay pglz';
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_document_published_gin"),
    ]

    operations = [
        migrations.RunSQL(
            USE_LZ4,
            "ALTER TABLE search_searchentry ALTER COLUMN document SET COMPRESSION default",
        ),
    ]
