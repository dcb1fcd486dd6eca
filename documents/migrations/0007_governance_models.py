"""Bodies and organisations now live in ``governance``: state only, the foreign keys and their
columns do not change."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0006_upload_policy_validators'),
        ('governance', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='consultation',
                    name='organisations',
                    field=models.ManyToManyField(related_name='consultations', to='governance.organisation', verbose_name='høringsinstanser'),
                ),
                migrations.AlterField(
                    model_name='consultationresponse',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='consultation_responses', to='governance.organisation', verbose_name='virksomhet'),
                ),
                migrations.AlterField(
                    model_name='document',
                    name='body',
                    field=models.ForeignKey(help_text='Styringsgruppen som godkjenner dokumentet.', on_delete=django.db.models.deletion.PROTECT, related_name='documents', to='governance.body', verbose_name='styringsgruppe'),
                ),
                migrations.AlterField(
                    model_name='historicalconsultation_organisations',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.organisation'),
                ),
                migrations.AlterField(
                    model_name='historicalconsultationresponse',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.organisation', verbose_name='virksomhet'),
                ),
                migrations.AlterField(
                    model_name='historicaldocument',
                    name='body',
                    field=models.ForeignKey(blank=True, db_constraint=False, help_text='Styringsgruppen som godkjenner dokumentet.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.body', verbose_name='styringsgruppe'),
                ),
            ],
            database_operations=[],
        ),
    ]
