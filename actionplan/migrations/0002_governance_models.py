"""Bodies and organisations now live in ``governance``: state only, the foreign keys and their
columns do not change."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('actionplan', '0001_actionplan_initial'),
        ('governance', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='actionplan',
                    name='body',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='action_plans', to='governance.body', verbose_name='styringsgruppe'),
                ),
                migrations.AlterField(
                    model_name='historicalactionplan',
                    name='body',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.body', verbose_name='styringsgruppe'),
                ),
                migrations.AlterField(
                    model_name='historicalmeasure_responsible',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.organisation'),
                ),
                migrations.AlterField(
                    model_name='historicalproposal',
                    name='body',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.body', verbose_name='styringsgruppe'),
                ),
                migrations.AlterField(
                    model_name='historicalproposal',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.organisation', verbose_name='fra virksomhet'),
                ),
                migrations.AlterField(
                    model_name='historicalstrategy',
                    name='body',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.body', verbose_name='styringsgruppe'),
                ),
                migrations.AlterField(
                    model_name='measure',
                    name='responsible',
                    field=models.ManyToManyField(blank=True, related_name='measures', to='governance.organisation', verbose_name='ansvarlige virksomheter'),
                ),
                migrations.AlterField(
                    model_name='proposal',
                    name='body',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='plan_proposals', to='governance.body', verbose_name='styringsgruppe'),
                ),
                migrations.AlterField(
                    model_name='proposal',
                    name='organisation',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='plan_proposals', to='governance.organisation', verbose_name='fra virksomhet'),
                ),
                migrations.AlterField(
                    model_name='strategy',
                    name='body',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='strategies', to='governance.body', verbose_name='styringsgruppe'),
                ),
            ],
            database_operations=[],
        ),
    ]
