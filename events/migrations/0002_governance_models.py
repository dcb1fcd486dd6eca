"""Bodies now live in ``governance``: state only, the foreign key does not change."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0001_initial'),
        ('governance', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='event',
                    name='body',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='governance.body', verbose_name='styringsgruppe'),
                ),
            ],
            database_operations=[],
        ),
    ]
