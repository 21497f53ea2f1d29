import django.core.validators
from django.db import migrations, models

# Existing images keep the centre as their focal point, which crops them as before;
# `manage.py generate_renditions` then writes their crops.


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_editors_arrange_front_page"),
    ]

    operations = [
        migrations.AddField(
            model_name="image",
            name="focal_x",
            field=models.FloatField(
                default=0.5,
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(1),
                ],
                verbose_name="focal point across",
            ),
        ),
        migrations.AddField(
            model_name="image",
            name="focal_y",
            field=models.FloatField(
                default=0.5,
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(1),
                ],
                verbose_name="focal point down",
            ),
        ),
        migrations.AddConstraint(
            model_name="image",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("focal_x__gte", 0),
                    ("focal_x__lte", 1),
                    ("focal_y__gte", 0),
                    ("focal_y__lte", 1),
                ),
                name="image_focal_point_inside",
            ),
        ),
    ]
